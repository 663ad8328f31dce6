/**
 * Why an explicit CIDR could not be allocated: what it overlaps, named as far as the caller may
 * see it (the pool's owner and the allocation's resource owner see its id and description; anyone
 * else only its CIDR). Read only after a refused claim, so the allocation path pays nothing.
 */
import { type Cidr, formatCidr, overlaps, parseCidr } from '../../cidr';
import type { Caller, Deps } from '../../ports';
import type { AllocationRecord, PoolRecord } from '../../records';
import { listAll } from '../kit/listing';

/** At most this many overlapping allocations are named. */
const NAMED = 3;

const named = (a: AllocationRecord, caller: Caller, pool: PoolRecord): string => {
  if (caller.accountId !== pool.OwnerId && caller.accountId !== a.ResourceOwner) return a.Cidr;
  const description = a.Description ? `, "${a.Description}"` : '';
  return `${a.Cidr} (${a.IpamPoolAllocationId}${description})`;
};

/**
 * @example await overlapMessage(deps, caller, pool, parseCidr('10.0.1.0/24'))
 * // 'The CIDR 10.0.1.0/24 is not available in pool ipam-pool-…: it overlaps 10.0.0.0/16 (ipam-pool-alloc-…, "build farm").'
 */
export const overlapMessage = async (
  deps: Deps,
  caller: Caller,
  pool: PoolRecord,
  cidr: Cidr,
): Promise<string> => {
  const head = `The CIDR ${formatCidr(cidr)} is not available in pool ${pool.IpamPoolId}`;
  const all = await listAll<AllocationRecord>(deps.store, { kind: 'allocation', poolId: pool.IpamPoolId });
  const hits = all.filter((a) => overlaps(parseCidr(a.Cidr), cidr));
  if (hits.length === 0) return `${head}: it overlaps space released recently and still in its reuse delay.`;
  const more = hits.length > NAMED ? ` and ${hits.length - NAMED} more` : '';
  return `${head}: it overlaps ${hits
    .slice(0, NAMED)
    .map((a) => named(a, caller, pool))
    .join(', ')}${more}.`;
};
