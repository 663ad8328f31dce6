/** What one scope's reconciliation reads: its pools, their provisioned CIDRs and allocations. */
import type { AllocationRecord, PoolCidrRecord, PoolRecord } from '../model';
import type { Deps } from '../ops/context';
import type { ListQuery } from '../store/port';

export interface PoolData {
  pool: PoolRecord;
  cidrs: PoolCidrRecord[];
  allocations: AllocationRecord[];
}

const listAll = async <T>(deps: Deps, q: ListQuery): Promise<T[]> => {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.list(q, 1000, cursor);
    out.push(...(page.items as T[]));
    cursor = page.cursor;
  } while (cursor);
  return out;
};

/**
 * Every pool of the scope with its CIDRs and allocations (strongly consistent reads).
 * @example const pools = await loadScopePools(deps, ipam.PrivateDefaultScopeId);
 */
export const loadScopePools = async (deps: Deps, scopeId: string): Promise<PoolData[]> => {
  const pools = await listAll<PoolRecord>(deps, { kind: 'pool', scopeId });
  return Promise.all(
    pools.map(async (pool) => ({
      pool,
      cidrs: (await deps.store.getPool(pool.IpamPoolId)).cidrs,
      allocations: await listAll<AllocationRecord>(deps, { kind: 'allocation', poolId: pool.IpamPoolId }),
    })),
  );
};
