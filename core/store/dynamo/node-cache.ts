/**
 * Per-process cache of node views, keyed by item key, each entry living `ttlMs` from when it was
 * read or written (0 disables it). It saves the read before most claims: the allocator searches
 * the cached view and sends one conditional UpdateItem.
 *
 * Why a stale view is safe:
 * - Claims are conditioned on the positions they touch (node-items.ts), never on the view they
 *   were planned from, so a claim on space another process has taken fails, and the failure
 *   brings the fresh node back (ALL_OLD) into this cache.
 * - 'put', 'delete' and 'check' are conditioned on `v`. A cached `v` can only be lower than the
 *   stored one (we bump it locally only for our own successful claims), so a structural write
 *   planned on a stale view fails too.
 * - What a stale view can do is hide space that another process released, for at most the TTL;
 *   core reads fresh (readNode(key, true)) before it reports that no space is left.
 */

import {
  applyClaim,
  markChild,
  type NodeKey,
  type NodeView,
  type NodeWrite,
  nodeKeyOfWrite,
  refreshTableAfterClaim,
} from '../../space/node';
import { nodeItemKey } from './node-keys';

interface Entry {
  view: NodeView | null;
  at: number;
}

const idOf = (k: NodeKey): string => {
  const key = nodeItemKey(k);
  return `${key.PK}|${key.SK}`;
};

export class NodeCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    /** Oldest entries are dropped beyond this many (a long-lived local server touches many nodes). */
    private readonly maxEntries = 50_000,
  ) {}

  /** The cached view, `null` if known absent, `undefined` if unknown or expired. */
  peek(key: NodeKey): NodeView | null | undefined {
    return this.live(idOf(key))?.view;
  }

  remember(key: NodeKey, view: NodeView | null): void {
    if (this.ttlMs <= 0) return;
    const id = idOf(key);
    this.entries.delete(id);
    this.entries.set(id, { view, at: this.now() });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  evict(key: NodeKey): void {
    this.entries.delete(idOf(key));
  }

  /** Drop every node of a space (both families). */
  evictSpace(space: string): void {
    const prefixes = ([4, 6] as const).map(
      (version) => `${nodeItemKey({ space, version, start: 0n, prefix: 0 }).PK}|`,
    );
    for (const id of [...this.entries.keys()])
      if (prefixes.some((p) => id.startsWith(p))) this.entries.delete(id);
  }

  /** Mirror what a successful unit of work wrote. */
  committed(writes: NodeWrite[]): void {
    for (const w of writes) {
      const key = nodeKeyOfWrite(w);
      switch (w.kind) {
        case 'claim': {
          // Apply our claim to the cached view and keep its age: the rest of it is as old as before.
          const entry = this.live(idOf(key));
          if (entry?.view) {
            applyClaim(entry.view, w.pos, w.value);
            entry.view.v += 1;
            refreshTableAfterClaim(entry.view, w.pos, entry.view.v - 1);
          } else if (entry) this.evict(key);
          break;
        }
        case 'mark': {
          const entry = this.live(idOf(key));
          if (entry?.view) {
            markChild(entry.view, w.pos, w.hint);
            entry.view.v += 1;
            refreshTableAfterClaim(entry.view, w.pos, entry.view.v - 1, w.hint);
          } else if (entry) this.evict(key);
          break;
        }
        case 'put':
          // The committed node is handed over (see Store.commit): cache it, at its new version.
          this.remember(key, { ...w.node, v: (w.expectVersion ?? w.node.v) + 1 });
          break;
        case 'delete':
          this.remember(key, null);
          break;
        case 'check':
          break;
      }
    }
  }

  /** After a lost race: forget every node involved, then keep the fresh ones DynamoDB returned. */
  lost(writes: NodeWrite[], fresh: { key: NodeKey; view: NodeView | null }[]): void {
    for (const w of writes) this.evict(nodeKeyOfWrite(w));
    for (const f of fresh) this.remember(f.key, f.view);
  }

  private live(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.at >= this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }
}
