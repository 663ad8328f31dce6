/**
 * Removal of pools and everything in them for cascade deletes (F-POOL-15, F-IPAM-08). Pools are
 * first marked delete-in-progress so no new allocation starts in them. An allocation that read
 * the pool before the mark may still be on its way: every claim writes a space node that must
 * exist, so the space goes first, and what committed before that is then listed and deleted
 * (with a second pass over the space for a node such a claim added meanwhile).
 */
import { fail } from '../../errors';
import type { Deps } from '../../ports';
import {
  type AllocationRecord,
  DELETING,
  type PoolCidrRecord,
  type PoolRecord,
  type RecordRef,
  type ScopeRecord,
} from '../../records';

/** Tries of a mark, or rounds of re-reading what to mark, before a cascade gives up. */
export const MARK_ROUNDS = 20;

/** A cascade's wait before reading a lagging listing again, longer each round. */
export const pause = (round: number) => new Promise((resolve) => setTimeout(resolve, 25 * (round + 1)));

/**
 * Marks a pool or scope delete-in-progress at the version just read. Returns the marked record,
 * undefined when it is gone, or 'lost' when it changed between the read and the mark.
 */
export const markDeleting = async <T extends PoolRecord | ScopeRecord>(
  deps: Deps,
  ref: { kind: T['kind']; id: string },
): Promise<T | undefined | 'lost'> => {
  const fresh = await deps.store.get<T>(ref as RecordRef);
  if (!fresh || fresh.State === DELETING) return fresh;
  const next = { ...fresh, State: DELETING };
  const res = await deps.store.commit([{ type: 'replace', record: next, expectVersion: fresh._v }]);
  return res.ok ? { ...next, _v: fresh._v + 1 } : 'lost';
};

/** Marks one pool, retrying while it keeps changing under the mark. */
const markPool = async (deps: Deps, id: string): Promise<void> => {
  for (let i = 0; i < MARK_ROUNDS; i++)
    if ((await markDeleting<PoolRecord>(deps, { kind: 'pool', id })) !== 'lost') return;
  fail('IncorrectState', `Pool ${id} kept changing while it was being deleted; retry the request.`);
};

const all = async <T extends AllocationRecord | PoolCidrRecord>(
  deps: Deps,
  q: { kind: 'allocation'; poolId: string } | { kind: 'pool-cidr'; poolId: string },
): Promise<T[]> => {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.list<T>(q, 1000, cursor);
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
};

export const purgePools = async (deps: Deps, pools: PoolRecord[]): Promise<void> => {
  for (const p of pools) if (p.State !== DELETING) await markPool(deps, p.IpamPoolId);
  for (const p of pools) {
    await deps.store.purgeSpace(p.IpamPoolId);
    const refs: RecordRef[] = [];
    for (const a of await all<AllocationRecord>(deps, { kind: 'allocation', poolId: p.IpamPoolId })) {
      refs.push({ kind: 'allocation', poolId: p.IpamPoolId, cidr: a.Cidr });
    }
    for (const c of await all<PoolCidrRecord>(deps, { kind: 'pool-cidr', poolId: p.IpamPoolId })) {
      refs.push({ kind: 'pool-cidr', poolId: p.IpamPoolId, cidr: c.Cidr });
    }
    await deps.store.purge(refs);
    await deps.store.purgeSpace(p.IpamPoolId);
    await deps.store.purge([{ kind: 'pool', id: p.IpamPoolId }]);
  }
};

export { all as listAll };
