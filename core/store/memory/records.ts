/** The memory adapter's records: storage, sorted lists through the key design, write conditions and effects. */
import type { Page, Write } from '../../ports';
import {
  type AnyRecord,
  indexKeys,
  itemKey,
  type ListQuery,
  queryPlan,
  type RecordRef,
  refOf,
} from '../../records';

type RecordWrite = Exclude<Write, { type: 'node' }>;

const id = (k: { PK: string; SK: string }): string => `${k.PK}\u0000${k.SK}`;
export const copy = <T>(v: T): T => structuredClone(v);

export class MemoryRecords {
  private readonly records = new Map<string, AnyRecord>();

  get<T extends AnyRecord>(ref: RecordRef): T | undefined {
    const r = this.records.get(id(itemKey(ref)));
    return r ? (copy(r) as T) : undefined;
  }

  delete(ref: RecordRef): void {
    this.records.delete(id(itemKey(ref)));
  }

  list<T extends AnyRecord>(q: ListQuery, limit: number, cursor?: string): Page<T> {
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

  holds(w: RecordWrite): boolean {
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
    }
  }

  apply(w: RecordWrite): void {
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
    }
  }
}
