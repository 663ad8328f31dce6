/**
 * IP address history per scope (F-HIST-01..08): each evaluation is diffed against the scope's
 * open records (core/discovery/history.ts); new associations open a record at the sample time,
 * vanished ones close it, name or status changes update it in place (never split, F-HIST-06).
 * Closed records expire 3 years after they end (F-HIST-01).
 */
import {
  associationKey,
  associations,
  diffHistory,
  type HistoryRecord,
  type HistoryRow,
} from '../discovery/history';
import type { HistoryItemRecord } from '../model';
import type { Deps } from '../ops/context';
import type { Write } from '../store/port';
import type { ViewRow } from './view';

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

const commitAll = async (deps: Deps, writes: Write[]) => {
  // Each record is its own item; 25 per transaction keeps units small.
  for (let i = 0; i < writes.length; i += 25) await deps.store.commit(writes.slice(i, i + 25));
};

/**
 * Writes the history changes of one scope's evaluation and returns its new open records.
 * @example view.open = await recordHistory(deps, scopeId, view.open, evaluatedRows, new Date());
 */
export const recordHistory = async (
  deps: Deps,
  scopeId: string,
  open: readonly HistoryItemRecord[],
  rows: readonly ViewRow[],
  at: Date,
): Promise<{ open: HistoryItemRecord[]; opened: number; closed: number }> => {
  const byKey = new Map(open.map((r) => [r._key, r]));
  const changes = diffHistory(open.map(toDates), associations(scopeId, rows as HistoryRow[]), at);
  const now = deps.now();
  const replace = (r: HistoryRecord): Write => {
    const was = byKey.get(associationKey(r))!;
    return { type: 'replace', record: toItem(r, now, was._v, was._created), expectVersion: was._v };
  };
  const opened = changes.opened.map((r) => toItem(r, now));
  await commitAll(deps, [
    ...opened.map((record): Write => ({ type: 'create', record })),
    ...changes.closed.map(replace),
    ...changes.updated.map(replace),
  ]);
  const gone = new Set([...changes.closed, ...changes.updated].map(associationKey));
  const updated = changes.updated.map((r) => {
    const was = byKey.get(associationKey(r))!;
    return toItem(r, now, was._v + 1, was._created);
  });
  return {
    open: [...open.filter((r) => !gone.has(r._key)), ...updated, ...opened],
    opened: opened.length,
    closed: changes.closed.length,
  };
};
