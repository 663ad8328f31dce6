/** Records as items (record fields + keys + index keys) and the params of each record write. */
import type { AnyRecord } from '../../model';
import { indexKeys, itemKey } from '../keys';
import { refOf, type Write } from '../port';
import { Expr } from './expressions';
import type { Item } from './node-items';

const KEY_ATTRS = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']);

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

export const recordWriteParams = (w: Exclude<Write, { type: 'node' }>, table: string): Item => {
  const e = new Expr();
  switch (w.type) {
    case 'create':
      return { Put: { TableName: table, Item: recordToItem(w.record, w.record._v ?? 1), ConditionExpression: e.notExists('PK'), ...e.params() } };
    case 'replace':
      return {
        Put: {
          TableName: table,
          Item: recordToItem(w.record, w.expectVersion + 1),
          ConditionExpression: e.equals('_v', w.expectVersion),
          ...e.params(),
        },
      };
    case 'counter': {
      const cond = [e.exists('PK'), e.counterWithin(w.field, w.delta, w.limit)].filter(Boolean).join(' AND ');
      return {
        Update: {
          TableName: table,
          Key: itemKey(w.ref),
          UpdateExpression: `ADD ${e.name(w.field)} ${e.value(w.delta)}, ${e.name('_v')} ${e.value(1)}`,
          ConditionExpression: cond,
          ...e.params(),
        },
      };
    }
    case 'delete': {
      const cond = [e.exists('PK')];
      if (w.expectVersion !== undefined) cond.push(e.equals('_v', w.expectVersion));
      for (const f of w.requireZero ?? []) cond.push(e.zeroOrAbsent(f));
      return { Delete: { TableName: table, Key: itemKey(w.ref), ConditionExpression: cond.join(' AND '), ...e.params() } };
    }
    case 'check': {
      const cond = [e.exists('PK')];
      if (w.expectVersion !== undefined) cond.push(e.equals('_v', w.expectVersion));
      return { ConditionCheck: { TableName: table, Key: itemKey(w.ref), ConditionExpression: cond.join(' AND '), ...e.params() } };
    }
  }
};
