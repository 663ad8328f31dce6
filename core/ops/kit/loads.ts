/**
 * Reads with the not-found and ownership errors every operation needs, and the retry loop for
 * read-modify-replace updates (optimistic concurrency on `_v`).
 */
import { fail } from '../../errors';
import type { Caller, CommitResult, Deps, Write } from '../../ports';
import type { AnyRecord, IpamRecord, PoolRecord, ScopeRecord } from '../../records';

/**
 * Where a resource exists for a caller, as in EC2, where resources are regional: an IPAM and its
 * scopes in the IPAM's home region, a pool there and in its locale (where it is allocated from).
 * Elsewhere, and to any account but its owner, they answer exactly like an id that does not
 * exist (same code, message and status), so ids cannot be probed across accounts.
 */
export const seenFrom = (caller: Caller, r: { kind: string; IpamRegion: string; Locale?: string }): boolean =>
  r.IpamRegion === caller.region ||
  // A pool without a locale serves every region (F-GEN-07 [decision]), so it is seen from each.
  (r.kind === 'pool' && (r.Locale === undefined || r.Locale === 'None' || r.Locale === caller.region));

export const loadIpam = async (deps: Deps, caller: Caller, id: string | undefined): Promise<IpamRecord> => {
  const found = id ? await deps.store.get<IpamRecord>({ kind: 'ipam', id }) : undefined;
  const ipam = found && seenFrom(caller, found) && found.OwnerId === caller.accountId ? found : undefined;
  if (!ipam) return fail('InvalidIpamId.NotFound', `The IPAM ID '${id ?? ''}' does not exist.`);
  return ipam;
};

/** `anyRegion`: for the one action that answers a wrong region with its own error (F-HIST-14). */
export const loadScope = async (
  deps: Deps,
  caller: Caller,
  id: string | undefined,
  o: { anyRegion?: boolean } = {},
): Promise<ScopeRecord> => {
  const found = id ? await deps.store.get<ScopeRecord>({ kind: 'scope', id }) : undefined;
  const visible = found && (o.anyRegion || seenFrom(caller, found)) && found.OwnerId === caller.accountId;
  const scope = visible ? found : undefined;
  if (!scope) return fail('InvalidIpamScopeId.NotFound', `The IPAM scope ID '${id ?? ''}' does not exist.`);
  return scope;
};

export const loadPool = async (deps: Deps, caller: Caller, id: string | undefined): Promise<PoolRecord> => {
  const found = id ? await deps.store.get<PoolRecord>({ kind: 'pool', id }) : undefined;
  const pool = found && seenFrom(caller, found) && found.OwnerId === caller.accountId ? found : undefined;
  if (!pool) return fail('InvalidIpamPoolId.NotFound', `The IPAM pool ID '${id ?? ''}' does not exist.`);
  return pool;
};

/** How many ids a describe names at most, and how many of them are read at once. */
export const MAX_IDS = 1000;
const READS_AT_ONCE = 16;

/**
 * Each id loaded (a describe by ids), in order, a few reads at a time rather than one after
 * another: 1,000 ids cost about as much as 63 reads, not 1,000 (the probe's 5,000 took 5 s).
 * The first id that does not load fails the whole request, as in EC2.
 */
export const loadEach = async <T>(ids: readonly string[], load: (id: string) => Promise<T>): Promise<T[]> => {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += READS_AT_ONCE)
    out.push(...(await Promise.all(ids.slice(i, i + READS_AT_ONCE).map(load))));
  return out;
};

/** In service: created or modified, not being changed, deleted or isolated. */
export const isComplete = (r: { State: string }): boolean =>
  r.State.endsWith('-complete') && r.State !== 'delete-complete' && r.State !== 'isolate-complete';

export const requireComplete = (r: { State: string }, what: string): void => {
  if (!isComplete(r)) {
    fail('IncorrectState', `${what} is in state '${r.State}'; wait until it is complete.`);
  }
};

/**
 * F-GEN-07: allocating, releasing and listing a pool's allocations happen in the pool's locale
 * region when it has one (a pool without a locale answers in any region).
 */
export const requireLocaleRegion = (pool: PoolRecord, caller: Caller): void => {
  if (pool.Locale && caller.region !== pool.Locale) {
    fail(
      'InvalidParameterValue',
      `The locale of the IPAM pool must be equal to the current region: the pool's locale is ${pool.Locale}, the request was made in ${caller.region}.`,
    );
  }
};

/** After a refused write: the record as stored now must still be in service (or the error says why). */
export const recheckComplete = async (
  deps: Deps,
  ref: { kind: 'ipam' | 'scope' | 'pool'; id: string },
  what: string,
): Promise<void> => {
  const now = await deps.store.get<IpamRecord | ScopeRecord | PoolRecord>(ref);
  requireComplete(now ?? { State: 'delete-complete' }, what);
};

/**
 * Read, change and replace a record, retrying when another writer got there first.
 * `change` may throw domain errors; it returns the new record and any writes to commit with it.
 */
export const updateRecord = async <T extends AnyRecord>(
  deps: Deps,
  load: () => Promise<T>,
  change: (current: T) => { next: T; with?: Write[] } | Promise<{ next: T; with?: Write[] }>,
  onFailure?: (res: Extract<CommitResult, { ok: false }>, current: T) => void,
): Promise<T> => {
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = await load();
    const { next, with: more = [] } = await change(current);
    const res = await deps.store.commit([
      { name: 'record', type: 'replace', record: next, expectVersion: current._v },
      ...more,
    ]);
    if (res.ok) return { ...next, _v: current._v + 1 };
    if (onFailure && res.failed.some((w) => w.name !== 'record')) onFailure(res, current);
  }
  return fail('IncorrectState', 'The resource is being modified concurrently; retry the request.');
};
