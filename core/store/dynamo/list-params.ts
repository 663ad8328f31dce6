/**
 * List queries (core/records, each kind's queryPlan) as Query params, and page cursors. A cursor is the base64url
 * JSON of the last returned item's key (table and index key attributes), i.e. the ExclusiveStartKey
 * of the next page; it is checked against the query before use, so a forged one cannot start a
 * read in another partition.
 */
import { fail } from '../../errors';
import { itemKey, type QueryPlan, ROOT_SK } from '../../records';
import type { Item } from './node-items';

/** Key attributes of the table or index a plan reads: partition, sort, then the table key. */
export const keyAttrsOf = (plan: QueryPlan): { pk: string; sk: string; all: string[] } => {
  const pk = plan.index ? `${plan.index}PK` : 'PK';
  const sk = plan.index ? `${plan.index}SK` : 'SK';
  return { pk, sk, all: plan.index ? [pk, sk, 'PK', 'SK'] : ['PK', 'SK'] };
};

/**
 * Query params for one read of a page; results come back in sort-key order.
 * @example listQueryParams({ pk: 'POOL#p', skPrefix: 'ALLOC#' }, 'allot', 11)
 *   // { KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :skPrefix)', ConsistentRead: true, Limit: 11, ... }
 */
export const listQueryParams = (plan: QueryPlan, table: string, limit: number, start?: Item) => {
  const { pk, sk } = keyAttrsOf(plan);
  return {
    TableName: table,
    // Index reads are eventually consistent by DynamoDB's rules; table reads need not be.
    ...(plan.index ? { IndexName: plan.index } : { ConsistentRead: true }),
    KeyConditionExpression: plan.skPrefix ? '#pk = :pk AND begins_with(#sk, :skPrefix)' : '#pk = :pk',
    ExpressionAttributeNames: { '#pk': pk, ...(plan.skPrefix ? { '#sk': sk } : {}) },
    ExpressionAttributeValues: { ':pk': plan.pk, ...(plan.skPrefix ? { ':skPrefix': plan.skPrefix } : {}) },
    Limit: limit,
    ...(start ? { ExclusiveStartKey: start } : {}),
  };
};

/** The cursor that resumes a query after `item`. */
export const cursorAfter = (plan: QueryPlan, item: Item): string => {
  const key: Record<string, unknown> = {};
  for (const a of keyAttrsOf(plan).all) key[a] = item[a];
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
};

/** The ExclusiveStartKey a cursor stands for; InvalidNextToken unless it belongs to this query. */
export const startKeyOf = (plan: QueryPlan, cursor: string): Item => {
  const { pk, sk, all } = keyAttrsOf(plan);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const k = (key ?? {}) as Record<string, unknown>;
  const shaped =
    typeof key === 'object' &&
    key !== null &&
    Object.keys(k).length === all.length &&
    all.every((a) => typeof k[a] === 'string') &&
    k[pk] === plan.pk &&
    (plan.skPrefix === undefined || (k[sk] as string).startsWith(plan.skPrefix));
  return shaped ? k : fail('InvalidNextToken', 'The NextToken is not valid for this request.');
};

/**
 * One strongly consistent read of a pool and its CIDRs: the pool item's sort key (ROOT_SK) is a
 * prefix of its CIDRs' sort keys (core/records/pool.ts, pool-cidr.ts), and the pool's allocations sort elsewhere.
 */
export const poolQueryParams = (poolId: string, table: string, start?: Item) => ({
  TableName: table,
  ConsistentRead: true,
  KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :skPrefix)',
  ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
  ExpressionAttributeValues: { ':pk': itemKey({ kind: 'pool', id: poolId }).PK, ':skPrefix': ROOT_SK },
  ...(start ? { ExclusiveStartKey: start } : {}),
});

/** The keys of every node of one space and family (for purgeSpace). */
export const spaceKeysQueryParams = (pk: string, table: string, start?: Item) => ({
  TableName: table,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
  ExpressionAttributeValues: { ':pk': pk },
  ProjectionExpression: '#pk, #sk',
  ...(start ? { ExclusiveStartKey: start } : {}),
});
