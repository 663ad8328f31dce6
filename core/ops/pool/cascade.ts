/** Cascade helpers for DeleteIpamPool (F-POOL-15): the pool's subtree, and its space returned. */
import { fail } from '../../errors';
import type { Deps } from '../../ports';
import type { PoolCidrRecord, PoolRecord } from '../../records';
import { returnToSource } from './deprovision';
import { listAll, MARK_ROUNDS, markDeleting, pause } from './purge';

/** The pool and all its descendants (a scope holds at most a bounded number of pools). */
export const poolSubtree = async (deps: Deps, pool: PoolRecord): Promise<PoolRecord[]> => {
  const all = (await deps.store.list<PoolRecord>({ kind: 'pool', scopeId: pool.IpamScopeId }, 1000)).items;
  const out = [pool];
  for (let i = 0; i < out.length; i++)
    out.push(...all.filter((p) => p.SourceIpamPoolId === out[i]!.IpamPoolId));
  return out;
};

/**
 * Marks the pool and all its descendants delete-in-progress, top-down, and returns them: no
 * allocation starts in a marked pool, and no child pool is created under one (the child's
 * counter write on its source refuses that state). Each mark replaces the pool at the version
 * just read, and creating or removing a child moves that version, so a lost race means the
 * subtree changed: it is read again. Pools are listed through an index that may lag behind, so
 * the marked pools' exact child counts decide when the listing has shown every child.
 */
export const markSubtree = async (deps: Deps, pool: PoolRecord): Promise<PoolRecord[]> => {
  const marked = new Map<string, PoolRecord>();
  for (let round = 0; round < MARK_ROUNDS; round++) {
    let lost = false;
    for (const p of await poolSubtree(deps, pool)) {
      if (marked.has(p.IpamPoolId)) continue;
      const m = await markDeleting<PoolRecord>(deps, { kind: 'pool', id: p.IpamPoolId });
      if (m === 'lost') {
        lost = true;
        break;
      }
      if (m) marked.set(m.IpamPoolId, m);
    }
    if (!lost && (await childrenAllListed(deps, marked))) return [...marked.values()];
    // The listing lags the counts (or lost a race): give the index a moment before reading again.
    if (!lost) await pause(round);
  }
  return fail(
    'IncorrectState',
    `Pool ${pool.IpamPoolId} kept changing while it was being deleted; retry the request.`,
  );
};

/** Does every marked pool have as many marked children as its child count says? */
const childrenAllListed = async (deps: Deps, marked: Map<string, PoolRecord>): Promise<boolean> => {
  for (const p of [...marked.values()]) {
    const listed = [...marked.values()].filter((c) => c.SourceIpamPoolId === p.IpamPoolId).length;
    if (listed >= p._childCount) continue;
    // A child may have been deleted since the mark: the count to trust is the stored one.
    const fresh = await deps.store.get<PoolRecord>({ kind: 'pool', id: p.IpamPoolId });
    if (fresh) marked.set(p.IpamPoolId, fresh);
    if (fresh && listed < fresh._childCount) return false;
  }
  return true;
};

/** Give every CIDR of `pool` back to its source pool or scope at once. */
export const releaseSourceClaims = async (deps: Deps, pool: PoolRecord): Promise<void> => {
  for (const rec of await listAll<PoolCidrRecord>(deps, { kind: 'pool-cidr', poolId: pool.IpamPoolId })) {
    await returnToSource(deps, pool, rec, []);
  }
};
