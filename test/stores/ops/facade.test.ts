/**
 * VPCs and subnets from pools (core/ops/facade) over an in-process EC2 backend with fault
 * injection (test/helpers/fake-ec2.ts): the CIDR each gets, the rules, all or nothing when the
 * backend refuses or its answer is lost, the sweep, deletion, and a race of 64 creations.
 */
import { describe, expect, it } from 'vitest';
import { GRACE_MS, sweepPending } from '../../../core/ops/facade/pending';
import { listAll } from '../../../core/ops/kit/listing';
import type { PendingResourceRecord } from '../../../core/records';
import { ACCOUNT, type Env, ipamWithPool, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { FakeEc2 } from '../../helpers/fake-ec2';
import { orgWithTree } from '../../helpers/org';
import { storeFactories } from '../../helpers/stores';

const member = { accountId: OTHER_ACCOUNT };
const nameTag = (value: string) => [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: value }] }];

describe.each(storeFactories())('VPCs and subnets from pools (%s store)', (_name, makeStore) => {
  /** IPAM, top pool 10.0.0.0/8 (no locale), regional pool us-east-1 with `cidr`, the fake backend. */
  const env = async (cidr = '10.0.0.0/24', rules: object = {}) => {
    const e = makeEnv(await makeStore());
    const ec2 = new FakeEc2();
    e.deps.backend = ec2;
    const { poolId: top, scopeId } = await ipamWithPool(e);
    const { IpamPool } = await e.call('CreateIpamPool', {
      IpamScopeId: scopeId,
      SourceIpamPoolId: top,
      Locale: 'us-east-1',
      AddressFamily: 'ipv4',
      ...rules,
    });
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: cidr });
    return { e, ec2, top, scopeId, pool: IpamPool.IpamPoolId as string };
  };
  const allocations = async (e: Env, poolId: string) =>
    (await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations.map(
      (a: { Cidr: string; ResourceType: string; ResourceId?: string; ResourceOwner: string }) => [
        a.Cidr,
        a.ResourceType,
        a.ResourceId ?? '(pending)',
        a.ResourceOwner,
      ],
    );
  const pending = async (e: Env) =>
    (await listAll<PendingResourceRecord>(e.deps.store, { kind: 'pending-resource' })).map((p) => p.Cidr);

  it('F-TUT-GS-10/11: CreateVpc takes the lowest free block, or exactly the CidrBlock given, bound to the VPC', async () => {
    const { e, ec2, pool } = await env();
    const { Vpc } = await e.call('CreateVpc', {
      Ipv4IpamPoolId: pool,
      Ipv4NetmaskLength: 26,
      TagSpecifications: nameTag('IPAM-VPC'),
    });
    expect([Vpc.CidrBlock, Vpc.State, Vpc.OwnerId, Vpc.Tags]).toEqual([
      '10.0.0.0/26',
      'pending',
      ACCOUNT,
      [{ Key: 'Name', Value: 'IPAM-VPC' }],
    ]);
    const explicit = await e.call('CreateVpc', { Ipv4IpamPoolId: pool, CidrBlock: '10.0.0.128/26' });
    expect(explicit.Vpc.CidrBlock).toBe('10.0.0.128/26');
    expect(await allocations(e, pool)).toEqual([
      ['10.0.0.0/26', 'vpc', Vpc.VpcId, ACCOUNT],
      ['10.0.0.128/26', 'vpc', explicit.Vpc.VpcId, ACCOUNT],
    ]);
    expect(await pending(e)).toEqual([]);
    // Without a pool the request goes to the backend unchanged and claims nothing.
    const plain = await e.call('CreateVpc', { CidrBlock: '172.16.0.0/16' });
    expect(plain.Vpc.CidrBlock).toBe('172.16.0.0/16');
    expect((await allocations(e, pool)).length).toBe(2);
    expect(ec2.calls.map((c) => c.action)).toEqual(['CreateVpc', 'CreateVpc', 'CreateVpc']);
  });

  it('F-FAC-02/04, F-ALLOC-13: a request breaking a rule fails whole, before the backend is called', async () => {
    const { e, ec2, pool, top } = await env('10.0.0.0/24', {
      AllocationMinNetmaskLength: 24,
      AllocationMaxNetmaskLength: 28,
      AllocationResourceTags: [{ Key: 'environment', Value: 'pre-prod' }],
    });
    const tagged = [{ ResourceType: 'vpc', Tags: [{ Key: 'environment', Value: 'pre-prod' }] }];
    const base = { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 26 };
    expect(
      await e.expectError(
        'CreateVpc',
        { ...base, TagSpecifications: nameTag('Example VPC') },
        'InvalidParameterValue',
      ),
    ).toBe('The resource is missing one or more of the resource tags required by the IPAM pool.');
    await e.expectError(
      'CreateVpc',
      { ...base, Ipv4NetmaskLength: 23, TagSpecifications: tagged },
      'InvalidParameterValue',
    );
    expect(
      await e.expectError('CreateVpc', { ...base, TagSpecifications: tagged }, 'InvalidParameterValue', {
        region: 'us-west-2',
      }),
    ).toBe(
      `The locale of the IPAM pool must be equal to the current region: pool ${pool}'s locale is us-east-1, the request was made in us-west-2.`,
    );
    expect(
      await e.expectError(
        'CreateVpc',
        { Ipv4IpamPoolId: top, Ipv4NetmaskLength: 24 },
        'InvalidParameterValue',
      ),
    ).toBe(
      `The locale of the IPAM pool must be equal to the current region: pool ${top}'s locale is None, the request was made in us-east-1.`,
    );
    await e.expectError('CreateVpc', { Ipv6IpamPoolId: pool, Ipv6NetmaskLength: 56 }, 'MissingParameter');
    await e.expectError(
      'CreateVpc',
      { Ipv4IpamPoolId: 'ipam-pool-0123456789abcdef0' },
      'InvalidIpamPoolId.NotFound',
    );
    await e.expectError('CreateVpc', { ...base, TagSpecifications: tagged, DryRun: true }, 'DryRunOperation');
    expect(ec2.calls).toEqual([]);
    expect(await allocations(e, pool)).toEqual([]);
    const ok = await e.call('CreateVpc', { ...base, TagSpecifications: tagged });
    expect(ok.Vpc.CidrBlock).toBe('10.0.0.0/26');
    e.deps.backend = undefined;
    expect(await e.expectError('CreateVpc', base, 'UnsupportedOperation')).toContain('ALLOT_EC2_BACKEND');
  });

  it('F-ALLOC-13: the backend refusing releases the space in the same request, without reuse delay', async () => {
    const { e, ec2, pool } = await env();
    ec2.failNext('CreateVpc', 'refuse');
    await e.expectError(
      'CreateVpc',
      { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 26 },
      'InvalidParameterValue',
    );
    expect(await allocations(e, pool)).toEqual([]);
    expect(await pending(e)).toEqual([]);
    expect(ec2.vpcs.size).toBe(0);
    const again = await e.call('CreateVpc', { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 26 });
    expect(again.Vpc.CidrBlock).toBe('10.0.0.0/26');
    // A /30 the backend refuses (EC2 takes /16-/28): its code reaches the caller, nothing stays.
    await e.expectError('CreateVpc', { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 30 }, 'InvalidVpc.Range');
    expect((await allocations(e, pool)).map((a: string[]) => a[0])).toEqual(['10.0.0.0/26']);
  });

  it('F-ALLOC-13: an unknown outcome stays pending; after the grace period the sweep binds or releases', async () => {
    const { e, ec2, pool } = await env();
    ec2.failNext('CreateVpc', 'lost');
    await e.expectError('CreateVpc', { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 26 }, 'ServiceUnavailable');
    ec2.failNext('CreateVpc', 'down');
    await e.expectError('CreateVpc', { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 26 }, 'ServiceUnavailable');
    expect(await allocations(e, pool)).toEqual([
      ['10.0.0.0/26', 'vpc', '(pending)', ACCOUNT],
      ['10.0.0.64/26', 'vpc', '(pending)', ACCOUNT],
    ]);
    expect(await sweepPending(e.deps)).toEqual({ bound: [], released: [] });
    e.clock.now += GRACE_MS + 1;
    expect(await sweepPending(e.deps)).toEqual({
      bound: [`${pool} 10.0.0.0/26`],
      released: [`${pool} 10.0.0.64/26`],
    });
    const [lost] = [...ec2.vpcs.values()];
    expect(await allocations(e, pool)).toEqual([['10.0.0.0/26', 'vpc', lost!.VpcId, ACCOUNT]]);
    expect(await pending(e)).toEqual([]);
    // The released block is free at once: the next VPC gets it.
    const next = await e.call('CreateVpc', { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 26 });
    expect(next.Vpc.CidrBlock).toBe('10.0.0.64/26');
  });

  it('F-FAC-03: DeleteVpc and DisassociateVpcCidrBlock release in the same request once the backend confirms', async () => {
    const { e, pool } = await env();
    const { Vpc } = await e.call('CreateVpc', { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 26 });
    const added = await e.call('AssociateVpcCidrBlock', {
      VpcId: Vpc.VpcId,
      Ipv4IpamPoolId: pool,
      Ipv4NetmaskLength: 27,
    });
    expect(added.CidrBlockAssociation.CidrBlock).toBe('10.0.0.64/27');
    expect(await allocations(e, pool)).toEqual([
      ['10.0.0.0/26', 'vpc', Vpc.VpcId, ACCOUNT],
      ['10.0.0.64/27', 'vpc', Vpc.VpcId, ACCOUNT],
    ]);
    await e.call('DisassociateVpcCidrBlock', { AssociationId: added.CidrBlockAssociation.AssociationId });
    expect(await allocations(e, pool)).toEqual([['10.0.0.0/26', 'vpc', Vpc.VpcId, ACCOUNT]]);
    await e.expectError('DeleteVpc', { VpcId: 'vpc-00000000000000099' }, 'InvalidVpcID.NotFound');
    expect((await allocations(e, pool)).length).toBe(1);
    await e.call('DeleteVpc', { VpcId: Vpc.VpcId });
    expect(await allocations(e, pool)).toEqual([]);
    // Released space cools down (F-ALLOC-09): the next /26 is the one after it.
    const next = await e.call('CreateVpc', { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 26 });
    expect(next.Vpc.CidrBlock).toBe('10.0.0.128/26');
  });

  it('F-FAC-02: an IPv6 block from a pool is associated with Ipv6Pool = the pool id; refused, the VPC goes too', async () => {
    const { e, ec2, scopeId } = await env();
    const { IpamPool: top6 } = await e.call('CreateIpamPool', {
      IpamScopeId: scopeId,
      AddressFamily: 'ipv6',
    });
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: top6.IpamPoolId, Cidr: 'fd12:3400::/40' });
    const { IpamPool: v6 } = await e.call('CreateIpamPool', {
      IpamScopeId: scopeId,
      SourceIpamPoolId: top6.IpamPoolId,
      Locale: 'us-east-1',
      AddressFamily: 'ipv6',
    });
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: v6.IpamPoolId, Cidr: 'fd12:3400::/48' });
    const ask = { CidrBlock: '10.9.0.0/16', Ipv6IpamPoolId: v6.IpamPoolId, Ipv6NetmaskLength: 56 };
    const { Vpc } = await e.call('CreateVpc', ask);
    expect(Vpc.Ipv6CidrBlockAssociationSet).toEqual([
      {
        AssociationId: expect.stringMatching(/^vpc-cidr-assoc-/),
        Ipv6CidrBlock: 'fd12:3400::/56',
        Ipv6CidrBlockState: { State: 'associating' },
        NetworkBorderGroup: 'us-east-1',
        Ipv6Pool: v6.IpamPoolId,
      },
    ]);
    expect(await allocations(e, v6.IpamPoolId)).toEqual([['fd12:3400::/56', 'vpc', Vpc.VpcId, ACCOUNT]]);
    ec2.failNext('AssociateVpcCidrBlock', 'refuse');
    await e.expectError('CreateVpc', ask, 'InvalidParameterValue');
    expect([...ec2.vpcs.keys()]).toEqual([Vpc.VpcId]);
    expect((await allocations(e, v6.IpamPoolId)).length).toBe(1);
  });

  it('every facade action: a malformed pool id, and no backend, answer EC2 codes', async () => {
    const { e } = await env();
    await e.expectError(
      'CreateVpc',
      { Ipv4IpamPoolId: 'pool-1', Ipv4NetmaskLength: 26 },
      'InvalidIpamPoolId.NotFound',
    );
    e.deps.backend = undefined;
    for (const [action, input] of [
      ['CreateVpc', { CidrBlock: '10.0.0.0/16' }],
      ['DeleteVpc', { VpcId: 'vpc-1' }],
      ['AssociateVpcCidrBlock', { VpcId: 'vpc-1', CidrBlock: '10.1.0.0/16' }],
      ['DisassociateVpcCidrBlock', { AssociationId: 'vpc-cidr-assoc-1' }],
      ['CreateSubnet', { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24' }],
      ['DeleteSubnet', { SubnetId: 'subnet-1' }],
    ] as const)
      await e.expectError(action, input, 'UnsupportedOperation');
  });

  it('F-PLAN-05: CreateSubnet from a pool, DeleteSubnet releases; a VPC of another account is not found', async () => {
    const { e, pool } = await env('10.1.0.0/24');
    const { Vpc } = await e.call('CreateVpc', { CidrBlock: '10.1.0.0/24' });
    const { Subnet } = await e.call('CreateSubnet', {
      VpcId: Vpc.VpcId,
      Ipv4IpamPoolId: pool,
      Ipv4NetmaskLength: 28,
    });
    expect([Subnet.CidrBlock, Subnet.VpcId]).toEqual(['10.1.0.0/28', Vpc.VpcId]);
    expect(await allocations(e, pool)).toEqual([['10.1.0.0/28', 'subnet', Subnet.SubnetId, ACCOUNT]]);
    await e.expectError(
      'CreateSubnet',
      { VpcId: Vpc.VpcId, Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 28 },
      'InvalidVpcID.NotFound',
      member,
    );
    await e.call('DeleteSubnet', { SubnetId: Subnet.SubnetId });
    expect(await allocations(e, pool)).toEqual([]);
  });

  it('F-SHARE-02/08: 64 concurrent CreateVpc from the owner and a principal: exactly what fits, no overlap; a revoked share refuses new ones and keeps the old', async () => {
    const { e, pool, scopeId } = await (async () => {
      const made = await env('10.0.0.0/24');
      await orgWithTree(made.e, { delegate: true });
      return made;
    })();
    void scopeId;
    const { IpamPools } = await e.call('DescribeIpamPools', { IpamPoolIds: [pool] });
    const { resourceShare } = await e.call('CreateResourceShare', {
      name: 'dev',
      resourceArns: [IpamPools[0].IpamPoolArn],
      principals: [OTHER_ACCOUNT],
    });
    // The principal creates a VPC from the shared pool as itself.
    const first = await e.call('CreateVpc', { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 28 }, member);
    expect([first.Vpc.CidrBlock, first.Vpc.OwnerId]).toEqual(['10.0.0.0/28', OTHER_ACCOUNT]);
    const results = await Promise.allSettled(
      Array.from({ length: 64 }, (_, i) =>
        e.call('CreateVpc', { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 28 }, i % 2 ? member : {}),
      ),
    );
    const made = results.flatMap((r, i) =>
      r.status === 'fulfilled'
        ? [[r.value.Vpc.CidrBlock, r.value.Vpc.VpcId, i % 2 ? OTHER_ACCOUNT : ACCOUNT]]
        : [],
    );
    const codes = new Set(results.flatMap((r) => (r.status === 'rejected' ? [r.reason.code] : [])));
    const byAddress = (a: string, b: string) =>
      Number(a.split('.')[3]!.split('/')[0]) - Number(b.split('.')[3]!.split('/')[0]);
    expect(made.map((m) => m[0]!).sort(byAddress)).toEqual(
      Array.from({ length: 15 }, (_, i) => `10.0.0.${(i + 1) * 16}/28`),
    );
    expect([...codes]).toEqual(['InsufficientCidrBlocks']);
    // Each allocation is bound to the VPC of the request that made it, owned by its caller.
    expect((await allocations(e, pool)).sort((a: string[], b: string[]) => byAddress(a[0]!, b[0]!))).toEqual(
      [['10.0.0.0/28', first.Vpc.VpcId, OTHER_ACCOUNT], ...made]
        .sort((a, b) => byAddress(a[0]!, b[0]!))
        .map(([cidr, vpc, owner]) => [cidr, 'vpc', vpc, owner]),
    );
    // Revoked: the principal's pool is gone for new VPCs, its VPCs keep their allocations.
    await e.call('DisassociateResourceShare', {
      resourceShareArn: resourceShare.resourceShareArn,
      principals: [OTHER_ACCOUNT],
    });
    await e.expectError(
      'CreateVpc',
      { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 28 },
      'InvalidIpamPoolId.NotFound',
      member,
    );
    expect((await allocations(e, pool)).length).toBe(16);
  }, 60_000);

  it('F-SHARE-08: a share revoked while the principal creates VPCs: each creation is whole, none after the revocation', async () => {
    const made = await env('10.0.0.0/24');
    const { e, pool } = made;
    await orgWithTree(e, { delegate: true });
    const { IpamPools } = await e.call('DescribeIpamPools', { IpamPoolIds: [pool] });
    const { resourceShare } = await e.call('CreateResourceShare', {
      name: 'dev',
      resourceArns: [IpamPools[0].IpamPoolArn],
      principals: [OTHER_ACCOUNT],
    });
    const creations = Array.from({ length: 12 }, () =>
      e.call('CreateVpc', { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 28 }, member),
    );
    const revoke = e.call('DisassociateResourceShare', {
      resourceShareArn: resourceShare.resourceShareArn,
      principals: [OTHER_ACCOUNT],
    });
    const results = await Promise.allSettled([...creations, revoke]);
    expect(results.at(-1)!.status).toBe('fulfilled');
    const vpcs = results
      .slice(0, -1)
      .flatMap((r) => (r.status === 'fulfilled' ? [[r.value.Vpc.CidrBlock, r.value.Vpc.VpcId]] : []));
    const codes = new Set(
      results.slice(0, -1).flatMap((r) => (r.status === 'rejected' ? [r.reason.code] : [])),
    );
    expect([...codes].every((c) => c === 'InvalidIpamPoolId.NotFound')).toBe(true);
    // Every creation that succeeded holds exactly its CIDR, bound to its VPC; nothing is pending.
    const held = (await allocations(e, pool)).map((a: string[]) => [a[0], a[2]]);
    expect(held.sort()).toEqual(vpcs.sort());
    expect(await pending(e)).toEqual([]);
    await e.expectError(
      'CreateVpc',
      { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 28 },
      'InvalidIpamPoolId.NotFound',
      member,
    );
  });
});
