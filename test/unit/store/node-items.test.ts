import { describe, expect, it } from 'vitest';
import {
  itemToNode,
  nodeCheckHolds,
  nodeToItem,
  nodeWriteParams,
} from '../../../core/store/dynamo/node-items';
import { makeNode, nodeKey } from '../../helpers/fixtures';

const TABLE = 'allot';
const KEY = { PK: 'SPACE#ipam-pool-1#4', SK: 'NODE#0a000000/008' };

describe('node write params', () => {
  it("'claim' at h=5 sets b5, counts it in ancestors 2 and 1, bumps v, and requires the positions clear", () => {
    const p = nodeWriteParams({ kind: 'claim', key: nodeKey(), pos: 5, value: 'ipam-pool-alloc-1' }, TABLE);
    expect(p).toEqual({
      Update: {
        TableName: TABLE,
        Key: KEY,
        UpdateExpression: 'SET #b5 = :val ADD #u2 :one, #u1 :one, #v :one',
        ConditionExpression:
          'attribute_exists(#PK) AND attribute_not_exists(#b5) AND (attribute_not_exists(#u5) OR #u5 = :zero) AND attribute_not_exists(#b2) AND attribute_not_exists(#b1)',
        ExpressionAttributeNames: {
          '#b5': 'b5',
          '#u2': 'u2',
          '#u1': 'u1',
          '#v': 'v',
          '#PK': 'PK',
          '#u5': 'u5',
          '#b2': 'b2',
          '#b1': 'b1',
        },
        ExpressionAttributeValues: { ':val': 'ipam-pool-alloc-1', ':one': 1, ':zero': 0 },
      },
    });
  });

  it("'mark' at a cell sets its count and hint, counts it in the ancestors, under a claim's conditions", () => {
    const p = nodeWriteParams({ kind: 'mark', key: nodeKey(), pos: 4, hint: 17 }, TABLE);
    expect(p).toEqual({
      Update: {
        TableName: TABLE,
        Key: KEY,
        UpdateExpression: 'SET #u4 = :cell, #m4 = :hint ADD #u2 :one, #u1 :one, #v :one',
        ConditionExpression:
          'attribute_exists(#PK) AND attribute_not_exists(#b4) AND (attribute_not_exists(#u4) OR #u4 = :zero) AND attribute_not_exists(#b2) AND attribute_not_exists(#b1)',
        ExpressionAttributeNames: {
          '#u4': 'u4',
          '#m4': 'm4',
          '#u2': 'u2',
          '#u1': 'u1',
          '#v': 'v',
          '#PK': 'PK',
          '#b4': 'b4',
          '#b2': 'b2',
          '#b1': 'b1',
        },
        ExpressionAttributeValues: { ':cell': 1, ':hint': 17, ':one': 1, ':zero': 0 },
      },
    });
  });

  it("'claim' of the whole node (h=1) has no ancestors", () => {
    const p = nodeWriteParams({ kind: 'claim', key: nodeKey(), pos: 1, value: 'a' }, TABLE);
    expect(p).toMatchObject({
      Update: {
        UpdateExpression: 'SET #b1 = :val ADD #v :one',
        ConditionExpression:
          'attribute_exists(#PK) AND attribute_not_exists(#b1) AND (attribute_not_exists(#u1) OR #u1 = :zero)',
      },
    });
  });

  it("'claim' at a cell (h=256) names all eight ancestors", () => {
    const p = nodeWriteParams({ kind: 'claim', key: nodeKey(), pos: 256, value: 'a' }, TABLE);
    if (!('Update' in p)) throw new Error('expected an Update');
    expect(p.Update.UpdateExpression).toBe(
      'SET #b256 = :val ADD #u128 :one, #u64 :one, #u32 :one, #u16 :one, #u8 :one, #u4 :one, #u2 :one, #u1 :one, #v :one',
    );
    expect(p.Update.ConditionExpression).toBe(
      'attribute_exists(#PK) AND attribute_not_exists(#b256) AND (attribute_not_exists(#u256) OR #u256 = :zero) AND ' +
        [128, 64, 32, 16, 8, 4, 2, 1].map((a) => `attribute_not_exists(#b${a})`).join(' AND '),
    );
  });

  it("'put' of a new node must not exist and is stored at v 1", () => {
    const node = makeNode({ v: 0, u: { 3: 1, 1: 1 }, m: { 3: 12 } });
    expect(nodeWriteParams({ kind: 'put', node, expectVersion: null }, TABLE)).toEqual({
      Put: {
        TableName: TABLE,
        Item: { ...KEY, v: 1, u3: 1, u1: 1, m3: 12 },
        ConditionExpression: 'attribute_not_exists(#PK)',
        ExpressionAttributeNames: { '#PK': 'PK' },
      },
    });
  });

  it("'put' over version 4 requires v = 4 and stores v 5", () => {
    const node = makeNode({ v: 4, b: { 2: 'a' }, u: { 1: 1 } });
    expect(nodeWriteParams({ kind: 'put', node, expectVersion: 4 }, TABLE)).toEqual({
      Put: {
        TableName: TABLE,
        Item: { ...KEY, v: 5, b2: 'a', u1: 1 },
        ConditionExpression: '#v = :expect',
        ExpressionAttributeNames: { '#v': 'v' },
        ExpressionAttributeValues: { ':expect': 4 },
      },
    });
  });

  it.each([
    ['delete', 'Delete'],
    ['check', 'ConditionCheck'],
  ] as const)("'%s' requires the expected version", (kind, action) => {
    expect(nodeWriteParams({ kind, key: nodeKey(), expectVersion: 7 }, TABLE)).toEqual({
      [action]: {
        TableName: TABLE,
        Key: KEY,
        ConditionExpression: '#v = :expect',
        ExpressionAttributeNames: { '#v': 'v' },
        ExpressionAttributeValues: { ':expect': 7 },
      },
    });
  });

  it('a lone check holds only on an existing node at the version', () => {
    const w = { kind: 'check', key: nodeKey(), expectVersion: 2 } as const;
    expect(nodeCheckHolds(w, { ...KEY, v: 2 })).toBe(true);
    expect(nodeCheckHolds(w, { ...KEY, v: 3 })).toBe(false);
    expect(nodeCheckHolds(w, undefined)).toBe(false);
  });
});

describe('node items', () => {
  it('store b, u and m per position and leave zero counts out', () => {
    const node = makeNode({
      v: 9,
      b: { 5: 'x', 300: 'cool#1700000000000#y' },
      u: { 2: 1, 1: 2, 4: 0 },
      m: { 300: 20 },
    });
    expect(nodeToItem(node, 9)).toEqual({
      ...KEY,
      v: 9,
      b5: 'x',
      b300: 'cool#1700000000000#y',
      u2: 1,
      u1: 2,
      m300: 20,
    });
  });

  it('round-trip views of both families', () => {
    const v4 = makeNode({ v: 3, b: { 5: 'a', 511: 'b' }, u: { 2: 1, 1: 2, 255: 1 }, m: { 256: 16 } });
    const v6 = makeNode({
      key: nodeKey({ version: 6, start: 0xfd00_0000_0000_0000_0000_0000_0000_0000n, prefix: 56 }),
      v: 1,
      b: { 3: 'c' },
      u: { 1: 1 },
    });
    for (const n of [v4, v6]) {
      const back = itemToNode(nodeToItem(n, n.v));
      expect(back).toEqual(n);
    }
    expect(nodeToItem(v6, 1)).toMatchObject({
      PK: 'SPACE#ipam-pool-1#6',
      SK: 'NODE#fd000000000000000000000000000000/056',
    });
  });

  it('read only position attributes from an item', () => {
    const n = itemToNode({ ...KEY, v: 2, b0: 'no', bx: 'no', b01: 'no', u3: 1, GSI1PK: 'no' });
    expect([...n.b]).toEqual([]);
    expect([...n.u]).toEqual([[3, 1]]);
    expect(n.v).toBe(2);
    expect(n.key).toEqual(nodeKey());
  });
});
