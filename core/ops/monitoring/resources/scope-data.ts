/** What one scope's reconciliation reads: its pools, their provisioned CIDRs and allocations. */

import type { Deps } from '../../../ports';
import type { AllocationRecord, PoolCidrRecord, PoolRecord } from '../../../records';
import { listAll } from '../../kit/listing';

export interface PoolData {
  pool: PoolRecord;
  cidrs: PoolCidrRecord[];
  allocations: AllocationRecord[];
}

/**
 * Every pool of the scope with its CIDRs and allocations (strongly consistent reads).
 * @example const pools = await loadScopePools(deps, ipam.PrivateDefaultScopeId);
 */
export const loadScopePools = async (deps: Deps, scopeId: string): Promise<PoolData[]> => {
  const pools = await listAll<PoolRecord>(deps.store, { kind: 'pool', scopeId });
  return Promise.all(
    pools.map(async (pool) => ({
      pool,
      cidrs: (await deps.store.getPool(pool.IpamPoolId)).cidrs,
      allocations: await listAll<AllocationRecord>(deps.store, {
        kind: 'allocation',
        poolId: pool.IpamPoolId,
      }),
    })),
  );
};
