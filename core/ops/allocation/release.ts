/**
 * Giving an allocation's space back to its pool: one atomic commit that releases the space-tree
 * claim (into the IPAM tier's reuse delay, F-ALLOC-09) and deletes the allocation record at the
 * version that was read, plus whatever the caller adds (the resource index entry). Shared by
 * ReleaseIpamPoolAllocation and event-triggered reclamation, so both release the same way.
 */
import { contains, familyOf, parseCidr } from '../../cidr';
import type { Deps, Write } from '../../ports';
import type { AllocationRecord, IpamRecord, PoolRecord } from '../../records';
import { release } from './allocator';
import { poolRoots } from './pool-space';

/**
 * Releases `rec` from `pool`; false when the allocation or its space is no longer as read
 * (someone else released it first), in which case nothing was written.
 * `neverUsed`: the resource was never created, so the space skips the reuse delay.
 * @example if (!(await releaseAllocation(deps, pool, rec))) notFound();
 */
export const releaseAllocation = async (
  deps: Deps,
  pool: PoolRecord,
  rec: AllocationRecord,
  extra: Write[] = [],
  opts: { neverUsed?: boolean } = {},
): Promise<boolean> => {
  const ipam = await deps.store.get<IpamRecord>({ kind: 'ipam', id: pool._ipamId });
  // Space no resource ever held (its creation failed) needs no reuse delay.
  const tierDelay = ipam?.Tier === 'free' ? deps.config.reuseDelayMs.free : deps.config.reuseDelayMs.advanced;
  const delay = opts.neverUsed ? 0 : tierDelay;
  const cidr = parseCidr(rec.Cidr, familyOf(pool.AddressFamily));
  const holder = (await poolRoots(deps, pool)).find((r) => contains(r.cidr, cidr));
  if (!holder) return false;
  const until = deps.now() + delay;
  // Reported to the pool metrics while it lasts (F-MET-03); the space tree enforces it.
  const cooling: Write[] =
    delay > 0
      ? [
          {
            type: 'create',
            record: {
              kind: 'cooling',
              IpamPoolId: pool.IpamPoolId,
              Cidr: rec.Cidr,
              IpamPoolAllocationId: rec.IpamPoolAllocationId,
              Until: until,
              ttl: Math.floor(until / 1000) + 86_400,
              _v: 1,
              _created: deps.now(),
            },
          },
        ]
      : [];
  const res = await release(
    { store: deps.store },
    {
      root: holder.root,
      block: cidr,
      value: rec.IpamPoolAllocationId,
      ...(delay > 0 ? { coolUntil: until } : {}),
      extra: [
        {
          type: 'delete',
          ref: { kind: 'allocation', poolId: pool.IpamPoolId, cidr: rec.Cidr },
          expectVersion: rec._v,
        },
        ...cooling,
        ...extra,
      ],
    },
  );
  return res.ok;
};
