import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cidr, formatCidr, parseCidr } from '../../../core/cidr';
import { claim, release } from '../../../core/ops/allocation/allocator';
import { emptyNode, type NodeKey } from '../../../core/space/node';
import { MemoryStore } from '../../../core/store/memory';

const rootOf = async (store: MemoryStore, cidr: string, space = 'pool-1'): Promise<NodeKey> => {
  const c = parseCidr(cidr);
  const key: NodeKey = { space, version: c.version, start: c.start, prefix: c.prefix };
  const res = await store.commit([
    { type: 'node', write: { kind: 'put', node: emptyNode(key), expectVersion: null } },
  ]);
  expect(res.ok).toBe(true);
  return key;
};

const take = async (
  store: MemoryStore,
  roots: NodeKey[],
  prefix: number,
  value: string,
  extra: Partial<Parameters<typeof claim>[1]> = {},
) => {
  const res = await claim({ store }, { roots, prefix, value, extra: () => [], now: 0, ...extra });
  return res.ok ? formatCidr(res.block) : res.reason;
};

const overlaps = (a: Cidr, b: Cidr): boolean => {
  const bits = a.version === 4 ? 32 : 128;
  const ea = a.start + (1n << BigInt(bits - a.prefix)) - 1n;
  const eb = b.start + (1n << BigInt(bits - b.prefix)) - 1n;
  return a.start <= eb && b.start <= ea;
};

describe('space allocator (in-memory store)', () => {
  it('hands out the lowest free aligned blocks, contiguously', async () => {
    const store = new MemoryStore();
    const root = await rootOf(store, '10.0.0.0/16');
    const got = [];
    for (const [i, p] of [24, 24, 25, 23, 26].entries()) got.push(await take(store, [root], p, `a${i}`));
    expect(got).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/25', '10.0.4.0/23', '10.0.2.128/26']);
  });

  it('claims a whole root, then reports no space', async () => {
    const store = new MemoryStore();
    const root = await rootOf(store, '10.1.0.0/24');
    expect(await take(store, [root], 24, 'a')).toBe('10.1.0.0/24');
    expect(await take(store, [root], 32, 'b')).toBe('no-space');
  });

  it('rejects an explicit block overlapping an existing claim, in both directions', async () => {
    const store = new MemoryStore();
    const root = await rootOf(store, '10.0.0.0/8');
    expect(await take(store, [root], 20, 'a', { block: parseCidr('10.0.16.0/20') })).toBe('10.0.16.0/20');
    expect(await take(store, [root], 28, 'b', { block: parseCidr('10.0.20.16/28') })).toBe('no-space');
    expect(await take(store, [root], 12, 'c', { block: parseCidr('10.0.0.0/12') })).toBe('no-space');
    expect(await take(store, [root], 28, 'd', { block: parseCidr('10.0.32.0/28') })).toBe('10.0.32.0/28');
  });

  it('honours AllowedCidrs and DisallowedCidrs', async () => {
    const store = new MemoryStore();
    const root = await rootOf(store, '10.0.0.0/16');
    const iv = (s: string) => {
      const c = parseCidr(s);
      return { start: c.start, end: c.start + (1n << BigInt(32 - c.prefix)) - 1n };
    };
    expect(
      await take(store, [root], 24, 'a', {
        allowed: [iv('10.0.128.0/17')],
        disallowed: [iv('10.0.128.0/24')],
      }),
    ).toBe('10.0.129.0/24');
  });

  it('keeps released space out of reach until its reuse delay ends, then hands it back', async () => {
    const store = new MemoryStore();
    const root = await rootOf(store, '10.0.0.0/24');
    expect(await take(store, [root], 26, 'a')).toBe('10.0.0.0/26');
    const rel = await release(
      { store },
      { root, block: parseCidr('10.0.0.0/26'), value: 'a', coolUntil: 1000, extra: [] },
    );
    expect(rel.ok).toBe(true);
    expect(await take(store, [root], 26, 'b', { now: 999 })).toBe('10.0.0.64/26');
    expect(await take(store, [root], 24, 'c', { now: 1000 })).toBe('no-space');
    expect(await take(store, [root], 26, 'd', { now: 1000 })).toBe('10.0.0.0/26');
  });

  it('counts released space whose reuse delay has passed as free for an explicit block too', async () => {
    const store = new MemoryStore();
    const root = await rootOf(store, '10.0.0.0/8');
    const at = (cidr: string, value: string, now: number) =>
      take(store, [root], parseCidr(cidr).prefix, value, { block: parseCidr(cidr), now });
    const cool = async (cidr: string, value: string) =>
      expect(
        (await release({ store }, { root, block: parseCidr(cidr), value, coolUntil: 1000, extra: [] })).ok,
      ).toBe(true);
    // The same position, a block with released space in a node below it, a block inside a
    // larger released one: refused while cooling, claimed once the delay has passed.
    for (const [taken, asked] of [
      ['10.0.1.0/24', '10.0.1.0/24'],
      ['10.1.2.0/28', '10.1.0.0/16'],
      ['10.2.0.0/16', '10.2.3.0/24'],
    ] as const) {
      expect(await at(taken, `old ${taken}`, 0)).toBe(taken);
      await cool(taken, `old ${taken}`);
      expect(await at(asked, `new ${asked}`, 999)).toBe('no-space');
      expect(await at(asked, `new ${asked}`, 1000)).toBe(asked);
    }
    expect(await take(store, [root], 8, 'whole', { now: 1000 })).toBe('no-space');
  });

  it('fills an IPv6 /48 with /64s across node levels without gaps', async () => {
    const store = new MemoryStore();
    const root = await rootOf(store, '2001:db8::/48');
    const got: string[] = [];
    for (let i = 0; i < 300; i++) got.push(await take(store, [root], 64, `a${i}`));
    expect(got[0]).toBe('2001:db8::/64');
    expect(got[255]).toBe('2001:db8:0:ff::/64');
    expect(got[299]).toBe('2001:db8:0:12b::/64');
  });

  it('property: claims lie inside the root, never overlap, and release returns exactly what was taken', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ p: fc.integer({ min: 20, max: 30 }), free: fc.boolean() }), {
          minLength: 1,
          maxLength: 60,
        }),
        async (ops) => {
          const store = new MemoryStore();
          const root = await rootOf(store, '10.0.0.0/20');
          const held = new Map<string, Cidr>();
          for (const [i, op] of ops.entries()) {
            const res = await claim(
              { store },
              { roots: [root], prefix: op.p, value: `a${i}`, extra: () => [], now: 0 },
            );
            if (res.ok) {
              expect(res.block.start >> 12n).toBe(root.start >> 12n);
              for (const other of held.values()) expect(overlaps(other, res.block)).toBe(false);
              held.set(`a${i}`, res.block);
            } else {
              // Never "no space" while an aligned block of that size is free.
              const size = 1n << BigInt(32 - op.p);
              for (let s = root.start; s < root.start + 4096n; s += size) {
                const cand: Cidr = { version: 4, start: s, prefix: op.p };
                expect([...held.values()].some((h) => overlaps(h, cand))).toBe(true);
              }
            }
            if (op.free && held.size > 0) {
              const [v, block] = [...held.entries()][0]!;
              expect((await release({ store }, { root, block, value: v, extra: [] })).ok).toBe(true);
              held.delete(v);
            }
          }
          for (const [v, block] of held)
            expect((await release({ store }, { root, block, value: v, extra: [] })).ok).toBe(true);
          const nodes = store.allNodes();
          expect(nodes).toHaveLength(1);
          expect(nodes[0]!.b.size + nodes[0]!.u.size + nodes[0]!.m.size).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
