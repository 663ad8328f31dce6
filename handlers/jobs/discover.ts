/**
 * The discovery function: on its EventBridge schedule it plans a cycle over every IPAM; invoked
 * with `{ cycle }` it carries on a cycle another invocation handed over (discover-run.ts).
 */
import type { Context } from 'aws-lambda';
import { sweepPending } from '../../core/ops/facade/pending';
import { type CycleState, planCycle } from '../../core/ops/monitoring/run/plan';
import { runtime } from '../runtime/deps';
import { runAndHandOff } from './discover-run';

/** The account in `arn:aws:lambda:<region>:<account>:function:<name>`. */
const accountOf = (arn: string | undefined): string | undefined => arn?.split(':')[4];

export const handler = async (event: { cycle?: CycleState }, context: Context) => {
  const { deps, settings } = runtime();
  // Each scheduled run also settles VPCs and subnets whose creation was cut off (F-ALLOC-13).
  const swept = event?.cycle ? undefined : await sweepPending(deps);
  const state = event?.cycle ?? (await planCycle(deps));
  const ownAccount = accountOf(context.invokedFunctionArn);
  const report = await runAndHandOff(deps, settings, state, {
    remainingMs: () => context.getRemainingTimeInMillis(),
    ...(ownAccount ? { ownAccount } : {}),
  });
  return {
    read: report.read,
    failed: report.failed,
    reconciled: report.reconciled.length,
    handedOff: Boolean(report.next),
    ...(swept ? { pendingBound: swept.bound.length, pendingReleased: swept.released.length } : {}),
  };
};
