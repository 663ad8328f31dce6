/**
 * `npm run discover`: one discovery cycle over every IPAM, from this process and without a time
 * limit, against the table and EC2 endpoint of the environment (handlers/runtime/config.ts), e.g.
 *   DYNAMODB_ENDPOINT=http://127.0.0.1:8000 ALLOT_DISCOVERY_EC2_ENDPOINT=http://127.0.0.1:5000 npm run discover
 * With `npm start` running and no DYNAMODB_ENDPOINT, it uses the local stack's table and moto.
 */
import { planCycle } from '../core/ops/monitoring/run/plan';
import { runAndHandOff } from '../handlers/jobs/discover-run';
import { runtime } from '../handlers/runtime/deps';
import { routeLine } from './log-lines';
import { localStackEnv } from './stack-state';

const local = localStackEnv(process.env);
if (local) {
  Object.assign(process.env, local);
  console.log(`Using the running local stack (table ${local.TABLE_NAME} on ${local.DYNAMODB_ENDPOINT}).`);
}
// The job's JSON lines go to the logs; the screen gets failed reads and the summary.
const print = console.log;
const verbose = process.env.ALLOT_VERBOSE === '1';
console.log = (...args: unknown[]) => {
  const routed = routeLine(args.map(String).join(' '), verbose);
  if (routed.screen !== undefined) print(routed.screen);
};
const { deps, settings } = runtime();
const state = await planCycle(deps);
const report = await runAndHandOff(deps, settings, state, { remainingMs: () => Number.POSITIVE_INFINITY });
print(
  JSON.stringify({
    targets: state.items.length,
    read: report.read,
    failed: report.failed,
    reconciled: report.reconciled,
    notImported: report.notImported,
  }),
);
