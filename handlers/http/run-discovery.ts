/**
 * POST /v1/RunDiscovery (Allot-specific, JSON only): run a discovery cycle now over the caller's
 * IPAMs, within this request's time budget; the rest is handed on like a scheduled cycle.
 */
import { planCycle } from '../../core/ops/monitoring/run/plan';
import { jsonRoute } from '../api/json';
import { runAndHandOff } from '../jobs/discover-run';

export const handler = jsonRoute('RunDiscovery', async ({ deps, settings, caller, context }) => {
  const state = await planCycle(deps, { owner: caller.accountId });
  const report = await runAndHandOff(deps, settings, state, {
    remainingMs: () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY,
  });
  return {
    Targets: state.items.length,
    Read: report.read,
    Failed: report.failed,
    Reconciled: report.reconciled,
    Remaining: report.next?.items.length ?? 0,
  };
});
