/**
 * F-TUT-CON (FEATURES-monitoring §15.2), the console tutorial with an organization, as an
 * acceptance test: three accounts in moto's EC2 emulator, the organization registry standing in
 * for AWS Organizations, discovery in organization mode through the job's own wiring, and the
 * JSON operations the console calls. Skipped, with a message, without moto_server.
 *
 * The tutorial as written (RAM share, the developer's create-vpc from the pool) runs with the AWS
 * CLI in tut-con.e2e.test.ts. This file keeps what only the operation layer shows: the developer
 * creates the VPC directly in moto and the Pre-prod pool takes it by auto-import, the discovered
 * accounts with their OU, and event-triggered reclamation of a VPC deleted elsewhere.
 */
import { CreateVpcCommand, DeleteVpcCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIpamMetrics } from '../../core/ops/monitoring/metrics/get-metrics';
import { planCycle } from '../../core/ops/monitoring/run/plan';
import { reclaimEvent } from '../../core/ops/reclaim/run';
import { DynamoStore } from '../../core/store/dynamo';
import { runAndHandOff } from '../../handlers/jobs/discover-run';
import { loadSettings } from '../../handlers/runtime/config';
import { freshTable } from '../helpers/ddb';
import { type Env, makeEnv } from '../helpers/env';
import { type Moto, motoEc2, motoServerPath, startMoto } from '../helpers/moto';
import { join } from '../helpers/org';

const MANAGEMENT = '999988887777';
const ADMIN = '111122223333';
const DEV = '444455556666';
const ROOT = 'r-fssg';
const OU = 'ou-fssg-q5brfv9c';
const hasMoto = motoServerPath('tut-con-moto.e2e') !== undefined;

describe.skipIf(!hasMoto)('F-TUT-CON: console tutorial with an organization', () => {
  let moto: Moto;
  let env: Env;
  const as = (accountId: string) => ({ accountId, region: 'us-east-1' });
  const ids: Record<string, string> = {};

  const cycle = async () => {
    const { functionName: _none, ...discovery } = loadSettings().discovery;
    const settings = { ...loadSettings(), discovery: { ...discovery, ec2Endpoint: moto.endpoint } };
    return runAndHandOff(env.deps, settings, await planCycle(env.deps), {
      remainingMs: () => Number.POSITIVE_INFINITY,
    });
  };

  beforeAll(async () => {
    moto = (await startMoto('tut-con-moto.e2e'))!;
    const t = await freshTable('tut-con');
    env = makeEnv(new DynamoStore({ client: t.client, tableName: t.tableName }), {
      reuseDelayMs: { advanced: 0, free: 0 },
    });
    env.deps.now = Date.now;
    // Prerequisite: an organization with member accounts; the developer sits in the OU.
    const m = as(MANAGEMENT);
    await env.call('CreateOrganization', { OrganizationId: 'o-example123', RootId: ROOT }, m);
    await env.call('CreateOrganizationalUnit', { ParentId: ROOT, Name: 'dev', OrganizationalUnitId: OU }, m);
    await join(env, ADMIN, undefined, m);
    await join(env, DEV, OU, m);
  }, 180_000);

  afterAll(async () => {
    await moto?.stop();
  });

  it('CON-01: the management account delegates member-account-1, never itself', async () => {
    await env.expectError(
      'EnableIpamOrganizationAdminAccount',
      { DelegatedAdminAccountId: MANAGEMENT },
      'OperationNotPermitted',
      as(MANAGEMENT),
    );
    await env.expectError(
      'EnableIpamOrganizationAdminAccount',
      { DelegatedAdminAccountId: ADMIN },
      'UnauthorizedOperation',
      as(DEV),
    );
    expect(
      await env.call(
        'EnableIpamOrganizationAdminAccount',
        { DelegatedAdminAccountId: ADMIN },
        as(MANAGEMENT),
      ),
    ).toEqual({ Success: true });
    // The organization settings now show the delegated administrator (F-ORG-10).
    expect((await env.call('DescribeOrganization', {}, as(MANAGEMENT))).Organization).toEqual({
      OrganizationId: 'o-example123',
      RootId: ROOT,
      ManagementAccountId: MANAGEMENT,
      DelegatedAdminAccountId: ADMIN,
    });
  });

  it('CON-02: the delegated admin creates the IPAM in us-east-1 with us-west-1 and us-west-2', async () => {
    const { Ipam } = await env.call(
      'CreateIpam',
      { OperatingRegions: [{ RegionName: 'us-west-1' }, { RegionName: 'us-west-2' }] },
      as(ADMIN),
    );
    ids.ipam = Ipam.IpamId;
    ids.scope = Ipam.PrivateDefaultScopeId;
    ids.rd = Ipam.DefaultResourceDiscoveryId;
    expect([
      Ipam.OwnerId,
      Ipam.IpamRegion,
      Ipam.IpamArn,
      Ipam.ScopeCount,
      Ipam.State,
      Ipam.DefaultResourceDiscoveryId.startsWith('ipam-res-disco-'),
      Ipam.OperatingRegions.map((r: { RegionName: string }) => r.RegionName).sort(),
    ]).toEqual([
      ADMIN,
      'us-east-1',
      `arn:aws:ec2::${ADMIN}:ipam/${Ipam.IpamId}`,
      2,
      'create-complete',
      true,
      ['us-east-1', 'us-west-1', 'us-west-2'],
    ]);
  });

  it('CON-03..05: Global pool, two regional pools, and the Pre-prod pool with its rules', async () => {
    const admin = as(ADMIN);
    const pool = async (input: object, cidr: string) => {
      const { IpamPool } = await env.call(
        'CreateIpamPool',
        { IpamScopeId: ids.scope, AddressFamily: 'ipv4', ...input },
        admin,
      );
      await env.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: cidr }, admin);
      return IpamPool.IpamPoolId as string;
    };
    ids.global = await pool(
      { TagSpecifications: [{ ResourceType: 'ipam-pool', Tags: [{ Key: 'Name', Value: 'Global pool' }] }] },
      '10.0.0.0/16',
    );
    ids.west1 = await pool({ SourceIpamPoolId: ids.global, Locale: 'us-west-1' }, '10.0.0.0/18');
    ids.west2 = await pool({ SourceIpamPoolId: ids.global, Locale: 'us-west-2' }, '10.0.64.0/18');
    const globalAllocations = await env.call('GetIpamPoolAllocations', { IpamPoolId: ids.global }, admin);
    expect(
      globalAllocations.IpamPoolAllocations.map(
        (a: Record<string, string>) => `${a.Cidr} ${a.ResourceType} ${a.ResourceId}`,
      ),
    ).toEqual([`10.0.0.0/18 ipam-pool ${ids.west1}`, `10.0.64.0/18 ipam-pool ${ids.west2}`]);
    const metrics = await getIpamMetrics(env.deps, admin, { IpamScopeId: ids.scope });
    const pools = metrics.Pools as { IpamPoolId: string; PercentAllocated: number }[];
    expect(pools.find((p) => p.IpamPoolId === ids.global)?.PercentAllocated).toBe(50);
    ids.preprod = await pool(
      {
        SourceIpamPoolId: ids.west1,
        AutoImport: false,
        AllocationMinNetmaskLength: 24,
        AllocationDefaultNetmaskLength: 24,
        AllocationMaxNetmaskLength: 24,
        AllocationResourceTags: [{ Key: 'environment', Value: 'pre-prod' }],
      },
      '10.0.0.0/20',
    );
    const { IpamPools } = await env.call('DescribeIpamPools', { IpamPoolIds: [ids.preprod] }, admin);
    expect([IpamPools[0].Locale, IpamPools[0].PoolDepth, IpamPools[0].AllocationMaxNetmaskLength]).toEqual([
      'us-west-1',
      3,
      24,
    ]);
  });

  it("CON-08/09: the developer's VPC is discovered in the member account and managed by Pre-prod", async () => {
    const admin = as(ADMIN);
    // Stand-in for CON-06..08 (see the file comment).
    await env.call('ModifyIpamPool', { IpamPoolId: ids.preprod, AutoImport: true }, admin);
    const dev = motoEc2(moto.endpoint, DEV, 'us-west-1');
    const vpc = await dev.send(
      new CreateVpcCommand({
        CidrBlock: '10.0.0.0/24',
        TagSpecifications: [
          {
            ResourceType: 'vpc',
            Tags: [
              { Key: 'Name', Value: 'Example VPC' },
              { Key: 'environment', Value: 'pre-prod' },
            ],
          },
        ],
      }),
    );
    ids.vpc = vpc.Vpc!.VpcId!;
    // Every member account in every operating region, the developer with its OU.
    expect(await cycle()).toEqual({ read: 9, failed: 0, reconciled: [ids.ipam], notImported: [] });
    const accounts = await env.call(
      'GetIpamDiscoveredAccounts',
      { IpamResourceDiscoveryId: ids.rd, DiscoveryRegion: 'us-west-1' },
      admin,
    );
    expect(
      accounts.IpamDiscoveredAccounts.map(
        (a: Record<string, string>) => `${a.AccountId} ${a.OrganizationalUnitId ?? '-'}`,
      ),
    ).toEqual([`${ADMIN} -`, `${DEV} ${OU}`, `${MANAGEMENT} -`]);
    // A second cycle evaluates the imported VPC as managed (import happens in the first).
    await cycle();
    const { IpamResourceCidrs } = await env.call(
      'GetIpamResourceCidrs',
      { IpamScopeId: ids.scope, ResourceId: ids.vpc },
      admin,
    );
    expect(IpamResourceCidrs).toHaveLength(1);
    expect(IpamResourceCidrs[0]).toMatchObject({
      ResourceId: ids.vpc,
      ResourceCidr: '10.0.0.0/24',
      ResourceRegion: 'us-west-1',
      ResourceOwnerId: DEV,
      ResourceName: 'Example VPC',
      IpamPoolId: ids.preprod,
      ManagementState: 'managed',
      ComplianceStatus: 'compliant',
      OverlapStatus: 'nonoverlapping',
    });
    const held = await env.call(
      'GetIpamPoolAllocations',
      { IpamPoolId: ids.preprod },
      { accountId: ADMIN, region: 'us-west-1' },
    );
    expect(
      held.IpamPoolAllocations.map(
        (a: Record<string, string>) => `${a.Cidr} ${a.ResourceType} ${a.ResourceId} ${a.ResourceOwner}`,
      ),
    ).toEqual([`10.0.0.0/24 vpc ${ids.vpc} ${DEV}`]);
  });

  it('CON-10: the VPC is deleted and its space comes back; cascade delete; the admin is removed', async () => {
    const admin = as(ADMIN);
    await motoEc2(moto.endpoint, DEV, 'us-west-1').send(new DeleteVpcCommand({ VpcId: ids.vpc }));
    const report = await reclaimEvent(env.deps, {
      source: 'aws.ec2',
      'detail-type': 'AWS API Call via CloudTrail',
      account: DEV,
      detail: {
        eventSource: 'ec2.amazonaws.com',
        eventName: 'DeleteVpc',
        requestParameters: { vpcId: ids.vpc },
      },
    });
    expect(report.Released.map((r) => `${r.IpamPoolId} ${r.Cidr}`)).toEqual([`${ids.preprod} 10.0.0.0/24`]);
    const { Ipam } = await env.call('DeleteIpam', { IpamId: ids.ipam, Cascade: true }, admin);
    expect(Ipam.IpamId).toBe(ids.ipam);
    expect((await env.call('DescribeIpams', {}, admin)).Ipams).toEqual([]);
    expect(
      await env.call(
        'DisableIpamOrganizationAdminAccount',
        { DelegatedAdminAccountId: ADMIN },
        as(MANAGEMENT),
      ),
    ).toEqual({ Success: true });
  });
});
