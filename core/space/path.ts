/**
 * A working copy of the nodes on one root-to-node path, turned into the minimal set of node
 * writes: untouched nodes are not written, modified ones are replaced at their read version,
 * new ones are created, emptied ones deleted, and the parents' max-free hints are kept in step.
 */
import { parentCell } from './geometry';
import {
  cloneNode,
  isEmptyNode,
  type NodeKey,
  type NodeView,
  type NodeWrite,
  nodeHint,
  unmarkChild,
} from './node';

interface Slot {
  view: NodeView;
  /** Version read from the store; null for a node this plan creates. */
  readVersion: number | null;
  dirty: boolean;
  deleted: boolean;
}

export class PathEdit {
  private readonly slots: Slot[];

  /** `path` runs from the root node (index 0) down; every node is the parent of the next. */
  constructor(path: NodeView[]) {
    this.slots = path.map((n) => ({ view: cloneNode(n), readVersion: n.v, dirty: false, deleted: false }));
  }

  get depth(): number {
    return this.slots.length;
  }

  node(i: number): NodeView {
    return this.slots[i]!.view;
  }

  /** The deepest node, for edits; marks it modified. */
  edit(i: number): NodeView {
    const s = this.slots[i]!;
    s.dirty = true;
    return s.view;
  }

  /** Append a node created by this plan below the current deepest one. */
  create(view: NodeView): void {
    this.slots.push({ view, readVersion: null, dirty: true, deleted: false });
  }

  /**
   * Delete emptied non-root nodes bottom-up, then refresh hints upward from the deepest dirty
   * node until a parent's hint is already right.
   */
  settle(): void {
    for (let i = this.slots.length - 1; i >= 1; i--) {
      const s = this.slots[i]!;
      if (s.deleted || !s.dirty || !isEmptyNode(s.view)) continue;
      s.deleted = true;
      const k = s.view.key;
      unmarkChild(this.edit(i - 1), parentCell(k.version, k.start, k.prefix).h);
    }
    for (let i = this.slots.length - 1; i >= 1; i--) {
      const s = this.slots[i]!;
      if (!s.dirty || s.deleted) continue;
      const k = s.view.key;
      const cell = parentCell(k.version, k.start, k.prefix).h;
      const hint = nodeHint(s.view);
      const parent = this.slots[i - 1]!;
      if (parent.view.m.get(cell) !== hint) {
        parent.view.m.set(cell, hint);
        parent.dirty = true;
      }
    }
  }

  writes(): NodeWrite[] {
    const out: NodeWrite[] = [];
    for (const s of this.slots) {
      if (!s.dirty) continue;
      if (s.deleted) {
        if (s.readVersion !== null)
          out.push({ kind: 'delete', key: s.view.key, expectVersion: s.readVersion });
      } else out.push({ kind: 'put', node: s.view, expectVersion: s.readVersion });
    }
    return out;
  }

  keys(): NodeKey[] {
    return this.slots.map((s) => s.view.key);
  }
}
