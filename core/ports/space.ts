/**
 * The space port: what the allocation path reads. `getPool` lives here rather than with records
 * because it is the allocation path's read of a space's roots (a pool and its CIDRs in one
 * strongly consistent Query), cached like the nodes; writes to spaces go through the record
 * port's unit of work as `node` writes, so claims commit atomically with their records.
 */
import type { PoolCidrRecord, PoolGrantRecord, PoolRecord } from '../records';
import type { NodeKey, NodeView } from '../space/node';

export interface SpaceStore {
  /**
   * A pool and its provisioned CIDRs in address order, in one strongly consistent read; with
   * `cached`, the adapter may answer from a short-lived per-process copy (the allocation path).
   */
  getPool(
    poolId: string,
    opts?: { cached?: boolean },
  ): Promise<{ pool?: PoolRecord; cidrs: PoolCidrRecord[] }>;
  /**
   * An account's grants on a pool (one per share, F-RULE-06), in one Query of the pool's
   * partition; with `cached`, from the same short-lived per-process copy as `getPool`, which
   * writes of grants through the adapter drop.
   */
  grantsOf(poolId: string, accountId: string, opts?: { cached?: boolean }): Promise<PoolGrantRecord[]>;
  /** Read a space-tree node; `fresh` bypasses any cache and reads strongly consistently. */
  readNode(key: NodeKey, fresh?: boolean): Promise<NodeView | undefined>;
  /**
   * Optional synchronous look at a node the adapter already holds (its cache, or memory):
   * the view, `null` if known absent, `undefined` if unknown. Views are read-only to callers.
   */
  peekNode?(key: NodeKey): NodeView | null | undefined;
  /** Cascade clean-up only: delete every node of a space, unconditionally and not atomically. */
  purgeSpace(space: string): Promise<void>;
}
