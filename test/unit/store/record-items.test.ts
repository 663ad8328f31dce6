import { describe, expect, it } from 'vitest';
import { indexKeys, itemKey, refOf } from '../../../core/records';
import {
  itemToRecord,
  recordCheckHolds,
  recordToItem,
  recordWriteParams,
} from '../../../core/store/dynamo/record-items';
import { makeAllocation, makeIpam, makePool, makePoolCidr, makeScope } from '../../helpers/fixtures';

const TABLE = 'allot';

describe('record items', () => {
  it.each([
    ['ipam', makeIpam(), ['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']],
    ['scope', makeScope(), ['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']],
    ['pool', makePool(), ['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']],
    ['pool-cidr', makePoolCidr('10.0.0.0/8'), []],
    ['allocation', makeAllocation('10.1.2.0/24'), ['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']],
  ] as const)(
    '%s: fields plus table and index keys (core/records), which reading back strips',
    (_kind, record, indexAttrs) => {
      const item = recordToItem(record, 1);
      expect(item).toEqual({ ...record, ...itemKey(refOf(record)), ...indexKeys(record) });
      expect(Object.keys(indexKeys(record)).sort()).toEqual([...indexAttrs].sort());
      expect(itemToRecord(item)).toEqual(record);
    },
  );

  it('an allocation is found by pool and address, by id and by owner', () => {
    expect(recordToItem(makeAllocation('10.1.2.0/24'), 1)).toMatchObject({
      PK: 'POOL#ipam-pool-1',
      SK: 'ALLOC#0a010200/024',
      GSI1PK: 'ALLOCID#ipam-pool-alloc-10-1-2-0-24',
      GSI1SK: '#',
      GSI2PK: 'OWNER#111122223333#allocation',
      GSI2SK: 'ipam-pool-alloc-10-1-2-0-24',
    });
  });
});

describe('record write params', () => {
  it("'create' must not exist and keeps the record's _v", () => {
    const pool = makePool();
    expect(recordWriteParams({ type: 'create', record: pool }, TABLE)).toEqual({
      Put: {
        TableName: TABLE,
        Item: recordToItem(pool, 1),
        ConditionExpression: 'attribute_not_exists(#PK)',
        ExpressionAttributeNames: { '#PK': 'PK' },
      },
    });
  });

  it("'replace' requires _v = expect and stores expect + 1", () => {
    const pool = makePool({ _v: 3, Description: 'new' });
    expect(recordWriteParams({ type: 'replace', record: pool, expectVersion: 3 }, TABLE)).toEqual({
      Put: {
        TableName: TABLE,
        Item: { ...recordToItem(pool, 4), _v: 4 },
        ConditionExpression: '#_v = :expect',
        ExpressionAttributeNames: { '#_v': '_v' },
        ExpressionAttributeValues: { ':expect': 3 },
      },
    });
  });

  it("'counter' adds delta and bumps _v, bounded to [0, limit] before the write", () => {
    const p = recordWriteParams(
      { type: 'counter', ref: { kind: 'scope', id: 's' }, field: 'PoolCount', delta: 1, limit: 50 },
      TABLE,
    );
    expect(p).toEqual({
      Update: {
        TableName: TABLE,
        Key: { PK: 'SCOPE#s', SK: '#' },
        UpdateExpression: 'ADD #PoolCount :delta, #_v :one',
        ConditionExpression:
          'attribute_exists(#PK) AND (attribute_not_exists(#PoolCount) OR #PoolCount <= :maxBefore)',
        ExpressionAttributeNames: { '#PoolCount': 'PoolCount', '#_v': '_v', '#PK': 'PK' },
        ExpressionAttributeValues: { ':delta': 1, ':one': 1, ':maxBefore': 49 },
      },
    });
  });

  it("'counter' decrement may not go below zero", () => {
    const p = recordWriteParams(
      { type: 'counter', ref: { kind: 'pool', id: 'p' }, field: '_childCount', delta: -1 },
      TABLE,
    );
    expect(p).toMatchObject({
      Update: {
        UpdateExpression: 'ADD #_childCount :delta, #_v :one',
        ConditionExpression: 'attribute_exists(#PK) AND #_childCount >= :minBefore',
        ExpressionAttributeValues: { ':delta': -1, ':one': 1, ':minBefore': 1 },
      },
    });
  });

  it("'counter' with unlessState also refuses a record in that state", () => {
    const p = recordWriteParams(
      {
        type: 'counter',
        ref: { kind: 'pool', id: 'p' },
        field: '_childCount',
        delta: 1,
        unlessState: 'delete-in-progress',
      },
      TABLE,
    );
    expect(p).toEqual({
      Update: {
        TableName: TABLE,
        Key: { PK: 'POOL#p', SK: '#' },
        UpdateExpression: 'ADD #_childCount :delta, #_v :one',
        ConditionExpression: 'attribute_exists(#PK) AND (attribute_not_exists(#State) OR #State <> :unless)',
        ExpressionAttributeNames: {
          '#_childCount': '_childCount',
          '#_v': '_v',
          '#PK': 'PK',
          '#State': 'State',
        },
        ExpressionAttributeValues: { ':delta': 1, ':one': 1, ':unless': 'delete-in-progress' },
      },
    });
  });

  it("'delete' requires existence, optionally the version and zero counters", () => {
    const ref = { kind: 'pool', id: 'p' } as const;
    expect(recordWriteParams({ type: 'delete', ref }, TABLE)).toEqual({
      Delete: {
        TableName: TABLE,
        Key: { PK: 'POOL#p', SK: '#' },
        ConditionExpression: 'attribute_exists(#PK)',
        ExpressionAttributeNames: { '#PK': 'PK' },
      },
    });
    expect(
      recordWriteParams(
        { type: 'delete', ref, expectVersion: 5, requireZero: ['_cidrCount', '_childCount'] },
        TABLE,
      ),
    ).toEqual({
      Delete: {
        TableName: TABLE,
        Key: { PK: 'POOL#p', SK: '#' },
        ConditionExpression:
          'attribute_exists(#PK) AND #_v = :expect AND (attribute_not_exists(#_cidrCount) OR #_cidrCount = :zero) AND (attribute_not_exists(#_childCount) OR #_childCount = :zero)',
        ExpressionAttributeNames: {
          '#PK': 'PK',
          '#_v': '_v',
          '#_cidrCount': '_cidrCount',
          '#_childCount': '_childCount',
        },
        ExpressionAttributeValues: { ':expect': 5, ':zero': 0 },
      },
    });
  });

  it("'check' requires existence and optionally the version", () => {
    const ref = { kind: 'allocation', poolId: 'p', cidr: '10.0.0.0/24' } as const;
    expect(recordWriteParams({ type: 'check', ref, expectVersion: 2 }, TABLE)).toEqual({
      ConditionCheck: {
        TableName: TABLE,
        Key: { PK: 'POOL#p', SK: 'ALLOC#0a000000/024' },
        ConditionExpression: 'attribute_exists(#PK) AND #_v = :expect',
        ExpressionAttributeNames: { '#PK': 'PK', '#_v': '_v' },
        ExpressionAttributeValues: { ':expect': 2 },
      },
    });
    expect(recordWriteParams({ type: 'check', ref }, TABLE)).toMatchObject({
      ConditionCheck: { ConditionExpression: 'attribute_exists(#PK)' },
    });
  });

  it('a lone check holds on an existing record, at the version when one is given', () => {
    const ref = { kind: 'pool', id: 'p' } as const;
    expect(recordCheckHolds({ type: 'check', ref }, { _v: 9 })).toBe(true);
    expect(recordCheckHolds({ type: 'check', ref, expectVersion: 9 }, { _v: 9 })).toBe(true);
    expect(recordCheckHolds({ type: 'check', ref, expectVersion: 8 }, { _v: 9 })).toBe(false);
    expect(recordCheckHolds({ type: 'check', ref }, undefined)).toBe(false);
  });
});
