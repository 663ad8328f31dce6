/**
 * Re-evaluation of one scope's stored rows against its pools as they are now (F-STAT-08,
 * F-POOL-11): after a pool rule edit, a pool deletion or a resource CIDR marked ignored, statuses
 * change at once instead of at the next discovery cycle. It is the reconciliation's evaluation,
 * history planning and view save, without a discovery read. Allocations and releases are left to
 * the cycle: evaluating a whole scope on the allocation path would cost far more than the claim.
 */

import type { Deps } from '../../../ports';
import type { ResourceCidrInput } from '../analysis/types';
import { applyHistory, planHistory } from '../history/journal';
import { evaluateScope, toInput } from './evaluate-scope';
import { loadScopePools } from './scope-data';
import { loadView, saveView, type ViewRow } from './view';

/** Tries before giving way to concurrent evaluations (the next cycle evaluates again anyway). */
const ATTEMPTS = 5;

/**
 * Evaluates the scope's stored rows (through `edit`, if given) and saves them. Returns the saved
 * rows; [] when the scope was never evaluated; undefined when concurrent saves kept winning.
 * @example await reevaluateScope(deps, pool.IpamScopeId);
 */
export const reevaluateScope = async (
  deps: Deps,
  scopeId: string,
  edit: (rows: ViewRow[]) => ResourceCidrInput[] = (rows) => rows.map(toInput),
): Promise<ViewRow[] | undefined> => {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const view = await loadView(deps, scopeId);
    if (!view.record) return [];
    // Finish the history writes of the last evaluation, should they have been cut short.
    await applyHistory(deps, view.pending ?? []);
    const rows = evaluateScope(await loadScopePools(deps, scopeId), edit(view.rows));
    const at = new Date(deps.now());
    const history = planHistory(deps, scopeId, view.open, rows, at);
    const body = { rows, open: history.open, pending: history.journal };
    if (await saveView(deps, scopeId, body, view.record, at)) {
      await applyHistory(deps, history.journal);
      return rows;
    }
  }
  return undefined;
};
