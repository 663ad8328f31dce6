/**
 * Finding free blocks: a depth-first walk in address order over the space tree, pruned by each
 * position's largest free block, so the lowest fitting block is found after visiting one branch
 * per level: the cost depends on tree depth, not on how many allocations the pool holds.
 *
 * The walk is synchronous over a `lookup` of already loaded nodes; when it reaches a node that is
 * not loaded yet it stops and names it, the caller loads it and walks again (at most tree-depth
 * times). This keeps the in-process allocator free of per-level promise overhead. The usual
 * request (one unfiltered block) first tries a straight descent with no backtracking, which
 * answers exactly as the walk would or steps aside (test/unit/space/descend.test.ts checks this
 * on random trees).
 */
import { BITS, type Cidr, type Family, type Interval } from '../cidr';
import { blockStart, CELL_DEPTH, depthOf, positionOf, STRIDE } from './geometry';
import { earliestCooling, type NodeKey, type NodeView, tableOf } from './node';

export interface SearchRequest {
  version: Family;
  prefix: number;
  /** Candidates must lie inside the union of these (netmask mode AllowedCidrs); none = anywhere. */
  allowed?: Interval[];
  /** Candidates must not overlap any of these (DisallowedCidrs). */
  disallowed?: Interval[];
  now: number;
}

export interface Candidate {
  block: Cidr;
  /** Existing nodes from the root down to the deepest one containing the block. */
  path: NodeView[];
}

/** A loaded node, `null` for a node known not to exist, `undefined` for one not loaded yet. */
export type Lookup = (key: NodeKey) => NodeView | null | undefined;

export interface SearchOutcome {
  found: Candidate[];
  /** A node the walk needs before it can go on; load it and search again. */
  need?: NodeKey;
  /** Parent/child pairs whose hint promised more than the child holds. */
  stale: [NodeView, NodeView][];
  /** Paths to nodes holding released space whose reuse delay has passed. */
  expired: NodeView[][];
}

const span = (version: Family, start: bigint, prefix: number): Interval => ({
  start,
  end: start + (1n << BigInt(BITS[version] - prefix)) - 1n,
});

/** Is any part of [lo, hi] usable under the filters? Prunes whole subtrees early. */
const usable = (iv: Interval, req: SearchRequest): boolean => {
  if (req.disallowed?.some((d) => d.start <= iv.start && iv.end <= d.end)) return false;
  if (req.allowed && !req.allowed.some((a) => a.start <= iv.end && iv.start <= a.end)) return false;
  return true;
};

/** Aligned blocks of the requested size inside a fully free region, in order, honouring filters. */
function* blocksIn(region: Interval, req: SearchRequest): Generator<Cidr> {
  const size = 1n << BigInt(BITS[req.version] - req.prefix);
  const windows = req.allowed
    ? req.allowed
        .map((a) => ({
          start: a.start > region.start ? a.start : region.start,
          end: a.end < region.end ? a.end : region.end,
        }))
        .filter((w) => w.start <= w.end)
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    : [region];
  for (const w of windows) {
    let s = ((w.start + size - 1n) / size) * size;
    while (s + size - 1n <= w.end) {
      const hit = req.disallowed?.find((d) => d.start <= s + size - 1n && s <= d.end);
      if (hit) {
        s = ((hit.end + 1n + size - 1n) / size) * size;
        continue;
      }
      yield { version: req.version, start: s, prefix: req.prefix };
      s += size;
    }
  }
}

const hasExpired = (n: NodeView, now: number): boolean => earliestCooling(n) <= now;

class Walk {
  readonly out: SearchOutcome = { found: [], stale: [], expired: [] };
  constructor(
    private readonly req: SearchRequest,
    private readonly lookup: Lookup,
    private readonly want: number,
  ) {}

  /** false once enough candidates are found or a node must be loaded. */
  visit(path: NodeView[], h: number): boolean {
    const { req } = this;
    const n = path[path.length - 1]!;
    const { version, start: ns, prefix: q } = n.key;
    const d = depthOf(h);
    if (h === 1 && hasExpired(n, req.now)) this.out.expired.push(path);
    const mf = tableOf(n, req.now);
    if (mf[h]! > req.prefix || q + d > req.prefix || n.b.has(h)) return true;
    const filtered = req.allowed !== undefined || req.disallowed !== undefined;
    const iv =
      filtered || mf[h] === q + d || d === CELL_DEPTH
        ? span(version, blockStart(version, ns, q, h), q + d)
        : undefined;
    if (iv && filtered && !usable(iv, req)) return true;
    const below = (n.u.get(h) ?? 0) > 0;
    if (iv && mf[h] === q + d && !below) {
      if (!filtered) {
        this.out.found.push({ block: { version, start: iv.start, prefix: req.prefix }, path });
        if (this.out.found.length >= this.want) return false;
      }
      for (const block of blocksIn(iv, req)) {
        if (!filtered && block.start === iv.start) continue;
        this.out.found.push({ block, path });
        if (this.out.found.length >= this.want) return false;
      }
      return true;
    }
    if (d < CELL_DEPTH) return this.visit(path, 2 * h) && this.visit(path, 2 * h + 1);
    if (!below || req.prefix <= q + STRIDE) return true;
    const key: NodeKey = { ...n.key, start: iv!.start, prefix: q + STRIDE };
    const child = this.lookup(key);
    if (child === undefined) {
      this.out.need = key;
      return false;
    }
    if (child === null) return true;
    // Correct a parent's hint only when it sent the walk into a child with no room for this
    // request: hints are upper bounds, and fixing every drift would rewrite the parent often.
    const real = tableOf(child, req.now)[1]!;
    if (real > req.prefix && real > (n.m.get(h) ?? 0)) this.out.stale.push([n, child]);
    return this.visit([...path, child], 1);
  }
}

/**
 * The common case of the walk without its backtracking: one unfiltered block, following at every
 * position the lower child with room, one step per level. It gives up (undefined) on anything
 * the walk handles specially (released space whose delay has passed, a hint that promised more
 * than a child holds), and the full walk then runs; where it answers, the answer is the walk's.
 */
const descend = (root: NodeView, req: SearchRequest, lookup: Lookup): SearchOutcome | undefined => {
  const { prefix, now } = req;
  let path = [root];
  let n = root;
  for (;;) {
    if (hasExpired(n, now)) return undefined;
    const mf = tableOf(n, now);
    const q = n.key.prefix;
    if (mf[1]! > prefix) return path.length === 1 ? { found: [], stale: [], expired: [] } : undefined;
    let h = 1;
    let d = 0;
    for (;;) {
      if (mf[h]! > prefix || q + d > prefix || n.b.has(h)) return undefined;
      const below = (n.u.get(h) ?? 0) > 0;
      if (mf[h] === q + d && !below) {
        const start = blockStart(n.key.version, n.key.start, q, h);
        return {
          found: [{ block: { version: n.key.version, start, prefix }, path }],
          stale: [],
          expired: [],
        };
      }
      if (d === CELL_DEPTH) break;
      h = mf[2 * h]! <= prefix ? 2 * h : 2 * h + 1;
      d++;
    }
    if (!((n.u.get(h) ?? 0) > 0) || prefix <= q + STRIDE) return undefined;
    const key: NodeKey = {
      ...n.key,
      start: blockStart(n.key.version, n.key.start, q, h),
      prefix: q + STRIDE,
    };
    const child = lookup(key);
    if (child === undefined) return { found: [], need: key, stale: [], expired: [] };
    if (child === null) return undefined;
    path = [...path, child];
    n = child;
  }
};

/** The full walk alone (the reference the fast descent must agree with). */
export const walkSearch = (root: NodeView, req: SearchRequest, lookup: Lookup, want = 1): SearchOutcome => {
  const walk = new Walk(req, lookup, want);
  walk.visit([root], 1);
  return walk.out;
};

/** Up to `want` candidate blocks under one root node, lowest first. */
export const search = (root: NodeView, req: SearchRequest, lookup: Lookup, want = 1): SearchOutcome =>
  (want === 1 && !req.allowed && !req.disallowed ? descend(root, req, lookup) : undefined) ??
  walkSearch(root, req, lookup, want);

/** Path of loaded nodes from the root to the deepest node containing `block`, or the node to load. */
export const pathTo = (root: NodeView, block: Cidr, lookup: Lookup): { path: NodeView[]; need?: NodeKey } => {
  const path = [root];
  for (;;) {
    const n = path[path.length - 1]!;
    const { version, start: ns, prefix: q } = n.key;
    if (block.prefix <= q + STRIDE) return { path };
    const cellStart = block.start - ((block.start - ns) % (1n << BigInt(BITS[version] - q - STRIDE)));
    const h = positionOf(version, ns, q, cellStart, q + STRIDE);
    if (!((n.u.get(h) ?? 0) > 0) || n.b.has(h)) return { path };
    const key: NodeKey = { ...n.key, start: cellStart, prefix: q + STRIDE };
    const child = lookup(key);
    if (child === undefined) return { path, need: key };
    if (child === null) return { path };
    path.push(child);
  }
};

/**
 * Paths to the nodes holding released space whose reuse delay has passed (at `now`) that a claim
 * of `block` must clear first: the nodes of `path` (the path to the block's node) and every node
 * below the block. Empty when nothing expired lies there; or the node to load first.
 */
export const expiredAt = (
  path: NodeView[],
  block: Cidr,
  lookup: Lookup,
  now: number,
): { expired: NodeView[][]; need?: NodeKey } => {
  const expired = path.flatMap((n, i) => (hasExpired(n, now) ? [path.slice(0, i + 1)] : []));
  const last = path[path.length - 1]!;
  const { version, start: ns, prefix: q } = last.key;
  // A node of the last STRIDE bits or fewer (a /30 root of IPv4, say) has no nodes below it.
  if (block.prefix > q + STRIDE || q + STRIDE > BITS[version]) return { expired };
  // The cells of the last node inside the block, and all nodes below them.
  const cellSize = 1n << BigInt(BITS[version] - q - STRIDE);
  const first = block.start > ns ? block.start : ns;
  const end = block.start + (1n << BigInt(BITS[version] - block.prefix)) - 1n;
  const stack: NodeView[][] = [];
  const pushChildren = (p: NodeView[], from: bigint, to: bigint): NodeKey | undefined => {
    const n = p[p.length - 1]!;
    const size = 1n << BigInt(BITS[version] - n.key.prefix - STRIDE);
    for (let s = from; s <= to; s += size) {
      const h = positionOf(version, n.key.start, n.key.prefix, s, n.key.prefix + STRIDE);
      if (!((n.u.get(h) ?? 0) > 0) || n.b.has(h)) continue;
      const key: NodeKey = { ...n.key, start: s, prefix: n.key.prefix + STRIDE };
      const child = lookup(key);
      if (child === undefined) return key;
      if (child) stack.push([...p, child]);
    }
    return undefined;
  };
  const need = pushChildren(path, first - ((first - ns) % cellSize), end);
  if (need) return { expired, need };
  for (let p = stack.pop(); p; p = stack.pop()) {
    const n = p[p.length - 1]!;
    if (hasExpired(n, now)) expired.push(p);
    const size = 1n << BigInt(BITS[version] - n.key.prefix);
    const inner = pushChildren(p, n.key.start, n.key.start + size - 1n);
    if (inner) return { expired, need: inner };
  }
  return { expired };
};
