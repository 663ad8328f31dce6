/**
 * Resource-planning pools (F-POOL-10, F-PLAN-02..04, F-PLAN-07) and F-TUT-PLAN-01..05/09 on both
 * stores: the VPC must be discovered, the pool's CIDR must be one of its CIDRs exactly, a VPC CIDR
 * is planned by one pool at a time, and the planning pool takes no scope space (the VPC's CIDR
 * here was itself allocated from another pool of the same scope). Subnets from the subnet pools
 * (F-TUT-PLAN-06..08) need the CreateSubnet facade (§14, not built); allocations stand in.
 */
import { describe, expect, it } from 'vitest';
import type { DiscoveredResourceCidr } from '../../../core/ops/monitoring/analysis/discovered';
import { reconcileIpam } from '../../../core/ops/monitoring/resources';
import { ACCOUNT, makeEnv } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

const VPC = 'vpc-0a1b2c3d4e5f60718';
const vpcRow = (cidr: string): DiscoveredResourceCidr => ({
  ResourceId: VPC,
  ResourceCidr: cidr,
  ResourceType: 'vpc',
  ResourceName: 'tool-vpc',
  ResourceRegion: 'us-east-1',
  ResourceOwnerId: ACCOUNT,
  IpSource: 'none',
  ResourceTags: [{ Key: 'Name', Value: 'tool-vpc' }],
  SampleTime: new Date(Date.UTC(2026, 0, 1)),
});
const SOURCE = { ResourceId: VPC, ResourceType: 'vpc', ResourceRegion: 'us-east-1', ResourceOwner: ACCOUNT };

describe.each(storeFactories())('resource-planning pools (%s store)', (_name, makeStore) => {
  const setup = async () => {
    const e = makeEnv(await makeStore());
    const { Ipam } = await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-east-1' }] });
    const scopeId = Ipam.PrivateDefaultScopeId as string;
    // The scope's regional pool, from which the VPC's 10.0.0.0/20 was taken.
    const { IpamPool: regional } = await e.call('CreateIpamPool', {
      IpamScopeId: scopeId,
      AddressFamily: 'ipv4',
      Locale: 'us-east-1',
    });
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: regional.IpamPoolId, Cidr: '10.0.0.0/16' });
    await e.call('AllocateIpamPoolCidr', { IpamPoolId: regional.IpamPoolId, Cidr: '10.0.0.0/20' });
    const discover = (cidrs: string[]) =>
      reconcileIpam(e.deps, {
        ipamId: Ipam.IpamId,
        discovered: cidrs.map(vpcRow),
        covered: [{ AccountId: ACCOUNT, Region: 'us-east-1' }],
        now: new Date(e.clock.now),
      });
    const planningPool = async () =>
      (
        await e.call('CreateIpamPool', {
          IpamScopeId: scopeId,
          AddressFamily: 'ipv4',
          SourceResource: SOURCE,
        })
      ).IpamPool.IpamPoolId as string;
    /** A provisioning refused with InvalidParameterValue; its message. */
    const refused = (IpamPoolId: string, more: object) =>
      e.expectError('ProvisionIpamPoolCidr', { IpamPoolId, ...more }, 'InvalidParameterValue');
    return { e, scopeId, regional: regional.IpamPoolId as string, discover, planningPool, refused };
  };

  it('F-TUT-PLAN: planning pool on a discovered VPC CIDR, dev and prod subnet pools, cascade clean-up', async () => {
    const { e, scopeId, regional, discover, planningPool, refused } = await setup();
    const plan = await planningPool();
    // PLAN-03 negative: not discovered yet.
    expect(await refused(plan, { Cidr: '10.0.0.0/20' })).toBe(
      `VPC ${VPC} (us-east-1, account ${ACCOUNT}) has not been discovered in scope ${scopeId} yet; wait for the next discovery cycle.`,
    );
    // PLAN-02: discovery shows the VPC, unmanaged (its allocation is a custom one).
    await discover(['10.0.0.0/20', '10.0.64.0/24']);
    const rows = (await e.call('GetIpamResourceCidrs', { IpamScopeId: scopeId, ResourceId: VPC }))
      .IpamResourceCidrs;
    expect(
      rows.map(
        (r: { ResourceCidr: string; ManagementState: string }) => `${r.ResourceCidr} ${r.ManagementState}`,
      ),
    ).toEqual(['10.0.0.0/20 unmanaged', '10.0.64.0/24 unmanaged']);
    // PLAN-03 negatives: not exactly a VPC CIDR; by netmask.
    expect(await refused(plan, { Cidr: '10.0.0.0/21' })).toBe(
      `10.0.0.0/21 is not a CIDR of VPC ${VPC} (us-east-1, account ${ACCOUNT}); a planning pool takes one of 10.0.0.0/20, 10.0.64.0/24 exactly.`,
    );
    await refused(plan, { NetmaskLength: 20 });
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: plan, Cidr: '10.0.0.0/20', DryRun: true },
      'DryRunOperation',
    );
    // PLAN-03: provisioned, although the regional pool of the same scope holds that space.
    const token = { IpamPoolId: plan, Cidr: '10.0.0.0/20', ClientToken: 'plan-1' };
    const { IpamPoolCidr } = await e.call('ProvisionIpamPoolCidr', token);
    expect(IpamPoolCidr).toMatchObject({ Cidr: '10.0.0.0/20', State: 'provisioned', NetmaskLength: 20 });
    expect((await e.call('ProvisionIpamPoolCidr', token)).IpamPoolCidr).toEqual(IpamPoolCidr);
    // F-PLAN-03: a second planning pool cannot take the same VPC CIDR, but can take another one.
    const second = await planningPool();
    expect(await refused(second, { Cidr: '10.0.0.0/20' })).toBe(
      `10.0.0.0/20 of ${VPC} is already planned by pool ${plan}; a VPC CIDR belongs to one planning pool at a time.`,
    );
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: second, Cidr: '10.0.64.0/24' });
    // PLAN-04/05: subnet pools inherit family, planning setting and locale, and take space from it.
    const subnetPool = async (cidr: string) => {
      const { IpamPool } = await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: plan,
        AddressFamily: 'ipv4',
      });
      expect(IpamPool).toMatchObject({ Locale: 'us-east-1', SourceResource: SOURCE, PoolDepth: 2 });
      await e.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: cidr });
      return IpamPool.IpamPoolId as string;
    };
    const dev = await subnetPool('10.0.0.0/24');
    const prod = await subnetPool('10.0.1.0/24');
    // PLAN-06/07 stand-ins: the lowest free /28 of each subnet pool.
    for (const [pool, want] of [
      [dev, '10.0.0.0/28'],
      [prod, '10.0.1.0/28'],
    ] as const) {
      const { IpamPoolAllocation } = await e.call('AllocateIpamPoolCidr', {
        IpamPoolId: pool,
        NetmaskLength: 28,
      });
      expect(IpamPoolAllocation.Cidr).toBe(want);
    }
    const parentAllocations = (await e.call('GetIpamPoolAllocations', { IpamPoolId: plan }))
      .IpamPoolAllocations;
    expect(
      parentAllocations.map((a: { Cidr: string; ResourceId: string }) => `${a.Cidr} ${a.ResourceId}`),
    ).toEqual([`10.0.0.0/24 ${dev}`, `10.0.1.0/24 ${prod}`]);
    // PLAN-09: a cascade delete removes the three pools and frees the VPC CIDR for a new plan;
    // the regional pool's allocation of the VPC's space is untouched.
    await e.call('DeleteIpamPool', { IpamPoolId: plan, Cascade: true });
    const left = (await e.call('DescribeIpamPools', {})).IpamPools.map(
      (p: { IpamPoolId: string }) => p.IpamPoolId,
    );
    expect(left.sort()).toEqual([regional, second].sort());
    const again = await planningPool();
    expect(
      (await e.call('ProvisionIpamPoolCidr', { IpamPoolId: again, Cidr: '10.0.0.0/20' })).IpamPoolCidr.Cidr,
    ).toBe('10.0.0.0/20');
    const regionalAllocations = (await e.call('GetIpamPoolAllocations', { IpamPoolId: regional }))
      .IpamPoolAllocations;
    expect(regionalAllocations.map((a: { Cidr: string }) => a.Cidr)).toEqual(['10.0.0.0/20']);
  });

  it('deprovisioning a planning CIDR frees it for another planning pool', async () => {
    const { e, discover, planningPool, refused } = await setup();
    await discover(['10.0.0.0/20']);
    const a = await planningPool();
    const b = await planningPool();
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: a, Cidr: '10.0.0.0/20' });
    await refused(b, { Cidr: '10.0.0.0/20' });
    expect(
      (await e.call('DeprovisionIpamPoolCidr', { IpamPoolId: a, Cidr: '10.0.0.0/20' })).IpamPoolCidr.State,
    ).toBe('deprovisioned');
    expect(
      (await e.call('ProvisionIpamPoolCidr', { IpamPoolId: b, Cidr: '10.0.0.0/20' })).IpamPoolCidr.Cidr,
    ).toBe('10.0.0.0/20');
    // Two planning pools racing for one VPC CIDR: exactly one wins.
    await discover(['10.0.0.0/20', '10.0.16.0/20']);
    const [c, d] = [await planningPool(), await planningPool()];
    const race = await Promise.allSettled(
      [c, d].map((IpamPoolId) => e.call('ProvisionIpamPoolCidr', { IpamPoolId, Cidr: '10.0.16.0/20' })),
    );
    expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });
});
