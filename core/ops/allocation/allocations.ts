/** ReleaseIpamPoolAllocation (F-ALLOC-07, -09), allocation lists (F-ALLOC-10, -11) and edits (F-ALLOC-12). */
import { familyOf, formatCidr, parseCidr } from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { AllocationRecord } from '../../records';
import { dryRun, required } from '../kit/common';
import { ALLOCATION_BOUNDS, filterPredicate, listPage, type PageInput } from '../kit/listing';
import { requireLocaleRegion, updateRecord } from '../kit/loads';
import { loadVisiblePool } from '../sharing/grants';
import { allocationShape } from './allocate';
import { releaseAllocation } from './release';

const ALLOCATION_FIELDS = [
  'Cidr',
  'IpamPoolAllocationId',
  'Description',
  'ResourceId',
  'ResourceType',
  'ResourceRegion',
  'ResourceOwner',
] as const;

const notFound = (id: string | undefined): never =>
  fail(
    'InvalidIpamPoolAllocationId.NotFound',
    `The allocation '${id ?? ''}' does not exist in this pool with this CIDR.`,
  );

export const releaseIpamPoolAllocation = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamPoolId?: string; Cidr?: string; IpamPoolAllocationId?: string },
): Promise<{ Success: boolean }> => {
  required(input.IpamPoolId, 'IpamPoolId');
  const text = required(input.Cidr, 'Cidr');
  const allocationId = required(input.IpamPoolAllocationId, 'IpamPoolAllocationId');
  const pool = await loadVisiblePool(deps, caller, input.IpamPoolId);
  requireLocaleRegion(pool, caller);
  const cidr = parseCidr(text, familyOf(pool.AddressFamily));
  const rec = await deps.store.get<AllocationRecord>({
    kind: 'allocation',
    poolId: pool.IpamPoolId,
    cidr: formatCidr(cidr),
  });
  if (!rec || rec.IpamPoolAllocationId !== allocationId) return notFound(allocationId);
  // A share principal releases its own allocations only; the owner any.
  if (pool.OwnerId !== caller.accountId && rec.ResourceOwner !== caller.accountId)
    return notFound(allocationId);
  if (rec.ResourceType !== 'custom') {
    fail(
      'OperationNotPermitted',
      // F-ALLOC-07
      `Only custom allocations can be released this way; ${rec.ResourceType} allocations are released by ${rec.ResourceType === 'ipam-pool' ? 'deprovisioning the child pool CIDR' : 'deleting or ignoring the resource CIDR'}.`,
    );
  }
  dryRun(input);
  if (!(await releaseAllocation(deps, pool, rec))) return notFound(allocationId);
  return { Success: true };
};

export const getIpamPoolAllocations = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean; IpamPoolId?: string; IpamPoolAllocationId?: string },
): Promise<{ IpamPoolAllocations: object[]; NextToken?: string }> => {
  required(input.IpamPoolId, 'IpamPoolId');
  const match = filterPredicate(input.Filters, ALLOCATION_FIELDS);
  const pool = await loadVisiblePool(deps, caller, input.IpamPoolId);
  requireLocaleRegion(pool, caller);
  dryRun(input);
  const keep = (a: AllocationRecord) =>
    (input.IpamPoolAllocationId === undefined || a.IpamPoolAllocationId === input.IpamPoolAllocationId) &&
    match(a);
  const page = await listPage<AllocationRecord>(
    deps.store,
    { kind: 'allocation', poolId: pool.IpamPoolId },
    input,
    keep,
    ALLOCATION_BOUNDS,
  );
  return {
    IpamPoolAllocations: page.items.map(allocationShape),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};

export const describeIpamPoolAllocations = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean; IpamPoolAllocationIds?: string[] },
): Promise<{ IpamPoolAllocations: object[]; NextToken?: string }> => {
  const match = filterPredicate(input.Filters, [...ALLOCATION_FIELDS, 'IpamPoolId']);
  dryRun(input);
  const ids = input.IpamPoolAllocationIds ?? [];
  const keep = (a: AllocationRecord) =>
    (ids.length === 0 || ids.includes(a.IpamPoolAllocationId)) && match(a);
  const page = await listPage<AllocationRecord>(
    deps.store,
    { kind: 'allocation', owner: caller.accountId },
    input,
    keep,
    ALLOCATION_BOUNDS,
  );
  return {
    IpamPoolAllocations: page.items.map(allocationShape),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};

export const modifyIpamPoolAllocation = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamPoolAllocationId?: string; Description?: string },
): Promise<{ IpamPoolAllocation: object }> => {
  const id = required(input.IpamPoolAllocationId, 'IpamPoolAllocationId');
  const load = async () => {
    const hit = (await deps.store.list<AllocationRecord>({ kind: 'allocation', allocationId: id }, 1))
      .items[0];
    const rec =
      hit &&
      (await deps.store.get<AllocationRecord>({
        kind: 'allocation',
        poolId: hit.IpamPoolId,
        cidr: hit.Cidr,
      }));
    if (!rec || rec.IpamPoolAllocationId !== id || rec.ResourceOwner !== caller.accountId)
      return notFound(id);
    return rec;
  };
  const next = await updateRecord<AllocationRecord>(deps, load, (rec) => {
    dryRun(input);
    const changed = { ...rec };
    if (input.Description === undefined || input.Description === '') delete changed.Description;
    else changed.Description = input.Description;
    return { next: changed };
  });
  return { IpamPoolAllocation: allocationShape(next) };
};
