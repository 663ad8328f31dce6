/**
 * Removal of pools and everything in them for cascade deletes (F-POOL-15, F-IPAM-08). Pools are
 * first marked delete-in-progress so no new allocation starts in them. An allocation that read
 * the pool before the mark may still be on its way: every claim writes a space node that must
 * exist, so the space goes first, and what committed before that is then listed and deleted
 * (with a second pass over the space for a node such a claim added meanwhile).
 */
import type { AllocationRecord, PoolCidrRecord, PoolRecord } from '../model';
import type { RecordRef } from '../store/port';
import type { Deps } from './context';

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
  for (const p of pools) {
    if (p.State === 'delete-in-progress') continue;
    await deps.store.commit([
      { type: 'replace', record: { ...p, State: 'delete-in-progress' }, expectVersion: p._v },
    ]);
  }
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
