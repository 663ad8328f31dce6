/**
 * Space-tree nodes as DynamoDB items: `v` plus, per position h, `b<h>` (claim), `u<h>` (count
 * below) and `m<h>` (child hint); absent means zero/none. Pure builders: every write's
 * ConditionExpression is unit-tested (STYLE habit 6).
 */
import { nodeItemKey, nodeKeyOf } from '../keys';
import type { NodeKey, NodeView, NodeWrite } from '../../space/node';
import { Expr } from './expressions';

export type Item = Record<string, unknown>;

export const nodeToItem = (n: NodeView, v: number): Item => {
  const item: Item = { ...nodeItemKey(n.key), v };
  for (const [h, value] of n.b) item[`b${h}`] = value;
  for (const [h, count] of n.u) if (count > 0) item[`u${h}`] = count;
  for (const [h, hint] of n.m) item[`m${h}`] = hint;
  return item;
};

export const itemToNode = (item: Item): NodeView => {
  const n: NodeView = {
    key: nodeKeyOf(item as { PK: string; SK: string }),
    v: Number(item.v ?? 0),
    b: new Map(),
    u: new Map(),
    m: new Map(),
  };
  for (const [k, value] of Object.entries(item)) {
    const kind = k[0];
    const h = Number(k.slice(1));
    if (!Number.isInteger(h) || h < 1) continue;
    if (kind === 'b') n.b.set(h, String(value));
    else if (kind === 'u') n.u.set(h, Number(value));
    else if (kind === 'm') n.m.set(h, Number(value));
  }
  return n;
};

export const nodeKeyOfWrite = (w: NodeWrite): NodeKey => (w.kind === 'put' ? w.node.key : w.key);

/** One TransactWriteItems element (also usable as single-item params) for a node write. */
export const nodeWriteParams = (w: NodeWrite, table: string): Item => {
  const Key = nodeItemKey(nodeKeyOfWrite(w));
  switch (w.kind) {
    case 'claim': {
      const e = new Expr();
      const conds = [e.exists('PK'), e.notExists(`b${w.pos}`), e.zeroOrAbsent(`u${w.pos}`)];
      const adds = [`${e.name('v')} ${e.value(1)}`];
      for (let a = w.pos >> 1; a >= 1; a >>= 1) {
        conds.push(e.notExists(`b${a}`));
        adds.push(`${e.name(`u${a}`)} ${e.value(1)}`);
      }
      return {
        Update: {
          TableName: table,
          Key,
          UpdateExpression: `SET ${e.name(`b${w.pos}`)} = ${e.value(w.value)} ADD ${adds.join(', ')}`,
          ConditionExpression: conds.join(' AND '),
          ...e.params(),
        },
      };
    }
    case 'put': {
      const e = new Expr();
      const cond = w.expectVersion === null ? e.notExists('PK') : e.equals('v', w.expectVersion);
      return { Put: { TableName: table, Item: nodeToItem(w.node, (w.expectVersion ?? 0) + 1), ConditionExpression: cond, ...e.params() } };
    }
    case 'delete': {
      const e = new Expr();
      return { Delete: { TableName: table, Key, ConditionExpression: e.equals('v', w.expectVersion), ...e.params() } };
    }
    case 'check': {
      const e = new Expr();
      return { ConditionCheck: { TableName: table, Key, ConditionExpression: e.equals('v', w.expectVersion), ...e.params() } };
    }
  }
};
