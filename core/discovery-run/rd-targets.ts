/**
 * Which resource discoveries feed an IPAM and which (account, region) targets each one reads.
 * Until resource-discovery and association records exist, an IPAM has exactly its default RD,
 * owned by the IPAM owner, operating in the IPAM's operating regions, monitoring the owner's
 * account (single-account mode). These few functions are the one place to switch to the records.
 */
import { fail } from '../errors';
import type { IpamRecord } from '../model';
import type { Caller, Deps } from '../ops/context';
import type { DiscoveryTarget } from './types';

export interface RdView {
  rdId: string;
  ownerId: string;
  regions: string[];
}

/** The resource discoveries associated with an IPAM. */
export const rdsOfIpam = async (_deps: Deps, ipam: IpamRecord): Promise<RdView[]> => [
  {
    rdId: ipam.DefaultResourceDiscoveryId,
    ownerId: ipam.OwnerId,
    regions: ipam.OperatingRegions.map((r) => r.RegionName),
  },
];

/** Accounts a resource discovery monitors (single-account mode: its owner). */
export const monitoredAccounts = async (_deps: Deps, rd: RdView): Promise<{ AccountId: string }[]> => [
  { AccountId: rd.ownerId },
];

/** Regions × accounts, region-major so one slow region does not hold up every account's first read. */
export const targetsOf = async (deps: Deps, rd: RdView): Promise<DiscoveryTarget[]> => {
  const accounts = await monitoredAccounts(deps, rd);
  return rd.regions.flatMap((Region) => accounts.map((a) => ({ ...a, Region })));
};

/** Every IPAM of every owner. */
export const allIpams = async (deps: Deps): Promise<IpamRecord[]> => {
  const out: IpamRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.list<IpamRecord>({ kind: 'ipam', all: true }, 100, cursor);
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
};

const ipamsOf = async (deps: Deps, owner: string): Promise<IpamRecord[]> =>
  (await deps.store.list<IpamRecord>({ kind: 'ipam', owner }, 1000)).items;

/**
 * The resource discovery, if the caller owns it or owns an IPAM it is associated with (F-RD-08).
 * @example const rd = await loadRdForCaller(deps, caller, 'ipam-res-disco-0123456789abcdef0')
 */
export const loadRdForCaller = async (deps: Deps, caller: Caller, rdId: string): Promise<RdView> => {
  for (const ipam of await ipamsOf(deps, caller.accountId)) {
    const rd = (await rdsOfIpam(deps, ipam)).find((r) => r.rdId === rdId);
    if (rd) return rd;
  }
  return fail(
    'InvalidIpamResourceDiscoveryId.NotFound',
    `The resource discovery ID '${rdId}' does not exist.`,
  );
};
