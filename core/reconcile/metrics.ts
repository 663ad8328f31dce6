/**
 * A scope's figures (FEATURES-monitoring §2, §4): pool utilization from provisioned CIDRs and
 * allocations (exact for IPv6: BigInt address counts), scope utilization from its top-level
 * pools, and the resource-CIDR counts behind the dashboard from the last evaluation. The same
 * figures feed the API (GetIpamMetrics) and the CloudWatch EMF lines the discovery job logs.
 */

import type { MetricDatum } from '../discovery/emf';
import { poolMetricData, scopeMetricData } from '../discovery/metric-data';
import {
  countByPool,
  countResourceCidrs,
  type PoolCounts,
  poolUtilization,
  scopeUtilization,
} from '../discovery/metrics';
import type { Deps } from '../ops/context';
import { loadScopePools, type PoolData } from './scope-data';
import { loadView } from './view';

const spaceOf = (p: PoolData) => ({
  ProvisionedCidrs: p.cidrs.filter((c) => c.State === 'provisioned').map((c) => c.Cidr),
  Allocations: p.allocations.map((a) => ({ Cidr: a.Cidr, ResourceType: a.ResourceType })),
});

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
  const poolFigures = pools.map((p) => {
    const util = poolUtilization(spaceOf(p));
    const identity = {
      IpamPoolId: p.pool.IpamPoolId,
      IpamScopeId: scopeId,
      ...(p.pool.Locale ? { Locale: p.pool.Locale } : {}),
      AddressFamily: p.pool.AddressFamily,
    };
    metrics.push(...poolMetricData(identity, util, byPool.get(p.pool.IpamPoolId)));
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
    pools.map((p) => ({
      ...spaceOf(p),
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
