/**
 * The Store contract, run against the in-memory reference and the DynamoDB adapter on DynamoDB
 * Local (one fresh table for this file). Every test uses its own ids, so tests share a store
 * without seeing each other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCidr } from '../../../core/cidr';
import { failedWrite, type Store, type Write } from '../../../core/ports';
import type { AllocationRecord, AnyRecord, ListQuery, PoolRecord, ScopeRecord } from '../../../core/records';
import { emptyNode, type NodeKey, type NodeView, type NodeWrite } from '../../../core/space/node';
import { DynamoStore } from '../../../core/store/dynamo';
import { MemoryStore } from '../../../core/store/memory';
import { freshTable } from '../../helpers/ddb';
import { makeAllocation, makeNode, makePool, makePoolCidr, makeScope } from '../../helpers/fixtures';

let table: Awaited<ReturnType<typeof freshTable>> | undefined;

const factories: [string, () => Promise<Store>][] = [
  ['memory', async () => new MemoryStore()],
  [
    'dynamo',
    async () => {
      table ??= await freshTable('store-contract');
      return new DynamoStore({ client: table.client, tableName: table.tableName });
    },
  ],
];

let n = 0;
const uid = (prefix: string): string => `${prefix}-${(++n).toString(36).padStart(4, '0')}`;

/** Views compared by content (derived tables and map order do not matter). */
const plain = (v: NodeView | undefined) =>
  v && {
    key: v.key,
    v: v.v,
    b: Object.fromEntries([...v.b].sort(([a], [b]) => a - b)),
    u: Object.fromEntries([...v.u].filter(([, c]) => c !== 0).sort(([a], [b]) => a - b)),
    m: Object.fromEntries([...v.m].sort(([a], [b]) => a - b)),
  };

type IndexedResult = { ok: true } | { ok: false; failed: number[]; nodes: NodeView[] };
const failedOf = (r: IndexedResult): number[] | 'ok' => (r.ok ? 'ok' : r.failed);
const node = (write: NodeWrite): Write => ({ type: 'node', write });
const byStartThenPrefix = (a: string, b: string): number => {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x.start === y.start ? x.prefix - y.prefix : x.start < y.start ? -1 : 1;
};

describe.each(factories)('Store contract: %s', (_name, make) => {
  let store: Store;
  beforeAll(async () => {
    store = await make();
  });
  /**
   * Commits, and reads a failure as the positions of the failed writes in what was submitted: the
   * port hands back the very writes it was given (a write it did not get would show as -1).
   */
  const commit = async (writes: Write[]): Promise<IndexedResult> => {
    const r = await store.commit(writes);
    return r.ok ? r : { ...r, failed: r.failed.map((w) => writes.indexOf(w)) };
  };

  const listAll = async <T extends AnyRecord>(q: ListQuery, limit: number) => {
    const pages: T[][] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list<T>(q, limit, cursor);
      pages.push(page.items);
      cursor = page.cursor;
    } while (cursor !== undefined && pages.length < 100);
    return pages;
  };

  describe('records', () => {
    it('create succeeds once; the second create fails as write 0', async () => {
      const pool = makePool({ IpamPoolId: uid('pool') });
      expect(await commit([{ type: 'create', record: pool }])).toEqual({ ok: true });
      expect(await commit([{ type: 'create', record: { ...pool, Description: 'again' } }])).toEqual({
        ok: false,
        failed: [0],
        nodes: [],
      });
      expect(await store.get({ kind: 'pool', id: pool.IpamPoolId })).toEqual(pool);
    });

    it('replace needs the stored version and moves it on', async () => {
      const pool = makePool({ IpamPoolId: uid('pool') });
      await commit([{ type: 'create', record: pool }]);
      expect(
        failedOf(
          await commit([{ type: 'replace', record: { ...pool, Description: 'x' }, expectVersion: 2 }]),
        ),
      ).toEqual([0]);
      expect(
        await commit([{ type: 'replace', record: { ...pool, Description: 'y' }, expectVersion: 1 }]),
      ).toEqual({ ok: true });
      expect(await store.get({ kind: 'pool', id: pool.IpamPoolId })).toEqual({
        ...pool,
        Description: 'y',
        _v: 2,
      });
      expect(failedOf(await commit([{ type: 'replace', record: pool, expectVersion: 1 }]))).toEqual([0]);
      expect(
        failedOf(
          await commit([
            { type: 'replace', record: makePool({ IpamPoolId: uid('missing') }), expectVersion: 1 },
          ]),
        ),
      ).toEqual([0]);
    });

    it('counter stays within [0, limit], bumps _v, and needs the record', async () => {
      const scope = makeScope({ IpamScopeId: uid('scope'), PoolCount: 0 });
      const ref = { kind: 'scope', id: scope.IpamScopeId } as const;
      const bump = (delta: number, limit?: number): Write => ({
        type: 'counter',
        ref,
        field: 'PoolCount',
        delta,
        ...(limit === undefined ? {} : { limit }),
      });
      await commit([{ type: 'create', record: scope }]);
      expect(failedOf(await commit([bump(-1)]))).toEqual([0]);
      expect(failedOf(await commit([bump(1, 2)]))).toBe('ok');
      expect(failedOf(await commit([bump(1, 2)]))).toBe('ok');
      expect(failedOf(await commit([bump(1, 2)]))).toEqual([0]);
      expect(failedOf(await commit([bump(5)]))).toBe('ok');
      expect(failedOf(await commit([bump(-8)]))).toEqual([0]);
      expect(failedOf(await commit([bump(-7)]))).toBe('ok');
      expect(await store.get<ScopeRecord>(ref)).toEqual({ ...scope, PoolCount: 0, _v: 5 });
      expect(failedOf(await commit([{ type: 'replace', record: scope, expectVersion: 1 }]))).toEqual([0]);
      expect(
        failedOf(
          await commit([
            { type: 'counter', ref: { kind: 'scope', id: uid('missing') }, field: 'PoolCount', delta: 1 },
          ]),
        ),
      ).toEqual([0]);
    });

    it('counter treats a missing field as 0', async () => {
      const { _childCount: _, ...pool } = makePool({ IpamPoolId: uid('pool') });
      const ref = { kind: 'pool', id: pool.IpamPoolId } as const;
      await commit([{ type: 'create', record: pool as PoolRecord }]);
      expect(failedOf(await commit([{ type: 'counter', ref, field: '_childCount', delta: -1 }]))).toEqual([
        0,
      ]);
      expect(
        failedOf(await commit([{ type: 'counter', ref, field: '_childCount', delta: 2, limit: 1 }])),
      ).toEqual([0]);
      expect(
        failedOf(await commit([{ type: 'counter', ref, field: '_childCount', delta: 1, limit: 1 }])),
      ).toBe('ok');
      expect((await store.get<PoolRecord>(ref))?._childCount).toBe(1);
    });

    it('delete needs the record, the version when given, and zero counters when asked', async () => {
      const pool = makePool({ IpamPoolId: uid('pool'), _cidrCount: 1 });
      const ref = { kind: 'pool', id: pool.IpamPoolId } as const;
      await commit([{ type: 'create', record: pool }]);
      expect(
        failedOf(await commit([{ type: 'delete', ref, requireZero: ['_childCount', '_cidrCount'] }])),
      ).toEqual([0]);
      expect(failedOf(await commit([{ type: 'counter', ref, field: '_cidrCount', delta: -1 }]))).toBe('ok');
      expect(
        failedOf(await commit([{ type: 'delete', ref, expectVersion: 1, requireZero: ['_cidrCount'] }])),
      ).toEqual([0]);
      expect(
        failedOf(await commit([{ type: 'delete', ref, expectVersion: 2, requireZero: ['_cidrCount'] }])),
      ).toBe('ok');
      expect(await store.get(ref)).toBeUndefined();
      expect(failedOf(await commit([{ type: 'delete', ref }]))).toEqual([0]);
    });

    it('check needs the record at the version, alone or in a unit of work', async () => {
      const pool = makePool({ IpamPoolId: uid('pool') });
      const ref = { kind: 'pool', id: pool.IpamPoolId } as const;
      await commit([{ type: 'create', record: pool }]);
      expect(failedOf(await commit([{ type: 'check', ref }]))).toBe('ok');
      expect(failedOf(await commit([{ type: 'check', ref, expectVersion: 1 }]))).toBe('ok');
      expect(failedOf(await commit([{ type: 'check', ref, expectVersion: 2 }]))).toEqual([0]);
      expect(failedOf(await commit([{ type: 'check', ref: { kind: 'pool', id: uid('missing') } }]))).toEqual([
        0,
      ]);
      const cidr = makePoolCidr('10.0.0.0/8', { IpamPoolId: pool.IpamPoolId });
      expect(
        failedOf(
          await commit([
            { type: 'create', record: cidr },
            { type: 'check', ref, expectVersion: 2 },
          ]),
        ),
      ).toEqual([1]);
      expect(
        failedOf(
          await commit([
            { type: 'create', record: cidr },
            { type: 'check', ref, expectVersion: 1 },
          ]),
        ),
      ).toBe('ok');
    });

    it('a unit of work with one failing write changes nothing', async () => {
      const scope = makeScope({ IpamScopeId: uid('scope') });
      const pool = makePool({ IpamPoolId: uid('pool'), IpamScopeId: scope.IpamScopeId });
      const taken = makePool({ IpamPoolId: uid('pool') });
      await commit([
        { type: 'create', record: scope },
        { type: 'create', record: taken },
      ]);
      const res = await commit([
        { type: 'create', record: pool },
        { type: 'counter', ref: { kind: 'scope', id: scope.IpamScopeId }, field: 'PoolCount', delta: 1 },
        { type: 'create', record: taken },
        { type: 'check', ref: { kind: 'pool', id: uid('missing') } },
      ]);
      expect(failedOf(res)).toEqual([2, 3]);
      expect(await store.get({ kind: 'pool', id: pool.IpamPoolId })).toBeUndefined();
      expect(await store.get({ kind: 'scope', id: scope.IpamScopeId })).toEqual(scope);
    });

    it('a failed commit names its failed writes, whatever their position', async () => {
      const taken = makePool({ IpamPoolId: uid('pool') });
      await commit([{ type: 'create', record: taken }]);
      const res = await store.commit([
        { name: 'record', type: 'create', record: makePool({ IpamPoolId: uid('pool') }) },
        { name: 'token', type: 'create', record: taken },
      ]);
      expect(res.ok ? [] : res.failed.map((w) => w.name)).toEqual(['token']);
      expect(failedWrite(res, 'token')).toBe(true);
      expect(failedWrite(res, 'record')).toBe(false);
    });
  });

  describe('lists', () => {
    it('a pool lists its allocations in address order across sizes, page by page', async () => {
      const poolId = uid('pool');
      const cidrs = [
        '10.0.1.0/24',
        '192.168.0.0/16',
        '10.0.0.0/16',
        '10.0.0.128/25',
        '9.255.255.0/24',
        '10.0.0.0/24',
        '10.0.2.0/23',
        '10.10.0.0/20',
        '172.16.0.0/12',
        '10.0.0.0/8',
        '0.0.0.0/32',
      ];
      const allocs = cidrs.map((c) => makeAllocation(c, { IpamPoolId: poolId }));
      for (const a of allocs) await commit([{ type: 'create', record: a }]);
      await commit([
        { type: 'create', record: makePool({ IpamPoolId: poolId }) },
        { type: 'create', record: makePoolCidr('10.0.0.0/8', { IpamPoolId: poolId }) },
      ]);
      const sorted = [...cidrs].sort(byStartThenPrefix);
      expect(sorted.slice(0, 4)).toEqual(['0.0.0.0/32', '9.255.255.0/24', '10.0.0.0/8', '10.0.0.0/16']);
      for (const limit of [1, 3, 11, 50]) {
        const pages = await listAll<AllocationRecord>({ kind: 'allocation', poolId }, limit);
        expect(pages.map((p) => p.length)).toEqual(
          Array.from({ length: Math.ceil(11 / limit) }, (_, i) => Math.min(limit, 11 - i * limit)),
        );
        expect(pages.flat().map((a) => a.Cidr)).toEqual(sorted);
      }
      expect((await store.list({ kind: 'allocation', poolId }, 11)).cursor).toBeUndefined();
      expect((await store.list({ kind: 'pool-cidr', poolId }, 10)).items.map((r) => r.kind)).toEqual([
        'pool-cidr',
      ]);
      expect(await store.list({ kind: 'allocation', poolId: uid('empty') }, 10)).toEqual({ items: [] });
    });

    it('reads a pool with its CIDRs in address order, without its allocations', async () => {
      const poolId = uid('pool');
      const pool = makePool({ IpamPoolId: poolId });
      const cidrs = ['172.16.0.0/12', '10.0.0.0/8', '10.0.0.0/16'].map((c) =>
        makePoolCidr(c, { IpamPoolId: poolId }),
      );
      await commit([
        { type: 'create', record: pool },
        ...cidrs.map((record): Write => ({ type: 'create', record })),
      ]);
      await commit([{ type: 'create', record: makeAllocation('10.0.0.0/24', { IpamPoolId: poolId }) }]);
      const got = await store.getPool(poolId);
      expect(got.pool).toEqual(pool);
      expect(got.cidrs.map((c) => c.Cidr)).toEqual(['10.0.0.0/8', '10.0.0.0/16', '172.16.0.0/12']);
      expect(await store.getPool(uid('missing'))).toEqual({ cidrs: [] });
    });

    it('indexes find allocations by owner and by id, and pools by scope and by owner', async () => {
      const owner = uid('owner');
      const scopeId = uid('scope');
      const ids = ['c', 'a', 'e', 'b', 'd'].map((x) => `${uid('alloc')}-${x}`);
      const allocs = ids.map((id, i) =>
        makeAllocation(`10.${i}.0.0/16`, {
          IpamPoolId: uid('pool'),
          IpamPoolAllocationId: id,
          ResourceOwner: owner,
        }),
      );
      await commit(allocs.map((record): Write => ({ type: 'create', record })));
      await commit([
        {
          type: 'create',
          record: makeAllocation('10.9.0.0/16', { IpamPoolId: uid('pool'), ResourceOwner: uid('other') }),
        },
      ]);
      const pages = await listAll<AllocationRecord>({ kind: 'allocation', owner }, 2);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat().map((a) => a.IpamPoolAllocationId)).toEqual([...ids].sort());
      const one = await store.list<AllocationRecord>({ kind: 'allocation', allocationId: ids[2]! }, 5);
      expect(one).toEqual({ items: [allocs[2]] });

      const pools = ['p2', 'p1', 'p3'].map((x) =>
        makePool({ IpamPoolId: `${uid('pool')}-${x}`, IpamScopeId: scopeId, OwnerId: owner }),
      );
      await commit(pools.map((record): Write => ({ type: 'create', record })));
      const want = pools.map((p) => p.IpamPoolId).sort();
      expect(
        (await listAll<PoolRecord>({ kind: 'pool', scopeId }, 2)).flat().map((p) => p.IpamPoolId),
      ).toEqual(want);
      expect((await listAll<PoolRecord>({ kind: 'pool', owner }, 1)).flat().map((p) => p.IpamPoolId)).toEqual(
        want,
      );
    });
  });

  describe('space-tree nodes', () => {
    const newNode = async (): Promise<NodeKey> => {
      const key: NodeKey = { space: uid('space'), version: 4, start: 0x0a000000n, prefix: 8 };
      expect(await commit([node({ kind: 'put', node: emptyNode(key, 0), expectVersion: null })])).toEqual({
        ok: true,
      });
      return key;
    };
    const claimAt = (key: NodeKey, pos: number, value = `alloc-${pos}`) =>
      commit([node({ kind: 'claim', key, pos, value })]);

    it('claims a free position and counts it in every ancestor', async () => {
      const key = await newNode();
      expect(await claimAt(key, 5)).toEqual({ ok: true });
      expect(await claimAt(key, 6)).toEqual({ ok: true });
      expect(plain(await store.readNode(key, true))).toEqual(
        plain(makeNode({ key, v: 3, b: { 5: 'alloc-5', 6: 'alloc-6' }, u: { 2: 1, 3: 1, 1: 2 } })),
      );
    });

    it.each([
      ['the position is taken', 5],
      ['an ancestor is taken', 10],
      ['an ancestor of an ancestor is taken', 21],
      ['something lies below the position', 2],
      ['something lies below the whole node', 1],
    ])('a claim fails when %s, and returns the fresh node', async (_why, pos) => {
      const key = await newNode();
      await claimAt(key, 5);
      const res = await claimAt(key, pos, 'late');
      const fresh = await store.readNode(key, true);
      expect(plain(fresh)).toEqual(plain(makeNode({ key, v: 2, b: { 5: 'alloc-5' }, u: { 2: 1, 1: 1 } })));
      expect(failedOf(res)).toEqual([0]);
      expect(res.ok ? [] : res.nodes.map(plain)).toEqual([plain(fresh)]);
    });

    it('a claim fails on a missing node', async () => {
      const key: NodeKey = { space: uid('space'), version: 6, start: 0xfd00n << 112n, prefix: 48 };
      expect(await claimAt(key, 3)).toEqual({ ok: false, failed: [0], nodes: [] });
      expect(await store.readNode(key, true)).toBeUndefined();
    });

    it('a claim in a unit of work fails with it, and a failing record write undoes the claim', async () => {
      const key = await newNode();
      const alloc = makeAllocation('10.0.0.0/10', { IpamPoolId: uid('pool') });
      await commit([{ type: 'create', record: alloc }]);
      const res = await commit([
        node({ kind: 'claim', key, pos: 4, value: 'x' }),
        { type: 'create', record: alloc },
      ]);
      expect(res).toEqual({ ok: false, failed: [1], nodes: [] });
      expect(plain(await store.readNode(key, true))).toEqual(plain(makeNode({ key, v: 1 })));
    });

    it("'mark' records a child at a cell (u = 1, its hint) and counts it in every ancestor", async () => {
      const key = await newNode();
      const mark = (pos: number, hint: number) => commit([node({ kind: 'mark', key, pos, hint })]);
      expect(await mark(256, 17)).toEqual({ ok: true });
      expect(await claimAt(key, 257)).toEqual({ ok: true });
      const counts = { 1: 2, 2: 2, 4: 2, 8: 2, 16: 2, 32: 2, 64: 2, 128: 2 };
      expect(plain(await store.readNode(key, true))).toEqual(
        plain(makeNode({ key, v: 3, b: { 257: 'alloc-257' }, u: { ...counts, 256: 1 }, m: { 256: 17 } })),
      );
      // The same cell again (a second creation of one child), or a cell under a claim: refused.
      expect(failedOf(await mark(256, 17))).toEqual([0]);
      expect(failedOf(await mark(257, 20))).toEqual([0]);
      const other = await newNode();
      await claimAt(other, 2);
      expect(failedOf(await commit([node({ kind: 'mark', key: other, pos: 256, hint: 17 })]))).toEqual([0]);
      expect(plain(await store.readNode(key, true))?.v).toBe(3);
    });

    it("'put' needs the node absent (null) or at the version, and stores expect + 1", async () => {
      const key = await newNode();
      const next = makeNode({ key, v: 1, u: { 2: 1, 1: 1, 256: 1 }, m: { 256: 17 } });
      const again = await commit([node({ kind: 'put', node: next, expectVersion: null })]);
      expect(failedOf(again)).toEqual([0]);
      expect(again.ok ? [] : again.nodes.map(plain)).toEqual([plain(makeNode({ key, v: 1 }))]);
      expect(failedOf(await commit([node({ kind: 'put', node: next, expectVersion: 2 })]))).toEqual([0]);
      expect(await commit([node({ kind: 'put', node: next, expectVersion: 1 })])).toEqual({ ok: true });
      expect(plain(await store.readNode(key, true))).toEqual(plain({ ...next, v: 2 }));
      expect(plain(await store.readNode(key))).toEqual(plain({ ...next, v: 2 }));
    });

    it("'check' and 'delete' need the version; a deleted node can be created again", async () => {
      const key = await newNode();
      const other = await newNode();
      const stale = await commit([
        node({ kind: 'check', key, expectVersion: 0 }),
        node({ kind: 'claim', key: other, pos: 2, value: 'x' }),
      ]);
      expect(failedOf(stale)).toEqual([0]);
      expect(stale.ok ? [] : stale.nodes.map(plain)).toEqual([plain(makeNode({ key, v: 1 }))]);
      expect(
        await commit([
          node({ kind: 'check', key, expectVersion: 1 }),
          node({ kind: 'claim', key: other, pos: 2, value: 'x' }),
        ]),
      ).toEqual({ ok: true });
      expect(failedOf(await commit([node({ kind: 'check', key, expectVersion: 2 })]))).toEqual([0]);
      expect(failedOf(await commit([node({ kind: 'check', key, expectVersion: 1 })]))).toBe('ok');
      expect(failedOf(await commit([node({ kind: 'delete', key, expectVersion: 2 })]))).toEqual([0]);
      expect(await commit([node({ kind: 'delete', key, expectVersion: 1 })])).toEqual({ ok: true });
      expect(await store.readNode(key)).toBeUndefined();
      expect(await store.readNode(key, true)).toBeUndefined();
      expect(failedOf(await commit([node({ kind: 'check', key, expectVersion: 1 })]))).toEqual([0]);
      expect(await commit([node({ kind: 'put', node: emptyNode(key, 0), expectVersion: null })])).toEqual({
        ok: true,
      });
      expect((await store.readNode(key, true))?.v).toBe(1);
    });

    it('purgeSpace removes every node of a space and nothing else', async () => {
      const key = await newNode();
      const child: NodeKey = { ...key, prefix: 16 };
      const keep = await newNode();
      await commit([node({ kind: 'put', node: emptyNode(child, 0), expectVersion: null })]);
      await store.purgeSpace(key.space);
      expect(await store.readNode(key)).toBeUndefined();
      expect(await store.readNode(child, true)).toBeUndefined();
      expect((await store.readNode(keep, true))?.v).toBe(1);
    });
  });
});
