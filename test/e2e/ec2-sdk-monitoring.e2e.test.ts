/**
 * The monitoring actions through the EC2 endpoint with the real `@aws-sdk/client-ec2`: discovered
 * data, resource CIDRs, ModifyIpamResourceCidr and the resource discovery lifecycle, so every
 * result shape (lists, tags, booleans, doubles, timestamps) parses in the SDK as AWS's does. A
 * discovery cycle runs in this process against the stack's table with a stand-in EC2 reader.
 */
import {
  AssociateIpamResourceDiscoveryCommand,
  CreateIpamCommand,
  CreateIpamPoolCommand,
  CreateIpamResourceDiscoveryCommand,
  DeleteIpamResourceDiscoveryCommand,
  DescribeIpamResourceDiscoveriesCommand,
  DescribeIpamResourceDiscoveryAssociationsCommand,
  DisassociateIpamResourceDiscoveryCommand,
  type EC2Client,
  GetIpamDiscoveredAccountsCommand,
  GetIpamDiscoveredPublicAddressesCommand,
  GetIpamDiscoveredResourceCidrsCommand,
  GetIpamResourceCidrsCommand,
  type Ipam,
  ModifyIpamResourceCidrCommand,
  ModifyIpamResourceDiscoveryCommand,
  ProvisionIpamPoolCidrCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileIpam } from '../../core/ops/monitoring/resources';
import { planCycle } from '../../core/ops/monitoring/run/plan';
import { type RunIo, runCycle } from '../../core/ops/monitoring/run/run';
import type { DiscoverySample, WorkItem } from '../../core/ops/monitoring/run/types';
import { defaultConfig, randomIds } from '../../core/ops/registry';
import { createDocumentClient, DynamoStore } from '../../core/store/dynamo';
import type { LocalStack } from '../../local/stack';
import { ec2Client, expectEc2Error } from '../helpers/ec2';
import { testStack } from '../helpers/stack';

const ACCOUNT = '111122223333';
const SAMPLED = new Date('2026-03-01T12:00:00.000Z');
let stack: LocalStack;
let ec2: EC2Client;
let ipam: Ipam;
let poolId: string;

/** What the stand-in reader finds: a VPC with a subnet and an Elastic IP, in us-east-1 only. */
const read = async (item: WorkItem): Promise<DiscoverySample> => {
  const east = item.Region === 'us-east-1';
  const base = { ResourceRegion: item.Region, ResourceOwnerId: item.AccountId, SampleTime: SAMPLED };
  return {
    account: {
      AccountId: item.AccountId,
      DiscoveryRegion: item.Region,
      LastAttemptedDiscoveryTime: SAMPLED,
      LastSuccessfulDiscoveryTime: SAMPLED,
    },
    resourceCidrs: east
      ? [
          {
            ...base,
            ResourceId: 'vpc-0a1b2c3d',
            ResourceType: 'vpc',
            ResourceCidr: '10.1.0.0/16',
            IpSource: 'none',
            ResourceTags: [{ Key: 'Name', Value: 'app' }],
            ResourceName: 'app',
          },
          {
            ...base,
            ResourceId: 'subnet-0a1b2c3d',
            ResourceType: 'subnet',
            ResourceCidr: '10.1.1.0/24',
            VpcId: 'vpc-0a1b2c3d',
            IpSource: 'none',
            ResourceTags: [],
            IpUsage: 0.25,
            InUseAddressCount: 64,
          },
        ]
      : [],
    publicAddresses: east
      ? [
          {
            AddressRegion: 'us-east-1',
            Address: '198.51.100.7',
            AddressOwnerId: item.AccountId,
            AddressAllocationId: 'eipalloc-0a1b2c3d',
            AssociationStatus: 'disassociated',
            AddressType: 'amazon-owned-eip',
            Service: 'other',
            SampleTime: SAMPLED,
          },
        ]
      : [],
  };
};

beforeAll(async () => {
  stack = await testStack({
    tableName: 'allot-e2e-ec2-monitoring',
    env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1' },
  });
  ec2 = ec2Client(stack.url, { accessKeyId: ACCOUNT });
  ipam = (await ec2.send(new CreateIpamCommand({ OperatingRegions: [{ RegionName: 'us-west-2' }] }))).Ipam!;
  const { IpamPool } = await ec2.send(
    new CreateIpamPoolCommand({
      IpamScopeId: ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
      Locale: 'us-east-1',
      AutoImport: true,
    }),
  );
  poolId = IpamPool!.IpamPoolId!;
  await ec2.send(new ProvisionIpamPoolCidrCommand({ IpamPoolId: poolId, Cidr: '10.0.0.0/8' }));
  const client = createDocumentClient({ endpoint: stack.ddbEndpoint, region: 'us-east-1' });
  try {
    const deps = {
      store: new DynamoStore({ client, tableName: stack.tableName }),
      now: Date.now,
      ids: randomIds(),
      config: defaultConfig(),
    };
    const io: RunIo = {
      read,
      reconcile: reconcileIpam,
      remainingMs: () => Number.POSITIVE_INFINITY,
      log: () => {},
    };
    const report = await runCycle(deps, io, await planCycle(deps), { concurrency: 2, reserveMs: 0 });
    expect(report).toEqual({ read: 2, failed: 0, reconciled: [ipam.IpamId], notImported: [] });
  } finally {
    client.destroy();
  }
}, 180_000);

afterAll(async () => {
  ec2?.destroy();
  await stack?.stop();
});

describe('EC2 SDK: discovered data and resource CIDRs', () => {
  it('GetIpamDiscoveredResourceCidrs, GetIpamDiscoveredAccounts, GetIpamDiscoveredPublicAddresses', async () => {
    const rd = ipam.DefaultResourceDiscoveryId!;
    const cidrs = await ec2.send(
      new GetIpamDiscoveredResourceCidrsCommand({ IpamResourceDiscoveryId: rd, ResourceRegion: 'us-east-1' }),
    );
    expect(
      cidrs.IpamDiscoveredResourceCidrs!.map((r) => [
        r.ResourceId,
        r.ResourceType,
        r.ResourceCidr,
        r.IpSource,
        r.IpUsage,
      ]),
    ).toEqual([
      ['vpc-0a1b2c3d', 'vpc', '10.1.0.0/16', 'none', undefined],
      ['subnet-0a1b2c3d', 'subnet', '10.1.1.0/24', 'none', 0.25],
    ]);
    expect(cidrs.IpamDiscoveredResourceCidrs![0]).toMatchObject({
      IpamResourceDiscoveryId: rd,
      ResourceOwnerId: ACCOUNT,
      ResourceTags: [{ Key: 'Name', Value: 'app' }],
      SampleTime: SAMPLED,
    });
    const accounts = await ec2.send(
      new GetIpamDiscoveredAccountsCommand({ IpamResourceDiscoveryId: rd, DiscoveryRegion: 'us-west-2' }),
    );
    expect(accounts.IpamDiscoveredAccounts).toEqual([
      {
        AccountId: ACCOUNT,
        DiscoveryRegion: 'us-west-2',
        LastAttemptedDiscoveryTime: SAMPLED,
        LastSuccessfulDiscoveryTime: SAMPLED,
      },
    ]);
    const addresses = await ec2.send(
      new GetIpamDiscoveredPublicAddressesCommand({
        IpamResourceDiscoveryId: rd,
        AddressRegion: 'us-east-1',
      }),
    );
    expect(
      addresses.IpamDiscoveredPublicAddresses!.map((a) => [a.Address, a.AddressType, a.AssociationStatus]),
    ).toEqual([['198.51.100.7', 'amazon-owned-eip', 'disassociated']]);
    expect(addresses.OldestSampleTime).toEqual(SAMPLED);
    await expectEc2Error(
      ec2.send(
        new GetIpamDiscoveredAccountsCommand({
          IpamResourceDiscoveryId: 'ipam-res-disco-0123456789abcdef0',
          DiscoveryRegion: 'us-east-1',
        }),
      ),
      'InvalidIpamResourceDiscoveryId.NotFound',
    );
  });

  it('GetIpamResourceCidrs shows the imported VPC managed; ModifyIpamResourceCidr ignores it', async () => {
    const { IpamResourceCidrs } = await ec2.send(
      new GetIpamResourceCidrsCommand({
        IpamScopeId: ipam.PrivateDefaultScopeId,
        ResourceId: 'vpc-0a1b2c3d',
      }),
    );
    expect(IpamResourceCidrs).toHaveLength(1);
    expect(IpamResourceCidrs![0]).toMatchObject({
      IpamPoolId: poolId,
      ResourceCidr: '10.1.0.0/16',
      ResourceName: 'app',
      ManagementState: 'managed',
      ComplianceStatus: 'compliant',
      OverlapStatus: 'nonoverlapping',
    });
    const { IpamResourceCidr } = await ec2.send(
      new ModifyIpamResourceCidrCommand({
        ResourceId: 'vpc-0a1b2c3d',
        ResourceCidr: '10.1.0.0/16',
        ResourceRegion: 'us-east-1',
        CurrentIpamScopeId: ipam.PrivateDefaultScopeId,
        Monitored: false,
      }),
    );
    expect([IpamResourceCidr?.ManagementState, IpamResourceCidr?.ComplianceStatus]).toEqual([
      'ignored',
      'ignored',
    ]);
  });
});

describe('EC2 SDK: resource discoveries and associations', () => {
  it('creates, describes, modifies, associates, disassociates and deletes an RD', async () => {
    const west = ec2Client(stack.url, { accessKeyId: ACCOUNT, region: 'us-west-2' });
    try {
      const { IpamResourceDiscovery: rd } = await west.send(
        new CreateIpamResourceDiscoveryCommand({
          Description: 'spoke',
          OperatingRegions: [{ RegionName: 'us-east-1' }],
          TagSpecifications: [
            { ResourceType: 'ipam-resource-discovery', Tags: [{ Key: 'team', Value: 'net' }] },
          ],
        }),
      );
      expect(rd).toMatchObject({
        OwnerId: ACCOUNT,
        IpamResourceDiscoveryRegion: 'us-west-2',
        IsDefault: false,
        OperatingRegions: [{ RegionName: 'us-west-2' }, { RegionName: 'us-east-1' }],
        Tags: [{ Key: 'team', Value: 'net' }],
      });
      const id = rd!.IpamResourceDiscoveryId!;
      const { IpamResourceDiscoveries } = await ec2.send(new DescribeIpamResourceDiscoveriesCommand({}));
      expect(IpamResourceDiscoveries!.map((r) => [r.IpamResourceDiscoveryId, r.IsDefault]).sort()).toEqual(
        [
          [ipam.DefaultResourceDiscoveryId, true],
          [id, false],
        ].sort(),
      );
      const modified = await west.send(
        new ModifyIpamResourceDiscoveryCommand({ IpamResourceDiscoveryId: id, Description: 'hub' }),
      );
      expect([modified.IpamResourceDiscovery?.Description, modified.IpamResourceDiscovery?.State]).toEqual([
        'hub',
        'modify-complete',
      ]);
      const { IpamResourceDiscoveryAssociation: a } = await ec2.send(
        new AssociateIpamResourceDiscoveryCommand({ IpamId: ipam.IpamId, IpamResourceDiscoveryId: id }),
      );
      expect([a?.IsDefault, a?.ResourceDiscoveryStatus, a?.State]).toEqual([
        false,
        'active',
        'associate-complete',
      ]);
      const listed = await ec2.send(new DescribeIpamResourceDiscoveryAssociationsCommand({}));
      expect(listed.IpamResourceDiscoveryAssociations!.map((x) => x.IsDefault).sort()).toEqual([false, true]);
      await expectEc2Error(
        ec2.send(
          new DeleteIpamResourceDiscoveryCommand({
            IpamResourceDiscoveryId: ipam.DefaultResourceDiscoveryId,
          }),
        ),
        'IncorrectState',
      );
      const gone = await ec2.send(
        new DisassociateIpamResourceDiscoveryCommand({
          IpamResourceDiscoveryAssociationId: a!.IpamResourceDiscoveryAssociationId,
        }),
      );
      expect(gone.IpamResourceDiscoveryAssociation?.State).toBe('disassociate-complete');
      const deleted = await west.send(
        new DeleteIpamResourceDiscoveryCommand({ IpamResourceDiscoveryId: id }),
      );
      expect(deleted.IpamResourceDiscovery?.State).toBe('delete-complete');
    } finally {
      west.destroy();
    }
  });
});
