import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { d2xy, xy2d } from '../../../console/src/hilbert';
import {
  allocationBlock,
  CATEGORIES,
  cellCidr,
  gridOf,
  type MapBlock,
  resourceBlock,
  tableRows,
  widen,
} from '../../../console/src/layout';
import { ipsLabel } from '../../../console/src/sizes';
import { type Cidr, formatCidr, parseCidr, rangeToBlocks } from '../../../core/cidr';

const block = (cidr: string, category: MapBlock['category']): MapBlock => ({
  cidr: parseCidr(cidr),
  category,
  holder: '',
  owner: '',
  state: '',
});

describe('the Hilbert curve', () => {
  it('visits every cell once, each next to the one before', () => {
    const order = 4;
    const seen = new Set<string>();
    let last: [number, number] | undefined;
    for (let d = 0; d < 4 ** order; d++) {
      const [x, y] = d2xy(order, d);
      seen.add(`${x},${y}`);
      if (last) expect(Math.abs(x - last[0]) + Math.abs(y - last[1])).toBe(1);
      last = [x, y];
    }
    expect(seen.size).toBe(256);
  });

  it('xy2d inverts d2xy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.nat(), (order, n) => {
        const d = n % 4 ** order;
        const [x, y] = d2xy(order, d);
        expect(xy2d(order, x, y)).toBe(d);
      }),
    );
  });
});

describe('the CIDR map grid', () => {
  it('gives each cell the highest category in it (overlapping > noncompliant > compliant > occupied)', () => {
    const g = gridOf(parseCidr('10.0.0.0/16'), [
      block('10.0.0.0/24', 'occupied'),
      block('10.0.0.0/26', 'compliant'),
      block('10.0.0.16/28', 'overlapping'),
      block('10.0.255.0/24', 'noncompliant'),
    ]);
    expect([g.order, g.cellPrefix, g.cells.length]).toEqual([6, 28, 4096]);
    const at = (d: number) => CATEGORIES[g.cells[d]!];
    expect([at(0), at(1), at(2), at(4), at(15), at(16), at(4080), at(4079)]).toEqual([
      'compliant',
      'overlapping',
      'compliant',
      'occupied',
      'occupied',
      'available',
      'noncompliant',
      'available',
    ]);
    expect(formatCidr(cellCidr(g, 16))).toBe('10.0.1.0/28');
  });

  it('maps a small root to single addresses, and IPv6 with the same cells', () => {
    expect(gridOf(parseCidr('10.0.0.0/29'), []).order).toBe(1);
    const v6 = gridOf(parseCidr('2001:db8::/48'), [block('2001:db8:0:100::/56', 'occupied')]);
    expect([v6.cellPrefix, CATEGORIES[v6.cells[16]!], CATEGORIES[v6.cells[15]!]]).toEqual([
      60,
      'occupied',
      'available',
    ]);
  });

  it('zooms by quarters and lists used and free blocks in address order', () => {
    expect(formatCidr(widen(parseCidr('10.0.1.0/28'), 10))).toBe('10.0.0.0/18');
    expect(formatCidr(widen(parseCidr('128.0.0.0/2'), 2))).toBe('0.0.0.0/0');
    const rows = tableRows(parseCidr('10.0.0.0/22'), [block('10.0.1.0/24', 'occupied')]);
    expect(rows.map((r) => `${formatCidr(r.cidr)} ${r.category}`)).toEqual([
      '10.0.0.0/24 available',
      '10.0.1.0/24 occupied',
      '10.0.2.0/23 available',
    ]);
  });

  it('reads categories from allocations and resource CIDRs', () => {
    const r = { ResourceCidr: '10.0.0.0/24', ManagementState: 'managed', ComplianceStatus: 'compliant' };
    expect([
      allocationBlock({ Cidr: '10.0.0.0/24', ResourceType: 'custom', IpamPoolAllocationId: 'a-1' }).category,
      resourceBlock(r).category,
      resourceBlock({ ...r, OverlapStatus: 'overlapping', ComplianceStatus: 'noncompliant' }).category,
      resourceBlock({ ...r, ComplianceStatus: 'noncompliant' }).category,
      resourceBlock({ ...r, ManagementState: 'unmanaged', ComplianceStatus: 'unmanaged' }).category,
    ]).toEqual(['occupied', 'compliant', 'overlapping', 'noncompliant', 'occupied']);
  });

  it.each([
    [65536n, '65K IPs'],
    [4096n, '4K IPs'],
    [16384n, '16K IPs'],
    [256n, '256 IPs'],
    [1n << 20n, '1M IPs'],
  ])('labels %s addresses %s', (n, label) => {
    expect(ipsLabel(n)).toBe(label);
  });
});

/** The map's first model, kept as the oracle of the prepared one: BigInt per block, all free space then sorted. */
const reference = {
  cells(root: Cidr, blocks: MapBlock[]): number[] {
    const order = Math.min(6, Math.floor((32 - root.prefix) / 2));
    const cell = 1n << BigInt(32 - root.prefix - 2 * order);
    const cells = new Array<number>(4 ** order).fill(0);
    const end = (c: Cidr) => c.start + (1n << BigInt(32 - c.prefix));
    for (const b of blocks) {
      const lo = b.cidr.start > root.start ? b.cidr.start : root.start;
      const hi = end(b.cidr) < end(root) ? end(b.cidr) : end(root);
      if (lo >= hi) continue;
      const rank = CATEGORIES.indexOf(b.category);
      for (let d = Number((lo - root.start) / cell); d < Number((hi - root.start + cell - 1n) / cell); d++)
        cells[d] = Math.max(cells[d]!, rank);
    }
    return cells;
  },
  rows(root: Cidr, blocks: MapBlock[], limit: number): string[] {
    const end = (c: Cidr) => c.start + (1n << BigInt(32 - c.prefix));
    const order = (a: MapBlock, b: MapBlock) =>
      a.cidr.start < b.cidr.start ? -1 : a.cidr.start > b.cidr.start ? 1 : a.cidr.prefix - b.cidr.prefix;
    const inside = blocks.filter((b) => b.cidr.start >= root.start && end(b.cidr) <= end(root)).sort(order);
    const free: MapBlock[] = [];
    let at = root.start;
    for (const b of [...inside, { cidr: { ...root, start: end(root), prefix: 32 } } as MapBlock]) {
      if (b.cidr.start > at)
        for (const c of rangeToBlocks(4, at, b.cidr.start - 1n))
          free.push({ ...block('0.0.0.0/32', 'available'), cidr: c });
      if (end(b.cidr) > at) at = end(b.cidr);
    }
    return [...inside, ...free]
      .sort(order)
      .slice(0, limit)
      .map((b) => `${formatCidr(b.cidr)} ${b.category}`);
  },
};

describe('the prepared map model', () => {
  it('draws the same cells and lists the same rows as the first model, for any blocks and root', () => {
    const cidrIn16 = fc
      .tuple(fc.integer({ min: 16, max: 30 }), fc.nat(65535), fc.constantFrom(...CATEGORIES))
      .map(([prefix, n, category]) => {
        // The n-th aligned /prefix of 10.0.0.0/16.
        const start = (10n << 24n) + (BigInt(n) % (1n << BigInt(prefix - 16))) * (1n << BigInt(32 - prefix));
        return { ...block('0.0.0.0/32', category), cidr: { version: 4 as const, start, prefix } };
      });
    fc.assert(
      fc.property(
        fc.array(cidrIn16, { maxLength: 40 }),
        cidrIn16,
        fc.integer({ min: 1, max: 40 }),
        (blocks, r, limit) => {
          const root = r.cidr;
          expect([...gridOf(root, blocks).cells]).toEqual(reference.cells(root, blocks));
          expect(tableRows(root, blocks, limit).map((b) => `${formatCidr(b.cidr)} ${b.category}`)).toEqual(
            reference.rows(root, blocks, limit),
          );
        },
      ),
    );
  });
});
