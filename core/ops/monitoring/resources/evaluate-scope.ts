/**
 * One scope's rows evaluated against its pools (F-STAT-04..06, F-RES-06), ready to store: used by
 * reconciliation and by ModifyIpamResourceCidr, so both compute statuses the same way.
 */
import type { DiscoveredResourceCidr } from '../analysis/discovered';
import { evaluate } from '../analysis/evaluate';
import type { ResourceCidrInput } from '../analysis/types';
import type { PoolData } from './scope-data';
import type { ViewRow } from './view';

/** A discovered or stored row back to evaluation input (statuses dropped, sample time as text). */
export const toInput = (r: DiscoveredResourceCidr | ViewRow): ResourceCidrInput & { SampleTime?: string } => {
  const { ManagementState, ComplianceStatus, OverlapStatus, IpamPoolId, Violations, IpUsage, ...rest } =
    r as ViewRow;
  const sample = (r as DiscoveredResourceCidr).SampleTime;
  const count = (r as DiscoveredResourceCidr).InUseAddressCount;
  return {
    ...rest,
    ...(sample instanceof Date ? { SampleTime: sample.toISOString() } : {}),
    ...(count !== undefined ? { InUseAddressCount: Number(count) } : {}),
  } as ResourceCidrInput & { SampleTime?: string };
};

/**
 * Evaluates `rows` against the scope's pools and allocations.
 * @example const stored = evaluateScope(await loadScopePools(deps, scopeId), rows);
 */
export const evaluateScope = (pools: readonly PoolData[], rows: readonly ResourceCidrInput[]): ViewRow[] => {
  const evaluated = evaluate({
    resources: rows,
    allocations: pools.flatMap((p) =>
      p.allocations.map((a) => ({
        IpamPoolId: a.IpamPoolId,
        Cidr: a.Cidr,
        ResourceType: a.ResourceType,
        IpamPoolAllocationId: a.IpamPoolAllocationId,
        ...(a.ResourceId ? { ResourceId: a.ResourceId } : {}),
      })),
    ),
    pools: pools.map(({ pool }) => ({
      IpamPoolId: pool.IpamPoolId,
      ...(pool.Locale ? { Locale: pool.Locale } : {}),
      ...(pool.AllocationMinNetmaskLength !== undefined
        ? { AllocationMinNetmaskLength: pool.AllocationMinNetmaskLength }
        : {}),
      ...(pool.AllocationMaxNetmaskLength !== undefined
        ? { AllocationMaxNetmaskLength: pool.AllocationMaxNetmaskLength }
        : {}),
      ...(pool.AllocationDefaultNetmaskLength !== undefined
        ? { AllocationDefaultNetmaskLength: pool.AllocationDefaultNetmaskLength }
        : {}),
      AllocationResourceTags: pool.AllocationResourceTags,
      OwnerId: pool.OwnerId,
    })),
  });
  const stored: ViewRow[] = evaluated.map((r) => {
    const { InUseAddressCount: _, ...rest } = r;
    return rest;
  });
  return stored;
};
