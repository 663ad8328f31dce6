/**
 * F-TUT-PLAN (FEATURES-monitoring §15.13), "Plan VPC space for subnet allocation", as the guide
 * writes it with the real AWS CLI: a VPC made through Allot (forwarded to moto), discovered, a
 * resource-planning pool over its CIDR, dev and prod subnet pools, and subnets created from them
 * by `create-subnet --ipv4-ipam-pool-id`, which discovery then shows managed under their pools.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const ACCT = '123456789012';
const tools = tutorialTools('tut-plan.e2e');

describe.skipIf(!tools)('F-TUT-PLAN: plan VPC space for subnet allocation', () => {
  let t: Tutorial;
  const ids: Record<string, string> = {};
  const ok = (...args: string[]) => t.ok(ACCT, 'ec2', ...args);
  const fails = (code: string, ...args: string[]) => t.fails(code, ACCT, 'ec2', ...args);
  const discover = () => t.json('RunDiscovery', {}, ACCT);
  const rows = async (...filter: string[]) =>
    (await ok('get-ipam-resource-cidrs', '--ipam-scope-id', ids.scope!, ...filter))
      .IpamResourceCidrs as Record<string, string>[];

  beforeAll(async () => {
    t = await startTutorial('tut-plan.e2e');
    const { Ipam } = await ok('create-ipam', '--operating-regions', 'RegionName=us-east-1');
    ids.scope = Ipam.PrivateDefaultScopeId;
    ids.publicScope = Ipam.PublicDefaultScopeId;
  }, 180_000);
  afterAll(async () => t?.stop());

  it('PLAN-01/02: the VPC with a manual CIDR, discovered unmanaged', async () => {
    const { Vpc } = await ok(
      'create-vpc',
      '--cidr-block',
      '10.0.0.0/20',
      '--tag-specifications',
      'ResourceType=vpc,Tags=[{Key=Name,Value=tool-vpc}]',
    );
    ids.vpc = Vpc.VpcId;
    expect(Vpc.CidrBlock).toBe('10.0.0.0/20');
    await discover();
    const found = await rows('--resource-id', Vpc.VpcId);
    expect(found.map((r) => [r.ResourceCidr, r.ResourceType, r.ManagementState])).toEqual([
      ['10.0.0.0/20', 'vpc', 'unmanaged'],
    ]);
  });

  it('PLAN-03: the planning pool over the VPC CIDR, and its refusals', async () => {
    const source = `ResourceId=${ids.vpc},ResourceType=vpc,ResourceRegion=us-east-1,ResourceOwner=${ACCT}`;
    const create = () =>
      ok(
        'create-ipam-pool',
        '--ipam-scope-id',
        ids.scope!,
        '--address-family',
        'ipv4',
        '--source-resource',
        source,
      );
    const { IpamPool } = await create();
    ids.plan = IpamPool.IpamPoolId;
    await fails(
      'InvalidParameterValue',
      'provision-ipam-pool-cidr',
      '--ipam-pool-id',
      ids.plan!,
      '--cidr',
      '10.0.0.0/21',
    );
    await ok('provision-ipam-pool-cidr', '--ipam-pool-id', ids.plan!, '--cidr', '10.0.0.0/20');
    const cidrs = await ok('get-ipam-pool-cidrs', '--ipam-pool-id', ids.plan!);
    expect(cidrs.IpamPoolCidrs.map((c: Record<string, string>) => [c.Cidr, c.State])).toEqual([
      ['10.0.0.0/20', 'provisioned'],
    ]);
    // A second planning pool for the same VPC CIDR is refused.
    const second = (await create()).IpamPool.IpamPoolId;
    await fails(
      'InvalidParameterValue',
      'provision-ipam-pool-cidr',
      '--ipam-pool-id',
      second,
      '--cidr',
      '10.0.0.0/20',
    );
    await ok('delete-ipam-pool', '--ipam-pool-id', second);
    // A VPC discovery has not seen yet cannot be planned.
    const { Vpc } = await ok('create-vpc', '--cidr-block', '10.8.0.0/20');
    const unseen = await ok(
      'create-ipam-pool',
      '--ipam-scope-id',
      ids.scope!,
      '--address-family',
      'ipv4',
      '--source-resource',
      `ResourceId=${Vpc.VpcId},ResourceType=vpc,ResourceRegion=us-east-1,ResourceOwner=${ACCT}`,
    );
    await fails(
      'InvalidParameterValue',
      'provision-ipam-pool-cidr',
      '--ipam-pool-id',
      unseen.IpamPool.IpamPoolId,
      '--cidr',
      '10.8.0.0/20',
    );
    await ok('delete-ipam-pool', '--ipam-pool-id', unseen.IpamPool.IpamPoolId);
    await ok('delete-vpc', '--vpc-id', Vpc.VpcId);
  });

  it('PLAN-04..07: dev and prod subnet pools; a subnet from each takes its first /28', async () => {
    const subnetPool = async (cidr: string) => {
      const { IpamPool } = await ok(
        'create-ipam-pool',
        '--ipam-scope-id',
        ids.scope!,
        '--source-ipam-pool-id',
        ids.plan!,
        '--address-family',
        'ipv4',
      );
      await ok('provision-ipam-pool-cidr', '--ipam-pool-id', IpamPool.IpamPoolId, '--cidr', cidr);
      return IpamPool.IpamPoolId as string;
    };
    ids.dev = await subnetPool('10.0.0.0/24');
    ids.prod = await subnetPool('10.0.1.0/24');
    const subnet = async (pool: string) =>
      (
        await ok(
          'create-subnet',
          '--vpc-id',
          ids.vpc!,
          '--ipv4-ipam-pool-id',
          pool,
          '--ipv4-netmask-length',
          '28',
          '--tag-specifications',
          'ResourceType=subnet,Tags=[{Key=Name,Value=tutorial-subnet}]',
        )
      ).Subnet;
    const dev = await subnet(ids.dev);
    const prod = await subnet(ids.prod);
    expect([dev.CidrBlock, dev.VpcId, prod.CidrBlock]).toEqual(['10.0.0.0/28', ids.vpc, '10.0.1.0/28']);
    ids.devSubnet = dev.SubnetId;
    ids.prodSubnet = prod.SubnetId;
  });

  it('PLAN-08: after discovery each subnet is managed under its subnet pool', async () => {
    await discover();
    const dev = await rows('--ipam-pool-id', ids.dev!);
    expect(dev.map((r) => [r.ResourceId, r.ResourceCidr, r.ResourceType, r.ManagementState])).toEqual([
      [ids.devSubnet, '10.0.0.0/28', 'subnet', 'managed'],
    ]);
    const prod = await rows('--ipam-pool-id', ids.prod!);
    expect(prod.map((r) => [r.ResourceId, r.ResourceCidr, r.ManagementState])).toEqual([
      [ids.prodSubnet, '10.0.1.0/28', 'managed'],
    ]);
    const { IpamPoolAllocations } = await ok('get-ipam-pool-allocations', '--ipam-pool-id', ids.dev!);
    expect(
      IpamPoolAllocations.map((a: Record<string, string>) => [a.Cidr, a.ResourceType, a.ResourceId]),
    ).toEqual([['10.0.0.0/28', 'subnet', ids.devSubnet]]);
  });

  it('beyond the guide: IPv6 planning over an Amazon-provided /56, and a subnet from it takes its first /64', async () => {
    const { Vpc } = await ok(
      'create-vpc',
      '--cidr-block',
      '10.9.0.0/20',
      '--amazon-provided-ipv6-cidr-block',
    );
    const block = Vpc.Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock as string;
    expect(block).toMatch(/::\/56$/);
    // A public (GUA) block: discovery lists it in the public scope, where its planning pool goes.
    await discover();
    const { IpamPool } = await ok(
      'create-ipam-pool',
      '--ipam-scope-id',
      ids.publicScope!,
      '--address-family',
      'ipv6',
      '--source-resource',
      `ResourceId=${Vpc.VpcId},ResourceType=vpc,ResourceRegion=us-east-1,ResourceOwner=${ACCT}`,
    );
    await ok('provision-ipam-pool-cidr', '--ipam-pool-id', IpamPool.IpamPoolId, '--cidr', block);
    const { Subnet } = await ok(
      'create-subnet',
      '--vpc-id',
      Vpc.VpcId,
      '--cidr-block',
      '10.9.0.0/28',
      '--ipv6-ipam-pool-id',
      IpamPool.IpamPoolId,
      '--ipv6-netmask-length',
      '64',
    );
    const first = block.replace('::/56', '::/64');
    expect(Subnet.Ipv6CidrBlockAssociationSet.map((a: Record<string, string>) => a.Ipv6CidrBlock)).toEqual([
      first,
    ]);
    const { IpamPoolAllocations } = await ok(
      'get-ipam-pool-allocations',
      '--ipam-pool-id',
      IpamPool.IpamPoolId,
    );
    expect(
      IpamPoolAllocations.map((a: Record<string, string>) => [a.Cidr, a.ResourceType, a.ResourceId]),
    ).toEqual([[first, 'subnet', Subnet.SubnetId]]);
    await ok('delete-subnet', '--subnet-id', Subnet.SubnetId);
    const after = await ok('get-ipam-pool-allocations', '--ipam-pool-id', IpamPool.IpamPoolId);
    expect(after.IpamPoolAllocations).toEqual([]);
    await ok('delete-ipam-pool', '--ipam-pool-id', IpamPool.IpamPoolId, '--cascade');
    await ok('delete-vpc', '--vpc-id', Vpc.VpcId);
  });

  it('PLAN-09: clean-up; the subnets outlive the cascade with their CIDRs', async () => {
    await ok('delete-ipam-pool', '--ipam-pool-id', ids.plan!, '--cascade');
    const pools = await ok('describe-ipam-pools');
    expect(pools.IpamPools).toEqual([]);
    const { Subnets } = await ok('describe-subnets', '--filters', `Name=vpc-id,Values=${ids.vpc}`);
    expect(Subnets.map((s: Record<string, string>) => s.CidrBlock).sort()).toEqual([
      '10.0.0.0/28',
      '10.0.1.0/28',
    ]);
    await ok('delete-subnet', '--subnet-id', ids.devSubnet!);
    await ok('delete-subnet', '--subnet-id', ids.prodSubnet!);
    await ok('delete-vpc', '--vpc-id', ids.vpc!);
  });
});
