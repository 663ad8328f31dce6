import { describe, expect, it } from 'vitest';
import { NodeCache } from '../../../core/store/dynamo/node-cache';
import { makeNode, nodeKey } from '../../helpers/fixtures';

const clock = () => {
  const c = { now: 1_000, tick: (ms: number) => (c.now += ms) };
  return c;
};

describe('node cache', () => {
  it('keeps a view for the TTL from when it was stored', () => {
    const c = clock();
    const cache = new NodeCache(1000, () => c.now);
    const view = makeNode();
    cache.remember(view.key, view);
    c.tick(999);
    expect(cache.peek(view.key)).toBe(view);
    c.tick(1);
    expect(cache.peek(view.key)).toBeUndefined();
  });

  it('remembers known-absent nodes as null and forgets unknown ones', () => {
    const cache = new NodeCache(1000);
    cache.remember(nodeKey(), null);
    expect(cache.peek(nodeKey())).toBeNull();
    expect(cache.peek(nodeKey({ prefix: 16 }))).toBeUndefined();
  });

  it('TTL 0 disables it', () => {
    const cache = new NodeCache(0);
    cache.remember(nodeKey(), makeNode());
    expect(cache.peek(nodeKey())).toBeUndefined();
  });

  it('applies our own committed claim to the cached view, bumps v and keeps the entry age', () => {
    const c = clock();
    const cache = new NodeCache(1000, () => c.now);
    const view = makeNode({ v: 4 });
    cache.remember(view.key, view);
    c.tick(600);
    cache.committed([{ kind: 'claim', key: view.key, pos: 5, value: 'a' }]);
    expect(cache.peek(view.key)).toEqual(makeNode({ v: 5, b: { 5: 'a' }, u: { 2: 1, 1: 1 } }));
    c.tick(400);
    expect(cache.peek(view.key)).toBeUndefined();
  });

  it('forgets a node cached as absent once a claim in it succeeded', () => {
    const cache = new NodeCache(1000);
    cache.remember(nodeKey(), null);
    cache.committed([{ kind: 'claim', key: nodeKey(), pos: 2, value: 'a' }]);
    expect(cache.peek(nodeKey())).toBeUndefined();
  });

  it("takes over a committed 'put' at the new version (no copy), and null after a 'delete'", () => {
    const cache = new NodeCache(1000);
    const node = makeNode({ v: 0, u: { 1: 1 } });
    cache.committed([{ kind: 'put', node, expectVersion: null }]);
    const cached = cache.peek(node.key);
    expect(cached).toEqual({ ...node, v: 1 });
    // Handed over (Store.commit): the maps are the committed ones, the caller's version is untouched.
    expect(cached?.u).toBe(node.u);
    expect(node.v).toBe(0);
    cache.committed([{ kind: 'put', node: makeNode({ v: 1 }), expectVersion: 1 }]);
    expect(cache.peek(node.key)?.v).toBe(2);
    cache.committed([{ kind: 'delete', key: node.key, expectVersion: 2 }]);
    expect(cache.peek(node.key)).toBeNull();
  });

  it('after a lost race forgets every node involved and keeps the fresh ones', () => {
    const cache = new NodeCache(1000);
    const a = makeNode({ key: nodeKey({ prefix: 8 }) });
    const b = makeNode({ key: nodeKey({ prefix: 16 }) });
    cache.remember(a.key, a);
    cache.remember(b.key, b);
    const freshA = makeNode({ key: a.key, v: 9, b: { 1: 'x' } });
    cache.lost(
      [
        { kind: 'claim', key: a.key, pos: 2, value: 'mine' },
        { kind: 'check', key: b.key, expectVersion: 1 },
      ],
      [{ key: a.key, view: freshA }],
    );
    expect(cache.peek(a.key)).toBe(freshA);
    expect(cache.peek(b.key)).toBeUndefined();
  });

  it('evicts one space without touching another', () => {
    const cache = new NodeCache(1000);
    const mine = [nodeKey({ space: 'p' }), nodeKey({ space: 'p', version: 6, start: 0n, prefix: 48 })];
    const other = nodeKey({ space: 'p2' });
    for (const k of [...mine, other]) cache.remember(k, makeNode({ key: k }));
    cache.evictSpace('p');
    expect(mine.map((k) => cache.peek(k))).toEqual([undefined, undefined]);
    expect(cache.peek(other)).toBeDefined();
  });

  it('drops the oldest entries beyond its bound', () => {
    const cache = new NodeCache(1000, Date.now, 2);
    const keys = [8, 16, 24].map((prefix) => nodeKey({ prefix }));
    for (const k of keys) cache.remember(k, null);
    expect(keys.map((k) => cache.peek(k))).toEqual([undefined, null, null]);
  });
});
