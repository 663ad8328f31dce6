/**
 * What a cascading DeleteIpam removes (F-IPAM-08), read so that nothing can be added behind it.
 * The IPAM is already marked delete-in-progress, and a marked IPAM takes no new scope; the scopes
 * are marked next, and a marked scope takes no new pool (both through the counter writes that
 * creating a scope or pool makes, which refuse that state). Only then are the pools listed.
 * Listings go through an index that may lag behind, so the exact counts on the marked records
 * (ScopeCount, PoolCount, ResourceDiscoveryAssociationCount) decide when a listing has shown
 * everything.
 */
import { fail } from '../../errors';
import type { Deps } from '../../ports';
import {
  DELETING,
  type IpamRecord,
  type LifecycleState,
  type PoolRecord,
  type RdAssociationRecord,
  type ScopeRecord,
} from '../../records';
import { associationsOf } from '../discovery/common';
import { MARK_ROUNDS, markDeleting, pause } from '../pool/purge';
import type { IpamContents } from './rules';

const changing = (ipam: IpamRecord) =>
  fail('IncorrectState', `IPAM ${ipam.IpamId} kept changing while it was being deleted; retry the request.`);

/** Every scope of the marked IPAM, each marked, with the state it had before. */
const markScopes = async (
  deps: Deps,
  ipam: IpamRecord,
): Promise<Map<string, [ScopeRecord, LifecycleState]>> => {
  const marked = new Map<string, [ScopeRecord, LifecycleState]>();
  let expected = ipam.ScopeCount;
  for (let round = 0; round < MARK_ROUNDS; round++) {
    let lost = false;
    for (const s of (await deps.store.list<ScopeRecord>({ kind: 'scope', ipamId: ipam.IpamId }, 1000))
      .items) {
      if (marked.has(s.IpamScopeId)) continue;
      const m = await markDeleting<ScopeRecord>(deps, { kind: 'scope', id: s.IpamScopeId });
      if (m === 'lost') lost = true;
      else if (m) marked.set(m.IpamScopeId, [m, s.State === DELETING ? 'create-complete' : s.State]);
    }
    if (marked.size >= expected) return marked;
    // A scope deleted meanwhile lowers the count; otherwise the listing lags behind it.
    expected = (await deps.store.get<IpamRecord>({ kind: 'ipam', id: ipam.IpamId }))?.ScopeCount ?? 0;
    if (marked.size >= expected) return marked;
    if (!lost) await pause(round);
  }
  return changing(ipam);
};

/** Every pool of the marked scopes. */
const listPools = async (deps: Deps, ipam: IpamRecord, scopes: ScopeRecord[]): Promise<PoolRecord[]> => {
  for (let round = 0; round < MARK_ROUNDS; round++) {
    const pools: PoolRecord[] = [];
    let complete = true;
    for (const s of scopes) {
      const listed = (await deps.store.list<PoolRecord>({ kind: 'pool', scopeId: s.IpamScopeId }, 1000))
        .items;
      pools.push(...listed);
      if (listed.length >= s.PoolCount) continue;
      const fresh = await deps.store.get<ScopeRecord>({ kind: 'scope', id: s.IpamScopeId });
      if (fresh && listed.length < fresh.PoolCount) complete = false;
    }
    if (complete) return pools;
    await pause(round);
  }
  return changing(ipam);
};

/** Every association of the marked IPAM (its count is exact: none can be added to it now). */
export const listAssociations = async (deps: Deps, ipam: IpamRecord): Promise<RdAssociationRecord[]> => {
  for (let round = 0; round < MARK_ROUNDS; round++) {
    const listed = await associationsOf(deps, ipam.IpamId);
    const fresh = await deps.store.get<IpamRecord>({ kind: 'ipam', id: ipam.IpamId });
    if (listed.length >= (fresh?.ResourceDiscoveryAssociationCount ?? 0)) return listed;
    await pause(round);
  }
  return changing(ipam);
};

/** Puts a marked record back in the state it had (a cascade that turned out to be refused). */
const unmark = async (deps: Deps, ref: { kind: 'ipam' | 'scope'; id: string }, state: LifecycleState) => {
  for (let i = 0; i < MARK_ROUNDS; i++) {
    const fresh = await deps.store.get<IpamRecord | ScopeRecord>(ref);
    if (!fresh || fresh.State !== DELETING) return;
    const back = { ...fresh, State: state };
    if ((await deps.store.commit([{ type: 'replace', record: back, expectVersion: fresh._v }])).ok) return;
  }
};

/**
 * Marks the scopes of `marked` (the IPAM in delete-in-progress; `before` as it was) and returns
 * them with their pools. A public pool created after the caller's first check refuses the cascade
 * here, and the IPAM and its scopes are put back as they were.
 */
export const markIpamContents = async (
  deps: Deps,
  before: IpamRecord,
  marked: IpamRecord,
  refuse: (publicPools: PoolRecord[]) => never,
): Promise<IpamContents> => {
  const scopes = await markScopes(deps, marked);
  const records = [...scopes.values()].map(([s]) => s);
  const pools = await listPools(deps, marked, records);
  const publicPools = pools.filter((p) => p.IpamScopeType === 'public');
  if (publicPools.length === 0) return { scopes: records, pools };
  for (const [s, state] of scopes.values()) await unmark(deps, { kind: 'scope', id: s.IpamScopeId }, state);
  await unmark(deps, { kind: 'ipam', id: before.IpamId }, before.State);
  return refuse(publicPools);
};
