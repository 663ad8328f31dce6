/**
 * Which resource discoveries feed an IPAM and which (account, region) targets each one reads:
 * the IPAM's default RD (its owner, its operating regions) and its associated RDs (their own
 * operating regions). An RD monitors its owner's account, or, when the owner is the IPAM
 * delegated admin of an organization, every member account minus its OU exclusions
 * (core/ops/org-registry.ts).
 */
import { fail } from '../../../errors';
import type { Caller, Deps } from '../../../ports';
import type { IpamRecord, OuExclusion, ResourceDiscoveryRecord } from '../../../records';
import { associationsOf, liveRdOf, sharedWith } from '../../discovery/common';
import { listAll } from '../../kit/listing';
import { monitoredBy } from '../../organization/membership';
import type { DiscoveryTarget } from './types';

export interface RdView {
  rdId: string;
  ownerId: string;
  regions: string[];
  exclusions: OuExclusion[];
}

const viewOf = (rd: ResourceDiscoveryRecord): RdView => ({
  rdId: rd.IpamResourceDiscoveryId,
  ownerId: rd.OwnerId,
  // The RD's own region first (an IPAM lists its home region last, as EC2 does).
  regions: [
    ...rd.OperatingRegions.map((r) => r.RegionName).filter((r) => r === rd.IpamResourceDiscoveryRegion),
    ...rd.OperatingRegions.map((r) => r.RegionName).filter((r) => r !== rd.IpamResourceDiscoveryRegion),
  ],
  exclusions: rd.OrganizationalUnitExclusions,
});

/**
 * The resource discoveries associated with an IPAM (F-RDA-02), its default RD included, that
 * still exist and are still shared with the IPAM owner (otherwise `not-found`, feeding nothing).
 */
export const rdsOfIpam = async (deps: Deps, ipam: IpamRecord): Promise<RdView[]> => {
  const out: RdView[] = [];
  for (const a of await associationsOf(deps, ipam.IpamId)) {
    const rd = await liveRdOf(deps, a);
    if (rd) out.push(viewOf(rd));
  }
  return out;
};

/**
 * Regions × monitored accounts, region-major so one slow region does not hold up every account's
 * first read; and the accounts the RD's OU exclusions leave out.
 */
export const targetsOf = async (
  deps: Deps,
  rd: RdView,
): Promise<{ targets: DiscoveryTarget[]; excluded: string[] }> => {
  const { accounts, excluded } = await monitoredBy(deps, rd.ownerId, rd.exclusions);
  return { targets: rd.regions.flatMap((Region) => accounts.map((a) => ({ ...a, Region }))), excluded };
};

/** Every IPAM of every owner. */
export const allIpams = (deps: Deps): Promise<IpamRecord[]> =>
  listAll<IpamRecord>(deps.store, { kind: 'ipam', all: true });

const ipamsOf = async (deps: Deps, owner: string): Promise<IpamRecord[]> =>
  (await deps.store.list<IpamRecord>({ kind: 'ipam', owner }, 1000)).items;

/**
 * The resource discovery, if the caller owns it or owns an IPAM it is associated with (F-RD-08).
 * @example const rd = await loadRdForCaller(deps, caller, 'ipam-res-disco-0123456789abcdef0')
 */
export const loadRdForCaller = async (deps: Deps, caller: Caller, rdId: string): Promise<RdView> => {
  const own = await deps.store.get<ResourceDiscoveryRecord>({ kind: 'resource-discovery', id: rdId });
  // The owner, and an account it is shared with (F-RD-08).
  if (own && (await sharedWith(deps, own, caller.accountId))) return viewOf(own);
  for (const ipam of await ipamsOf(deps, caller.accountId)) {
    const rd = (await rdsOfIpam(deps, ipam)).find((r) => r.rdId === rdId);
    if (rd) return rd;
  }
  return fail(
    'InvalidIpamResourceDiscoveryId.NotFound',
    `The resource discovery ID '${rdId}' does not exist.`,
  );
};
