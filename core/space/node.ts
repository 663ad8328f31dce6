/**
 * Node state and the writes that change it. A node item holds, per position h:
 *   b[h]  the claim recorded there: an allocation id, or `cool#<untilMs>#<id>` for released space
 *         in its reuse delay (F-ALLOC-09);
 *   u[h]  how many claims or child nodes lie strictly below h inside this node (cells: 1 = child);
 *   m[h]  for a cell with a child node: the child's largest free block (smallest prefix), counting
 *         cooling space as free. It is an upper bound: search may descend and find less, never more.
 * and `v`, bumped by every write. Two overlapping claims always meet on one node item: the smaller
 * one either sits in the same node (ancestor b / u conditions) or in a descendant node whose
 * existence is recorded as u = 1 on the larger claim's cell (see the conditions in claimWrite).
 */
import type { Family } from '../cidr';
import { ancestorsOf, CELL_DEPTH, depthOf, NONE, POSITIONS } from './geometry';

export interface NodeKey {
  /** Space id: a pool id, or `<scopeId>` for the scope's top-level space. */
  space: string;
  version: Family;
  start: bigint;
  prefix: number;
}

export interface NodeView {
  key: NodeKey;
  v: number;
  b: Map<number, string>;
  u: Map<number, number>;
  m: Map<number, number>;
  /** Derived max-free table, valid while `mfV === v` (never stored). Views are read-only to core. */
  mf?: Uint8Array;
  mfV?: number;
  /** Derived: earliest reuse-delay end among cooling entries (Infinity if none), valid while `csV === v`. */
  cs?: number;
  csV?: number;
}

export type NodeWrite =
  /** Fast path: record one claim; conditioned on the positions, not on the version. */
  | { kind: 'claim'; key: NodeKey; pos: number; value: string }
  /**
   * Fast path of a child's creation: mark cell `pos` as holding a child node whose hint is `hint`
   * and count it in every in-node ancestor; conditioned like a claim on the positions, not on the
   * version, so creating a child does not contend with claims and creations elsewhere in the node.
   */
  | { kind: 'mark'; key: NodeKey; pos: number; hint: number }
  /**
   * Replace the whole node; `expectVersion` null means the node must not exist yet. The stored
   * version is `(expectVersion ?? node.v) + 1`.
   */
  | { kind: 'put'; node: NodeView; expectVersion: number | null }
  | { kind: 'delete'; key: NodeKey; expectVersion: number }
  /** Require a node to be at a version without changing it (used when correcting a parent hint). */
  | { kind: 'check'; key: NodeKey; expectVersion: number };

/** The node a write is about. */
export const nodeKeyOfWrite = (w: NodeWrite): NodeKey => (w.kind === 'put' ? w.node.key : w.key);

export const COOL = 'cool#';

/**
 * A new node starts at a random version (a put of a new node stores v + 1), so a node deleted and
 * created again never repeats the versions of its previous life: a stale view of the old node
 * cannot pass a version condition on the new one.
 */
export const freshVersion = (): number => 1 + Math.floor(Math.random() * 2 ** 40);

export const emptyNode = (key: NodeKey, v = freshVersion()): NodeView => ({
  key,
  v,
  b: new Map(),
  u: new Map(),
  m: new Map(),
});

export const cloneNode = (n: NodeView): NodeView => ({
  key: n.key,
  v: n.v,
  b: new Map(n.b),
  u: new Map(n.u),
  m: new Map(n.m),
});

export const coolUntil = (value: string): number | undefined =>
  value.startsWith(COOL) ? Number(value.slice(COOL.length).split('#')[0]) : undefined;

export const isEmptyNode = (n: NodeView): boolean => !n.b.has(1) && !((n.u.get(1) ?? 0) > 0);

/**
 * Largest free block per position (as a prefix; NONE if nothing free), for a node at level q.
 * `now` decides cooling entries: expired ones count as free, live ones as taken; with
 * `now = Infinity` every cooling entry counts as free (the optimistic hint kept in parents).
 */
export const maxFreeTable = (n: NodeView, now: number): Uint8Array => {
  const q = n.key.prefix;
  const mf = new Uint8Array(POSITIONS).fill(NONE);
  for (let h = POSITIONS - 1; h >= 1; h--) mf[h] = positionFree(n, h, q, now, mf);
  return mf;
};

const positionFree = (n: NodeView, h: number, q: number, now: number, mf: Uint8Array): number => {
  const d = depthOf(h);
  const claim = n.b.get(h);
  if (claim !== undefined) {
    const until = coolUntil(claim);
    return until !== undefined && until <= now ? q + d : NONE;
  }
  if (!((n.u.get(h) ?? 0) > 0)) return q + d;
  if (d === CELL_DEPTH) return n.m.get(h) ?? NONE;
  return Math.min(mf[2 * h]!, mf[2 * h + 1]!);
};

/** Earliest end of a reuse delay in the node, or Infinity when nothing is cooling (cached per version). */
export const earliestCooling = (n: NodeView): number => {
  if (n.cs !== undefined && n.csV === n.v) return n.cs;
  let min = Number.POSITIVE_INFINITY;
  for (const value of n.b.values()) {
    const until = coolUntil(value);
    if (until !== undefined && until < min) min = until;
  }
  n.cs = min;
  n.csV = n.v;
  return min;
};

const hasCooling = (n: NodeView): boolean => earliestCooling(n) !== Number.POSITIVE_INFINITY;

/**
 * The max-free table of a view at `now`, cached on the view while its version is unchanged.
 * Only tables without cooling entries are cached, because only those do not depend on `now`.
 */
export const tableOf = (n: NodeView, now: number): Uint8Array => {
  if (n.mf && n.mfV === n.v) return n.mf;
  const t = maxFreeTable(n, now);
  if (!hasCooling(n)) {
    n.mf = t;
    n.mfV = n.v;
  }
  return t;
};

/**
 * Keep a cached table right after a claim (or, with `free` = the child's hint, a child mark) at h
 * was applied in place (memory store, caches).
 */
export const refreshTableAfterClaim = (
  n: NodeView,
  h: number,
  previousVersion: number,
  free = NONE,
): void => {
  if (n.csV === previousVersion) n.csV = n.v;
  if (!n.mf || n.mfV !== previousVersion) return;
  const t = n.mf;
  t[h] = free;
  for (let a = h >> 1; a >= 1; a >>= 1) t[a] = n.b.has(a) ? NONE : Math.min(t[2 * a]!, t[2 * a + 1]!);
  n.mfV = n.v;
};

/** The optimistic max-free of the whole node: what its parent's m entry should say. */
export const nodeHint = (n: NodeView): number => tableOf(n, Number.POSITIVE_INFINITY)[1]!;

/** Is position h claimable as a whole (no claim on it or its ancestors, nothing below)? */
export const positionClear = (n: NodeView, h: number): boolean => {
  if (n.b.has(h) || (n.u.get(h) ?? 0) > 0) return false;
  for (let a = h >> 1; a >= 1; a >>= 1) if (n.b.has(a)) return false;
  return true;
};

/** Apply a claim to a view in memory (mirrors what the store does for a 'claim' write). */
export const applyClaim = (n: NodeView, h: number, value: string): void => {
  n.b.set(h, value);
  for (let a = h >> 1; a >= 1; a >>= 1) n.u.set(a, (n.u.get(a) ?? 0) + 1);
};

/** Remove a claim at h (final release) and its counts. */
export const removeClaim = (n: NodeView, h: number): void => {
  n.b.delete(h);
  for (const a of ancestorsOf(h)) decrement(n, a);
};

/** Record that cell h now holds a child node whose hint is `hint`. */
export const markChild = (n: NodeView, h: number, hint: number): void => {
  n.u.set(h, 1);
  n.m.set(h, hint);
  for (const a of ancestorsOf(h)) n.u.set(a, (n.u.get(a) ?? 0) + 1);
};

export const unmarkChild = (n: NodeView, h: number): void => {
  n.u.delete(h);
  n.m.delete(h);
  for (const a of ancestorsOf(h)) decrement(n, a);
};

const decrement = (n: NodeView, a: number): void => {
  const c = (n.u.get(a) ?? 0) - 1;
  if (c > 0) n.u.set(a, c);
  else n.u.delete(a);
};
