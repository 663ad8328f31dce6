/**
 * A scope's evaluated resource CIDRs, replaced whole each reconciliation: the rows go to a fresh
 * blob, the view record flips to it on its version, the old blob goes. Readers see the old rows or
 * the new ones, never a gap. One read serves GetIpamResourceCidrs for the whole scope.
 */

import type { Deps } from '../../../ports';
import type { HistoryItemRecord, ScopeViewRecord } from '../../../records';
import type { ViewRow } from '../analysis/types';
import type { HistoryWrite } from '../history/journal';

export type { ViewRow };

export interface ScopeView extends Body {
  record?: ScopeViewRecord;
}

interface Body {
  rows: ViewRow[];
  /** The scope's open history records (F-HIST), diffed against the next evaluation. */
  open: HistoryItemRecord[];
  /** The history writes of the evaluation that saved this view, applied after the save. */
  pending?: HistoryWrite[];
}

/**
 * The scope's current rows (empty before its first reconciliation).
 * @example const { rows } = await loadView(deps, 'ipam-scope-0123');
 */
export const loadView = async (deps: Deps, scopeId: string): Promise<ScopeView> => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const record = await deps.store.get<ScopeViewRecord>({ kind: 'scope-view', scopeId });
    if (!record?._blob) return { ...(record ? { record } : {}), rows: [], open: [] };
    const body = await deps.store.getBlob(record._blob, record._parts ?? 1);
    // Replaced and deleted between our two reads: read the record again.
    if (body !== undefined) return { record, ...(JSON.parse(body) as Body) };
  }
  throw new Error(`scope view ${scopeId} keeps changing under the reader`);
};

/**
 * Replaces the scope's rows; false when another reconciliation replaced them first (nothing lost:
 * the next cycle evaluates again).
 * @example await saveView(deps, 'ipam-scope-0123', { rows, open }, previous.record, new Date());
 */
export const saveView = async (
  deps: Deps,
  scopeId: string,
  body: Body,
  previous: ScopeViewRecord | undefined,
  at: Date,
): Promise<boolean> => {
  const key = `view#${scopeId}#${deps.ids.next('gen')}`;
  const parts = await deps.store.putBlob(key, JSON.stringify(body));
  const record: ScopeViewRecord = {
    kind: 'scope-view',
    IpamScopeId: scopeId,
    EvaluatedAt: at.toISOString(),
    _blob: key,
    _parts: parts,
    _v: 1,
    _created: previous?._created ?? at.getTime(),
  };
  const res = await deps.store.commit([
    previous ? { type: 'replace', record, expectVersion: previous._v } : { type: 'create', record },
  ]);
  if (!res.ok) {
    await deps.store.deleteBlob(key);
    return false;
  }
  if (previous?._blob) await deps.store.deleteBlob(previous._blob);
  return true;
};
