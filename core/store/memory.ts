/**
 * In-process Store with the same contract as the DynamoDB adapter: atomic units of work with the
 * same conditions, sorted lists through the same key design. Used by unit tests and the
 * in-process allocator benchmark; the contract tests run against both.
 */

import {
  type CommitResult,
  type ListQuery,
  type MetricPoint,
  type MetricSeries,
  type Page,
  type RecordRef,
  refOf,
  type Store,
  type Write,
} from '../ports/store';
import {
  dimensionsKey,
  indexKeys,
  itemKey,
  metricPointsPk,
  metricSeriesPk,
  queryPlan,
} from '../records/keys';
import type { AnyRecord, PoolCidrRecord, PoolRecord } from '../records/model';
import {
  applyClaim,
  cloneNode,
  type NodeKey,
  type NodeView,
  type NodeWrite,
  positionClear,
  refreshTableAfterClaim,
} from '../space/node';

const id = (k: { PK: string; SK: string }): string => `${k.PK}\u0000${k.SK}`;
const copy = <T>(v: T): T => structuredClone(v);
const startKey = (k: NodeKey): number | string => (k.version === 4 ? Number(k.start) : k.start.toString(16));

export class MemoryStore implements Store {
  private readonly records = new Map<string, AnyRecord>();
  /**
   * Nodes by space, then start address, then prefix. The start is keyed as a number (IPv4) or a
   * hex string (IPv6), not as a BigInt: V8 hashes a BigInt by its lowest 32 bits only, so every
   * IPv6 node start (low bits all zero) fell in one hash bucket and each lookup walked all of
   * them (a fill of 1,000,000 /64s ran 2.5x slower).
   */
  private readonly nodes = new Map<string, Map<number | string, Map<number, NodeView>>>();

  private node(k: NodeKey): NodeView | undefined {
    return this.nodes.get(`${k.space}#${k.version}`)?.get(startKey(k))?.get(k.prefix);
  }

  private setNode(k: NodeKey, n: NodeView | undefined): void {
    const space = `${k.space}#${k.version}`;
    let byStart = this.nodes.get(space);
    if (!byStart) {
      byStart = new Map();
      this.nodes.set(space, byStart);
    }
    const start = startKey(k);
    let byPrefix = byStart.get(start);
    if (!byPrefix) {
      byPrefix = new Map();
      byStart.set(start, byPrefix);
    }
    if (n) byPrefix.set(k.prefix, n);
    else byPrefix.delete(k.prefix);
  }

  async get<T extends AnyRecord>(ref: RecordRef): Promise<T | undefined> {
    const r = this.records.get(id(itemKey(ref)));
    return r ? (copy(r) as T) : undefined;
  }

  async getPool(poolId: string): Promise<{ pool?: PoolRecord; cidrs: PoolCidrRecord[] }> {
    const pool = await this.get<PoolRecord>({ kind: 'pool', id: poolId });
    const cidrs = pool ? (await this.list<PoolCidrRecord>({ kind: 'pool-cidr', poolId }, 1000)).items : [];
    return pool ? { pool, cidrs } : { cidrs };
  }

  async list<T extends AnyRecord>(q: ListQuery, limit: number, cursor?: string): Promise<Page<T>> {
    const plan = queryPlan(q);
    const rows: { sk: string; r: AnyRecord }[] = [];
    for (const r of this.records.values()) {
      const k = itemKey(refOf(r));
      const ix = indexKeys(r);
      const [pk, sk] =
        plan.index === 'GSI1'
          ? [ix.GSI1PK, ix.GSI1SK]
          : plan.index === 'GSI2'
            ? [ix.GSI2PK, ix.GSI2SK]
            : [k.PK, k.SK];
      if (pk !== plan.pk || sk === undefined) continue;
      if (plan.skPrefix && !sk.startsWith(plan.skPrefix)) continue;
      rows.push({ sk: `${sk}\u0000${k.PK}\u0000${k.SK}`, r });
    }
    rows.sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
    const from = cursor ? rows.findIndex((row) => row.sk > cursor) : 0;
    const start = from < 0 ? rows.length : from;
    const slice = rows.slice(start, start + limit);
    const more = start + limit < rows.length;
    return {
      items: slice.map((row) => copy(row.r) as T),
      ...(more ? { cursor: slice[slice.length - 1]!.sk } : {}),
    };
  }

  /** Live views: core treats node views as read-only, so no copy is needed (and none is made). */
  async readNode(key: NodeKey): Promise<NodeView | undefined> {
    return this.node(key);
  }

  peekNode(key: NodeKey): NodeView | null {
    return this.node(key) ?? null;
  }

  async commit(writes: Write[]): Promise<CommitResult> {
    const failed: number[] = [];
    for (let i = 0; i < writes.length; i++) if (!this.holds(writes[i]!)) failed.push(i);
    if (failed.length > 0) {
      const nodes = failed.flatMap((i) => {
        const w = writes[i]!;
        if (w.type !== 'node') return [];
        const n = this.node(nodeKeyOfWrite(w.write));
        return n ? [cloneNode(n)] : [];
      });
      return { ok: false, failed, nodes };
    }
    for (const w of writes) this.apply(w);
    return { ok: true };
  }

  async purge(refs: RecordRef[]): Promise<void> {
    for (const ref of refs) this.records.delete(id(itemKey(ref)));
  }

  async purgeSpace(space: string): Promise<void> {
    for (const v of [4, 6] as const) this.nodes.delete(`${space}#${v}`);
  }

  private readonly blobs = new Map<string, string>();

  async putBlob(key: string, body: string): Promise<number> {
    this.blobs.set(key, body);
    return 1;
  }

  async getBlob(key: string, parts: number): Promise<string | undefined> {
    return parts === 1 ? this.blobs.get(key) : undefined;
  }

  async deleteBlob(key: string): Promise<void> {
    this.blobs.delete(key);
  }

  /** Series by their partition, then dimension key; points by series partition, then time. */
  private readonly series = new Map<string, Map<string, MetricSeries>>();
  private readonly points = new Map<string, Map<number, number>>();

  async putMetrics(points: MetricPoint[]): Promise<void> {
    for (const p of points) {
      const { Account, Namespace, MetricName, Dimensions, Unit } = p;
      const bySeries = this.series.get(metricSeriesPk(p)) ?? new Map<string, MetricSeries>();
      this.series.set(metricSeriesPk(p), bySeries);
      bySeries.set(dimensionsKey(Dimensions), copy({ Account, Namespace, MetricName, Dimensions, Unit }));
      const byTime = this.points.get(metricPointsPk(p)) ?? new Map<number, number>();
      this.points.set(metricPointsPk(p), byTime);
      byTime.set(p.Timestamp, p.Value);
    }
  }

  async metricSeries(q: Omit<MetricSeries, 'Dimensions' | 'Unit'>): Promise<MetricSeries[]> {
    const bySeries = this.series.get(metricSeriesPk(q));
    return bySeries
      ? [...bySeries.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => copy(v))
      : [];
  }

  async metricPoints(series: MetricSeries, from: number, to: number) {
    const byTime = this.points.get(metricPointsPk(series)) ?? new Map<number, number>();
    return [...byTime.entries()]
      .filter(([t]) => t >= from && t <= to)
      .sort(([a], [b]) => a - b)
      .map(([Timestamp, Value]) => ({ Timestamp, Value }));
  }

  /** Test helper: how many blobs are stored (old snapshot generations must not pile up). */
  blobCount(): number {
    return this.blobs.size;
  }

  /** Test helper: every node, for invariant checks. */
  allNodes(): NodeView[] {
    return [...this.nodes.values()].flatMap((byStart) =>
      [...byStart.values()].flatMap((m) => [...m.values()].map(cloneNode)),
    );
  }

  private holds(w: Write): boolean {
    switch (w.type) {
      case 'create':
        return !this.records.has(id(itemKey(refOf(w.record))));
      case 'replace':
        return this.records.get(id(itemKey(refOf(w.record))))?._v === w.expectVersion;
      case 'counter': {
        const r = this.records.get(id(itemKey(w.ref))) as Record<string, unknown> | undefined;
        if (!r) return false;
        const next = ((r[w.field] as number | undefined) ?? 0) + w.delta;
        if (w.unlessState !== undefined && r.State === w.unlessState) return false;
        return next >= 0 && (w.limit === undefined || next <= w.limit);
      }
      case 'delete':
      case 'check': {
        const r = this.records.get(id(itemKey(w.ref))) as Record<string, unknown> | undefined;
        if (!r) return false;
        if (w.expectVersion !== undefined && r._v !== w.expectVersion) return false;
        return (
          w.type === 'check' || (w.requireZero ?? []).every((f) => ((r[f] as number | undefined) ?? 0) === 0)
        );
      }
      case 'node':
        return this.nodeHolds(w.write);
    }
  }

  private nodeHolds(w: NodeWrite): boolean {
    const n = this.node(nodeKeyOfWrite(w));
    switch (w.kind) {
      case 'claim':
        return n !== undefined && positionClear(n, w.pos);
      case 'put':
        return w.expectVersion === null ? n === undefined : n?.v === w.expectVersion;
      case 'delete':
      case 'check':
        return n?.v === w.expectVersion;
    }
  }

  private apply(w: Write): void {
    switch (w.type) {
      case 'create':
        this.records.set(id(itemKey(refOf(w.record))), copy({ ...w.record, _v: w.record._v ?? 1 }));
        return;
      case 'replace':
        this.records.set(id(itemKey(refOf(w.record))), copy({ ...w.record, _v: w.expectVersion + 1 }));
        return;
      case 'counter': {
        const r = this.records.get(id(itemKey(w.ref))) as unknown as Record<string, number>;
        r[w.field] = (r[w.field] ?? 0) + w.delta;
        r._v = (r._v ?? 0) + 1;
        return;
      }
      case 'delete':
        this.records.delete(id(itemKey(w.ref)));
        return;
      case 'check':
        return;
      case 'node':
        this.applyNode(w.write);
    }
  }

  private applyNode(w: NodeWrite): void {
    const key = nodeKeyOfWrite(w);
    switch (w.kind) {
      case 'claim': {
        const n = this.node(key)!;
        applyClaim(n, w.pos, w.value);
        n.v += 1;
        refreshTableAfterClaim(n, w.pos, n.v - 1);
        return;
      }
      case 'put':
        // The committed node is handed over (see Store.commit): keep it, at its new version.
        this.setNode(key, { ...w.node, v: (w.expectVersion ?? w.node.v) + 1 });
        return;
      case 'delete':
        this.setNode(key, undefined);
        return;
      case 'check':
        return;
    }
  }
}

export const nodeKeyOfWrite = (w: NodeWrite): NodeKey => (w.kind === 'put' ? w.node.key : w.key);
