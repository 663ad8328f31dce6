/**
 * Planning a discovery cycle: every IPAM -> its resource discoveries -> (account, region)
 * targets, one work item per (RD, account, region) however many IPAMs the RD feeds, so a shared
 * RD is read once. The cycle's state is plain JSON, so the rest of a cycle can be handed to
 * another invocation (run.ts).
 */
import type { Deps } from '../ops/context';
import { allIpams, rdsOfIpam, targetsOf } from './rd-targets';
import type { WorkItem } from './types';

/** IPAMs still waiting for reconciliation: their RDs and the pairs read successfully so far. */
export type PendingIpams = Record<
  string,
  { rdIds: string[]; covered: { AccountId: string; Region: string }[] }
>;

export interface CycleState {
  /** Work not started yet, in order. */
  items: WorkItem[];
  pending: PendingIpams;
  /** Invocations this cycle has been through (a guard against endless hand-offs). */
  hop: number;
  startedAt: string;
}

/**
 * The work of one cycle, for every IPAM or only those of `owner` (an on-demand run).
 * @example const state = await planCycle(deps, { owner: '111122223333' })
 */
export const planCycle = async (deps: Deps, opts: { owner?: string } = {}): Promise<CycleState> => {
  const ipams = (await allIpams(deps)).filter(
    (i) => !i.State.startsWith('delete') && (opts.owner === undefined || i.OwnerId === opts.owner),
  );
  const byKey = new Map<string, WorkItem>();
  const pending: PendingIpams = {};
  for (const ipam of ipams) {
    const rds = await rdsOfIpam(deps, ipam);
    pending[ipam.IpamId] = { rdIds: rds.map((r) => r.rdId), covered: [] };
    for (const rd of rds) {
      for (const t of await targetsOf(deps, rd)) {
        const key = `${rd.rdId}|${t.AccountId}|${t.Region}`;
        const item = byKey.get(key) ?? { ...t, rdId: rd.rdId, ipamIds: [] };
        item.ipamIds.push(ipam.IpamId);
        byKey.set(key, item);
      }
    }
  }
  return { items: [...byKey.values()], pending, hop: 0, startedAt: new Date(deps.now()).toISOString() };
};
