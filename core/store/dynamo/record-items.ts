/**
 * Records as items (record fields + PK/SK + index keys) and the params of each record write.
 * `_v` is the record's version: 'create' stores it as given, 'replace' and 'counter' move it on,
 * so a read-modify-replace can never overwrite a concurrent change (STYLE habit 4).
 */

import type { Write } from '../../ports';
import { type AnyRecord, indexKeys, itemKey, refOf } from '../../records';
import {
  addTo,
  and,
  counterWithin,
  exists,
  expressionParams,
  notEqual,
  notExists,
  update,
  versionIs,
  zeroOrAbsent,
} from './expressions';
import type { Item, TransactItem } from './node-items';

/** Attributes the table adds to a record; stripped when reading back. */
export const KEY_ATTRS: ReadonlySet<string> = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']);

/**
 * The stored item of a record at version `version`.
 * @example recordToItem(ipam, 1) // { ...ipam, _v: 1, PK: 'IPAM#ipam-1', SK: '#', GSI2PK: 'OWNER#1111#ipam', GSI2SK: 'ipam-1' }
 */
export const recordToItem = (r: AnyRecord, version: number): Item => ({
  ...r,
  _v: version,
  ...itemKey(refOf(r)),
  ...indexKeys(r),
});

export const itemToRecord = <T extends AnyRecord>(item: Item): T => {
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (!KEY_ATTRS.has(k)) out[k] = v;
  return out as T;
};

export type RecordWrite = Exclude<Write, { type: 'node' }>;

/**
 * One TransactWriteItems element for a record write; its body doubles as single-item params.
 * @example recordWriteParams({ type: 'check', ref: { kind: 'pool', id: 'p' }, expectVersion: 2 }, 'allot')
 *   // { ConditionCheck: { ..., ConditionExpression: 'attribute_exists(#PK) AND #_v = :expect' } }
 */
export const recordWriteParams = (w: RecordWrite, table: string): TransactItem => {
  switch (w.type) {
    case 'create':
      return {
        Put: {
          TableName: table,
          Item: recordToItem(w.record, w.record._v ?? 1),
          ...expressionParams({ condition: notExists('PK') }),
        },
      };
    case 'replace':
      return {
        Put: {
          TableName: table,
          Item: recordToItem(w.record, w.expectVersion + 1),
          ...expressionParams({ condition: versionIs('_v', w.expectVersion) }),
        },
      };
    case 'counter': {
      const condition = and(
        exists('PK'),
        counterWithin(w.field, w.delta, w.limit),
        ...(w.unlessState !== undefined ? [notEqual('State', w.unlessState)] : []),
      );
      const change = update({ add: [addTo(w.field, ':delta', w.delta), addTo('_v', ':one', 1)] });
      return {
        Update: { TableName: table, Key: itemKey(w.ref), ...expressionParams({ condition, update: change }) },
      };
    }
    case 'delete': {
      const condition = and(
        exists('PK'),
        ...(w.expectVersion !== undefined ? [versionIs('_v', w.expectVersion)] : []),
        ...(w.requireZero ?? []).map((f) => zeroOrAbsent(f)),
      );
      return { Delete: { TableName: table, Key: itemKey(w.ref), ...expressionParams({ condition }) } };
    }
    case 'check': {
      const condition = and(
        exists('PK'),
        ...(w.expectVersion !== undefined ? [versionIs('_v', w.expectVersion)] : []),
      );
      return {
        ConditionCheck: { TableName: table, Key: itemKey(w.ref), ...expressionParams({ condition }) },
      };
    }
  }
};

/** What a lone record 'check' asks of the item read instead of a one-item transaction. */
export const recordCheckHolds = (w: Extract<Write, { type: 'check' }>, item: Item | undefined): boolean =>
  item !== undefined && (w.expectVersion === undefined || item._v === w.expectVersion);
