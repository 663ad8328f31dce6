/**
 * The record port: reads, indexed lists and the atomic unit of work. Writes are grouped in a unit
 * of work that commits atomically or not at all. A lost race is a value, not an exception (STYLE
 * habit 5): `{ ok: false, failed }` hands back the writes whose conditions failed, so core can
 * decide whether to retry or to raise a domain error. Callers name the writes they need to tell
 * apart (`name: 'token'`) and read a failure by name, never by position.
 */
import type { AnyRecord, ListQuery, RecordRef } from '../records';
import type { NodeView, NodeWrite } from '../space/node';

/** Numeric fields that transactions may bump with a bound. */
export type CounterField =
  | 'ScopeCount'
  | 'PoolCount'
  | '_cidrCount'
  | '_childCount'
  | '_scpCount'
  | '_attachCount'
  | 'ResourceDiscoveryAssociationCount'
  | '_used';

type Operation =
  /** Put a record that must not exist yet. */
  | { type: 'create'; record: AnyRecord }
  /** Replace a record whose stored `_v` equals `expectVersion`; the stored `_v` becomes expect + 1. */
  | { type: 'replace'; record: AnyRecord; expectVersion: number }
  /**
   * Add `delta` to a counter of an existing record; fails if the result leaves [0, limit], or
   * while the record's State is `unlessState` (a source pool being deleted takes no new child).
   * Also bumps `_v`, so a concurrent read-modify-replace of the record cannot overwrite the count.
   */
  | {
      type: 'counter';
      ref: RecordRef;
      field: CounterField;
      delta: number;
      limit?: number;
      unlessState?: string;
    }
  /** Delete a record, optionally only at a version and only while the given counters are zero. */
  | { type: 'delete'; ref: RecordRef; expectVersion?: number; requireZero?: CounterField[] }
  /** Require a record to exist (and optionally be at a version) without changing it. */
  | { type: 'check'; ref: RecordRef; expectVersion?: number }
  /** A space-tree node write (claims, releases, structure); see core/space/node.ts. */
  | { type: 'node'; write: NodeWrite };

/** One write of a unit of work; `name` lets the caller recognise it in a failure. */
export type Write = Operation & { name?: string };

export type CommitResult =
  | { ok: true }
  | {
      ok: false;
      /** The writes whose conditions failed (best effort: may be empty on a plain conflict). */
      failed: Write[];
      /** Fresh state of node items involved in the failure, when the backend returns it. */
      nodes: NodeView[];
    };

/**
 * Did the write of that name fail in this commit?
 * @example if (failedWrite(res, 'token')) return replay();
 */
export const failedWrite = (res: CommitResult, name: string): boolean =>
  !res.ok && res.failed.some((w) => w.name === name);

/** Gives every write the name (keeping a name a write already has). */
export const named = (name: string, writes: Write[]): Write[] => writes.map((w) => ({ name, ...w }));

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface RecordStore {
  /** Strongly consistent read of one record. */
  get<T extends AnyRecord>(ref: RecordRef): Promise<T | undefined>;
  /** Indexed lists; `cursor` is opaque to core and comes back from the previous page. */
  list<T extends AnyRecord>(q: ListQuery, limit: number, cursor?: string): Promise<Page<T>>;
  /**
   * Atomic unit of work (at most 100 writes). A node a committed 'put' carries is handed over:
   * the store may keep it as its view (no copy), so the caller must not change it afterwards.
   */
  commit(writes: Write[]): Promise<CommitResult>;
  /**
   * Cascade clean-up only: delete records unconditionally and not atomically. Callers first take
   * the objects out of service (state) so nothing new lands there.
   */
  purge(refs: RecordRef[]): Promise<void>;
}
