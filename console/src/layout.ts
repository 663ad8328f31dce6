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

/** The cells of `root` (at most 4^maxOrder) and the category each shows. */
export const gridOf = (root: Cidr, blocks: MapBlock[], maxOrder = 6): Grid => {
  const order = Math.min(maxOrder, Math.floor((BITS[root.version] - root.prefix) / 2));
  const cellPrefix = root.prefix + 2 * order;
  const cell = sizeOf(root.version, cellPrefix);
  const cells = new Uint8Array(4 ** order);
  const rootEnd = endOf(root);
  for (const b of blocks) {
    if (b.cidr.version !== root.version) continue;
    const lo = b.cidr.start > root.start ? b.cidr.start : root.start;
    const hi = endOf(b.cidr) < rootEnd ? endOf(b.cidr) : rootEnd;
    if (lo >= hi) continue;
    const rank = CATEGORIES.indexOf(b.category);
    const last = Number((hi - root.start + cell - 1n) / cell);
    for (let d = Number((lo - root.start) / cell); d < last; d++) if (cells[d]! < rank) cells[d] = rank;
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

/** Rows of the map's table: the blocks inside the root and the free space as CIDRs, in address order. */
export const tableRows = (root: Cidr, blocks: MapBlock[], limit = 256): MapBlock[] => {
  const inside = blocks
    .filter(
      (b) => b.cidr.version === root.version && b.cidr.start >= root.start && endOf(b.cidr) <= endOf(root),
    )
    .sort((a, b) =>
      a.cidr.start < b.cidr.start ? -1 : a.cidr.start > b.cidr.start ? 1 : a.cidr.prefix - b.cidr.prefix,
    );
  const free: MapBlock[] = [];
  let at = root.start;
  for (const b of [
    ...inside,
    { cidr: { ...root, start: endOf(root), prefix: BITS[root.version] } } as MapBlock,
  ]) {
    if (b.cidr.start > at)
      for (const c of rangeToBlocks(root.version, at, b.cidr.start - 1n))
        free.push({ cidr: c, category: 'available', holder: '', owner: '', state: 'free' });
    if (endOf(b.cidr) > at) at = endOf(b.cidr);
  }
  return [...inside, ...free]
    .sort((a, b) =>
      a.cidr.start < b.cidr.start ? -1 : a.cidr.start > b.cidr.start ? 1 : a.cidr.prefix - b.cidr.prefix,
    )
    .slice(0, limit);
};

export { formatCidr };
