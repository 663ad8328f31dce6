/**
 * The DynamoDB Store: the only code that talks to DynamoDB (STYLE habit 7); every request goes
 * through `client.send`. A unit of work of one write uses the single-item API (a lone check is a
 * consistent GetItem); more use one TransactWriteItems. Every write asks for ALL_OLD on a failed
 * condition, so a lost race comes back as `{ ok: false, failed, nodes }` with the fresh nodes, and
 * the allocator picks another block without another read. Node views are cached per process
 * (node-cache.ts explains why stale views are safe).
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CommitResult, MetricPoint, MetricSeries, Page, Store, Write } from '../../ports';
import {
  type AnyRecord,
  type ItemKey,
  itemKey,
  type ListQuery,
  type PoolCidrRecord,
  type PoolGrantRecord,
  type PoolRecord,
  queryPlan,
  type RecordRef,
  refOf,
} from '../../records';
import { cloneNode, type NodeKey, type NodeView, nodeKeyOfWrite } from '../../space/node';
import { deleteBlob, getBlob, putBlob } from './blobs';
import type { LostRace } from './failures';
import {
  cursorAfter,
  listQueryParams,
  poolQueryParams,
  spaceKeysQueryParams,
  startKeyOf,
} from './list-params';
import { metricPoints, metricSeries, putMetrics } from './metric-items';
import { NodeCache } from './node-cache';
import { type Item, itemToNode, nodeCheckHolds, nodeWriteParams, type TransactItem } from './node-items';
import { nodeItemKey } from './node-keys';
import { itemToRecord, recordCheckHolds, recordWriteParams } from './record-items';
import { deleteKeys, sendTransaction, sendWrite } from './send';
import { withUnavailable } from './unavailable';

export interface DynamoStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /**
   * Lifetime of cached node views in ms (default 5000; 0 disables the cache). A stale view can
   * only cost a failed condition and a fresh read, never an overlap; what it delays is seeing
   * space another process freed with no reuse delay. Measured with 32 callers on one pool:
   * 5 s instead of 1 s cut node reads from about 0.5 to 0.15 per allocation and raised
   * throughput by about an eighth.
   */
  nodeCacheTtlMs?: number;
  /** Lifetime of pools cached for the allocation path in ms (default 1000; bounds rule staleness). */
  poolCacheTtlMs?: number;
}

/** TransactWriteItems takes at most 100 actions. */
export const MAX_WRITES = 100;

export class DynamoStore implements Store {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly cache: NodeCache;
  private readonly ttl: number;
  private readonly poolTtl: number;
  /**
   * Pools and their CIDRs as read by the allocation path (`getPool(id, { cached: true })`), for
   * the same lifetime as node views. Overlap safety never depends on it (node conditions decide);
   * writes through this store drop the entry, so only another process's change to a pool's rules
   * can go unseen here, for at most the lifetime.
   */
  private readonly pools = new Map<
    string,
    { value: { pool?: PoolRecord; cidrs: PoolCidrRecord[] }; at: number }
  >();

  /** An account's grants on a pool, cached like the pool and dropped by grant writes through here. */
  private readonly grants = new Map<string, { value: PoolGrantRecord[]; at: number }>();

  constructor(opts: DynamoStoreOptions) {
    this.client = withUnavailable(opts.client);
    this.table = opts.tableName;
    this.ttl = opts.nodeCacheTtlMs ?? 5000;
    this.poolTtl = opts.poolCacheTtlMs ?? 1000;
    this.cache = new NodeCache(this.ttl);
  }

  async get<T extends AnyRecord>(ref: RecordRef): Promise<T | undefined> {
    const res = await this.client.send(
      new GetCommand({ TableName: this.table, Key: itemKey(ref), ConsistentRead: true }),
    );
    return res.Item ? itemToRecord<T>(res.Item) : undefined;
  }

  /** The pool item (SK `#`) and its CIDRs (SK `#CIDR#...`) share a partition and an SK prefix. */
  async getPool(
    poolId: string,
    opts: { cached?: boolean } = {},
  ): Promise<{ pool?: PoolRecord; cidrs: PoolCidrRecord[] }> {
    if (opts.cached && this.poolTtl > 0) {
      const hit = this.pools.get(poolId);
      if (hit && Date.now() - hit.at <= this.poolTtl) return structuredClone(hit.value);
    }
    const value = await this.readPool(poolId);
    if (this.poolTtl > 0) this.pools.set(poolId, { value: structuredClone(value), at: Date.now() });
    return value;
  }

  async grantsOf(
    poolId: string,
    accountId: string,
    opts: { cached?: boolean } = {},
  ): Promise<PoolGrantRecord[]> {
    const key = `${poolId}|${accountId}`;
    if (opts.cached && this.poolTtl > 0) {
      const hit = this.grants.get(key);
      if (hit && Date.now() - hit.at <= this.poolTtl) return structuredClone(hit.value);
    }
    const value = (await this.list<PoolGrantRecord>({ kind: 'pool-grant', poolId, accountId }, 100)).items;
    if (this.poolTtl > 0) this.grants.set(key, { value: structuredClone(value), at: Date.now() });
    return value;
  }

  private async readPool(poolId: string): Promise<{ pool?: PoolRecord; cidrs: PoolCidrRecord[] }> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const res = await this.client.send(new QueryCommand(poolQueryParams(poolId, this.table, start)));
      items.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
    const records = items.map((i) => itemToRecord<AnyRecord>(i));
    const pool = records.find((r): r is PoolRecord => r.kind === 'pool');
    const cidrs = records.filter((r): r is PoolCidrRecord => r.kind === 'pool-cidr');
    return pool ? { pool, cidrs } : { cidrs };
  }

  /** One page in key order; reads one item past the page so the last page carries no cursor. */
  async list<T extends AnyRecord>(q: ListQuery, limit: number, cursor?: string): Promise<Page<T>> {
    if (!(limit >= 1)) throw new RangeError(`list limit must be at least 1; got ${limit}`);
    const plan = queryPlan(q);
    let start: Item | undefined = cursor ? startKeyOf(plan, cursor) : undefined;
    const items: Item[] = [];
    do {
      const res = await this.client.send(
        new QueryCommand(listQueryParams(plan, this.table, limit + 1 - items.length, start)),
      );
      items.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start && items.length <= limit);
    const page = items.slice(0, limit);
    const more = items.length > limit;
    return {
      items: page.map((i) => itemToRecord<T>(i)),
      ...(more ? { cursor: cursorAfter(plan, page[page.length - 1]!) } : {}),
    };
  }

  peekNode(key: NodeKey): NodeView | null | undefined {
    return this.cache.peek(key);
  }

  async readNode(key: NodeKey, fresh = false): Promise<NodeView | undefined> {
    if (!fresh) {
      const hit = this.cache.peek(key);
      if (hit !== undefined) return hit ?? undefined;
    }
    const item = await this.getItem(nodeItemKey(key));
    const view = item ? itemToNode(item) : null;
    this.cache.remember(key, view);
    return view ?? undefined;
  }

  async commit(writes: Write[]): Promise<CommitResult> {
    if (writes.length === 0) return { ok: true };
    if (writes.length > MAX_WRITES)
      throw new RangeError(`a unit of work takes at most ${MAX_WRITES} writes; got ${writes.length}`);
    const nodeWrites = writes.flatMap((w) => (w.type === 'node' ? [w.write] : []));
    const params = writes.map((w) =>
      w.type === 'node' ? nodeWriteParams(w.write, this.table) : recordWriteParams(w, this.table),
    );
    let race: LostRace | undefined;
    try {
      race =
        writes.length === 1
          ? await this.commitOne(writes[0]!, params[0]!)
          : await sendTransaction(this.client, params);
    } catch (err) {
      // Unknown outcome (e.g. a timeout after DynamoDB applied it): forget what we knew.
      this.cache.lost(nodeWrites, []);
      throw err;
    }
    this.forgetPools(writes);
    if (!race) {
      this.cache.committed(nodeWrites);
      return { ok: true };
    }
    const fresh = race.failed.flatMap((i) => {
      const w = writes[i];
      if (w?.type !== 'node') return [];
      const item = race.items.get(i);
      return [{ key: nodeKeyOfWrite(w.write), view: item ? itemToNode(item) : null }];
    });
    this.cache.lost(nodeWrites, fresh);
    return {
      ok: false,
      failed: race.failed.map((i) => writes[i]!),
      nodes: fresh.flatMap((f) => (f.view ? [cloneNode(f.view)] : [])),
    };
  }

  async purge(refs: RecordRef[]): Promise<void> {
    await deleteKeys(this.client, this.table, refs.map(itemKey));
  }

  async purgeSpace(space: string): Promise<void> {
    for (const version of [4, 6] as const) {
      const pk = nodeItemKey({ space, version, start: 0n, prefix: 0 }).PK;
      let start: Item | undefined;
      do {
        const res = await this.client.send(new QueryCommand(spaceKeysQueryParams(pk, this.table, start)));
        await deleteKeys(
          this.client,
          this.table,
          (res.Items ?? []).map((i) => ({ PK: String(i.PK), SK: String(i.SK) })),
        );
        start = res.LastEvaluatedKey;
      } while (start);
    }
    this.cache.evictSpace(space);
  }

  putBlob(key: string, body: string): Promise<number> {
    return putBlob(this.client, this.table, key, body);
  }

  getBlob(key: string, parts: number): Promise<string | undefined> {
    return getBlob(this.client, this.table, key, parts);
  }

  deleteBlob(key: string): Promise<void> {
    return deleteBlob(this.client, this.table, key);
  }

  putMetrics(points: MetricPoint[]): Promise<void> {
    return putMetrics(this.client, this.table, points);
  }

  metricSeries(q: Omit<MetricSeries, 'Dimensions' | 'Unit'>): Promise<MetricSeries[]> {
    return metricSeries(this.client, this.table, q);
  }

  metricPoints(
    series: MetricSeries,
    from: number,
    to: number,
  ): Promise<{ Timestamp: number; Value: number }[]> {
    return metricPoints(this.client, this.table, series, from, to);
  }

  /** Any write to a pool, its CIDRs or its grants drops this process's cached copy of them. */
  private forgetPools(writes: Write[]): void {
    for (const w of writes) {
      if (w.type === 'node') continue;
      const r = w.type === 'create' || w.type === 'replace' ? refOf(w.record) : w.ref;
      if (r.kind === 'pool') this.pools.delete(r.id);
      else if (r.kind === 'pool-cidr') this.pools.delete(r.poolId);
      else if (r.kind === 'pool-grant') this.grants.delete(`${r.poolId}|${r.accountId}`);
    }
  }

  /** One write through the single-item API; a lone check is a consistent read. */
  private async commitOne(w: Write, p: TransactItem): Promise<LostRace | undefined> {
    if (!('ConditionCheck' in p)) return sendWrite(this.client, p);
    const item = await this.getItem(p.ConditionCheck.Key!);
    const holds =
      w.type === 'node'
        ? w.write.kind === 'check' && nodeCheckHolds(w.write, item)
        : w.type === 'check' && recordCheckHolds(w, item);
    return holds ? undefined : { failed: [0], items: new Map([[0, item]]) };
  }

  private async getItem(Key: ItemKey): Promise<Item | undefined> {
    const res = await this.client.send(new GetCommand({ TableName: this.table, Key, ConsistentRead: true }));
    return res.Item;
  }
}
