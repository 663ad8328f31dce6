/**
 * IP address history per scope (F-HIST-01..08): each evaluation is diffed against the scope's
 * open records (history/diff.ts); new associations open a record at the sample time,
 * vanished ones close it, name or status changes update it in place (never split, F-HIST-06).
 * Closed records expire 3 years after they end (F-HIST-01).
 */

import type { Deps } from '../../../ports';
import { type HistoryItemRecord, refOf } from '../../../records';
import type { ViewRow } from '../analysis/types';
import { associationKey, associations, diffHistory, type HistoryRecord, type HistoryRow } from './diff';

const RETENTION_S = 3 * 366 * 24 * 3600;

const toDates = (r: HistoryItemRecord): HistoryRecord => {
  const { kind: _k, _key, _v, _created, ttl: _t, SampledStartTime, SampledEndTime, ...rest } = r;
  return {
    ...(rest as Omit<HistoryRecord, 'SampledStartTime' | 'SampledEndTime'>),
    SampledStartTime: new Date(SampledStartTime),
    ...(SampledEndTime ? { SampledEndTime: new Date(SampledEndTime) } : {}),
  };
};

const toItem = (r: HistoryRecord, now: number, v = 1, created = now): HistoryItemRecord => {
  const { SampledStartTime, SampledEndTime, ...rest } = r;
  return {
    kind: 'history',
    ...(rest as Omit<HistoryItemRecord, 'kind' | '_key' | 'SampledStartTime' | '_v' | '_created'>),
    _key: associationKey(r),
    SampledStartTime: SampledStartTime.toISOString(),
    ...(SampledEndTime
      ? {
          SampledEndTime: SampledEndTime.toISOString(),
          ttl: Math.floor(SampledEndTime.getTime() / 1000) + RETENTION_S,
        }
      : {}),
    _v: v,
    _created: created,
  };
};

/** History writes of one evaluation: creates of new records, replaces at the version read. */
export type HistoryWrite =
  | { type: 'create'; record: HistoryItemRecord }
  | { type: 'replace'; record: HistoryItemRecord; expectVersion: number };

/**
 * The history changes of one scope's evaluation and the scope's new open records. Nothing is
 * written here: the writes go into the scope view as a journal, saved on the view's version, and
 * only the reconciliation whose save won applies them (applyHistory). So two overlapping cycles
 * never both write history, and a crash between the save and the writes is finished next time.
 * @example const h = planHistory(deps, scopeId, view.open, evaluatedRows, new Date());
 */
export const planHistory = (
  deps: Deps,
  scopeId: string,
  open: readonly HistoryItemRecord[],
  rows: readonly ViewRow[],
  at: Date,
): { open: HistoryItemRecord[]; journal: HistoryWrite[]; opened: number; closed: number } => {
  const byKey = new Map(open.map((r) => [r._key, r]));
  const changes = diffHistory(open.map(toDates), associations(scopeId, rows as HistoryRow[]), at);
  const now = deps.now();
  const replace = (r: HistoryRecord): HistoryWrite => {
    const was = byKey.get(associationKey(r))!;
    return { type: 'replace', record: toItem(r, now, was._v, was._created), expectVersion: was._v };
  };
  const opened = changes.opened.map((r) => toItem(r, now));
  const gone = new Set([...changes.closed, ...changes.updated].map(associationKey));
  const updated = changes.updated.map((r) => {
    const was = byKey.get(associationKey(r))!;
    return toItem(r, now, was._v + 1, was._created);
  });
  return {
    open: [...open.filter((r) => !gone.has(r._key)), ...updated, ...opened],
    journal: [
      ...opened.map((record): HistoryWrite => ({ type: 'create', record })),
      ...changes.closed.map(replace),
      ...changes.updated.map(replace),
    ],
    opened: opened.length,
    closed: changes.closed.length,
  };
};

/**
 * Applies a history journal; idempotent, so a journal interrupted midway is simply applied again:
 * a create whose record exists, or a replace whose record is one version past `expectVersion`,
 * was applied before. Returns the writes that found their record in any other state (none unless
 * the table was changed by hand), which are skipped so one bad record cannot stall the scope.
 * @example await applyHistory(deps, view.pending ?? []);
 */
export const applyHistory = async (deps: Deps, journal: readonly HistoryWrite[]): Promise<number> => {
  let conflicts = 0;
  for (const w of journal) {
    const res = await deps.store.commit([w]);
    if (res.ok || w.type === 'create') continue;
    const current = await deps.store.get<HistoryItemRecord>(refOf(w.record));
    if (current?._v !== w.expectVersion + 1) conflicts++;
  }
  return conflicts;
};
