/**
 * Grants: the one thing the allocation path reads about sharing (F-RULE-06). "May account A use
 * pool P" is one Query of A's few grant items in P's partition (`GRANT#<A>#`, one per share),
 * never a Query over shares, and the allocation path reads it from the store's short-lived
 * per-process copy, like the pool itself; the pool owner needs no read at all.
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { PoolGrantRecord, PoolRecord } from '../../records';
import { listAll } from '../kit/listing';
import { seenFrom } from '../kit/loads';

/** Does some share give `accountId` the use of `poolId` (accepted, if it was an invitation)? */
export const hasGrant = async (
  deps: Deps,
  accountId: string,
  poolId: string,
  opts: { cached?: boolean } = {},
): Promise<boolean> =>
  // A grant still waiting for an invitation's answer must not hide an active one through another share.
  (await deps.store.grantsOf(poolId, accountId, opts)).some((g) => g.Status === 'ACTIVE');

/**
 * The owner, or a principal of a share of the pool. `cached`: the allocation path, which may see
 * a revocation made by another process up to the pool cache's lifetime (a second) late.
 */
export const mayUsePool = async (
  deps: Deps,
  caller: Caller,
  pool: PoolRecord,
  opts: { cached?: boolean } = {},
): Promise<boolean> =>
  pool.OwnerId === caller.accountId || hasGrant(deps, caller.accountId, pool.IpamPoolId, opts);

/** EC2's answer for a pool that does not exist, also given to accounts that may not see it. */
export const poolNotFound = (id: string | undefined): never =>
  fail('InvalidIpamPoolId.NotFound', `The IPAM pool ID '${id ?? ''}' does not exist.`);

/**
 * A pool the caller owns or was shared (reading its CIDRs and allocations, allocating,
 * releasing): everybody else is told it does not exist, exactly as for an unknown id.
 */
export const loadVisiblePool = async (
  deps: Deps,
  caller: Caller,
  id: string | undefined,
): Promise<PoolRecord> => {
  const pool = id ? await deps.store.get<PoolRecord>({ kind: 'pool', id }) : undefined;
  if (!pool || !seenFrom(caller, pool) || !(await mayUsePool(deps, caller, pool))) return poolNotFound(id);
  return pool;
};

/** The pools shared with an account (active grants), each once, in id order. */
export const sharedPoolIds = async (deps: Deps, accountId: string): Promise<string[]> => {
  const grants = await listAll<PoolGrantRecord>(deps.store, { kind: 'pool-grant', grantee: accountId });
  return [...new Set(grants.filter((g) => g.Status === 'ACTIVE').map((g) => g.IpamPoolId))];
};

/** Every grant held on a pool, through any share. */
export const grantsOnPool = (deps: Deps, poolId: string): Promise<PoolGrantRecord[]> =>
  listAll<PoolGrantRecord>(deps.store, { kind: 'pool-grant', poolId });
