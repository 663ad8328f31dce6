/**
 * Pool and scope utilisation (F-MET-03, F-MON-14/15) and the dashboard / scope-metric counts
 * (F-MON-04..07, F-MET-04, F-STAT-09). Address counts are exact BigInt (F-STAT-01); shares are
 * derived at the end with `share`, never by turning a 2^80 count into a Number first.
 */

import { type Interval, intersectionSize, mergeIntervals, parseBlock, share, unionSize } from '../../../cidr';
import type { AllocationResourceType, EvaluatedResourceCidr, ResourceType } from '../analysis/types';

export { type EmfOptions, type MetricDatum, type MetricUnit, toEmfLines } from './emf';

export interface PoolSpaceInput {
  /** CIDRs in state `provisioned` (only those count, F-MET-03). */
  ProvisionedCidrs: readonly string[];
  Allocations: readonly { Cidr: string; ResourceType: AllocationResourceType }[];
  /** Released space still in cool-down: counted as assigned (F-MET-03 [decision], F-ALLOC-09). */
  CoolingDownCidrs?: readonly string[];
}

export interface PoolUtilization {
  provisioned: bigint;
  /** Given to child pools (`ipam-pool` allocations). */
  allocatedToPools: bigint;
  /** Given to resources and custom allocations, plus cool-down space. */
  assigned: bigint;
  /** Union of both, inside provisioned space. */
  used: bigint;
  available: bigint;
  /** used / provisioned, 0..1. */
  share: number;
  /** 0..100 (F-MET-14). */
  PercentAllocated: number;
  PercentAssigned: number;
  PercentAvailable: number;
}

const blocks = (cidrs: readonly string[]): Interval[] => cidrs.map(parseBlock);

/**
 * Undefined when the pool has no provisioned space: such a pool publishes nothing (F-MET-03).
 * @example poolUtilization({ ProvisionedCidrs: ['2001:db8::/48'], Allocations: [{ Cidr: '2001:db8::/64', ResourceType: 'vpc' }] })
 * // { provisioned: 2n ** 80n, assigned: 2n ** 64n, share: 1 / 65536, PercentAssigned: 100 / 65536, ... }
 */
export const poolUtilization = (pool: PoolSpaceInput): PoolUtilization | undefined => {
  const space = mergeIntervals(blocks(pool.ProvisionedCidrs));
  const provisioned = unionSize(space);
  if (provisioned === 0n) return undefined;
  const toPools = pool.Allocations.filter((a) => a.ResourceType === 'ipam-pool').map((a) => a.Cidr);
  const toResources = pool.Allocations.filter((a) => a.ResourceType !== 'ipam-pool').map((a) => a.Cidr);
  const assignedBlocks = blocks([...toResources, ...(pool.CoolingDownCidrs ?? [])]);
  const poolBlocks = blocks(toPools);
  const allocatedToPools = intersectionSize(poolBlocks, space);
  const assigned = intersectionSize(assignedBlocks, space);
  const used = intersectionSize([...poolBlocks, ...assignedBlocks], space);
  const available = provisioned - used;
  return {
    provisioned,
    allocatedToPools,
    assigned,
    used,
    available,
    share: share(used, provisioned),
    PercentAllocated: share(100n * allocatedToPools, provisioned),
    PercentAssigned: share(100n * assigned, provisioned),
    PercentAvailable: share(100n * available, provisioned),
  };
};

export interface ScopePoolInput extends PoolSpaceInput {
  AddressFamily: 'ipv4' | 'ipv6';
  SourceIpamPoolId?: string;
  /** Resource-planning pools re-plan space already counted in a top-level pool. */
  SourceResource?: unknown;
}

export interface ScopeUtilization {
  AddressFamily: 'ipv4' | 'ipv6';
  provisioned: bigint;
  used: bigint;
  share: number;
}

/**
 * Scope utilisation per family [decision: the spec names no formula]: the space of the scope is
 * the union of its top-level pools' provisioned CIDRs; used is the union of everything those
 * pools have allocated (child pools, resources, custom, cool-down). Child pools are not added
 * again: their space is already an `ipam-pool` allocation of their parent.
 */
export const scopeUtilization = (pools: readonly ScopePoolInput[]): ScopeUtilization[] =>
  (['ipv4', 'ipv6'] as const).flatMap((family) => {
    const top = pools.filter((p) => p.AddressFamily === family && !p.SourceIpamPoolId && !p.SourceResource);
    const space = blocks(top.flatMap((p) => p.ProvisionedCidrs));
    const provisioned = unionSize(space);
    if (provisioned === 0n) return [];
    const taken = blocks(
      top.flatMap((p) => [...p.Allocations.map((a) => a.Cidr), ...(p.CoolingDownCidrs ?? [])]),
    );
    const used = intersectionSize(taken, space);
    return [{ AddressFamily: family, provisioned, used, share: share(used, provisioned) }];
  });

export interface ResourceCidrCounts {
  total: number;
  byType: Record<ResourceType, number>;
  managed: number;
  unmanaged: number;
  ignored: number;
  /** Rows with no statuses ("–"): unmanageable types, subnets without an allocation. */
  notApplicable: number;
  compliant: number;
  noncompliant: number;
  overlapping: number;
  nonoverlapping: number;
}

const emptyCounts = (): ResourceCidrCounts => ({
  total: 0,
  byType: { vpc: 0, subnet: 0, eip: 0, 'public-ipv4-pool': 0, 'ipv6-pool': 0, eni: 0, 'anycast-ip-list': 0 },
  managed: 0,
  unmanaged: 0,
  ignored: 0,
  notApplicable: 0,
  compliant: 0,
  noncompliant: 0,
  overlapping: 0,
  nonoverlapping: 0,
});

const add = (c: ResourceCidrCounts, r: EvaluatedResourceCidr): void => {
  c.total++;
  c.byType[r.ResourceType]++;
  if (r.ManagementState === undefined) c.notApplicable++;
  else c[r.ManagementState]++;
  if (r.ComplianceStatus === 'compliant' || r.ComplianceStatus === 'noncompliant') c[r.ComplianceStatus]++;
  if (r.OverlapStatus === 'overlapping' || r.OverlapStatus === 'nonoverlapping') c[r.OverlapStatus]++;
};

export type FamilyLabel = 'IPv4' | 'IPv6';
export const familyOfRow = (r: { ResourceCidr: string }): FamilyLabel =>
  r.ResourceCidr.includes(':') ? 'IPv6' : 'IPv4';

/**
 * Dashboard counts of evaluated rows, overall and per family (scope metrics are per family,
 * F-MET-07). Every `managed` row counts as managed, EIPs included (F-MON-05 [decision]).
 */
export const countResourceCidrs = (
  rows: readonly EvaluatedResourceCidr[],
): { all: ResourceCidrCounts; IPv4: ResourceCidrCounts; IPv6: ResourceCidrCounts } => {
  const out = { all: emptyCounts(), IPv4: emptyCounts(), IPv6: emptyCounts() };
  for (const r of rows) {
    add(out.all, r);
    add(out[familyOfRow(r)], r);
  }
  return out;
};

export interface PoolCounts {
  compliant: number;
  noncompliant: number;
  overlapping: number;
  nonoverlapping: number;
}

/** Per pool: its managed rows by compliance and overlap (F-STAT-09); pools managing none are absent ("–"). */
export const countByPool = (rows: readonly EvaluatedResourceCidr[]): Map<string, PoolCounts> => {
  const out = new Map<string, PoolCounts>();
  for (const r of rows) {
    if (r.ManagementState !== 'managed' || r.IpamPoolId === undefined) continue;
    const c = out.get(r.IpamPoolId) ?? { compliant: 0, noncompliant: 0, overlapping: 0, nonoverlapping: 0 };
    out.set(r.IpamPoolId, c);
    if (r.ComplianceStatus === 'compliant' || r.ComplianceStatus === 'noncompliant') c[r.ComplianceStatus]++;
    if (r.OverlapStatus === 'overlapping' || r.OverlapStatus === 'nonoverlapping') c[r.OverlapStatus]++;
  }
  return out;
};
