/** Validation of ModifyIpam against what the IPAM holds: F-REGION-03, F-TIER-03, F-V6-03, F-COST-03. */
import { isGua, parseCidr } from '../../cidr';
import { fail } from '../../errors';
import type { Deps } from '../../ports';
import type { IpamRecord, PoolCidrRecord, PoolRecord, ScopeRecord, Tier } from '../../records';

export interface IpamContents {
  scopes: ScopeRecord[];
  pools: PoolRecord[];
}

/** All scopes and pools of an IPAM (at most 5 scopes of 50 pools: bounded reads). */
export const ipamGuards = async (deps: Deps, ipam: IpamRecord): Promise<IpamContents> => {
  const scopes = (await deps.store.list<ScopeRecord>({ kind: 'scope', ipamId: ipam.IpamId }, 1000)).items;
  const pools: PoolRecord[] = [];
  for (const s of scopes)
    pools.push(...(await deps.store.list<PoolRecord>({ kind: 'pool', scopeId: s.IpamScopeId }, 1000)).items);
  return { scopes, pools };
};

const privateGuaProvisioned = async (deps: Deps, pools: PoolRecord[]): Promise<string[]> => {
  const hits: string[] = [];
  for (const p of pools) {
    if (p.IpamScopeType !== 'private' || p.AddressFamily !== 'ipv6' || p.SourceIpamPoolId) continue;
    const cidrs = (await deps.store.list<PoolCidrRecord>({ kind: 'pool-cidr', poolId: p.IpamPoolId }, 100))
      .items;
    for (const c of cidrs) if (isGua(parseCidr(c.Cidr))) hits.push(`${c.Cidr} in ${p.IpamPoolId}`);
  }
  return hits;
};

interface Changes {
  Description?: string;
  add: string[];
  remove: string[];
  Tier?: string;
  EnablePrivateGua?: boolean;
  MeteredAccount?: string;
}

/** The modified IPAM, or a domain error naming what blocks the change. */
/** An advanced IPAM moves to the free tier only when nothing it has needs the advanced tier. */
const refuseFreeTierWith = (ipam: IpamRecord, c: IpamContents): void => {
  const blockers = [
    ...c.pools
      .filter((p) => p.IpamScopeType === 'private')
      .map((p) => `pool ${p.IpamPoolId} is in a private scope`),
    ...c.scopes
      .filter((s) => !s.IsDefault)
      .map((s) => `scope ${s.IpamScopeId} is a non-default private scope`),
    ...c.pools
      .filter((p) => p.Locale && p.Locale !== ipam.IpamRegion)
      .map((p) => `pool ${p.IpamPoolId} has locale ${p.Locale}`),
    ...(ipam.ResourceDiscoveryAssociationCount > 1
      ? ['the IPAM has non-default resource discovery associations']
      : []),
  ];
  if (blockers.length > 0)
    fail('OperationNotPermitted', `The IPAM cannot move to the free tier: ${blockers.join('; ')}.`);
};

export const validateModification = async (
  deps: Deps,
  ipam: IpamRecord,
  c: IpamContents,
  ch: Changes,
): Promise<IpamRecord> => {
  const next: IpamRecord = { ...ipam, State: 'modify-complete' };
  if (ch.Description !== undefined) next.Description = ch.Description;
  if (ch.remove.includes(ipam.IpamRegion)) {
    fail(
      'InvalidParameterValue',
      `The home region ${ipam.IpamRegion} cannot be removed from the operating regions.`,
    );
  }
  const inUse = c.pools.filter((p) => p.Locale && ch.remove.includes(p.Locale));
  if (inUse.length > 0) {
    fail(
      'IncorrectState',
      `Operating regions in use as pool locales cannot be removed: ${inUse.map((p) => `${p.IpamPoolId} (${p.Locale})`).join(', ')}.`,
    );
  }
  const regions = [...ipam.OperatingRegions.map((r) => r.RegionName), ...ch.add].filter(
    (r) => !ch.remove.includes(r),
  );
  next.OperatingRegions = [...new Set(regions)].map((RegionName) => ({ RegionName }));
  if (ch.Tier === 'free' && ipam.Tier === 'advanced') refuseFreeTierWith(ipam, c);
  if (ch.Tier !== undefined) next.Tier = ch.Tier as Tier;
  if (ch.EnablePrivateGua === false && ipam.EnablePrivateGua) {
    const gua = await privateGuaProvisioned(deps, c.pools);
    if (gua.length > 0) fail('IncorrectState', `Private GUA CIDRs are still provisioned: ${gua.join(', ')}.`);
  }
  if (ch.EnablePrivateGua !== undefined) next.EnablePrivateGua = ch.EnablePrivateGua;
  if (ch.MeteredAccount === 'resource-owner') {
    fail(
      'OperationNotPermitted',
      // F-COST-03
      "MeteredAccount 'resource-owner' requires an IPAM created by the organization's delegated IPAM admin.",
    );
  }
  if (ch.MeteredAccount !== undefined && ch.MeteredAccount !== 'ipam-owner') {
    fail('InvalidParameterValue', `MeteredAccount must be 'ipam-owner' or 'resource-owner'.`);
  }
  return next;
};
