/** Cascade helpers for DeleteIpamPool (F-POOL-15): the pool's subtree, and its space returned. */
import type { PoolCidrRecord, PoolRecord } from '../model';
import type { Deps } from './context';
import { returnToSource } from './pool-deprovision';
import { listAll } from './pool-purge';

/** The pool and all its descendants (a scope holds at most a bounded number of pools). */
export const poolSubtree = async (deps: Deps, pool: PoolRecord): Promise<PoolRecord[]> => {
  const all = (await deps.store.list<PoolRecord>({ kind: 'pool', scopeId: pool.IpamScopeId }, 1000)).items;
  const out = [pool];
  for (let i = 0; i < out.length; i++)
    out.push(...all.filter((p) => p.SourceIpamPoolId === out[i]!.IpamPoolId));
  return out;
};

/** Give every CIDR of `pool` back to its source pool or scope at once. */
export const releaseSourceClaims = async (deps: Deps, pool: PoolRecord): Promise<void> => {
  for (const rec of await listAll<PoolCidrRecord>(deps, { kind: 'pool-cidr', poolId: pool.IpamPoolId })) {
    await returnToSource(deps, pool, rec, []);
  }
};
