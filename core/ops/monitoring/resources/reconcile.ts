/**
 * Scope reconciliation after a discovery cycle (F-RES-03..08, F-IMPORT, F-ALLOC-08): place the
 * discovered rows in the IPAM's default scopes, auto-import into pools that ask for it, release
 * the allocations of resources that are gone, evaluate, and store the scope's rows.
 *
 * - Rows of (account, region) pairs not read successfully this cycle keep their previous state: a
 *   failed read never looks like deleted resources.
 * - Imports go through AllocateIpamPoolCidr's atomic claim like any allocation; one that loses a
 *   race (the space was taken meanwhile) is skipped until the next cycle.
 * - A resource allocation is released only when its (account, region) was read, the resource's
 *   CIDR was not seen (or is ignored), and the allocation is older than RELEASE_GRACE_MS: an
 *   allocation made for a resource still being created is not released before EC2 shows it.
 */

import { type Block, cidrIdentity, parseBlock } from '../../../cidr';
import { isAllotError } from '../../../errors';
import type { Deps } from '../../../ports';
import type { IpamRecord, ScopeMoveRecord } from '../../../records';
import { allocateIpamPoolCidr } from '../../allocation/allocate';
import type { ResourceSpec } from '../../allocation/rules';
import { listAll } from '../../kit/listing';
import { isComplete } from '../../kit/loads';
import { reclaimResource } from '../../reclaim/reclaim';
import { selectImports } from '../analysis/auto-import';
import type { DiscoveredResourceCidr } from '../analysis/discovered';
import type { ResourceCidrInput } from '../analysis/types';
import { applyHistory, planHistory } from '../history/journal';
import type { NotImported, ReconcileInput } from '../run/types';
import { evaluateScope, toInput } from './evaluate-scope';
import { loadScopePools, type PoolData } from './scope-data';
import { loadView, saveView } from './view';

/** How old a resource allocation must be before a missing resource releases it. */
export const RELEASE_GRACE_MS = 15 * 60_000;

export interface ReconcileReport {
  ipamId: string;
  rows: number;
  imported: string[];
  /** What auto-importing pools could have taken and did not, and why (imported next cycle or never). */
  notImported: NotImported[];
  released: string[];
  /** History records opened and closed (F-HIST). */
  opened: number;
  closed: number;
  /** History writes that found their record in an unexpected state and were skipped. */
  historyConflicts: number;
}

const rowKey = (r: { ResourceId?: string; ResourceCidr: string }) =>
  `${r.ResourceId ?? ''}|${cidrIdentity(parseBlock(r.ResourceCidr))}`;
const pairKey = (owner: string | undefined, region: string | undefined) => `${owner ?? ''}|${region ?? ''}`;

const ALLOCATION_OF: Partial<Record<string, ResourceSpec['ResourceType']>> = {
  vpc: 'vpc',
  eip: 'eip',
  'ec2-public-ipv4-pool': 'ec2-public-ipv4-pool',
};

/** Skips worth telling: the candidate lies in the pool's space, yet was not imported. */
const TOLD = new Set([
  'overlaps-larger-candidate',
  'identical-candidate',
  'overlaps-allocation',
  'cooling-down',
]);

const selectFor = (p: PoolData, candidates: ResourceCidrInput[]) =>
  selectImports(
    {
      IpamPoolId: p.pool.IpamPoolId,
      AutoImport: p.pool.AutoImport,
      ...(p.pool.Locale ? { Locale: p.pool.Locale } : {}),
      AddressFamily: p.pool.AddressFamily,
      ProvisionedCidrs: p.cidrs.filter((c) => c.State === 'provisioned').map((c) => c.Cidr),
    },
    candidates,
    p.allocations.map((a) => ({
      Cidr: a.Cidr,
      ResourceType: a.ResourceType,
      ...(a.ResourceId ? { ResourceId: a.ResourceId } : {}),
    })),
  );

type Decision = ReturnType<typeof selectImports>['imports'][number];

/** Imports one selected CIDR through the atomic claim; the refusal, if any, as a reason. */
const importOne = async (
  deps: Deps,
  ipam: IpamRecord,
  poolId: string,
  d: Decision,
  type: ResourceSpec['ResourceType'],
) => {
  try {
    await allocateIpamPoolCidr(
      deps,
      { accountId: ipam.OwnerId, region: d.allocation.ResourceRegion },
      { IpamPoolId: poolId, Cidr: d.allocation.Cidr },
      {
        ResourceType: type,
        ResourceId: d.allocation.ResourceId,
        ResourceRegion: d.allocation.ResourceRegion,
        ResourceOwner: d.allocation.ResourceOwner,
        Import: true,
      },
    );
    return undefined;
  } catch (e) {
    // Lost the space to a concurrent allocation, or space in its reuse delay: next cycle.
    if (!isAllotError(e)) throw e;
    return { Reason: e.code, Message: e.message };
  }
};

const importInto = async (deps: Deps, ipam: IpamRecord, pools: PoolData[], rows: ResourceCidrInput[]) => {
  const imported: string[] = [];
  const notImported: NotImported[] = [];
  const taken = new Set<string>();
  // Deepest pools first: a CIDR lands in the most specific pool that auto-imports it.
  for (const p of [...pools].sort((a, b) => b.pool.PoolDepth - a.pool.PoolDepth)) {
    // Any pool in service imports, including one whose AutoImport a ModifyIpamPool switched on.
    if (!p.pool.AutoImport || !isComplete(p.pool)) continue;
    const poolId = p.pool.IpamPoolId;
    const { imports, skipped } = selectFor(
      p,
      rows.filter((r) => !taken.has(rowKey(r))),
    );
    for (const s of skipped.filter((x) => TOLD.has(x.reason)))
      notImported.push({
        IpamPoolId: poolId,
        Cidr: s.resource.ResourceCidr,
        ResourceId: s.resource.ResourceId ?? '',
        Reason: s.reason,
        Message: s.message,
      });
    for (const d of imports) {
      const type = ALLOCATION_OF[d.allocation.ResourceType];
      if (!type) continue;
      const refused = await importOne(deps, ipam, poolId, d, type);
      const at = { IpamPoolId: poolId, Cidr: d.allocation.Cidr, ResourceId: d.allocation.ResourceId };
      if (refused) notImported.push({ ...at, ...refused });
      else {
        taken.add(rowKey(d.resource));
        imported.push(`${poolId} ${d.allocation.Cidr} ${d.allocation.ResourceId}`);
      }
    }
  }
  return { imported, notImported };
};

const releaseGone = async (
  deps: Deps,
  pools: PoolData[],
  rows: ResourceCidrInput[],
  covered: Set<string>,
  now: number,
) => {
  const seen = new Set(rows.filter((r) => !r.Ignored).map(rowKey));
  const released: string[] = [];
  for (const { allocations } of pools) {
    for (const a of allocations) {
      if (a.ResourceType === 'custom' || a.ResourceType === 'ipam-pool' || !a.ResourceId) continue;
      if (!covered.has(pairKey(a.ResourceOwner, a.ResourceRegion))) continue;
      if (seen.has(rowKey({ ResourceId: a.ResourceId, ResourceCidr: a.Cidr }))) continue;
      if (now - a._created < RELEASE_GRACE_MS) continue;
      const done = await reclaimResource(deps, {
        ResourceId: a.ResourceId,
        Cidr: a.Cidr,
        ResourceOwner: a.ResourceOwner,
      });
      released.push(...done.map((r) => `${r.IpamPoolId} ${r.Cidr} ${a.ResourceId}`));
    }
  }
  return released;
};

/**
 * Which scope each discovered row belongs to (F-SCOPE-04, F-RES-07): public space to the default
 * public scope, private space to the default private scope, except VPC CIDRs moved to another
 * private scope, and the subnets inside them. A move waits while the VPC CIDR still holds an
 * allocation from a pool of the default private scope (the deferred move), and completes on its
 * own once that is released. Every scope that had rows before is listed, so it is re-evaluated.
 */
const placeRows = async (
  deps: Deps,
  ipam: IpamRecord,
  rows: readonly DiscoveredResourceCidr[],
): Promise<Map<string, DiscoveredResourceCidr[]>> => {
  const moves = await listAll<ScopeMoveRecord>(deps.store, { kind: 'scope-move', ipamId: ipam.IpamId });
  const out = new Map<string, DiscoveredResourceCidr[]>([
    [ipam.PrivateDefaultScopeId, []],
    [ipam.PublicDefaultScopeId, []],
    ...moves.map((m): [string, DiscoveredResourceCidr[]] => [m.IpamScopeId, []]),
  ]);
  const held = new Set(
    (await loadScopePools(deps, ipam.PrivateDefaultScopeId)).flatMap((p) =>
      p.allocations.flatMap((a) =>
        a.ResourceId ? [rowKey({ ResourceId: a.ResourceId, ResourceCidr: a.Cidr })] : [],
      ),
    ),
  );
  const active = moves.filter((m) => !held.has(rowKey(m)));
  const movedTo = (r: DiscoveredResourceCidr): string | undefined => {
    const block = parseBlock(r.ResourceCidr);
    return active.find(
      (m) =>
        (m.ResourceId === r.ResourceId && rowKey(m) === rowKey(r)) ||
        (r.ResourceType === 'subnet' &&
          r.VpcId === m.ResourceId &&
          inside(block, parseBlock(m.ResourceCidr))),
    )?.IpamScopeId;
  };
  for (const r of rows) {
    const scope =
      r.IpSource !== 'none' ? ipam.PublicDefaultScopeId : (movedTo(r) ?? ipam.PrivateDefaultScopeId);
    out.get(scope)?.push(r);
  }
  return out;
};

const inside = (inner: Block, outer: Block) =>
  inner.version === outer.version && inner.start >= outer.start && inner.end <= outer.end;

/**
 * Reconciles one IPAM's default scopes with the latest discovery.
 * @example await reconcileIpam(deps, { ipamId, discovered, covered: [{ AccountId, Region }], now: new Date() });
 */
export const reconcileIpam = async (deps: Deps, input: ReconcileInput): Promise<ReconcileReport> => {
  const report: ReconcileReport = {
    ipamId: input.ipamId,
    rows: 0,
    imported: [],
    notImported: [],
    released: [],
    opened: 0,
    closed: 0,
    historyConflicts: 0,
  };
  const ipam = await deps.store.get<IpamRecord>({ kind: 'ipam', id: input.ipamId });
  if (!ipam) return report;
  const covered = new Set(input.covered.map((c) => pairKey(c.AccountId, c.Region)));
  const monitored = input.monitored && new Set(input.monitored.map((c) => pairKey(c.AccountId, c.Region)));
  const now = input.now.getTime();
  const placed = await placeRows(
    deps,
    ipam,
    input.discovered.filter((r) => covered.has(pairKey(r.ResourceOwnerId, r.ResourceRegion))),
  );
  for (const [scopeId, discovered] of placed) {
    const previous = await loadView(deps, scopeId);
    // Finish the history writes of the last evaluation, should they have been cut short.
    report.historyConflicts += await applyHistory(deps, previous.pending ?? []);
    const ignored = new Set(previous.rows.filter((r) => r.Ignored).map(rowKey));
    const fresh = discovered.map((r) => ({
      ...toInput(r),
      ...(ignored.has(rowKey(r)) ? { Ignored: true } : {}),
    }));
    // Rows of a monitored pair whose read failed stay as they were; unmonitored pairs' rows go.
    const kept = previous.rows
      .filter((r) => {
        const pair = pairKey(r.ResourceOwnerId, r.ResourceRegion);
        return !covered.has(pair) && (!monitored || monitored.has(pair));
      })
      .map(toInput);
    const rows = [...kept, ...fresh];
    let pools = await loadScopePools(deps, scopeId);
    const imports = await importInto(deps, ipam, pools, rows);
    report.imported.push(...imports.imported);
    report.notImported.push(...imports.notImported);
    report.released.push(...(await releaseGone(deps, pools, rows, covered, now)));
    if (report.imported.length + report.released.length > 0) pools = await loadScopePools(deps, scopeId);
    const stored = evaluateScope(pools, rows);
    const history = planHistory(deps, scopeId, previous.open, stored, input.now);
    const body = { rows: stored, open: history.open, pending: history.journal };
    // Only the reconciliation whose save wins writes its history (see planHistory).
    if (await saveView(deps, scopeId, body, previous.record, input.now)) {
      report.historyConflicts += await applyHistory(deps, history.journal);
      report.opened += history.opened;
      report.closed += history.closed;
    }
    report.rows += stored.length;
  }
  return report;
};
