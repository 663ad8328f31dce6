/**
 * Node writes for claiming and releasing one block. A claim inside an existing node that does not
 * change the node's hint is the fast path: one conditional update on one node item, conditioned on
 * the claimed position and its in-node ancestors only, so concurrent claims on different blocks of
 * the same node both succeed. A claim that needs one new node below an existing one is the other
 * fast path: the new node is created (it must not exist) and its cell marked in the parent under
 * the same position conditions. Everything else (deeper creations, releases) replaces the touched
 * nodes at the versions that were read.
 */
import { BITS, type Cidr } from '../cidr';
import { nodeLevelFor, positionOf, STRIDE } from './geometry';
import {
  applyClaim,
  COOL,
  cloneNode,
  coolUntil,
  emptyNode,
  markChild,
  type NodeView,
  type NodeWrite,
  nodeHint,
  positionClear,
  removeClaim,
} from './node';
import { PathEdit } from './path';

/** Writes that record `value` at `block`, or undefined when the path shows the block is taken. */
export const claimWrites = (
  path: NodeView[],
  block: Cidr,
  rootPrefix: number,
  value: string,
): NodeWrite[] | undefined => {
  const n = path[path.length - 1]!;
  const { version, start: ns, prefix: q } = n.key;
  const target = nodeLevelFor(block.prefix, rootPrefix);
  if (target === q) {
    const h = positionOf(version, ns, q, block.start, block.prefix);
    if (!positionClear(n, h)) return undefined;
    // Always the fast path: the parent's hint is left as it was, an upper bound that search
    // corrects when it finds less (hintFixWrites). Rewriting the parent here would make every
    // claim that shrinks a node's largest free block contend with all concurrent claims in it.
    return [{ kind: 'claim', key: n.key, pos: h, value }];
  }
  const cellSize = 1n << BigInt(BITS[version] - q - STRIDE);
  const cellStart = block.start - ((block.start - ns) % cellSize);
  const cell = positionOf(version, ns, q, cellStart, q + STRIDE);
  if (!positionClear(n, cell)) return undefined;
  if (target === q + STRIDE) {
    // The parent's own hint in its parent is left as it was (an upper bound), as for a claim.
    const child = emptyNode({ ...n.key, start: cellStart, prefix: target });
    applyClaim(child, positionOf(version, cellStart, target, block.start, block.prefix), value);
    return [
      { kind: 'mark', key: n.key, pos: cell, hint: nodeHint(child) },
      { kind: 'put', node: child, expectVersion: null },
    ];
  }
  const edit = new PathEdit(path);
  let parent = edit.edit(path.length - 1);
  let parentCellPos = cell;
  for (let level = q + STRIDE; level <= target; level += STRIDE) {
    const start = block.start - ((block.start - ns) % (1n << BigInt(BITS[version] - level)));
    const child = emptyNode({ ...n.key, start, prefix: level });
    markChild(parent, parentCellPos, 0);
    edit.create(child);
    if (level === target)
      applyClaim(child, positionOf(version, start, level, block.start, block.prefix), value);
    else {
      const nextSize = 1n << BigInt(BITS[version] - level - STRIDE);
      const nextStart = block.start - ((block.start - start) % nextSize);
      parentCellPos = positionOf(version, start, level, nextStart, level + STRIDE);
    }
    parent = child;
  }
  edit.settle();
  return edit.writes();
};

/**
 * Writes that release the claim `value` at `block`: into its reuse delay when `coolUntilMs` is
 * given, or for good. Undefined when the block does not hold that claim.
 */
export const releaseWrites = (
  path: NodeView[],
  block: Cidr,
  rootPrefix: number,
  value: string,
  coolUntilMs?: number,
): NodeWrite[] | undefined => {
  const last = path.length - 1;
  const n = path[last]!;
  if (nodeLevelFor(block.prefix, rootPrefix) !== n.key.prefix) return undefined;
  const h = positionOf(n.key.version, n.key.start, n.key.prefix, block.start, block.prefix);
  const held = n.b.get(h);
  if (held !== value && !(held?.startsWith(COOL) && held.endsWith(`#${value}`))) return undefined;
  const edit = new PathEdit(path);
  if (coolUntilMs !== undefined) edit.edit(last).b.set(h, `${COOL}${coolUntilMs}#${value}`);
  else removeClaim(edit.edit(last), h);
  edit.settle();
  return edit.writes();
};

/** Writes that end every reuse delay that has passed in the deepest node of `path`. */
export const finalizeWrites = (path: NodeView[], now: number): NodeWrite[] => {
  const last = path.length - 1;
  const edit = new PathEdit(path);
  const n = edit.node(last);
  for (const [h, value] of [...n.b]) {
    const until = coolUntil(value);
    if (until !== undefined && until <= now) removeClaim(edit.edit(last), h);
  }
  edit.settle();
  return edit.writes();
};

/** Writes correcting a parent's hint that promised more than `child` holds. */
export const hintFixWrites = (parent: NodeView, child: NodeView): NodeWrite[] => {
  const k = child.key;
  const cell = positionOf(k.version, parent.key.start, parent.key.prefix, k.start, k.prefix);
  const fixed = cloneNode(parent);
  fixed.m.set(cell, nodeHint(child));
  return [
    { kind: 'check', key: child.key, expectVersion: child.v },
    { kind: 'put', node: fixed, expectVersion: parent.v },
  ];
};
