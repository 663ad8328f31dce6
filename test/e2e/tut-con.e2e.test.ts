/**
 * F-TUT-CON (FEATURES-monitoring §15.2), the console tutorial with AWS Organizations, through the
 * API calls its console steps make, with the real AWS CLI (`aws ec2`, `aws ram`) against the local
 * stack and moto as the EC2 backend: the management account delegates the IPAM admin, the admin
 * builds Global → regional → Pre-prod pools and shares Pre-prod with the developer's OU through
 * RAM, and the developer creates the VPC from the shared pool in us-west-1 as itself.
 * (tut-con-moto.e2e.test.ts keeps the operation-layer checks: discovered accounts, event reclamation.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const MGMT = '999988887777';
const ADMIN = '111122223333';
const DEV = '444455556666';
const OUTSIDER = '777788889999';
const ORG = 'o-example123';
const ROOT = 'r-fssg';
const OU = 'ou-fssg-q5brfv9c';
const tools = tutorialTools('tut-con.e2e');

describe.skipIf(!tools)('F-TUT-CON: console tutorial with an organization, as API calls', () => {
  let t: Tutorial;
  const ids: Record<string, string> = {};
  const admin = (...args: string[]) => t.ok(ADMIN, 'ec2', ...args);
  const devVpc = (...more: string[]) => ['ec2', 'create-vpc', '--ipv4-ipam-pool-id', ids.preprod!, ...more];
  const tags = (...pairs: string[]) => [
    '--tag-specifications',
    `ResourceType=vpc,Tags=[${pairs.map((p) => `{Key=${p.split('=')[0]},Value=${p.split('=')[1]}}`).join(',')}]`,
  ];

  beforeAll(async () => {
    t = await startTutorial('tut-con.e2e');
    // Prerequisite: an organization with member accounts; the developer sits in the OU.
    await t.json('CreateOrganization', { OrganizationId: ORG, RootId: ROOT }, MGMT);
    await t.json('CreateOrganizationalUnit', { ParentId: ROOT, Name: 'dev', OrganizationalUnitId: OU }, MGMT);
    // Each account joins by accepting its invitation as itself.
    await t.join(ADMIN, MGMT);
    await t.join(DEV, MGMT, OU);
    await t.join(OUTSIDER, MGMT);
  }, 180_000);
  afterAll(async () => t?.stop());

  it('CON-01: the management account delegates member-account-1, never itself', async () => {
    const enable = (id: string) => [
      'ec2',
      'enable-ipam-organization-admin-account',
      '--delegated-admin-account-id',
      id,
    ];
    await t.fails('OperationNotPermitted', MGMT, ...enable(MGMT));
    expect(await t.ok(MGMT, ...enable(ADMIN))).toEqual({ Success: true });
  });

  it('CON-02..05: the IPAM, Global pool, regional pools and the Pre-prod pool with its rules', async () => {
    const { Ipam } = await admin(
      'create-ipam',
      '--operating-regions',
      'RegionName=us-west-1',
      'RegionName=us-west-2',
    );
    expect([Ipam.OwnerId, Ipam.IpamRegion, Ipam.ScopeCount, Ipam.State]).toEqual([
      ADMIN,
      'us-east-1',
      2,
      'create-complete',
    ]);
    ids.ipam = Ipam.IpamId;
    ids.scope = Ipam.PrivateDefaultScopeId;
    const pool = async (cidr: string, ...args: string[]) => {
      const { IpamPool } = await admin(
        'create-ipam-pool',
        '--ipam-scope-id',
        ids.scope!,
        '--address-family',
        'ipv4',
        ...args,
      );
      await admin('provision-ipam-pool-cidr', '--ipam-pool-id', IpamPool.IpamPoolId, '--cidr', cidr);
      return IpamPool;
    };
    const global = await pool(
      '10.0.0.0/16',
      '--tag-specifications',
      'ResourceType=ipam-pool,Tags=[{Key=Name,Value=Global pool}]',
    );
    ids.global = global.IpamPoolId;
    const west1 = await pool('10.0.0.0/18', '--source-ipam-pool-id', ids.global!, '--locale', 'us-west-1');
    const west2 = await pool('10.0.64.0/18', '--source-ipam-pool-id', ids.global!, '--locale', 'us-west-2');
    const { IpamPoolAllocations } = await admin('get-ipam-pool-allocations', '--ipam-pool-id', ids.global!);
    expect(
      IpamPoolAllocations.map((a: Record<string, string>) => [a.Cidr, a.ResourceType, a.ResourceId]),
    ).toEqual([
      ['10.0.0.0/18', 'ipam-pool', west1.IpamPoolId],
      ['10.0.64.0/18', 'ipam-pool', west2.IpamPoolId],
    ]);
    const metrics = await t.json('GetIpamMetrics', { IpamScopeId: ids.scope }, ADMIN);
    expect(
      metrics.Pools.find((p: { IpamPoolId: string }) => p.IpamPoolId === ids.global).PercentAllocated,
    ).toBe(50);
    const preprod = await pool(
      '10.0.0.0/20',
      '--source-ipam-pool-id',
      west1.IpamPoolId,
      '--no-auto-import',
      '--allocation-min-netmask-length',
      '24',
      '--allocation-default-netmask-length',
      '24',
      '--allocation-max-netmask-length',
      '24',
      '--allocation-resource-tags',
      'Key=environment,Value=pre-prod',
    );
    expect([
      preprod.Locale,
      preprod.PoolDepth,
      preprod.AllocationMinNetmaskLength,
      preprod.AllocationMaxNetmaskLength,
    ]).toEqual(['us-west-1', 3, 24, 24]);
    ids.preprod = preprod.IpamPoolId;
    ids.preprodArn = preprod.IpamPoolArn;
  });

  it('CON-06/07: organization sharing on, the Pre-prod pool shared with the OU', async () => {
    expect(await t.ok(MGMT, 'ram', 'enable-sharing-with-aws-organization')).toEqual({ returnValue: true });
    const { resourceShare } = await t.ok(
      ADMIN,
      'ram',
      'create-resource-share',
      '--name',
      'Pre-prod dev pool',
      '--resource-arns',
      ids.preprodArn!,
      '--principals',
      `arn:aws:organizations::${MGMT}:ou/${ORG}/${OU}`,
      '--permission-arns',
      'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionsIpamPool',
    );
    expect([resourceShare.name, resourceShare.status, resourceShare.owningAccountId]).toEqual([
      'Pre-prod dev pool',
      'ACTIVE',
      ADMIN,
    ]);
    ids.share = resourceShare.resourceShareArn;
    const { resources } = await t.ok(ADMIN, 'ram', 'list-resources', '--resource-owner', 'SELF');
    expect(resources.map((r: Record<string, string>) => [r.arn, r.type])).toEqual([
      [ids.preprodArn, 'ec2:IpamPool'],
    ]);
  });

  it('CON-08: the developer creates the VPC from the shared pool in us-west-1, with the required tag', async () => {
    const w1 = ['--region', 'us-west-1'];
    const missing = await t.fails(
      'InvalidParameterValue',
      DEV,
      ...devVpc('--ipv4-netmask-length', '24', ...tags('Name=Example VPC'), ...w1),
    );
    expect(missing).toContain(
      'The resource is missing one or more of the resource tags required by the IPAM pool.',
    );
    const tagged = tags('Name=Example VPC', 'environment=pre-prod');
    for (const mask of ['23', '25'])
      await t.fails('InvalidParameterValue', DEV, ...devVpc('--ipv4-netmask-length', mask, ...tagged, ...w1));
    const wrongRegion = await t.fails(
      'InvalidParameterValue',
      DEV,
      ...devVpc('--ipv4-netmask-length', '24', ...tagged, '--region', 'us-west-2'),
    );
    expect(wrongRegion).toContain('The locale of the IPAM pool must be equal to the current region');
    await t.fails(
      'InvalidIpamPoolId.NotFound',
      OUTSIDER,
      ...devVpc('--ipv4-netmask-length', '24', ...tagged, ...w1),
    );
    const { Vpc } = await t.ok(DEV, ...devVpc('--ipv4-netmask-length', '24', ...tagged, ...w1));
    expect([Vpc.CidrBlock, Vpc.OwnerId, Vpc.State]).toEqual(['10.0.0.0/24', DEV, 'pending']);
    ids.vpc = Vpc.VpcId;
  });

  it('CON-09: the IPAM admin sees the VPC managed, compliant and nonoverlapping under Pre-prod', async () => {
    await t.json('RunDiscovery', {}, ADMIN);
    const { IpamResourceCidrs } = await admin(
      'get-ipam-resource-cidrs',
      '--ipam-scope-id',
      ids.scope!,
      '--resource-id',
      ids.vpc!,
    );
    expect(
      IpamResourceCidrs.map((r: Record<string, string>) => [
        r.ResourceCidr,
        r.IpamPoolId,
        r.ResourceRegion,
        r.ResourceOwnerId,
        r.ResourceName,
        r.ManagementState,
        r.ComplianceStatus,
        r.OverlapStatus,
      ]),
    ).toEqual([
      ['10.0.0.0/24', ids.preprod, 'us-west-1', DEV, 'Example VPC', 'managed', 'compliant', 'nonoverlapping'],
    ]);
    const held = await admin(
      'get-ipam-pool-allocations',
      '--ipam-pool-id',
      ids.preprod!,
      '--region',
      'us-west-1',
    );
    expect(
      held.IpamPoolAllocations.map((a: Record<string, string>) => [
        a.Cidr,
        a.ResourceType,
        a.ResourceId,
        a.ResourceOwner,
      ]),
    ).toEqual([['10.0.0.0/24', 'vpc', ids.vpc, DEV]]);
  });

  it('CON-10: clean-up; the cascade leaves no IPAM and the admin is removed', async () => {
    await t.ok(DEV, 'ec2', 'delete-vpc', '--vpc-id', ids.vpc!, '--region', 'us-west-1');
    const left = await admin(
      'get-ipam-pool-allocations',
      '--ipam-pool-id',
      ids.preprod!,
      '--region',
      'us-west-1',
    );
    expect(left.IpamPoolAllocations).toEqual([]);
    expect(
      await t.ok(ADMIN, 'ram', 'delete-resource-share', '--resource-share-arn', ids.share!),
    ).toMatchObject({
      returnValue: true,
    });
    // Step 3 (RAM's organization sharing off) has no RAM API: the console turns it off in Organizations.
    await admin('delete-ipam', '--ipam-id', ids.ipam!, '--cascade');
    expect((await admin('describe-ipams')).Ipams).toEqual([]);
    expect(
      await t.ok(
        MGMT,
        'ec2',
        'disable-ipam-organization-admin-account',
        '--delegated-admin-account-id',
        ADMIN,
      ),
    ).toEqual({ Success: true });
  });
});
