/**
 * Planning a discovery cycle: every IPAM -> its resource discoveries -> (account, region)
 * targets, one work item per (RD, account, region) however many IPAMs the RD feeds, so a shared
 * RD is read once. The cycle's state is plain JSON, so the rest of a cycle can be handed to
 * another invocation (run.ts).
 */
import type { Deps } from '../../../ports';
import { snapshotRecords } from './snapshot';
import { allIpams, type RdView, rdsOfIpam, targetsOf } from './targets';
import type { WorkItem } from './types';

/** IPAMs still waiting for reconciliation: their RDs and the pairs read successfully so far. */
export type PendingIpams = Record<
  string,
  {
    rdIds: string[];
    covered: { AccountId: string; Region: string }[];
    monitored: { AccountId: string; Region: string }[];
  }
>;

/** A snapshot of a target an RD no longer reads (region removed, account excluded or gone). */
export interface Retired {
  rdId: string;
  AccountId: string;
  Region: string;
}

export interface CycleState {
  /** Work not started yet, in order. */
  items: WorkItem[];
  /** Snapshots to drop before reading, so their rows leave the IPAM (F-OUX-10, F-ORG-03). */
  retire: Retired[];
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
  const rdIpams = new Map<string, { rd: RdView; ipamIds: string[] }>();
  for (const ipam of ipams) {
    const rds = await rdsOfIpam(deps, ipam);
    pending[ipam.IpamId] = { rdIds: rds.map((r) => r.rdId), covered: [], monitored: [] };
    for (const rd of rds) {
      const entry = rdIpams.get(rd.rdId) ?? { rd, ipamIds: [] };
      entry.ipamIds.push(ipam.IpamId);
      rdIpams.set(rd.rdId, entry);
    }
  }
  const retire: Retired[] = [];
  for (const { rd, ipamIds } of rdIpams.values()) {
    const { targets, excluded } = await targetsOf(deps, rd);
    for (const t of targets) {
      byKey.set(`${rd.rdId}|${t.AccountId}|${t.Region}`, { ...t, rdId: rd.rdId, ipamIds });
      for (const id of ipamIds) pending[id]!.monitored.push({ AccountId: t.AccountId, Region: t.Region });
    }
    for (const s of await snapshotRecords(deps, rd.rdId)) {
      if (byKey.has(`${rd.rdId}|${s.AccountId}|${s.DiscoveryRegion}`)) continue;
      retire.push({ rdId: rd.rdId, AccountId: s.AccountId, Region: s.DiscoveryRegion });
      // An excluded account's resources count as gone: its allocations are released (F-OUX-10).
      if (excluded.includes(s.AccountId))
        for (const id of ipamIds)
          pending[id]!.covered.push({ AccountId: s.AccountId, Region: s.DiscoveryRegion });
    }
  }
  return {
    items: [...byKey.values()],
    retire,
    pending,
    hop: 0,
    startedAt: new Date(deps.now()).toISOString(),
  };
};
