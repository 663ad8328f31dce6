/**
 * Space-tree nodes as DynamoDB items: the key from nodeItemKey, `v` (the node's version), and per
 * position h `b<h>` (claim), `u<h>` (count below) and `m<h>` (child hint). Zero counts are not
 * stored, so "absent" and "0" mean the same and a fresh node item is small. Pure builders: every
 * write's ConditionExpression is unit-tested (STYLE habit 6).
 */

import type { ItemKey } from '../../records';
import { ancestorsOf } from '../../space/geometry';
import { type NodeView, type NodeWrite, nodeKeyOfWrite } from '../../space/node';
import {
  addTo,
  and,
  type ExpressionParams,
  exists,
  expressionParams,
  type Fragment,
  notExists,
  setTo,
  update,
  versionIs,
  zeroOrAbsent,
} from './expressions';
import { nodeItemKey, nodeKeyOf } from './node-keys';

export type Item = Record<string, unknown>;

/**
 * The stored item of a view at version `v`.
 * @example nodeToItem(view, 3) // { PK: 'SPACE#p#4', SK: 'NODE#0a000000/008', v: 3, b5: 'alloc-1', u2: 1, u1: 1 }
 */
export const nodeToItem = (n: NodeView, v: number): Item => {
  const item: Item = { ...nodeItemKey(n.key), v };
  for (const [h, value] of n.b) item[`b${h}`] = value;
  for (const [h, count] of n.u) if (count !== 0) item[`u${h}`] = count;
  for (const [h, hint] of n.m) item[`m${h}`] = hint;
  return item;
};

const POSITION_ATTR = /^([bum])([1-9][0-9]*)$/;

/** The view of a stored item (any attribute other than keys, `v` and position maps is ignored). */
export const itemToNode = (item: Item): NodeView => {
  const n: NodeView = {
    key: nodeKeyOf(item as unknown as ItemKey),
    v: Number(item.v ?? 0),
    b: new Map(),
    u: new Map(),
    m: new Map(),
  };
  for (const [attr, value] of Object.entries(item)) {
    const m = POSITION_ATTR.exec(attr);
    if (!m) continue;
    const h = Number(m[2]);
    if (m[1] === 'b') n.b.set(h, String(value));
    else if (m[1] === 'u') n.u.set(h, Number(value));
    else n.m.set(h, Number(value));
  }
  return n;
};

/**
 * The 'claim' fast path: one UpdateItem that records the claim at `pos` and counts it in every
 * in-node ancestor, conditioned only on the positions involved (not on `v`), so claims on
 * disjoint positions of one node never fail each other. The node must exist; `pos` must be free
 * with nothing below it; no ancestor may hold a claim.
 */
const claimParams = (w: Extract<NodeWrite, { kind: 'claim' }>) =>
  positionUpdate(w.pos, [setTo(`b${w.pos}`, ':val', w.value)]);

/**
 * An update at position `pos` under a claim's conditions (the node exists, `pos` is free with
 * nothing below it, no in-node ancestor holds a claim) that also counts it in every ancestor.
 */
const positionUpdate = (pos: number, set: Fragment[]) => {
  const ancestors = ancestorsOf(pos);
  const condition = and(
    exists('PK'),
    notExists(`b${pos}`),
    zeroOrAbsent(`u${pos}`),
    ...ancestors.map((a) => notExists(`b${a}`)),
  );
  const change = update({
    set,
    add: [...ancestors.map((a) => addTo(`u${a}`, ':one', 1)), addTo('v', ':one', 1)],
  });
  return expressionParams({ condition, update: change });
};

/**
 * The 'mark' fast path of a child's creation: like a claim, but the cell gets the child's count
 * (u = 1) and hint (m) instead of a claim, under the same conditions.
 */
const markParams = (w: Extract<NodeWrite, { kind: 'mark' }>) =>
  positionUpdate(w.pos, [setTo(`u${w.pos}`, ':cell', 1), setTo(`m${w.pos}`, ':hint', w.hint)]);

/** The body of one write: single-item params, or a TransactWriteItems element's member. */
export interface WriteBody extends ExpressionParams {
  TableName: string;
  Key?: ItemKey;
  Item?: Item;
}

export type TransactItem =
  | { Put: WriteBody }
  | { Update: WriteBody }
  | { Delete: WriteBody }
  | { ConditionCheck: WriteBody };

/**
 * One TransactWriteItems element for a node write; its body doubles as single-item params.
 * @example nodeWriteParams({ kind: 'delete', key, expectVersion: 4 }, 'allot')
 *   // { Delete: { TableName: 'allot', Key, ConditionExpression: '#v = :expect', ... } }
 */
export const nodeWriteParams = (w: NodeWrite, table: string): TransactItem => {
  const Key = nodeItemKey(nodeKeyOfWrite(w));
  switch (w.kind) {
    case 'claim':
      return { Update: { TableName: table, Key, ...claimParams(w) } };
    case 'mark':
      return { Update: { TableName: table, Key, ...markParams(w) } };
    case 'put': {
      const condition = w.expectVersion === null ? notExists('PK') : versionIs('v', w.expectVersion);
      const Item = nodeToItem(w.node, (w.expectVersion ?? w.node.v) + 1);
      return { Put: { TableName: table, Item, ...expressionParams({ condition }) } };
    }
    case 'delete':
      return {
        Delete: {
          TableName: table,
          Key,
          ...expressionParams({ condition: versionIs('v', w.expectVersion) }),
        },
      };
    case 'check':
      return {
        ConditionCheck: {
          TableName: table,
          Key,
          ...expressionParams({ condition: versionIs('v', w.expectVersion) }),
        },
      };
  }
};

/** What a lone node 'check' asks of the item read instead of a one-item transaction. */
export const nodeCheckHolds = (w: Extract<NodeWrite, { kind: 'check' }>, item: Item | undefined): boolean =>
  item !== undefined && item.v === w.expectVersion;
