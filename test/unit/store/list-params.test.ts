import { describe, expect, it } from 'vitest';
import { isAllotError } from '../../../core/errors';
import { itemKey, queryPlan } from '../../../core/records';
import {
  cursorAfter,
  listQueryParams,
  poolQueryParams,
  startKeyOf,
} from '../../../core/store/dynamo/list-params';

const invalid = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return isAllotError(e) ? e.code : String(e);
  }
  return undefined;
};

describe('list query params', () => {
  it('read a pool partition by sort-key prefix, strongly consistent', () => {
    expect(listQueryParams(queryPlan({ kind: 'allocation', poolId: 'p' }), 'allot', 11)).toEqual({
      TableName: 'allot',
      ConsistentRead: true,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :skPrefix)',
      ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
      ExpressionAttributeValues: { ':pk': 'POOL#p', ':skPrefix': 'ALLOC#' },
      Limit: 11,
    });
  });

  it('read a pool with its CIDRs in one strongly consistent query', () => {
    expect(poolQueryParams('p', 'allot')).toEqual({
      TableName: 'allot',
      ConsistentRead: true,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :skPrefix)',
      ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
      ExpressionAttributeValues: { ':pk': 'POOL#p', ':skPrefix': '#' },
    });
  });

  it('read an index partition from a start key', () => {
    const start = { GSI2PK: 'OWNER#1#pool', GSI2SK: 'b', PK: 'POOL#b', SK: '#' };
    expect(listQueryParams(queryPlan({ kind: 'pool', owner: '1' }), 'allot', 5, start)).toEqual({
      TableName: 'allot',
      IndexName: 'GSI2',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'GSI2PK' },
      ExpressionAttributeValues: { ':pk': 'OWNER#1#pool' },
      Limit: 5,
      ExclusiveStartKey: start,
    });
  });
});

describe('cursors', () => {
  const byOwner = queryPlan({ kind: 'pool', owner: '1' });
  const byPool = queryPlan({ kind: 'pool-cidr', poolId: 'p' });

  it('resume after the last item: its table key, plus the index key on an index', () => {
    const item = {
      PK: 'POOL#b',
      SK: '#',
      GSI1PK: 'SCOPE#s#pools',
      GSI1SK: 'b',
      GSI2PK: 'OWNER#1#pool',
      GSI2SK: 'b',
      Description: 'x',
    };
    expect(startKeyOf(byOwner, cursorAfter(byOwner, item))).toEqual({
      GSI2PK: 'OWNER#1#pool',
      GSI2SK: 'b',
      PK: 'POOL#b',
      SK: '#',
    });
    const key = itemKey({ kind: 'pool-cidr', poolId: 'p', cidr: '10.0.0.0/8' });
    expect(startKeyOf(byPool, cursorAfter(byPool, { ...key, Cidr: '10.0.0.0/8' }))).toEqual(key);
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['JSON but not an object', Buffer.from('"x"').toString('base64url')],
    [
      'another partition',
      cursorAfter(byPool, { ...itemKey({ kind: 'pool-cidr', poolId: 'q', cidr: '10.0.0.0/8' }) }),
    ],
    [
      'outside the sort-key prefix',
      cursorAfter(byPool, { ...itemKey({ kind: 'allocation', poolId: 'p', cidr: '10.0.0.0/8' }) }),
    ],
    [
      'extra attributes',
      Buffer.from(JSON.stringify({ PK: 'POOL#p', SK: 'CIDR#1', X: 'y' })).toString('base64url'),
    ],
    ['numbers for keys', Buffer.from(JSON.stringify({ PK: 'POOL#p', SK: 1 })).toString('base64url')],
  ])('refuse a cursor that is %s', (_what, cursor) => {
    expect(invalid(() => startKeyOf(byPool, cursor))).toBe('InvalidNextToken');
  });
});
