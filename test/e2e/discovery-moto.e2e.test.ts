/**
 * Discovery end to end against moto's EC2 emulator: resources created with the EC2 SDK in two
 * regions, one discovery cycle through the job's own wiring (handlers/jobs/discover-run.ts) into
 * DynamoDB Local, then the three discovered-data APIs. Skipped, with a message, without moto_server.
 */
import {
  AllocateAddressCommand,
  AssociateVpcCidrBlockCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCidr, parseBlock } from '../../core/cidr';
import { planCycle } from '../../core/ops/monitoring/run/plan';
import { reclaimEvent } from '../../core/ops/reclaim/run';
import { DynamoStore } from '../../core/store/dynamo';
import { runAndHandOff } from '../../handlers/jobs/discover-run';
import { loadSettings } from '../../handlers/runtime/config';
import { freshTable } from '../helpers/ddb';
import { ACCOUNT, type Env, makeEnv } from '../helpers/env';
import { type Moto, motoEc2, motoServerPath, startMoto } from '../helpers/moto';

const RD = 'ipam-res-disco-00000000000000001';
const hasMoto = motoServerPath('discovery-moto.e2e') !== undefined;

type Row = { ResourceType: string; ResourceId: string; ResourceCidr: string; IpSource: string };
const brief = (rows: Row[]) =>
  rows.map((r) => `${r.ResourceType} ${r.ResourceId} ${r.ResourceCidr} ${r.IpSource}`).sort();

describe.skipIf(!hasMoto)('discovery against moto', () => {
  let moto: Moto;
  let env: Env;
  const made = {
    vpc: '',
    v6: '',
    subnet: '',
    eip: '',
    eipAddress: '',
    westVpc: '',
    defaults: [] as string[],
  };

  beforeAll(async () => {
    moto = (await startMoto('discovery-moto.e2e'))!;
    const east = motoEc2(moto.endpoint, ACCOUNT, 'us-east-1');
    const west = motoEc2(moto.endpoint, ACCOUNT, 'us-west-2');
    const vpc = (
      await east.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', AmazonProvidedIpv6CidrBlock: true }))
    ).Vpc!;
    made.vpc = vpc.VpcId!;
    // Discovery prints CIDRs canonically; moto may not (e.g. 2400:6500:437f:0e00::/56).
    made.v6 = formatCidr(parseBlock(vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!));
    await east.send(new AssociateVpcCidrBlockCommand({ VpcId: made.vpc, CidrBlock: '10.2.0.0/16' }));
    made.subnet = (await east.send(new CreateSubnetCommand({ VpcId: made.vpc, CidrBlock: '10.1.1.0/24' })))
      .Subnet!.SubnetId!;
    await east.send(
      new CreateTagsCommand({ Resources: [made.subnet], Tags: [{ Key: 'Name', Value: 'web' }] }),
    );
    const eip = await east.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    made.eip = eip.AllocationId!;
    made.eipAddress = eip.PublicIp!;
    made.westVpc = (await west.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!.VpcId!;
    // moto gives every account a default VPC (172.31.0.0/16) with one /20 subnet per zone.
    const dv = (
      await east.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))
    ).Vpcs![0]!;
    const ds = (
      await east.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [dv.VpcId!] }] }))
    ).Subnets!;
    made.defaults = [
      `vpc ${dv.VpcId} 172.31.0.0/16 none`,
      ...ds.map((s) => `subnet ${s.SubnetId} ${s.CidrBlock} none`),
    ];

    const t = await freshTable('moto');
    env = makeEnv(new DynamoStore({ client: t.client, tableName: t.tableName }));
    env.deps.now = Date.now;
    await env.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
    // No function to hand on to: the whole cycle runs in this process.
    const { functionName: _none, ...discovery } = loadSettings().discovery;
    const settings = { ...loadSettings(), discovery: { ...discovery, ec2Endpoint: moto.endpoint } };
    const report = await runAndHandOff(env.deps, settings, await planCycle(env.deps), {
      remainingMs: () => Number.POSITIVE_INFINITY,
    });
    expect(report).toEqual({ read: 2, failed: 0, reconciled: ['ipam-00000000000000001'], notImported: [] });
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it('finds the VPC CIDRs (primary, secondary, IPv6), the subnet and the EIP of each region', async () => {
    const east = await env.call('GetIpamDiscoveredResourceCidrs', {
      IpamResourceDiscoveryId: RD,
      ResourceRegion: 'us-east-1',
    });
    expect(brief(east.IpamDiscoveredResourceCidrs)).toEqual(
      [
        `vpc ${made.vpc} 10.1.0.0/16 none`,
        `vpc ${made.vpc} 10.2.0.0/16 none`,
        `vpc ${made.vpc} ${made.v6} amazon`,
        `subnet ${made.subnet} 10.1.1.0/24 none`,
        `eip ${made.eip} ${made.eipAddress}/32 amazon`,
        ...made.defaults,
      ].sort(),
    );
    const subnet = east.IpamDiscoveredResourceCidrs.find((r: Row) => r.ResourceId === made.subnet);
    expect(subnet).toMatchObject({
      IpamResourceDiscoveryId: RD,
      ResourceRegion: 'us-east-1',
      ResourceOwnerId: ACCOUNT,
      VpcId: made.vpc,
      ResourceTags: [{ Key: 'Name', Value: 'web' }],
      IpUsage: 0,
    });
    const west = await env.call('GetIpamDiscoveredResourceCidrs', {
      IpamResourceDiscoveryId: RD,
      ResourceRegion: 'us-west-2',
      Filters: [{ Name: 'resource-id', Values: [made.westVpc] }],
    });
    expect(brief(west.IpamDiscoveredResourceCidrs)).toEqual([`vpc ${made.westVpc} 10.9.0.0/16 none`]);
  });

  it('reports the account as discovered in both regions, with no failure', async () => {
    for (const region of ['us-east-1', 'us-west-2']) {
      const { IpamDiscoveredAccounts } = await env.call('GetIpamDiscoveredAccounts', {
        IpamResourceDiscoveryId: RD,
        DiscoveryRegion: region,
      });
      expect(IpamDiscoveredAccounts).toEqual([
        {
          AccountId: ACCOUNT,
          DiscoveryRegion: region,
          LastAttemptedDiscoveryTime: IpamDiscoveredAccounts[0].LastSuccessfulDiscoveryTime,
          LastSuccessfulDiscoveryTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      ]);
    }
  });

  it('lists the unassociated Elastic IP as an Amazon-owned public address', async () => {
    const out = await env.call('GetIpamDiscoveredPublicAddresses', {
      IpamResourceDiscoveryId: RD,
      AddressRegion: 'us-east-1',
    });
    expect(out.IpamDiscoveredPublicAddresses).toEqual([
      {
        IpamResourceDiscoveryId: RD,
        AddressRegion: 'us-east-1',
        Address: made.eipAddress,
        AddressOwnerId: ACCOUNT,
        AddressAllocationId: made.eip,
        AssociationStatus: 'disassociated',
        AddressType: 'amazon-owned-eip',
        Service: 'other',
        Tags: { EipTags: [] },
        SampleTime: out.OldestSampleTime,
      },
    ]);
  });

  // Runs last: it changes moto's state.
  it('auto-imports the VPC into a pool, then a DeleteVpc event releases its space', async () => {
    const cycle = async () => {
      const { functionName: _none, ...discovery } = loadSettings().discovery;
      const settings = { ...loadSettings(), discovery: { ...discovery, ec2Endpoint: moto.endpoint } };
      return runAndHandOff(env.deps, settings, await planCycle(env.deps), {
        remainingMs: () => Number.POSITIVE_INFINITY,
      });
    };
    const { Ipams } = await env.call('DescribeIpams', {});
    const scope = Ipams[0].PrivateDefaultScopeId;
    const { IpamPool } = await env.call('CreateIpamPool', {
      IpamScopeId: scope,
      AddressFamily: 'ipv4',
      Locale: 'us-east-1',
      AutoImport: true,
    });
    await env.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: '10.0.0.0/8' });
    await cycle();
    const held = async () =>
      (await env.call('GetIpamPoolAllocations', { IpamPoolId: IpamPool.IpamPoolId })).IpamPoolAllocations.map(
        (a: Record<string, string>) => `${a.Cidr} ${a.ResourceType} ${a.ResourceId}`,
      );
    expect(await held()).toEqual([`10.1.0.0/16 vpc ${made.vpc}`, `10.2.0.0/16 vpc ${made.vpc}`]);
    const managed = await env.call('GetIpamResourceCidrs', { IpamScopeId: scope, ResourceId: made.vpc });
    expect(
      managed.IpamResourceCidrs.map(
        (r: Record<string, string>) =>
          `${r.ResourceCidr} ${r.ManagementState} ${r.ComplianceStatus} ${r.OverlapStatus}`,
      ),
    ).toEqual([
      '10.1.0.0/16 managed compliant nonoverlapping',
      '10.2.0.0/16 managed compliant nonoverlapping',
    ]);

    const east = motoEc2(moto.endpoint, ACCOUNT, 'us-east-1');
    await east.send(new DeleteSubnetCommand({ SubnetId: made.subnet }));
    await east.send(new DeleteVpcCommand({ VpcId: made.vpc }));
    const event = {
      source: 'aws.ec2',
      'detail-type': 'AWS API Call via CloudTrail',
      account: ACCOUNT,
      detail: {
        eventSource: 'ec2.amazonaws.com',
        eventName: 'DeleteVpc',
        recipientAccountId: ACCOUNT,
        requestParameters: { vpcId: made.vpc },
      },
    };
    const report = await reclaimEvent(env.deps, event);
    expect(report.Released.map((r) => r.Cidr)).toEqual(['10.1.0.0/16', '10.2.0.0/16']);
    expect(await held()).toEqual([]);
    // The next cycle no longer sees the VPC: its rows are gone from the scope.
    await cycle();
    expect(
      (await env.call('GetIpamResourceCidrs', { IpamScopeId: scope, ResourceId: made.vpc }))
        .IpamResourceCidrs,
    ).toEqual([]);
  });

  it('overlap, compliance and history: an imported VPC that breaks a rule and overlaps another region', async () => {
    const cycle = async () => {
      const { functionName: _none, ...discovery } = loadSettings().discovery;
      const settings = { ...loadSettings(), discovery: { ...discovery, ec2Endpoint: moto.endpoint } };
      return runAndHandOff(env.deps, settings, await planCycle(env.deps), {
        remainingMs: () => Number.POSITIVE_INFINITY,
      });
    };
    const { Ipams } = await env.call('DescribeIpams', {});
    const scope = Ipams[0].PrivateDefaultScopeId;
    const { IpamPools } = await env.call('DescribeIpamPools', {});
    // The auto-importing pool of the previous test now requires a tag the new VPC lacks.
    await env.call('ModifyIpamPool', {
      IpamPoolId: IpamPools[0].IpamPoolId,
      AddAllocationResourceTags: [{ Key: 'env', Value: 'prod' }],
    });
    const east = motoEc2(moto.endpoint, ACCOUNT, 'us-east-1');
    const twin = (await east.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!.VpcId!;
    await cycle();
    const status = async (id: string) =>
      (await env.call('GetIpamResourceCidrs', { IpamScopeId: scope, ResourceId: id })).IpamResourceCidrs.map(
        (r: Record<string, string>) =>
          `${r.ResourceRegion} ${r.ResourceCidr} ${r.ManagementState} ${r.ComplianceStatus} ${r.OverlapStatus}`,
      );
    // F-IMPORT-03: imported despite the rule, so noncompliant; F-STAT-06: both twins overlap.
    expect(await status(twin)).toEqual(['us-east-1 10.9.0.0/16 managed noncompliant overlapping']);
    expect(await status(made.westVpc)).toEqual(['us-west-2 10.9.0.0/16 unmanaged unmanaged overlapping']);
    const history = async (input: object = {}) =>
      (
        await env.call('GetIpamAddressHistory', { IpamScopeId: scope, Cidr: '10.9.0.0/16', ...input })
      ).HistoryRecords.map(
        (r: Record<string, string>) =>
          `${r.ResourceId} ${r.ResourceOverlapStatus} ${r.SampledEndTime ?? 'open'}`,
      );
    expect((await history()).sort()).toEqual(
      [`${made.westVpc} overlapping open`, `${twin} overlapping open`].sort(),
    );
    const since = new Date(Date.now() - 3_600_000).toISOString();
    // The twin is deleted: the next cycle closes its record; the other VPC is alone again.
    await east.send(new DeleteVpcCommand({ VpcId: twin }));
    await cycle();
    const closed = await history({ StartTime: since });
    expect(closed.find((r: string) => r.startsWith(twin))).toMatch(
      new RegExp(`^${twin} overlapping \\d{4}-`),
    );
    expect(await history()).toEqual([`${made.westVpc} nonoverlapping open`]);
  });
});
