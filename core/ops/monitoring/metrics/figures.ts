/**
 * A scope's figures (FEATURES-monitoring §2, §4): pool utilization from provisioned CIDRs and
 * allocations (exact for IPv6: BigInt address counts), scope utilization from its top-level
 * pools, and the resource-CIDR counts behind the dashboard from the last evaluation. The same
 * figures feed the API (GetIpamMetrics) and the CloudWatch EMF lines the discovery job logs.
 */

import { parseBlock } from '../../../cidr';
import type { Deps } from '../../../ports';
import type {
  AddressRecord,
  CoolingRecord,
  IpamRecord,
  RdAssociationRecord,
  ScopeRecord,
} from '../../../records';
import { listAll } from '../../kit/listing';
import { loadScopePools, type PoolData } from '../resources/scope-data';
import { loadView } from '../resources/view';
import { readSnapshots } from '../run/snapshot';
import {
  contiguousMetricData,
  type InsightAddress,
  poolMetricData,
  publicIpMetricData,
  scopeMetricData,
} from './datapoints';
import { METRIC_NAMESPACE, type MetricDatum } from './emf';
import {
  countByPool,
  countResourceCidrs,
  type PoolCounts,
  poolUtilization,
  scopeUtilization,
} from './utilization';

const spaceOf = (p: PoolData, cooling: readonly string[] = []) => ({
  ProvisionedCidrs: p.cidrs.filter((c) => c.State === 'provisioned').map((c) => c.Cidr),
  Allocations: [
    ...p.allocations.map((a) => ({ Cidr: a.Cidr, ResourceType: a.ResourceType })),
    // Space in its reuse delay counts as assigned until it can be reused (F-MET-03 [decision]).
    ...cooling.map((Cidr) => ({ Cidr, ResourceType: 'custom' as const })),
  ],
});

/** F-MET-05 for an Amazon-provided contiguous IPv4 pool: its addresses, EIPs, and associated EIPs. */
const contiguousOf = async (deps: Deps, p: PoolData): Promise<MetricDatum[]> => {
  if (p.pool.PublicIpSource !== 'amazon' || p.pool.AddressFamily !== 'ipv4') return [];
  const blocks = p.cidrs.filter((c) => c.State === 'provisioned').map((c) => parseBlock(c.Cidr));
  if (blocks.length === 0) return [];
  const eips = p.allocations.filter((a) => a.ResourceType === 'eip' && a.ResourceId !== undefined);
  let associated = 0;
  for (const a of eips) {
    const address = await deps.store.get<AddressRecord>({ kind: 'address', id: a.ResourceId! });
    if (address?.AssociationId) associated++;
  }
  return contiguousMetricData({
    IpamId: p.pool._ipamId,
    IpamPoolId: p.pool.IpamPoolId,
    ...(p.pool.Locale ? { Locale: p.pool.Locale } : {}),
    addresses: blocks.reduce((n, b) => n + Number(b.end - b.start + 1n), 0),
    allocated: eips.length,
    associated,
  });
};

/** A pool's released space still in its reuse delay, inside a CIDR still provisioned. */
const coolingOf = async (deps: Deps, p: PoolData): Promise<string[]> => {
  const now = deps.now();
  const provisioned = p.cidrs.filter((c) => c.State === 'provisioned').map((c) => parseBlock(c.Cidr));
  return (await listAll<CoolingRecord>(deps.store, { kind: 'cooling', poolId: p.pool.IpamPoolId }))
    .filter((c) => {
      const b = parseBlock(c.Cidr);
      return (
        c.Until > now &&
        provisioned.some((h) => h.version === b.version && h.start <= b.start && b.end <= h.end)
      );
    })
    .map((c) => c.Cidr);
};

const counts = (c: PoolCounts | undefined) =>
  c
    ? {
        CompliantResourceCidrs: c.compliant,
        NoncompliantResourceCidrs: c.noncompliant,
        OverlappingResourceCidrs: c.overlapping,
        NonoverlappingResourceCidrs: c.nonoverlapping,
      }
    : {};

export interface ScopeFigures {
  pools: object[];
  scope: object[];
  resourceCidrs: ReturnType<typeof countResourceCidrs>;
  metrics: MetricDatum[];
}

/**
 * Everything measured about one scope now.
 * @example const { pools, metrics } = await scopeFigures(deps, 'ipam-scope-0123');
 */
export const scopeFigures = async (deps: Deps, scopeId: string): Promise<ScopeFigures> => {
  const pools = await loadScopePools(deps, scopeId);
  const { rows } = await loadView(deps, scopeId);
  const byPool = countByPool(rows);
  const metrics: MetricDatum[] = [...scopeMetricData(scopeId, rows)];
  const cooling = await Promise.all(pools.map((p) => coolingOf(deps, p)));
  const contiguous = await Promise.all(pools.map((p) => contiguousOf(deps, p)));
  const poolFigures = pools.map((p, i) => {
    const util = poolUtilization(spaceOf(p, cooling[i]));
    const identity = {
      IpamPoolId: p.pool.IpamPoolId,
      IpamScopeId: scopeId,
      ...(p.pool.Locale ? { Locale: p.pool.Locale } : {}),
      AddressFamily: p.pool.AddressFamily,
    };
    metrics.push(...poolMetricData(identity, util, byPool.get(p.pool.IpamPoolId)), ...contiguous[i]!);
    return {
      ...identity,
      ...(util
        ? {
            ProvisionedAddressCount: util.provisioned.toString(),
            UsedAddressCount: util.used.toString(),
            AvailableAddressCount: util.available.toString(),
            PercentAllocated: util.PercentAllocated,
            PercentAssigned: util.PercentAssigned,
            PercentAvailable: util.PercentAvailable,
          }
        : {}),
      ...counts(byPool.get(p.pool.IpamPoolId)),
    };
  });
  const scope = scopeUtilization(
    pools.map((p, i) => ({
      ...spaceOf(p, cooling[i]),
      AddressFamily: p.pool.AddressFamily,
      ...(p.pool.SourceIpamPoolId ? { SourceIpamPoolId: p.pool.SourceIpamPoolId } : {}),
      ...(p.pool.SourceResource ? { SourceResource: p.pool.SourceResource } : {}),
    })),
  ).map((u) => ({
    AddressFamily: u.AddressFamily,
    ProvisionedAddressCount: u.provisioned.toString(),
    UsedAddressCount: u.used.toString(),
    PercentUsed: Math.round(u.share * 10_000) / 100,
  }));
  return { pools: poolFigures, scope, resourceCidrs: countResourceCidrs(rows), metrics };
};

/** F-MET-12 from the latest snapshots of every resource discovery the IPAM uses, per region. */
const insightMetrics = async (deps: Deps, ipam: IpamRecord): Promise<MetricDatum[]> => {
  const byRegion = new Map<string, InsightAddress[]>();
  const associations = await listAll<RdAssociationRecord>(deps.store, {
    kind: 'rd-association',
    ipamId: ipam.IpamId,
  });
  for (const rdId of new Set(associations.map((a) => a.IpamResourceDiscoveryId)))
    for (const snapshot of await readSnapshots(deps, rdId))
      for (const a of snapshot.addresses)
        byRegion.set(a.AddressRegion, [...(byRegion.get(a.AddressRegion) ?? []), a]);
  return [...byRegion]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([region, list]) => publicIpMetricData(ipam.IpamId, region, list));
};

/**
 * Every scope's figures of one IPAM at the end of a cycle, stored in the metric store under the
 * IPAM owner's account (F-MET-14/16) and returned for the EMF lines.
 * @example const metrics = await recordIpamMetrics(deps, ipam, new Date());
 */
export const recordIpamMetrics = async (deps: Deps, ipam: IpamRecord, at: Date): Promise<MetricDatum[]> => {
  const scopes = await listAll<ScopeRecord>(deps.store, { kind: 'scope', ipamId: ipam.IpamId });
  const metrics: MetricDatum[] = [];
  for (const s of scopes) metrics.push(...(await scopeFigures(deps, s.IpamScopeId)).metrics);
  metrics.push(...(await insightMetrics(deps, ipam)));
  const expires = at.getTime() + deps.config.metricRetentionMs;
  await deps.store.putMetrics(
    metrics.map((m) => ({
      Account: ipam.OwnerId,
      Namespace: METRIC_NAMESPACE,
      MetricName: m.Name,
      Dimensions: m.Dimensions,
      Unit: m.Unit,
      Timestamp: at.getTime(),
      Value: m.Value,
      expires,
    })),
  );
  return metrics;
};
