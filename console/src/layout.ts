/**
 * The CIDR map's model, pure: which category each block of a pool's space has (F-MON-18), and the
 * grid of cells the canvas draws. A cell takes the highest category of anything in it, by the
 * spec's precedence overlapping > noncompliant > compliant-and-nonoverlapping > occupied >
 * available.
 */
import { BITS, type Cidr, formatCidr, parseCidr, rangeToBlocks, size, sizeOf } from '../../core/cidr';

/** Categories by rank: a higher index wins a cell. */
export const CATEGORIES = ['available', 'occupied', 'compliant', 'noncompliant', 'overlapping'] as const;
export type Category = (typeof CATEGORIES)[number];

export const LABELS: Record<Category, string> = {
  available: 'Available',
  occupied: 'Occupied',
  compliant: 'Compliant and nonoverlapping',
  noncompliant: 'Noncompliant',
  overlapping: 'Overlapping',
};

/** Colours of the canvas (contrast checked against white). */
export const COLOURS: Record<Category, string> = {
  available: '#e2e8f0',
  occupied: '#2563eb',
  compliant: '#15803d',
  noncompliant: '#b91c1c',
  overlapping: '#c2410c',
};

export interface MapBlock {
  cidr: Cidr;
  category: Category;
  /** What holds it: resource id, allocation id, description. */
  holder: string;
  owner: string;
  state: string;
}

// biome-ignore lint/suspicious/noExplicitAny: API answers, read field by field
type Row = Record<string, any>;

/** A pool allocation: occupied (its resource's row, when discovery has one, ranks higher). */
export const allocationBlock = (a: Row): MapBlock => ({
  cidr: parseCidr(a.Cidr),
  category: 'occupied',
  holder: [a.ResourceType, a.ResourceId ?? a.IpamPoolAllocationId, a.Description].filter(Boolean).join(' '),
  owner: a.ResourceOwner ?? '',
  state: 'allocated',
});

/** A resource CIDR of GetIpamResourceCidrs, by its overlap, compliance and management state. */
export const resourceBlock = (r: Row): MapBlock => ({
  cidr: parseCidr(r.ResourceCidr),
  category:
    r.OverlapStatus === 'overlapping'
      ? 'overlapping'
      : r.ComplianceStatus === 'noncompliant'
        ? 'noncompliant'
        : r.ManagementState === 'managed' && r.ComplianceStatus === 'compliant'
          ? 'compliant'
          : 'occupied',
  holder: [r.ResourceType, r.ResourceId, r.ResourceName].filter(Boolean).join(' '),
  owner: r.ResourceOwnerId ?? '',
  state: [r.ManagementState, r.ComplianceStatus, r.OverlapStatus].filter(Boolean).join(', '),
});

export interface Grid {
  root: Cidr;
  /** The square is 2^order cells wide. */
  order: number;
  cellPrefix: number;
  /** Category rank of each cell, in curve order. */
  cells: Uint8Array;
}

const endOf = (c: Cidr) => c.start + size(c);

const byAddress = (a: MapBlock, b: MapBlock) =>
  a.cidr.version - b.cidr.version ||
  (a.cidr.start < b.cidr.start ? -1 : a.cidr.start > b.cidr.start ? 1 : a.cidr.prefix - b.cidr.prefix);

/**
 * What the map needs of a list of blocks, worked out once per list (the list of a loaded pool
 * does not change while the user zooms): the blocks in address order, and the IPv4 ones as
 * plain numbers (exact below 2^53), so a zoom redraws without sorting or BigInt arithmetic.
 */
interface Prepared {
  sorted: MapBlock[];
  v4lo: Float64Array;
  v4hi: Float64Array;
  v4rank: Uint8Array;
}
const PREPARED = new WeakMap<readonly MapBlock[], Prepared>();

const prepared = (blocks: readonly MapBlock[]): Prepared => {
  let p = PREPARED.get(blocks);
  if (p) return p;
  const v4 = blocks.filter((b) => b.cidr.version === 4);
  p = {
    sorted: [...blocks].sort(byAddress),
    v4lo: Float64Array.from(v4, (b) => Number(b.cidr.start)),
    v4hi: Float64Array.from(v4, (b) => Number(endOf(b.cidr))),
    v4rank: Uint8Array.from(v4, (b) => CATEGORIES.indexOf(b.category)),
  };
  PREPARED.set(blocks, p);
  return p;
};

/** Ranks cells [from, to) of `cells` at least `rank`. */
const raise = (cells: Uint8Array, from: number, to: number, rank: number) => {
  for (let d = from; d < to; d++) if (cells[d]! < rank) cells[d] = rank;
};

/** The cells of `root` (at most 4^maxOrder) and the category each shows. */
export const gridOf = (root: Cidr, blocks: readonly MapBlock[], maxOrder = 6): Grid => {
  const order = Math.min(maxOrder, Math.floor((BITS[root.version] - root.prefix) / 2));
  const cellPrefix = root.prefix + 2 * order;
  const cells = new Uint8Array(4 ** order);
  if (root.version === 4) {
    const { v4lo, v4hi, v4rank } = prepared(blocks);
    const start = Number(root.start);
    const end = start + 2 ** (32 - root.prefix);
    const cell = 2 ** (32 - cellPrefix);
    for (let i = 0; i < v4lo.length; i++) {
      const lo = Math.max(v4lo[i]!, start);
      const hi = Math.min(v4hi[i]!, end);
      if (lo < hi) raise(cells, Math.floor((lo - start) / cell), Math.ceil((hi - start) / cell), v4rank[i]!);
    }
    return { root, order, cellPrefix, cells };
  }
  const cell = sizeOf(root.version, cellPrefix);
  const rootEnd = endOf(root);
  for (const b of blocks) {
    if (b.cidr.version !== root.version) continue;
    const lo = b.cidr.start > root.start ? b.cidr.start : root.start;
    const hi = endOf(b.cidr) < rootEnd ? endOf(b.cidr) : rootEnd;
    if (lo >= hi) continue;
    raise(
      cells,
      Number((lo - root.start) / cell),
      Number((hi - root.start + cell - 1n) / cell),
      CATEGORIES.indexOf(b.category),
    );
  }
  return { root, order, cellPrefix, cells };
};

/** The CIDR of cell d. */
export const cellCidr = (g: Grid, d: number): Cidr => ({
  version: g.root.version,
  start: g.root.start + BigInt(d) * sizeOf(g.root.version, g.cellPrefix),
  prefix: g.cellPrefix,
});

/** The aligned block `up` levels (bits) above `c`, never above /0. */
export const widen = (c: Cidr, bits: number): Cidr => {
  const prefix = Math.max(0, c.prefix - bits);
  return { version: c.version, start: c.start - (c.start % sizeOf(c.version, prefix)), prefix };
};

/** The index of the first block at or after `version`/`start` in address order. */
const firstFrom = (sorted: readonly MapBlock[], version: number, start: bigint): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = sorted[mid]!.cidr;
    if (c.version < version || (c.version === version && c.start < start)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const freeRows = (out: MapBlock[], root: Cidr, from: bigint, to: bigint, limit: number) => {
  for (const c of rangeToBlocks(root.version, from, to)) {
    if (out.length >= limit) return;
    out.push({ cidr: c, category: 'available', holder: '', owner: '', state: 'free' });
  }
};

/**
 * Rows of the map's table: the blocks inside the root and the free space as CIDRs, in address
 * order, the first `limit` of them (a walk from the root's start that stops there).
 */
export const tableRows = (root: Cidr, blocks: readonly MapBlock[], limit = 256): MapBlock[] => {
  const { sorted } = prepared(blocks);
  const rootEnd = endOf(root);
  const out: MapBlock[] = [];
  let at = root.start;
  for (let i = firstFrom(sorted, root.version, root.start); i < sorted.length; i++) {
    const b = sorted[i]!;
    if (b.cidr.version !== root.version || b.cidr.start >= rootEnd || out.length >= limit) break;
    if (endOf(b.cidr) > rootEnd) continue;
    if (b.cidr.start > at) freeRows(out, root, at, b.cidr.start - 1n, limit);
    if (out.length >= limit) break;
    out.push(b);
    if (endOf(b.cidr) > at) at = endOf(b.cidr);
  }
  if (at < rootEnd) freeRows(out, root, at, rootEnd - 1n, limit);
  return out;
};

export { formatCidr };
