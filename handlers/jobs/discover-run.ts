/**
 * Wiring of a discovery cycle for the three ways to start one (schedule, HTTP, `npm run discover`):
 * the EC2 reader behind RunIo, and the hand-off of what an invocation did not reach. Deployed, the
 * rest goes to an asynchronous invocation of the discovery function (payload: the cycle state);
 * with no function configured (local) the same process carries on. A cycle stops handing on after
 * MAX_HOPS invocations, or when an invocation made no progress, and says so in the log.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { toEmfLines } from '../../core/ops/monitoring/metrics/emf';
import { recordIpamMetrics } from '../../core/ops/monitoring/metrics/figures';
import { reconcileIpam } from '../../core/ops/monitoring/resources';
import type { CycleState } from '../../core/ops/monitoring/run/plan';
import { type RunIo, type RunReport, runCycle } from '../../core/ops/monitoring/run/run';
import type { ReconcileInput } from '../../core/ops/monitoring/run/types';
import type { Deps } from '../../core/ports';
import type { IpamRecord } from '../../core/records';
import { ec2ClientFactory } from '../../outbound/ec2/clients';
import { failedTarget, readTarget } from '../../outbound/ec2/reader';
import type { Settings } from '../runtime/config';

export const MAX_HOPS = 50;

/** Scope reconciliation: resource CIDRs, auto-import, release of resources that are gone. */
export const reconcile = async (deps: Deps, input: ReconcileInput): Promise<unknown> => {
  const report = await reconcileIpam(deps, input);
  // Every scope's figures, stored for GetIpamMetricData and logged as CloudWatch
  // embedded-metric-format lines (FEATURES-monitoring §4).
  const ipam = await deps.store.get<IpamRecord>({ kind: 'ipam', id: input.ipamId });
  const metrics = ipam ? await recordIpamMetrics(deps, ipam, input.now) : [];
  for (const line of toEmfLines(metrics, { timestamp: input.now.getTime() })) console.log(line);
  return report;
};

const log = (event: Record<string, unknown>) => console.log(JSON.stringify({ job: 'discovery', ...event }));

export const discoveryIo = (
  settings: Settings,
  ownAccount: string | undefined,
  remainingMs: () => number,
): RunIo => {
  const makeClient = ec2ClientFactory(settings.discovery, {
    partition: settings.core.partition,
    ...(ownAccount ? { ownAccount } : {}),
  });
  return {
    async read(item, hint) {
      const client = await makeClient(item).catch((e: unknown) => e as Error);
      if (client instanceof Error) return failedTarget(item, client, new Date());
      const r = await readTarget(client, item, {
        IpamResourceDiscoveryId: item.rdId,
        // moto, the local EC2 emulator, does not implement DescribePublicIpv4Pools.
        withoutPublicIpv4Pools: settings.discovery.ec2Endpoint !== undefined,
        ...(hint ? { instanceIds: hint.instanceIds } : {}),
      });
      client.destroy();
      return r;
    },
    reconcile,
    remainingMs,
    log,
  };
};

const handOff = async (settings: Settings, state: CycleState): Promise<void> => {
  await new LambdaClient({}).send(
    new InvokeCommand({
      FunctionName: settings.discovery.functionName,
      InvocationType: 'Event',
      Payload: new TextEncoder().encode(JSON.stringify({ cycle: state })),
    }),
  );
};

/**
 * Run a cycle (or its continuation) and hand on the rest.
 * @example await runAndHandOff(deps, settings, state, { remainingMs: () => context.getRemainingTimeInMillis() })
 */
export const runAndHandOff = async (
  deps: Deps,
  settings: Settings,
  state: CycleState,
  o: { remainingMs: () => number; ownAccount?: string },
): Promise<RunReport> => {
  const io = discoveryIo(settings, o.ownAccount, o.remainingMs);
  // A short budget (an HTTP request's 29 s) keeps a quarter of itself in reserve, not 120 s.
  const reserveMs = Math.min(settings.discovery.reserveMs, o.remainingMs() / 4);
  const opts = { concurrency: settings.discovery.concurrency, reserveMs };
  let report = await runCycle(deps, io, state, opts);
  const notImported = [...report.notImported];
  while (report.next) {
    const next = report.next;
    if (report.read === 0 && report.reconciled.length === 0) {
      log({ event: 'cycle-stalled', remaining: next.items.length, hop: next.hop });
      break;
    }
    if (next.hop >= MAX_HOPS) {
      log({ event: 'cycle-abandoned', remaining: next.items.length, hop: next.hop });
      break;
    }
    if (settings.discovery.functionName) {
      await handOff(settings, next);
      log({ event: 'handed-off', remaining: next.items.length, hop: next.hop });
      break;
    }
    report = await runCycle(deps, io, next, opts);
    notImported.push(...report.notImported);
  }
  return { ...report, notImported };
};
