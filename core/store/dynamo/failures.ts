/**
 * Lost races as values (STYLE habit 5): which writes of a unit of work failed their conditions,
 * read from the error DynamoDB returns, with the items as they were (ReturnValuesOnConditionCheckFailure
 * ALL_OLD). Anything that is not a lost race is left for the caller to throw.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Item } from './node-items';

export interface LostRace {
  /** Indexes of the writes whose conditions failed; empty for a plain transaction conflict. */
  failed: number[];
  /** The item each failed write found (undefined: there was none), by write index. */
  items: Map<number, Item | undefined>;
}

interface AwsError {
  name?: string;
  Item?: Item;
  CancellationReasons?: { Code?: string | null; Item?: Item }[];
}

/** Reasons that still mean "try again": a condition, another transaction on one of the items, or nothing. */
const RACE_CODES = new Set(['ConditionalCheckFailed', 'TransactionConflict', 'None']);

/**
 * The document client does not unmarshall items carried by errors (aws-sdk-js-v3#6723), so they
 * arrive as AttributeValue maps ({ PK: { S: '...' } }); every item we store has a string PK.
 */
export const plainItem = (item: Item | undefined): Item | undefined => {
  if (!item) return undefined;
  return typeof item.PK === 'object' && item.PK !== null ? (unmarshall(item as never) as Item) : item;
};

/**
 * Classify an error from PutItem/UpdateItem/DeleteItem or TransactWriteItems.
 * @example lostRace({ name: 'ConditionalCheckFailedException' }) // { failed: [0], items: Map { 0 => undefined } }
 */
export const lostRace = (err: unknown): LostRace | undefined => {
  const e = (err ?? {}) as AwsError;
  switch (e.name) {
    case 'ConditionalCheckFailedException':
      return { failed: [0], items: new Map([[0, plainItem(e.Item)]]) };
    // Single-item write on an item that a transaction is writing: nothing happened, retry.
    case 'TransactionConflictException':
      return { failed: [], items: new Map() };
    case 'TransactionCanceledException': {
      const reasons = e.CancellationReasons ?? [];
      if (reasons.some((r) => r.Code != null && !RACE_CODES.has(r.Code))) return undefined;
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length === 0 && !reasons.some((r) => r.Code === 'TransactionConflict')) return undefined;
      return { failed, items: new Map(failed.map((i) => [i, plainItem(reasons[i]?.Item)])) };
    }
    default:
      return undefined;
  }
};
