/**
 * Overlap status for one scope (F-RES-05, F-STAT-06) in O(n log n), with no pairwise test.
 *
 * A row overlaps when it shares an address with a member of its comparison set: the other rows
 * of its family plus the scope's custom allocations, minus
 *   - rows of the same resource (a VPC's own CIDRs, duplicate reports of one row),
 *   - rows of its parent resource (a subnet in its own VPC, an EIP in its own public IPv4 pool),
 *   - rows of its children (the same pairs seen from the parent's side),
 *   - partners carrying its own ResourceId (its own allocation).
 *
 * CIDRs are laminar: two blocks are either disjoint or one contains the other. Sorted by
 * (start, prefix), every block's overlaps are its ancestors (the blocks still open on a stack when
 * it arrives) and its descendants (the blocks that arrive before it is closed). One sort and one
 * stack pass therefore count every block's overlaps. The excluded partners live in small groups
 * (one resource's rows, one parent's children) that are scanned and subtracted:
 * partners = all - same resource - own allocation - parent rows - child rows (+ rows that are
 * both parent and child, which only a parent cycle produces).
 *
 * Measured on the 100k-row bench scope (best of 9, busy 2-CPU host): the first version, two
 * BigInt-sorted `IntervalIndex`es plus a Map of group objects, took ~280 ms; one numeric-key
 * sort, the stack pass and linked-list groups take ~140 ms, with the same output.
 */

import { type Block, type Family, IntervalIndex } from '../../../cidr';

export interface OverlapRow {
  id: string;
  /** Parent resource ID (VPC of a subnet, pool of an EIP); ignored when equal to `id`. */
  parent?: string;
  block: Block;
}

/** A partner that never gets a status of its own: a custom allocation (on-prem space). */
export interface OverlapPartner {
  /** ResourceId of the allocation, if any: a row with that ID does not overlap it. */
  id?: string;
  block: Block;
}

const M48 = (1n << 48n) - 1n;

/**
 * Indices ordered by (version, start, prefix). The comparator only reads Numbers: each start is
 * split once into exact 48/48/32-bit parts, so no BigInt is compared during the sort.
 */
const sortedOrder = (blocks: readonly Block[]): Int32Array => {
  const n = blocks.length;
  const k0 = new Float64Array(n);
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = blocks[i]!;
    if (b.version === 4) {
      k2[i] = Number(b.start);
    } else {
      k0[i] = 2 ** 49 + Number(b.start >> 80n); // above every IPv4 key
      k1[i] = Number((b.start >> 32n) & M48);
      k2[i] = Number(b.start & 0xffffffffn);
    }
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort(
    (a, b) => k0[a]! - k0[b]! || k1[a]! - k1[b]! || k2[a]! - k2[b]! || blocks[a]!.prefix - blocks[b]!.prefix,
  );
};

/** For each block, how many other blocks it overlaps (ancestors + descendants). */
const overlapCounts = (blocks: readonly Block[]): Int32Array => {
  const order = sortedOrder(blocks);
  const count = new Int32Array(blocks.length);
  const stack: number[] = []; // positions in `order`
  const close = (pos: number, at: number) => {
    count[order[pos]!]! += at - pos - 1; // descendants: everything that arrived while it was open
  };
  for (let pos = 0; pos < order.length; pos++) {
    const b = blocks[order[pos]!]!;
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const t = blocks[order[top]!]!;
      if (t.version === b.version && t.end >= b.start) break;
      close(stack.pop()!, pos);
    }
    count[order[pos]!] = stack.length; // ancestors
    stack.push(pos);
  }
  while (stack.length > 0) close(stack.pop()!, order.length);
  return count;
};

const meets = (a: Block, b: Block) => a.version === b.version && a.start <= b.end && b.start <= a.end;

/** Above this many members a group is indexed rather than scanned, so no query is linear. */
const SCAN_LIMIT = 16;

/**
 * Groups as singly linked lists threaded through an Int32Array: one Map entry per key and no
 * array per group (most resources have one or two rows). A large group (a public IPv4 pool's
 * EIPs, a VPC's subnets) gets a per-family `IntervalIndex` on first use.
 */
class Chains {
  private readonly head = new Map<string, number>();
  private readonly next: Int32Array;
  /** Group size, stored at its current head. */
  private readonly size: Int32Array;
  private readonly indexed = new Map<string, Record<Family, IntervalIndex>>();
  constructor(
    capacity: number,
    private readonly blocks: readonly Block[],
  ) {
    this.next = new Int32Array(capacity).fill(-1);
    this.size = new Int32Array(capacity);
  }

  add(key: string, i: number): void {
    const h = this.head.get(key);
    if (h !== undefined) this.next[i] = h;
    this.size[i] = h === undefined ? 1 : this.size[h]! + 1;
    this.head.set(key, i);
  }

  has(key: string): boolean {
    return this.head.has(key);
  }

  private members(key: string): number[] {
    const out: number[] = [];
    for (let i = this.head.get(key) ?? -1; i >= 0; i = this.next[i]!) out.push(i);
    return out;
  }

  /** Members of `key` sharing an address with `q` and accepted by `keep`. */
  count(key: string, q: Block, keep?: (i: number) => boolean): number {
    const h = this.head.get(key);
    if (h === undefined) return 0;
    if (this.size[h]! > SCAN_LIMIT && !keep) {
      let index = this.indexed.get(key);
      if (!index) {
        const m = this.members(key).map((i) => this.blocks[i]!);
        const of = (v: Family) => new IntervalIndex(m.filter((b) => b.version === v));
        index = { 4: of(4), 6: of(6) };
        this.indexed.set(key, index);
      }
      return index[q.version].count(q);
    }
    let n = 0;
    for (let i = h; i >= 0; i = this.next[i]!) if (meets(this.blocks[i]!, q) && (!keep || keep(i))) n++;
    return n;
  }
}

/**
 * For each row, whether it overlaps its comparison set. IPv4 and IPv6 never overlap.
 * @example overlapFlags([{ id: 'vpc-a', block: a }, { id: 'vpc-b', block: a }], []) // [true, true]
 */
export const overlapFlags = (rows: readonly OverlapRow[], partners: readonly OverlapPartner[]): boolean[] => {
  const n = rows.length;
  const blocks = [...rows.map((r) => r.block), ...partners.map((p) => p.block)];
  const total = overlapCounts(blocks);
  const parentOf = (r: OverlapRow) => (r.parent !== undefined && r.parent !== r.id ? r.parent : undefined);
  const byId = new Chains(blocks.length, blocks);
  const children = new Chains(blocks.length, blocks);
  const ownAllocation = new Chains(blocks.length, blocks);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    byId.add(r.id, i);
    const parent = parentOf(r);
    if (parent !== undefined) children.add(parent, i);
  }
  partners.forEach((p, k) => {
    if (p.id !== undefined) ownAllocation.add(p.id, n + k);
  });
  return rows.map((r, i) => {
    const q = r.block;
    const parent = parentOf(r);
    let hits = total[i]! + 1; // + itself, which the same-resource count below includes
    hits -= byId.count(r.id, q) + ownAllocation.count(r.id, q) + children.count(r.id, q);
    if (parent !== undefined) {
      hits -= byId.count(parent, q);
      // A row both parent and child of r was subtracted twice; only a parent cycle does that.
      if (children.has(r.id)) hits += byId.count(parent, q, (j) => parentOf(rows[j]!) === r.id);
    }
    return hits > 0;
  });
};
