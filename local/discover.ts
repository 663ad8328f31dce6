/**
 * `npm run discover`: one discovery cycle over every IPAM, from this process and without a time
 * limit, against the table and EC2 endpoint of the environment (handlers/runtime/config.ts), e.g.
 *   DYNAMODB_ENDPOINT=http://127.0.0.1:8000 ALLOT_DISCOVERY_EC2_ENDPOINT=http://127.0.0.1:5000 npm run discover
 */
import { planCycle } from '../core/ops/monitoring/run/plan';
import { runAndHandOff } from '../handlers/jobs/discover-run';
import { runtime } from '../handlers/runtime/deps';

const { deps, settings } = runtime();
const state = await planCycle(deps);
const report = await runAndHandOff(deps, settings, state, { remainingMs: () => Number.POSITIVE_INFINITY });
console.log(
  JSON.stringify({
    targets: state.items.length,
    read: report.read,
    failed: report.failed,
    reconciled: report.reconciled,
  }),
);
