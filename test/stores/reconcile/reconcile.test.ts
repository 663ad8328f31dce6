/**
 * Scope reconciliation after discovery on both stores (F-RES-03..08, F-IMPORT, F-ALLOC-08):
 * exact rows and statuses through GetIpamResourceCidrs, auto-import through the atomic claim,
 * release of resources that are gone, and failed reads that change nothing.
 */
import { describe, expect, it } from 'vitest';
import type { DiscoveredResourceCidr } from '../../../core/ops/monitoring/analysis/discovered';
import { planHistory } from '../../../core/ops/monitoring/history/journal';
import { getIpamMetrics } from '../../../core/ops/monitoring/metrics/get-metrics';
import { RELEASE_GRACE_MS, reconcileIpam } from '../../../core/ops/monitoring/resources';
import { loadView, saveView } from '../../../core/ops/monitoring/resources/view';
import { reclaimResource } from '../../../core/ops/reclaim/reclaim';
import type { HistoryItemRecord } from '../../../core/records';
import { ACCOUNT, type Env, makeEnv } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

const row = (
  ResourceId: string,
  ResourceCidr: string,
  more: Partial<DiscoveredResourceCidr> = {},
): DiscoveredResourceCidr => ({
  ResourceId,
  ResourceCidr,
  ResourceType: ResourceId.startsWith('subnet-')
    ? 'subnet'
    : ResourceId.startsWith('eipalloc-')
      ? 'eip'
      : 'vpc',
  ResourceRegion: 'us-east-1',
  ResourceOwnerId: ACCOUNT,
  IpSource: 'none',
  ResourceTags: [],
  SampleTime: new Date(Date.UTC(2026, 0, 1)),
  ...more,
});

const ESTATE = [
  row('vpc-a', '10.0.0.0/24', { ResourceName: 'app' }),
  row('vpc-b', '10.0.0.0/26'),
  row('vpc-c', '10.0.200.0/24'),
  row('vpc-d', '192.168.0.0/24'),
  row('subnet-1', '10.0.0.0/28', { VpcId: 'vpc-a' }),
  row('eipalloc-1', '198.51.100.7/32', { IpSource: 'amazon' }),
];
const COVERED = [{ AccountId: ACCOUNT, Region: 'us-east-1' }];

const rowsOf = async (env: Env, scopeId: string) =>
  (await env.call('GetIpamResourceCidrs', { IpamScopeId: scopeId })).IpamResourceCidrs.map(
    (r: Record<string, string>) =>
      [r.ResourceId, r.ResourceCidr, r.ManagementState, r.ComplianceStatus, r.OverlapStatus]
        .map((v) => v ?? '-')
        .join(' '),
  );

describe.each(storeFactories())('reconciliation (%s store)', (_name, makeStore) => {
  const setup = async () => {
    const env = makeEnv(await makeStore(), { reuseDelayMs: { advanced: 0, free: 0 } });
    const { Ipam } = await env.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-east-1' }] });
    const { IpamPool } = await env.call('CreateIpamPool', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
      Locale: 'us-east-1',
      AutoImport: true,
    });
    await env.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: '10.0.0.0/16' });
    await env.call('AllocateIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: '10.0.200.0/24' });
    const run = (discovered = ESTATE, covered = COVERED) =>
      reconcileIpam(env.deps, { ipamId: Ipam.IpamId, discovered, covered, now: new Date(env.clock.now) });
    return { env, ipam: Ipam, poolId: IpamPool.IpamPoolId as string, run };
  };

  it('imports the largest overlapping candidate and evaluates every row of both scopes', async () => {
    const { env, ipam, poolId, run } = await setup();
    const report = await run();
    expect([report.imported, report.released, report.rows]).toEqual([[`${poolId} 10.0.0.0/24 vpc-a`], [], 6]);
    // F-STAT-04..06: vpc-b overlaps vpc-a, vpc-c the custom allocation (on-premises space), the
    // subnet inside its own VPC is neither (statuses not applicable), vpc-d is outside the pools.
    expect((await rowsOf(env, ipam.PrivateDefaultScopeId)).sort()).toEqual([
      'subnet-1 10.0.0.0/28 - - -',
      'vpc-a 10.0.0.0/24 managed compliant overlapping',
      'vpc-b 10.0.0.0/26 unmanaged unmanaged overlapping',
      'vpc-c 10.0.200.0/24 unmanaged unmanaged overlapping',
      'vpc-d 192.168.0.0/24 unmanaged unmanaged nonoverlapping',
    ]);
    // Public space goes to the public scope (F-SCOPE-04).
    expect(await rowsOf(env, ipam.PublicDefaultScopeId)).toEqual([
      'eipalloc-1 198.51.100.7/32 unmanaged unmanaged nonoverlapping',
    ]);
    const allocations = (await env.call('GetIpamPoolAllocations', { IpamPoolId: poolId }))
      .IpamPoolAllocations;
    expect(
      allocations.map((a: Record<string, string>) => [a.Cidr, a.ResourceType, a.ResourceId ?? '-']),
    ).toEqual([
      ['10.0.0.0/24', 'vpc', 'vpc-a'],
      ['10.0.200.0/24', 'custom', '-'],
    ]);
    const one = await env.call('GetIpamResourceCidrs', {
      IpamScopeId: ipam.PrivateDefaultScopeId,
      ResourceId: 'vpc-a',
    });
    expect(one.IpamResourceCidrs).toEqual([
      {
        IpamId: ipam.IpamId,
        IpamScopeId: ipam.PrivateDefaultScopeId,
        IpamPoolId: poolId,
        ResourceRegion: 'us-east-1',
        ResourceOwnerId: ACCOUNT,
        ResourceId: 'vpc-a',
        ResourceName: 'app',
        ResourceCidr: '10.0.0.0/24',
        ResourceType: 'vpc',
        ComplianceStatus: 'compliant',
        ManagementState: 'managed',
        OverlapStatus: 'overlapping',
        ResourceTags: [],
        // F-RES-06: the share of the VPC its subnets cover, 16 of 256 addresses.
        IpUsage: 0.0625,
      },
    ]);
    const filtered = await env.call('GetIpamResourceCidrs', {
      IpamScopeId: ipam.PrivateDefaultScopeId,
      Filters: [{ Name: 'overlap-status', Values: ['nonoverlapping'] }],
    });
    expect(filtered.IpamResourceCidrs.map((r: { ResourceId: string }) => r.ResourceId)).toEqual(['vpc-d']);
  });

  it('F-IMPORT-01: a pool whose AutoImport is switched on by ModifyIpamPool (modify-complete) imports', async () => {
    const { env, ipam, run } = await setup();
    const { IpamPool } = await env.call('CreateIpamPool', {
      IpamScopeId: ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
      Locale: 'us-east-1',
    });
    await env.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: '192.168.0.0/16' });
    expect((await run()).imported.filter((i) => i.startsWith(IpamPool.IpamPoolId))).toEqual([]);
    const { IpamPool: modified } = await env.call('ModifyIpamPool', {
      IpamPoolId: IpamPool.IpamPoolId,
      AutoImport: true,
    });
    expect(modified.State).toBe('modify-complete');
    expect((await run()).imported).toEqual([`${IpamPool.IpamPoolId} 192.168.0.0/24 vpc-d`]);
  });

  it('F-ALLOC-08: a resource gone from a successful read is released after the grace; a failed read changes nothing', async () => {
    const { env, ipam, poolId, run } = await setup();
    await run();
    const withoutA = ESTATE.filter((r) => r.ResourceId !== 'vpc-a' && r.ResourceId !== 'subnet-1');
    // The account's read failed this cycle: vpc-a keeps its row and its allocation.
    expect((await run(withoutA, [])).released).toEqual([]);
    expect(await rowsOf(env, ipam.PrivateDefaultScopeId)).toContain(
      'vpc-a 10.0.0.0/24 managed compliant overlapping',
    );
    // Read, but the allocation is younger than the grace: kept (the VPC may still be being created).
    expect((await run(withoutA)).released).toEqual([]);
    env.clock.now += RELEASE_GRACE_MS;
    const report = await run(withoutA);
    expect(report.released).toEqual([`${poolId} 10.0.0.0/24 vpc-a`]);
    // vpc-a's row is gone and with it the overlap; vpc-b, now alone in free space, is imported at
    // the next cycle (imports run before releases within one).
    expect(report.imported).toEqual([]);
    expect((await rowsOf(env, ipam.PrivateDefaultScopeId)).sort()).toEqual([
      'vpc-b 10.0.0.0/26 unmanaged unmanaged nonoverlapping',
      'vpc-c 10.0.200.0/24 unmanaged unmanaged overlapping',
      'vpc-d 192.168.0.0/24 unmanaged unmanaged nonoverlapping',
    ]);
    const next = await run(withoutA);
    expect(next.imported).toEqual([`${poolId} 10.0.0.0/26 vpc-b`]);
  });

  it('imports released space once its reuse delay has passed, and reports what it did not import and why', async () => {
    const env = makeEnv(await makeStore(), { reuseDelayMs: { advanced: 20_000, free: 20_000 } });
    const { Ipam } = await env.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-east-1' }] });
    const { IpamPool } = await env.call('CreateIpamPool', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
      Locale: 'us-east-1',
      AutoImport: true,
    });
    const poolId: string = IpamPool.IpamPoolId;
    await env.call('ProvisionIpamPoolCidr', { IpamPoolId: poolId, Cidr: '10.0.0.0/16' });
    const { IpamPoolAllocation: a } = await env.call('AllocateIpamPoolCidr', {
      IpamPoolId: poolId,
      Cidr: '10.0.0.0/24',
    });
    await env.call('ReleaseIpamPoolAllocation', {
      IpamPoolId: poolId,
      Cidr: a.Cidr,
      IpamPoolAllocationId: a.IpamPoolAllocationId,
    });
    const estate = [row('vpc-a', '10.0.0.0/24'), row('vpc-b', '10.0.0.0/26')];
    const run = () =>
      reconcileIpam(env.deps, {
        ipamId: Ipam.IpamId,
        discovered: estate,
        covered: COVERED,
        now: new Date(env.clock.now),
      });
    const cooling = await run();
    expect([cooling.imported, cooling.notImported]).toEqual([
      [],
      [
        {
          IpamPoolId: poolId,
          Cidr: '10.0.0.0/26',
          ResourceId: 'vpc-b',
          Reason: 'overlaps-larger-candidate',
          Message: 'Inside the larger candidate vpc-a 10.0.0.0/24.',
        },
        {
          IpamPoolId: poolId,
          Cidr: '10.0.0.0/24',
          ResourceId: 'vpc-a',
          Reason: 'InsufficientCidrBlocks',
          Message: `The CIDR 10.0.0.0/24 is not available in pool ${poolId}: it overlaps space released recently and still in its reuse delay.`,
        },
      ],
    ]);
    // The delay passes; no allocation search has passed over the space meanwhile.
    env.clock.now += 20_000;
    const after = await run();
    expect(after.imported).toEqual([`${poolId} 10.0.0.0/24 vpc-a`]);
    expect(after.notImported.map((n) => [n.ResourceId, n.Reason])).toEqual([
      ['vpc-b', 'overlaps-larger-candidate'],
    ]);
  });

  it('F-RES-02: ignoring releases the space and takes the row out of overlap; monitoring brings it back', async () => {
    const { env, ipam, poolId, run } = await setup();
    await run();
    const scope = ipam.PrivateDefaultScopeId;
    const modify = (ResourceId: string, ResourceCidr: string, Monitored: boolean, IpamScopeId = scope) =>
      env.call('ModifyIpamResourceCidr', {
        ResourceId,
        ResourceCidr,
        ResourceRegion: 'us-east-1',
        CurrentIpamScopeId: IpamScopeId,
        Monitored,
      });
    const out = await modify('vpc-a', '10.0.0.0/24', false);
    expect([
      out.IpamResourceCidr.ManagementState,
      out.IpamResourceCidr.ComplianceStatus,
      out.IpamResourceCidr.OverlapStatus,
    ]).toEqual(['ignored', 'ignored', 'ignored']);
    expect((await rowsOf(env, scope)).sort()).toEqual([
      'subnet-1 10.0.0.0/28 - - -',
      'vpc-a 10.0.0.0/24 ignored ignored ignored',
      'vpc-b 10.0.0.0/26 unmanaged unmanaged nonoverlapping',
      'vpc-c 10.0.200.0/24 unmanaged unmanaged overlapping',
      'vpc-d 192.168.0.0/24 unmanaged unmanaged nonoverlapping',
    ]);
    const held = async () =>
      (await env.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations.map(
        (a: { Cidr: string }) => a.Cidr,
      );
    expect(await held()).toEqual(['10.0.200.0/24']);
    // Next cycle: the ignored CIDR stays ignored and is never imported; vpc-b now is (F-IMPORT-07).
    expect((await run()).imported).toEqual([`${poolId} 10.0.0.0/26 vpc-b`]);
    expect(await rowsOf(env, scope)).toContain('vpc-a 10.0.0.0/24 ignored ignored ignored');
    await modify('vpc-a', '10.0.0.0/24', true);
    expect((await rowsOf(env, scope)).sort()).toContain('vpc-a 10.0.0.0/24 unmanaged unmanaged overlapping');

    await env.expectError(
      'ModifyIpamResourceCidr',
      {
        ResourceId: 'vpc-zz',
        ResourceCidr: '10.9.0.0/24',
        ResourceRegion: 'us-east-1',
        CurrentIpamScopeId: scope,
        Monitored: false,
      },
      'InvalidIpamResourceCidr.NotFound',
    );
    await env.expectError(
      'ModifyIpamResourceCidr',
      {
        ResourceId: 'eipalloc-1',
        ResourceCidr: '198.51.100.7/32',
        ResourceRegion: 'us-east-1',
        CurrentIpamScopeId: ipam.PublicDefaultScopeId,
        Monitored: false,
      },
      'OperationNotPermitted',
    );
    await env.expectError(
      'ModifyIpamResourceCidr',
      {
        ResourceId: 'vpc-a',
        ResourceCidr: '10.0.0.0/24',
        ResourceRegion: 'us-east-1',
        CurrentIpamScopeId: scope,
      },
      'MissingParameter',
    );
  });

  it('F-POOL-11, F-STAT-08: a rule edit or a cascade delete re-evaluates the scope at once, history included', async () => {
    const { env, ipam, poolId, run } = await setup();
    await run();
    const scope = ipam.PrivateDefaultScopeId;
    const vpcA = async () => (await rowsOf(env, scope)).find((r: string) => r.startsWith('vpc-a'));
    const history = async () =>
      (
        await env.call('GetIpamAddressHistory', { IpamScopeId: scope, Cidr: '10.0.0.0/24' })
      ).HistoryRecords.map(
        (h: Record<string, string>) =>
          `${h.ResourceId} ${h.ResourceComplianceStatus} ${h.ResourceOverlapStatus}`,
      );
    expect(await history()).toEqual(['vpc-a compliant overlapping']);
    const tag = [{ Key: 'team', Value: 'net' }];
    await env.call('ModifyIpamPool', { IpamPoolId: poolId, AddAllocationResourceTags: tag });
    expect(await vpcA()).toBe('vpc-a 10.0.0.0/24 managed noncompliant overlapping');
    expect(await history()).toEqual(['vpc-a noncompliant overlapping']);
    await env.call('ModifyIpamPool', { IpamPoolId: poolId, RemoveAllocationResourceTags: tag });
    expect(await vpcA()).toBe('vpc-a 10.0.0.0/24 managed compliant overlapping');
    await env.call('ModifyIpamPool', { IpamPoolId: poolId, AllocationMinNetmaskLength: 25 });
    expect(await vpcA()).toBe('vpc-a 10.0.0.0/24 managed noncompliant overlapping');
    // A description edit changes no status and leaves the stored evaluation alone.
    const before = await loadView(env.deps, scope);
    await env.call('ModifyIpamPool', { IpamPoolId: poolId, Description: 'renamed' });
    expect((await loadView(env.deps, scope)).record?._v).toBe(before.record?._v);
    await env.call('DeleteIpamPool', { IpamPoolId: poolId, Cascade: true });
    expect((await rowsOf(env, scope)).sort()).toEqual([
      'subnet-1 10.0.0.0/28 - - -',
      'vpc-a 10.0.0.0/24 unmanaged unmanaged overlapping',
      'vpc-b 10.0.0.0/26 unmanaged unmanaged overlapping',
      'vpc-c 10.0.200.0/24 unmanaged unmanaged nonoverlapping',
      'vpc-d 192.168.0.0/24 unmanaged unmanaged nonoverlapping',
    ]);
    expect(await history()).toEqual(['vpc-a unmanaged overlapping']);
  });

  it('F-HIST: records open and close at sample times, and queries take a window, an exact CIDR and a VPC', async () => {
    const { env, ipam, run } = await setup();
    const t0 = env.clock.now;
    const iso = (t: number) => new Date(t).toISOString();
    await run();
    env.clock.now += 5 * 60_000;
    const t1 = env.clock.now;
    await run(ESTATE.filter((r) => r.ResourceId !== 'vpc-a' && r.ResourceId !== 'subnet-1'));
    const scope = ipam.PrivateDefaultScopeId;
    const history = (input: object, who = {}) =>
      env.call('GetIpamAddressHistory', { IpamScopeId: scope, ...input }, who).then((r) => r.HistoryRecords);
    expect(await history({ Cidr: '10.0.0.0/24', StartTime: iso(t0) })).toEqual([
      {
        ResourceOwnerId: ACCOUNT,
        ResourceRegion: 'us-east-1',
        ResourceType: 'vpc',
        ResourceId: 'vpc-a',
        ResourceCidr: '10.0.0.0/24',
        ResourceName: 'app',
        ResourceComplianceStatus: 'compliant',
        ResourceOverlapStatus: 'overlapping',
        VpcId: 'vpc-a',
        SampledStartTime: iso(t0),
        SampledEndTime: iso(t1),
      },
    ]);
    // Exact matching: the /28 is the subnet's record only, and the VPC filter applies.
    expect(
      (await history({ Cidr: '10.0.0.0/28', StartTime: iso(t0) })).map(
        (r: { ResourceId: string }) => r.ResourceId,
      ),
    ).toEqual(['subnet-1']);
    expect(await history({ Cidr: '10.0.0.0/28', StartTime: iso(t0), VpcId: 'vpc-zz' })).toEqual([]);
    // No times: "right now". vpc-a ended at t1; a minute later nothing holds the /24.
    env.clock.now += 60_000;
    expect(await history({ Cidr: '10.0.0.0/24' })).toEqual([]);
    expect(
      (await history({ Cidr: '10.0.0.0/26' })).map((r: { ResourceId: string; SampledEndTime?: string }) => [
        r.ResourceId,
        r.SampledEndTime,
      ]),
    ).toEqual([['vpc-b', undefined]]);
    // A bare address is its /32, in the public scope for the EIP.
    const eip = await env.call('GetIpamAddressHistory', {
      IpamScopeId: ipam.PublicDefaultScopeId,
      Cidr: '198.51.100.7',
    });
    expect(
      eip.HistoryRecords.map((r: { ResourceId: string; ResourceCidr: string }) => [
        r.ResourceId,
        r.ResourceCidr,
      ]),
    ).toEqual([['eipalloc-1', '198.51.100.7/32']]);
    await env.expectError(
      'GetIpamAddressHistory',
      { IpamScopeId: scope, Cidr: '10.0.0.0/24' },
      'InvalidParameterValue',
      { region: 'us-west-2' },
    );
    await env.expectError(
      'GetIpamAddressHistory',
      { IpamScopeId: scope, Cidr: '10.0.0.0/24', StartTime: iso(t1), EndTime: iso(t0) },
      'InvalidParameterValue',
    );
  });

  it('F-MET-03: released space in its reuse delay counts as assigned until it can be reused', async () => {
    const env = makeEnv(await makeStore());
    const { Ipam } = await env.call('CreateIpam', {});
    const { IpamPool } = await env.call('CreateIpamPool', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
    });
    await env.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: '10.0.0.0/16' });
    const { IpamPoolAllocation: a } = await env.call('AllocateIpamPoolCidr', {
      IpamPoolId: IpamPool.IpamPoolId,
      Cidr: '10.0.0.0/18',
    });
    const assigned = async () =>
      (
        (await getIpamMetrics(env.deps, env.caller, { IpamScopeId: Ipam.PrivateDefaultScopeId })).Pools as {
          PercentAssigned: number;
        }[]
      )[0]?.PercentAssigned;
    expect(await assigned()).toBe(25);
    await env.call('ReleaseIpamPoolAllocation', {
      IpamPoolId: IpamPool.IpamPoolId,
      Cidr: a.Cidr,
      IpamPoolAllocationId: a.IpamPoolAllocationId,
    });
    expect(await assigned()).toBe(25);
    env.clock.now += env.deps.config.reuseDelayMs.advanced;
    expect(await assigned()).toBe(0);
  });

  it('F-HIST: two overlapping reconciliations write one history, and cut-short writes are finished', async () => {
    const { env, ipam } = await setup();
    const scope = ipam.PrivateDefaultScopeId;
    const vpcA = [row('vpc-a', '10.0.0.0/24')];
    const at = (t: number) =>
      reconcileIpam(env.deps, { ipamId: ipam.IpamId, discovered: vpcA, covered: COVERED, now: new Date(t) });
    const t0 = env.clock.now;
    // Two cycles seeing vpc-a at different sample times: only the one whose view save wins writes.
    const reports = await Promise.all([at(t0), at(t0 + 1000)]);
    expect(reports.map((r) => r.opened).sort()).toEqual([0, 1]);
    const records = async () =>
      (
        await env.deps.store.list<HistoryItemRecord>(
          { kind: 'history', scopeId: scope, cidr: '10.0.0.0/24' },
          100,
        )
      ).items.map((r) => [r.ResourceId, r.SampledEndTime ?? 'open']);
    expect(await records()).toEqual([['vpc-a', 'open']]);
    // A reconciliation that saved its view but died before its history writes: vpc-a is gone.
    const view = await loadView(env.deps, scope);
    const plan = planHistory(env.deps, scope, view.open, [], new Date(t0 + 60_000));
    expect(plan.closed).toBe(1);
    await saveView(
      env.deps,
      scope,
      { rows: [], open: plan.open, pending: plan.journal },
      view.record,
      new Date(t0 + 60_000),
    );
    expect(await records()).toEqual([['vpc-a', 'open']]);
    // The next reconciliation finishes the journal first, so the record closes at the right time.
    const next = await reconcileIpam(env.deps, {
      ipamId: ipam.IpamId,
      discovered: [],
      covered: COVERED,
      now: new Date(t0 + 120_000),
    });
    expect([next.historyConflicts, await records()]).toEqual([
      0,
      [['vpc-a', new Date(t0 + 60_000).toISOString()]],
    ]);
  });

  it('GetIpamMetrics: pool and scope utilization (exact for IPv6) and the dashboard counts', async () => {
    const { env, ipam, poolId, run } = await setup();
    await run();
    const v6 = (
      await env.call('CreateIpamPool', { IpamScopeId: ipam.PrivateDefaultScopeId, AddressFamily: 'ipv6' })
    ).IpamPool.IpamPoolId;
    await env.call('ProvisionIpamPoolCidr', { IpamPoolId: v6, Cidr: 'fd12:3456:789a::/48' });
    await env.call('AllocateIpamPoolCidr', { IpamPoolId: v6, NetmaskLength: 56 });
    const m = await getIpamMetrics(env.deps, env.caller, { IpamScopeId: ipam.PrivateDefaultScopeId });
    expect(m.Pools).toEqual([
      {
        IpamPoolId: poolId,
        IpamScopeId: ipam.PrivateDefaultScopeId,
        Locale: 'us-east-1',
        AddressFamily: 'ipv4',
        ProvisionedAddressCount: '65536',
        UsedAddressCount: '512',
        AvailableAddressCount: '65024',
        PercentAllocated: 0,
        PercentAssigned: 0.78125,
        PercentAvailable: 99.21875,
        CompliantResourceCidrs: 1,
        NoncompliantResourceCidrs: 0,
        OverlappingResourceCidrs: 1,
        NonoverlappingResourceCidrs: 0,
      },
      {
        IpamPoolId: v6,
        IpamScopeId: ipam.PrivateDefaultScopeId,
        AddressFamily: 'ipv6',
        // A /48 is 2^80 addresses, a /56 2^72: exact, where floating point would round.
        ProvisionedAddressCount: '1208925819614629174706176',
        UsedAddressCount: '4722366482869645213696',
        AvailableAddressCount: '1204203453131759529492480',
        PercentAllocated: 0,
        PercentAssigned: 0.390625,
        PercentAvailable: 99.609375,
      },
    ]);
    expect(
      (m.Scope as { AddressFamily: string; PercentUsed: number }[]).map((u) => [
        u.AddressFamily,
        u.PercentUsed,
      ]),
    ).toEqual([
      ['ipv4', 0.78],
      ['ipv6', 0.39],
    ]);
    const all = m.ResourceCidrs.all;
    expect([
      all.total,
      all.managed,
      all.unmanaged,
      all.notApplicable,
      all.overlapping,
      all.nonoverlapping,
      all.byType.vpc,
    ]).toEqual([5, 1, 3, 1, 3, 1, 4]);
  });

  it('F-RES-07: a VPC CIDR moves to another private scope with its subnets, deferred while it is allocated', async () => {
    const { env, ipam, run } = await setup();
    await run();
    const { IpamScope } = await env.call('CreateIpamScope', { IpamId: ipam.IpamId });
    const s2 = IpamScope.IpamScopeId;
    const move = (ResourceId: string, ResourceCidr: string, DestinationIpamScopeId: string) =>
      env.call('ModifyIpamResourceCidr', {
        ResourceId,
        ResourceCidr,
        ResourceRegion: 'us-east-1',
        CurrentIpamScopeId: ipam.PrivateDefaultScopeId,
        DestinationIpamScopeId,
        Monitored: true,
      });
    await move('vpc-d', '192.168.0.0/24', s2);
    await move('vpc-a', '10.0.0.0/24', s2);
    await run();
    // vpc-d moved; vpc-a still holds its allocation in the default scope, so it waits there.
    expect(await rowsOf(env, s2)).toEqual(['vpc-d 192.168.0.0/24 unmanaged unmanaged nonoverlapping']);
    expect(await rowsOf(env, ipam.PrivateDefaultScopeId)).toContain(
      'vpc-a 10.0.0.0/24 managed compliant overlapping',
    );
    await reclaimResource(env.deps, { ResourceId: 'vpc-a', Cidr: '10.0.0.0/24' });
    await run();
    expect((await rowsOf(env, s2)).sort()).toEqual([
      'subnet-1 10.0.0.0/28 - - -',
      'vpc-a 10.0.0.0/24 unmanaged unmanaged nonoverlapping',
      'vpc-d 192.168.0.0/24 unmanaged unmanaged nonoverlapping',
    ]);
    expect(
      (await rowsOf(env, ipam.PrivateDefaultScopeId)).some(
        (r: string) => r.startsWith('vpc-a') || r.startsWith('subnet-1'),
      ),
    ).toBe(false);
    await env.expectError(
      'ModifyIpamResourceCidr',
      {
        ResourceId: 'subnet-1',
        ResourceCidr: '10.0.0.0/28',
        ResourceRegion: 'us-east-1',
        CurrentIpamScopeId: s2,
        DestinationIpamScopeId: ipam.PrivateDefaultScopeId,
        Monitored: true,
      },
      'OperationNotPermitted',
    );
    await env.expectError(
      'ModifyIpamResourceCidr',
      {
        ResourceId: 'vpc-b',
        ResourceCidr: '10.0.0.0/26',
        ResourceRegion: 'us-east-1',
        CurrentIpamScopeId: ipam.PrivateDefaultScopeId,
        DestinationIpamScopeId: ipam.PublicDefaultScopeId,
        Monitored: true,
      },
      'OperationNotPermitted',
    );
  });
});
