/**
 * Running (part of) a discovery cycle within one invocation's time budget. Targets are read with
 * bounded concurrency; a new target starts only while more than `reserveMs` remain, so the reads
 * in flight, the snapshot writes and reconciliation finish before the Lambda limit. What was not
 * started comes back as the next state, for the caller to hand on. An IPAM is reconciled by the
 * invocation that finishes its last target, with the pairs read successfully over the cycle.
 */
import type { Deps } from '../../../ports';
import { hintOf, ownAddresses, withOwnAddresses } from './own-addresses';
import type { CycleState } from './plan';
import { readSnapshots, recordSnapshot, retireSnapshot } from './snapshot';
import type { DiscoverySample, NotImported, ReadHint, ReconcileInput, WorkItem } from './types';

/** The `notImported` list of a reconciliation's report, if it has one. */
const notImportedOf = (report: unknown): NotImported[] => {
  const list = (report as { notImported?: unknown } | undefined)?.notImported;
  return Array.isArray(list) ? (list as NotImported[]) : [];
};

export interface RunIo {
  /**
   * Read one target; expected never to throw (failures are a FailureReason). The hint names what
   * the read should report beyond the target's own listing.
   */
  read(item: WorkItem, hint?: ReadHint): Promise<DiscoverySample>;
  /** Reconciles one IPAM; its report may say what auto-import did not take (`notImported`). */
  reconcile(deps: Deps, input: ReconcileInput): Promise<unknown>;
  remainingMs(): number;
  log(event: Record<string, unknown>): void;
}

export interface RunOptions {
  concurrency: number;
  reserveMs: number;
}

export interface RunReport {
  read: number;
  failed: number;
  reconciled: string[];
  /** What auto-import did not take in the IPAMs reconciled, and why. */
  notImported: NotImported[];
  /** The rest of the cycle, or undefined when it is complete. */
  next?: CycleState;
}

const failure = (item: WorkItem, e: unknown, at: Date): DiscoverySample => ({
  account: {
    AccountId: item.AccountId,
    DiscoveryRegion: item.Region,
    LastAttemptedDiscoveryTime: at,
    FailureReason: { Code: 'unauthorized-failure', Message: String((e as Error)?.message ?? e) },
  },
  resourceCidrs: [],
  publicAddresses: [],
});

const reconcileIpam = async (
  deps: Deps,
  io: RunIo,
  ipamId: string,
  state: CycleState,
): Promise<NotImported[] | undefined> => {
  const p = state.pending[ipamId]!;
  try {
    const snaps = (await Promise.all(p.rdIds.map((rd) => readSnapshots(deps, rd)))).flat();
    const discovered = snaps.flatMap((s) => s.rows);
    const report = await io.reconcile(deps, {
      ipamId,
      discovered,
      covered: p.covered,
      monitored: p.monitored,
      now: new Date(deps.now()),
    });
    const notImported = notImportedOf(report);
    io.log({ event: 'reconciled', ipamId, rows: discovered.length, covered: p.covered.length, notImported });
    return notImported;
  } catch (e) {
    io.log({ event: 'reconcile-failed', ipamId, error: String((e as Error)?.stack ?? e) });
    return undefined;
  }
};

/**
 * Work through `state` until done or out of time.
 * @example const report = await runCycle(deps, io, await planCycle(deps), { concurrency: 8, reserveMs: 60_000 })
 */
/** One target read (a failed read is a sample too) and recorded as the RD's latest snapshot. */
const readAndRecord = async (deps: Deps, io: RunIo, item: WorkItem) => {
  let sample: DiscoverySample;
  try {
    const own = await ownAddresses(deps, item);
    sample = await withOwnAddresses(deps, item, await io.read(item, hintOf(own)), own);
  } catch (e) {
    sample = failure(item, e, new Date(deps.now()));
  }
  const outcome = await recordSnapshot(deps, item.rdId, item, sample).catch((e) => {
    io.log({ event: 'record-failed', rdId: item.rdId, error: String(e) });
    return 'error' as const;
  });
  return { sample, outcome };
};

export const runCycle = async (
  deps: Deps,
  io: RunIo,
  state: CycleState,
  o: RunOptions,
): Promise<RunReport> => {
  for (const r of state.retire ?? []) {
    const dropped = await retireSnapshot(deps, r.rdId, r);
    io.log({ event: 'retired', rdId: r.rdId, accountId: r.AccountId, region: r.Region, dropped });
  }
  const items = state.items;
  const pending = structuredClone(state.pending);
  let next = 0;
  let read = 0;
  let failed = 0;
  const worker = async () => {
    while (next < items.length && io.remainingMs() > o.reserveMs) {
      const item = items[next++]!;
      const { sample, outcome } = await readAndRecord(deps, io, item);
      const ok = sample.account.FailureReason === undefined && outcome === 'replaced';
      read++;
      if (!ok) failed++;
      if (ok)
        for (const id of item.ipamIds)
          pending[id]?.covered.push({ AccountId: item.AccountId, Region: item.Region });
      io.log({
        event: 'target',
        rdId: item.rdId,
        accountId: item.AccountId,
        region: item.Region,
        outcome: sample.account.FailureReason?.Code ?? outcome,
        rows: sample.resourceCidrs.length,
        done: read,
        total: items.length,
      });
    }
  };
  const n = Math.max(1, Math.min(o.concurrency, items.length));
  await Promise.all(Array.from({ length: n }, worker));
  const rest = items.slice(next);
  const waiting = new Set(rest.flatMap((i) => i.ipamIds));
  const reconciled: string[] = [];
  const notImported: NotImported[] = [];
  const after: CycleState = { ...state, items: rest, retire: [], pending, hop: state.hop + 1 };
  for (const ipamId of Object.keys(pending)) {
    if (waiting.has(ipamId) || io.remainingMs() <= 0) continue;
    const skipped = await reconcileIpam(deps, io, ipamId, after);
    if (skipped) {
      reconciled.push(ipamId);
      notImported.push(...skipped);
    }
    delete pending[ipamId];
  }
  const done = rest.length === 0 && Object.keys(pending).length === 0;
  io.log({ event: 'cycle-progress', read, failed, reconciled: reconciled.length, remaining: rest.length });
  return { read, failed, reconciled, notImported, ...(done ? {} : { next: after }) };
};
