/**
 * In-process Store with the same contract as the DynamoDB adapter: atomic units of work with the
 * same conditions, sorted lists through the same key design. Used by unit tests and the
 * in-process allocator benchmark; the contract tests run against both.
 */
import type { CommitResult, Page, Store, Write } from '../../ports';
import type {
  AnyRecord,
  ListQuery,
  PoolCidrRecord,
  PoolGrantRecord,
  PoolRecord,
  RecordRef,
} from '../../records';
import type { NodeKey, NodeView } from '../../space/node';
import { MemoryBlobsAndMetrics } from './metrics';
import { MemoryNodes } from './nodes';
import { MemoryRecords } from './records';

export class MemoryStore extends MemoryBlobsAndMetrics implements Store {
  private readonly records = new MemoryRecords();
  private readonly nodes = new MemoryNodes();

  async get<T extends AnyRecord>(ref: RecordRef): Promise<T | undefined> {
    return this.records.get<T>(ref);
  }

  async getPool(poolId: string): Promise<{ pool?: PoolRecord; cidrs: PoolCidrRecord[] }> {
    const pool = this.records.get<PoolRecord>({ kind: 'pool', id: poolId });
    const cidrs = pool ? this.records.list<PoolCidrRecord>({ kind: 'pool-cidr', poolId }, 1000).items : [];
    return pool ? { pool, cidrs } : { cidrs };
  }

  async grantsOf(poolId: string, accountId: string): Promise<PoolGrantRecord[]> {
    return this.records.list<PoolGrantRecord>({ kind: 'pool-grant', poolId, accountId }, 1000).items;
  }

  async list<T extends AnyRecord>(q: ListQuery, limit: number, cursor?: string): Promise<Page<T>> {
    return this.records.list<T>(q, limit, cursor);
  }

  /** Live views: core treats node views as read-only, so no copy is needed (and none is made). */
  async readNode(key: NodeKey): Promise<NodeView | undefined> {
    return this.nodes.get(key);
  }

  peekNode(key: NodeKey): NodeView | null {
    return this.nodes.get(key) ?? null;
  }

  async commit(writes: Write[]): Promise<CommitResult> {
    const failed = writes.filter(
      (w) => !(w.type === 'node' ? this.nodes.holds(w.write) : this.records.holds(w)),
    );
    if (failed.length > 0) {
      const nodes = failed.flatMap((w) => (w.type === 'node' ? this.nodes.freshCopy(w.write) : []));
      return { ok: false, failed, nodes };
    }
    for (const w of writes) {
      if (w.type === 'node') this.nodes.apply(w.write);
      else this.records.apply(w);
    }
    return { ok: true };
  }

  async purge(refs: RecordRef[]): Promise<void> {
    for (const ref of refs) this.records.delete(ref);
  }

  async purgeSpace(space: string): Promise<void> {
    this.nodes.deleteSpace(space);
  }

  /** Test helper: every node, for invariant checks. */
  allNodes(): NodeView[] {
    return this.nodes.all();
  }
}
