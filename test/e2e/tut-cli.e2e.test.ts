/**
 * F-TUT-CLI (FEATURES-monitoring §15.3), "Create an IPAM and pools with the CLI", with its
 * organization steps: the management account delegates the IPAM admin, the admin builds the
 * hierarchy in us-east-1, shares the regional pool through RAM, and VPCs are created from it in
 * its locale us-west-2, by the admin with an explicit CIDR and by the member as itself. The real
 * AWS CLI against the local stack; moto is the EC2 backend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const MGMT = '999988887777';
const ADMIN = '111111111111';
const MEMBER = '444455556666';
const tools = tutorialTools('tut-cli.e2e');

describe.skipIf(!tools)('F-TUT-CLI: an IPAM and pools with the CLI, shared through RAM', () => {
  let t: Tutorial;
  const ids: Record<string, string> = {};
  const ec2 = (...args: string[]) => t.ok(ADMIN, 'ec2', ...args);

  beforeAll(async () => {
    t = await startTutorial('tut-cli.e2e');
    await t.json('CreateOrganization', { OrganizationId: 'o-exampleorgid', RootId: 'r-exam' }, MGMT);
    await t.join(ADMIN, MGMT);
    await t.join(MEMBER, MGMT);
  }, 180_000);
  afterAll(async () => t?.stop());

  it('CLI-01..03: delegation, the IPAM (its home region added), its two default scopes', async () => {
    expect(
      await t.ok(
        MGMT,
        'ec2',
        'enable-ipam-organization-admin-account',
        '--delegated-admin-account-id',
        ADMIN,
      ),
    ).toEqual({ Success: true });
    const { Ipam } = await ec2(
      'create-ipam',
      '--description',
      'my-ipam',
      '--operating-regions',
      'RegionName=us-west-2',
    );
    expect(Ipam).toMatchObject({
      OwnerId: ADMIN,
      IpamArn: `arn:aws:ec2::${ADMIN}:ipam/${Ipam.IpamId}`,
      ScopeCount: 2,
      Description: 'my-ipam',
      OperatingRegions: [{ RegionName: 'us-west-2' }, { RegionName: 'us-east-1' }],
      Tags: [],
    });
    ids.ipam = Ipam.IpamId;
    ids.scope = Ipam.PrivateDefaultScopeId;
    const { IpamScopes } = await ec2('describe-ipam-scopes');
    expect(
      IpamScopes.map((s: Record<string, unknown>) => [
        s.IpamScopeType,
        s.IsDefault,
        s.PoolCount,
        s.IpamArn,
      ]).sort(),
    ).toEqual([
      ['private', true, 0, Ipam.IpamArn],
      ['public', true, 0, Ipam.IpamArn],
    ]);
  });

  it('CLI-04..07: top-level pool (locale None), regional pool in us-west-2, the parent allocation', async () => {
    const top = await ec2(
      'create-ipam-pool',
      '--ipam-scope-id',
      ids.scope!,
      '--description',
      'top-level-pool',
      '--address-family',
      'ipv4',
    );
    expect(top.IpamPool).toMatchObject({
      Locale: 'None',
      PoolDepth: 1,
      AutoImport: false,
      AddressFamily: 'ipv4',
    });
    ids.top = top.IpamPool.IpamPoolId;
    const provisioned = await ec2(
      'provision-ipam-pool-cidr',
      '--ipam-pool-id',
      ids.top!,
      '--cidr',
      '10.0.0.0/8',
    );
    expect(provisioned.IpamPoolCidr.Cidr).toBe('10.0.0.0/8');
    const regional = await ec2(
      'create-ipam-pool',
      '--description',
      'regional--pool',
      '--region',
      'us-east-1',
      '--ipam-scope-id',
      ids.scope!,
      '--source-ipam-pool-id',
      ids.top!,
      '--locale',
      'us-west-2',
      '--address-family',
      'ipv4',
    );
    expect(regional.IpamPool).toMatchObject({ SourceIpamPoolId: ids.top, Locale: 'us-west-2', PoolDepth: 2 });
    ids.regional = regional.IpamPool.IpamPoolId;
    ids.regionalArn = regional.IpamPool.IpamPoolArn;
    const pools = await ec2('describe-ipam-pools');
    expect(
      pools.IpamPools.map((p: Record<string, unknown>) => [
        p.IpamPoolId,
        p.State,
        p.Locale,
        p.PoolDepth,
      ]).sort((a: number[], b: number[]) => a[3]! - b[3]!),
    ).toEqual([
      [ids.top, 'create-complete', 'None', 1],
      [ids.regional, 'create-complete', 'us-west-2', 2],
    ]);
    await ec2('provision-ipam-pool-cidr', '--ipam-pool-id', ids.regional!, '--cidr', '10.0.0.0/16');
    const cidrs = await ec2('get-ipam-pool-cidrs', '--ipam-pool-id', ids.regional!);
    expect(cidrs.IpamPoolCidrs.map((c: Record<string, string>) => [c.Cidr, c.State])).toEqual([
      ['10.0.0.0/16', 'provisioned'],
    ]);
    const { IpamPoolAllocations } = await ec2('get-ipam-pool-allocations', '--ipam-pool-id', ids.top!);
    expect(IpamPoolAllocations).toEqual([
      {
        Cidr: '10.0.0.0/16',
        IpamPoolAllocationId: expect.stringMatching(/^ipam-pool-alloc-[0-9a-f]+$/),
        ResourceId: ids.regional,
        ResourceType: 'ipam-pool',
        ResourceOwner: ADMIN,
        Tags: [],
      },
    ]);
    // CLI-04: a pool without a locale serves no VPC.
    const refused = await t.fails(
      'InvalidParameterValue',
      ADMIN,
      'ec2',
      'create-vpc',
      '--ipv4-ipam-pool-id',
      ids.top!,
      '--ipv4-netmask-length',
      '24',
    );
    expect(refused).toContain('The locale of the IPAM pool must be equal to the current region');
  });

  it('CLI-08: the share exists only in the home region; one share holds the pool for the member', async () => {
    const args = [
      'ram',
      'create-resource-share',
      '--name',
      'pool_share',
      '--resource-arns',
      ids.regionalArn!,
      '--principals',
      MEMBER,
      '--no-allow-external-principals',
    ];
    await t.fails('OperationNotPermittedException', ADMIN, ...args, '--region', 'us-west-2');
    const { resourceShare } = await t.ok(ADMIN, ...args, '--region', 'us-east-1');
    expect(resourceShare).toMatchObject({
      name: 'pool_share',
      owningAccountId: ADMIN,
      allowExternalPrincipals: false,
      status: 'ACTIVE',
    });
    expect(resourceShare.resourceShareArn).toMatch(
      /^arn:aws:ram:us-east-1:111111111111:resource-share\/[0-9a-f-]{36}$/,
    );
    ids.share = resourceShare.resourceShareArn;
  });

  it('CLI-09: a VPC with an explicit CIDR from the pool, in its locale; the member creates one as itself', async () => {
    const { Vpc } = await ec2(
      'create-vpc',
      '--ipv4-ipam-pool-id',
      ids.regional!,
      '--cidr-block',
      '10.0.0.0/24',
      '--region',
      'us-west-2',
    );
    expect(Vpc).toMatchObject({
      CidrBlock: '10.0.0.0/24',
      State: 'pending',
      OwnerId: ADMIN,
      InstanceTenancy: 'default',
      IsDefault: false,
      Ipv6CidrBlockAssociationSet: [],
      CidrBlockAssociationSet: [
        {
          AssociationId: expect.stringMatching(/^vpc-cidr-assoc-/),
          CidrBlock: '10.0.0.0/24',
          CidrBlockState: { State: 'associated' },
        },
      ],
    });
    ids.vpc = Vpc.VpcId;
    const theirs = await t.ok(
      MEMBER,
      'ec2',
      'create-vpc',
      '--ipv4-ipam-pool-id',
      ids.regional!,
      '--ipv4-netmask-length',
      '24',
      '--region',
      'us-west-2',
    );
    expect([theirs.Vpc.CidrBlock, theirs.Vpc.OwnerId]).toEqual(['10.0.1.0/24', MEMBER]);
    ids.memberVpc = theirs.Vpc.VpcId;
    const { IpamPoolAllocations } = await ec2(
      'get-ipam-pool-allocations',
      '--ipam-pool-id',
      ids.regional!,
      '--region',
      'us-west-2',
    );
    expect(
      IpamPoolAllocations.map((a: Record<string, string>) => [
        a.Cidr,
        a.ResourceType,
        a.ResourceId,
        a.ResourceOwner,
      ]),
    ).toEqual([
      ['10.0.0.0/24', 'vpc', Vpc.VpcId, ADMIN],
      ['10.0.1.0/24', 'vpc', theirs.Vpc.VpcId, MEMBER],
    ]);
    // Each account sees its own VPC in the backend, not the other's.
    const mine = await t.ok(
      MEMBER,
      'ec2',
      'describe-vpcs',
      '--filters',
      'Name=is-default,Values=false',
      '--region',
      'us-west-2',
    );
    expect(mine.Vpcs.map((v: Record<string, string>) => v.VpcId)).toEqual([theirs.Vpc.VpcId]);
  });

  it('bad and foreign input to the new actions: 4xx answers with EC2 codes, nothing written', async () => {
    const w2 = ['--region', 'us-west-2'];
    // Another account's VPC answers exactly like one that does not exist.
    await t.fails('InvalidVpcID.NotFound', MEMBER, 'ec2', 'delete-vpc', '--vpc-id', ids.vpc!, ...w2);
    await t.fails(
      'InvalidVpcID.NotFound',
      MEMBER,
      'ec2',
      'create-subnet',
      '--vpc-id',
      ids.vpc!,
      '--ipv4-ipam-pool-id',
      ids.regional!,
      '--ipv4-netmask-length',
      '28',
      ...w2,
    );
    await t.fails(
      'InvalidIpamPoolId.Malformed',
      ADMIN,
      'ec2',
      'create-vpc',
      '--ipv4-ipam-pool-id',
      'pool-1',
      '--ipv4-netmask-length',
      '24',
      ...w2,
    );
    await t.fails(
      'InvalidParameterValue',
      ADMIN,
      'ec2',
      'create-vpc',
      '--ipv4-ipam-pool-id',
      ids.regional!,
      '--ipv4-netmask-length',
      '99',
      ...w2,
    );
    await t.fails(
      'InvalidParameterCombination',
      ADMIN,
      'ec2',
      'create-vpc',
      '--ipv4-ipam-pool-id',
      ids.regional!,
      '--cidr-block',
      '10.0.9.0/24',
      '--ipv4-netmask-length',
      '24',
      ...w2,
    );
    // A stranger to the share is told the pool does not exist.
    await t.fails(
      'InvalidIpamPoolId.NotFound',
      '777788889999',
      'ec2',
      'create-vpc',
      '--ipv4-ipam-pool-id',
      ids.regional!,
      '--ipv4-netmask-length',
      '24',
      ...w2,
    );
    const { IpamPoolAllocations } = await ec2(
      'get-ipam-pool-allocations',
      '--ipam-pool-id',
      ids.regional!,
      ...w2,
    );
    expect(IpamPoolAllocations.map((a: Record<string, string>) => a.Cidr)).toEqual([
      '10.0.0.0/24',
      '10.0.1.0/24',
    ]);
    // An EC2 action Allot does not implement goes to the backend, as the caller's account.
    const sg = await ec2(
      'create-security-group',
      '--group-name',
      'web',
      '--description',
      'web',
      '--vpc-id',
      ids.vpc!,
      ...w2,
    );
    expect(sg.GroupId).toMatch(/^sg-/);
    await ec2('delete-security-group', '--group-id', sg.GroupId, ...w2);
  });

  it('tags after creation: create-tags on a pool and a VPC in one call, describe-tags, delete-tags', async () => {
    const w2 = ['--region', 'us-west-2'];
    await ec2('create-tags', '--resources', ids.regional!, ids.vpc!, '--tags', 'Key=team,Value=net', ...w2);
    const { Tags } = await ec2(
      'describe-tags',
      '--filters',
      `Name=resource-id,Values=${ids.regional}`,
      ...w2,
    );
    expect(Tags).toEqual([
      { Key: 'team', ResourceId: ids.regional, ResourceType: 'ipam-pool', Value: 'net' },
    ]);
    const { Vpcs } = await ec2('describe-vpcs', '--vpc-ids', ids.vpc!, ...w2);
    expect(Vpcs[0].Tags).toEqual([{ Key: 'team', Value: 'net' }]);
    await ec2('delete-tags', '--resources', ids.regional!, '--tags', 'Key=team', ...w2);
    expect((await ec2('describe-tags', ...w2)).Tags).toEqual([]);
    await t.fails(
      'InvalidIpamPoolId.NotFound',
      MEMBER,
      'ec2',
      'create-tags',
      '--resources',
      ids.regional!,
      '--tags',
      'Key=a,Value=b',
      ...w2,
    );
  });

  it('CLI-10: clean-up, in the corrected order', async () => {
    await t.ok(MEMBER, 'ec2', 'delete-vpc', '--vpc-id', ids.memberVpc!, '--region', 'us-west-2');
    await ec2('delete-vpc', '--vpc-id', ids.vpc!, '--region', 'us-west-2');
    const left = await ec2(
      'get-ipam-pool-allocations',
      '--ipam-pool-id',
      ids.regional!,
      '--region',
      'us-west-2',
    );
    expect(left.IpamPoolAllocations).toEqual([]);
    expect(
      await t.ok(ADMIN, 'ram', 'delete-resource-share', '--resource-share-arn', ids.share!),
    ).toMatchObject({
      returnValue: true,
    });
    await ec2('deprovision-ipam-pool-cidr', '--ipam-pool-id', ids.regional!, '--cidr', '10.0.0.0/16');
    await ec2('deprovision-ipam-pool-cidr', '--ipam-pool-id', ids.top!, '--cidr', '10.0.0.0/8');
    await ec2('delete-ipam-pool', '--ipam-pool-id', ids.regional!);
    await ec2('delete-ipam-pool', '--ipam-pool-id', ids.top!);
    await ec2('delete-ipam', '--ipam-id', ids.ipam!);
    expect((await ec2('describe-ipams')).Ipams).toEqual([]);
  });
});
