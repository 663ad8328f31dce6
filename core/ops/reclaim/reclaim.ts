/**
 * Event-triggered reclamation (F-ALLOC-08, F-FAC-03): a resource is gone, so the space it holds
 * goes back to its pools now, not at the next discovery cycle. The resource index names exactly
 * the allocations the resource holds at this moment, and each release is conditioned on the
 * allocation record still being that one (same id, same version), so a duplicate, late or
 * out-of-order event never releases space that now belongs to someone else.
 */
import { formatCidr, parseCidr } from '../../cidr';
import type { Deps } from '../../ports';
import type { AllocationRecord, PoolRecord, ResourceRefRecord } from '../../records';
import { releaseAllocation } from '../allocation/release';
import { listAll } from '../kit/listing';

export interface ReclaimTarget {
  ResourceId: string;
  /** Only this CIDR of the resource (a disassociated VPC CIDR block); absent: all of it. */
  Cidr?: string;
  /** The account the event came from; allocations owned by another account are left alone. */
  ResourceOwner?: string;
  /** The resource was never made (its creation failed): the space skips the reuse delay. */
  NeverUsed?: boolean;
}

export interface Reclaimed {
  IpamPoolId: string;
  Cidr: string;
  IpamPoolAllocationId: string;
}

const sameCidr = (a: string, b: string): boolean => {
  try {
    return formatCidr(parseCidr(a)) === formatCidr(parseCidr(b));
  } catch {
    return false;
  }
};

/**
 * Releases what `target` holds and returns what was released (empty when nothing was held: a
 * duplicate or late event).
 * @example await reclaimResource(deps, { ResourceId: 'vpc-0abc', ResourceOwner: '111122223333' });
 */
export const reclaimResource = async (deps: Deps, target: ReclaimTarget): Promise<Reclaimed[]> => {
  const released: Reclaimed[] = [];
  for (const ref of await listAll<ResourceRefRecord>(deps.store, {
    kind: 'resource-ref',
    resourceId: target.ResourceId,
  })) {
    if (target.Cidr !== undefined && !sameCidr(ref.Cidr, target.Cidr)) continue;
    if (target.ResourceOwner !== undefined && ref.ResourceOwner !== target.ResourceOwner) continue;
    const rec = await deps.store.get<AllocationRecord>({
      kind: 'allocation',
      poolId: ref.IpamPoolId,
      cidr: ref.Cidr,
    });
    const dropRef = {
      type: 'delete' as const,
      ref: {
        kind: 'resource-ref' as const,
        resourceId: ref.ResourceId,
        poolId: ref.IpamPoolId,
        cidr: ref.Cidr,
      },
      expectVersion: ref._v,
    };
    const pool = await deps.store.get<PoolRecord>({ kind: 'pool', id: ref.IpamPoolId });
    const current =
      rec?.IpamPoolAllocationId === ref.IpamPoolAllocationId && rec.ResourceId === ref.ResourceId;
    if (!pool || !rec || !current) {
      // The allocation went another way (its pool was deleted with Cascade): drop the stale entry.
      await deps.store.commit([dropRef]);
      continue;
    }
    const ok = await releaseAllocation(deps, pool, rec, [dropRef], { neverUsed: target.NeverUsed === true });
    if (ok)
      released.push({
        IpamPoolId: ref.IpamPoolId,
        Cidr: ref.Cidr,
        IpamPoolAllocationId: ref.IpamPoolAllocationId,
      });
  }
  return released;
};
