/**
 * The real `@aws-sdk/client-ec2` against the local stack's EC2 endpoint (`POST /`): the
 * getting-started flow (F-TUT-GS without the VPC steps) through every implemented IPAM action,
 * with exact CIDRs, and the exceptions the SDK raises on the way (name = EC2 error code).
 */
import {
  AllocateIpamPoolCidrCommand,
  CreateIpamCommand,
  CreateIpamPoolCommand,
  CreateIpamScopeCommand,
  DeleteIpamCommand,
  DeleteIpamPoolCommand,
  DeleteIpamScopeCommand,
  DeprovisionIpamPoolCidrCommand,
  DescribeIpamPoolAllocationsCommand,
  DescribeIpamPoolsCommand,
  DescribeIpamScopesCommand,
  DescribeIpamsCommand,
  type EC2Client,
  GetIpamPoolAllocationsCommand,
  GetIpamPoolCidrsCommand,
  ModifyIpamCommand,
  ModifyIpamPoolAllocationCommand,
  ModifyIpamPoolCommand,
  ModifyIpamScopeCommand,
  ProvisionIpamPoolCidrCommand,
  ReleaseIpamPoolAllocationCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { ec2Client, expectEc2Error } from '../helpers/ec2';
import { testStack } from '../helpers/stack';

const ACCOUNT = '111122223333';
let stack: LocalStack;
let east: EC2Client;
let west: EC2Client;

beforeAll(async () => {
  stack = await testStack({
    tableName: 'allot-e2e-ec2-flow',
    env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1', ALLOT_REUSE_DELAY_SECONDS: '0' },
  });
  east = ec2Client(stack.url, { accessKeyId: ACCOUNT });
  west = ec2Client(stack.url, { accessKeyId: ACCOUNT, region: 'us-west-2' });
}, 180_000);

afterAll(async () => {
  east?.destroy();
  west?.destroy();
  await stack?.stop();
});

const pool = async (client: EC2Client, input: ConstructorParameters<typeof CreateIpamPoolCommand>[0]) => {
  const { IpamPool } = await client.send(new CreateIpamPoolCommand(input));
  return IpamPool!.IpamPoolId!;
};

describe('EC2 SDK: the getting-started flow', () => {
  it('creates, provisions, allocates, previews, lists, releases, deprovisions and deletes', async () => {
    // F-TUT-GS-01..03: the IPAM, idempotent on its ClientToken.
    const create = {
      Description: 'My IPAM',
      OperatingRegions: [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }],
      TagSpecifications: [{ ResourceType: 'ipam' as const, Tags: [{ Key: 'Name', Value: 'flow' }] }],
      ClientToken: 'flow-ipam-1',
    };
    const { Ipam } = await east.send(new CreateIpamCommand(create));
    expect(Ipam).toMatchObject({
      OwnerId: ACCOUNT,
      IpamRegion: 'us-east-1',
      ScopeCount: 2,
      State: 'create-complete',
      Tier: 'advanced',
      OperatingRegions: [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }],
      Tags: [{ Key: 'Name', Value: 'flow' }],
    });
    expect(Ipam!.IpamArn).toBe(`arn:aws:ec2::${ACCOUNT}:ipam/${Ipam!.IpamId}`);
    expect((await east.send(new CreateIpamCommand(create))).Ipam!.IpamId).toBe(Ipam!.IpamId);
    await expectEc2Error(
      east.send(new CreateIpamCommand({ ...create, Description: 'another' })),
      'IdempotentParameterMismatch',
    );
    await expectEc2Error(east.send(new CreateIpamCommand({})), 'ResourceLimitExceeded');
    const ipamId = Ipam!.IpamId!;
    const scope = Ipam!.PrivateDefaultScopeId!;
    const listed = await east.send(
      new DescribeIpamsCommand({ Filters: [{ Name: 'tag:Name', Values: ['flow'] }] }),
    );
    expect(listed.Ipams!.map((i) => [i.IpamId, i.PrivateDefaultScopeId])).toEqual([[ipamId, scope]]);
    await east.send(new ModifyIpamCommand({ IpamId: ipamId, Description: 'Renamed IPAM' }));
    expect((await east.send(new DescribeIpamsCommand({ IpamIds: [ipamId] }))).Ipams![0]!.Description).toBe(
      'Renamed IPAM',
    );

    // F-TUT-GS-04..09: top-level, regional and development pools.
    const p0 = await pool(east, { IpamScopeId: scope, AddressFamily: 'ipv4', Description: 'Top-level pool' });
    const { IpamPoolCidr } = await east.send(
      new ProvisionIpamPoolCidrCommand({ IpamPoolId: p0, Cidr: '10.0.0.0/8' }),
    );
    expect([IpamPoolCidr!.Cidr, IpamPoolCidr!.State]).toEqual(['10.0.0.0/8', 'provisioned']);
    const p1 = await pool(east, {
      IpamScopeId: scope,
      SourceIpamPoolId: p0,
      Locale: 'us-east-1',
      AddressFamily: 'ipv4',
      Description: 'Regional pool in us-east-1',
    });
    await east.send(new ProvisionIpamPoolCidrCommand({ IpamPoolId: p1, Cidr: '10.0.0.0/16' }));
    const parent = await east.send(new GetIpamPoolAllocationsCommand({ IpamPoolId: p0 }));
    expect(parent.IpamPoolAllocations!.map((a) => [a.Cidr, a.ResourceType, a.ResourceId])).toEqual([
      ['10.0.0.0/16', 'ipam-pool', p1],
    ]);
    const p2 = await pool(east, {
      IpamScopeId: scope,
      SourceIpamPoolId: p1,
      AddressFamily: 'ipv4',
      Description: 'Development pool',
    });
    const dev = await east.send(new DescribeIpamPoolsCommand({ IpamPoolIds: [p2] }));
    expect([dev.IpamPools![0]!.Locale, dev.IpamPools![0]!.PoolDepth, dev.IpamPools![0]!.State]).toEqual([
      'us-east-1',
      3,
      'create-complete',
    ]);
    await east.send(new ProvisionIpamPoolCidrCommand({ IpamPoolId: p2, Cidr: '10.0.0.0/24' }));
    const cidrs = await east.send(new GetIpamPoolCidrsCommand({ IpamPoolId: p2 }));
    expect(cidrs.IpamPoolCidrs!.map((c) => [c.Cidr, c.State])).toEqual([['10.0.0.0/24', 'provisioned']]);

    // F-TUT-GS-12 troubleshooting: taken space, a netmask that cannot fit, out-of-order clean-up.
    const p1b = await pool(east, { IpamScopeId: scope, SourceIpamPoolId: p0, AddressFamily: 'ipv4' });
    await expectEc2Error(
      east.send(new ProvisionIpamPoolCidrCommand({ IpamPoolId: p1b, Cidr: '10.0.0.0/16' })),
      'InsufficientCidrBlocks',
    );
    await east.send(new DeleteIpamPoolCommand({ IpamPoolId: p1b }));
    await expectEc2Error(
      east.send(new AllocateIpamPoolCidrCommand({ IpamPoolId: p2, NetmaskLength: 23 })),
      'InvalidParameterValue',
    );
    await expectEc2Error(east.send(new DeleteIpamPoolCommand({ IpamPoolId: p0 })), 'IncorrectState');

    // Allocations by netmask and by CIDR, a preview, a DryRun, and the lists.
    const byMask = await east.send(
      new AllocateIpamPoolCidrCommand({
        IpamPoolId: p2,
        NetmaskLength: 26,
        Description: 'first',
        ClientToken: 'a1',
      }),
    );
    expect(byMask.IpamPoolAllocation).toMatchObject({
      Cidr: '10.0.0.0/26',
      ResourceType: 'custom',
      ResourceOwner: ACCOUNT,
    });
    const replay = await east.send(
      new AllocateIpamPoolCidrCommand({
        IpamPoolId: p2,
        NetmaskLength: 26,
        Description: 'first',
        ClientToken: 'a1',
      }),
    );
    expect(replay.IpamPoolAllocation!.IpamPoolAllocationId).toBe(
      byMask.IpamPoolAllocation!.IpamPoolAllocationId,
    );
    const byCidr = await east.send(
      new AllocateIpamPoolCidrCommand({ IpamPoolId: p2, Cidr: '10.0.0.128/26' }),
    );
    expect(byCidr.IpamPoolAllocation!.Cidr).toBe('10.0.0.128/26');
    await expectEc2Error(
      east.send(new AllocateIpamPoolCidrCommand({ IpamPoolId: p2, Cidr: '10.0.0.128/25' })),
      'InsufficientCidrBlocks',
    );
    const preview = await east.send(
      new AllocateIpamPoolCidrCommand({ IpamPoolId: p2, NetmaskLength: 26, PreviewNextCidr: true }),
    );
    expect(preview.IpamPoolAllocation!.Cidr).toBe('10.0.0.64/26');
    await expectEc2Error(
      east.send(new AllocateIpamPoolCidrCommand({ IpamPoolId: p2, NetmaskLength: 26, DryRun: true })),
      'DryRunOperation',
      412,
    );
    const held = await east.send(new GetIpamPoolAllocationsCommand({ IpamPoolId: p2 }));
    expect(held.IpamPoolAllocations!.map((a) => [a.Cidr, a.Description])).toEqual([
      ['10.0.0.0/26', 'first'],
      ['10.0.0.128/26', undefined],
    ]);
    const allocationId = byCidr.IpamPoolAllocation!.IpamPoolAllocationId!;
    await east.send(
      new ModifyIpamPoolAllocationCommand({ IpamPoolAllocationId: allocationId, Description: 'second' }),
    );
    const mine = await east.send(
      new DescribeIpamPoolAllocationsCommand({ IpamPoolAllocationIds: [allocationId] }),
    );
    expect(mine.IpamPoolAllocations!.map((a) => [a.Cidr, a.Description])).toEqual([
      ['10.0.0.128/26', 'second'],
    ]);

    // Rules (F-RULE): a maximum netmask refuses a larger block.
    await east.send(new ModifyIpamPoolCommand({ IpamPoolId: p2, AllocationMinNetmaskLength: 26 }));
    await expectEc2Error(
      east.send(new AllocateIpamPoolCidrCommand({ IpamPoolId: p2, NetmaskLength: 25 })),
      'InvalidParameterValue',
    );

    // Release, then the clean-up of F-TUT-GS-13 in order.
    for (const a of held.IpamPoolAllocations!) {
      const out = await east.send(
        new ReleaseIpamPoolAllocationCommand({
          IpamPoolId: p2,
          Cidr: a.Cidr!,
          IpamPoolAllocationId: a.IpamPoolAllocationId!,
        }),
      );
      expect(out.Success).toBe(true);
    }
    expect(
      (await east.send(new GetIpamPoolAllocationsCommand({ IpamPoolId: p2 }))).IpamPoolAllocations,
    ).toEqual([]);
    await expectEc2Error(
      east.send(
        new ReleaseIpamPoolAllocationCommand({
          IpamPoolId: p0,
          Cidr: '10.0.0.0/16',
          IpamPoolAllocationId: parent.IpamPoolAllocations![0]!.IpamPoolAllocationId!,
        }),
      ),
      'OperationNotPermitted',
    );
    for (const [id, cidr] of [
      [p2, '10.0.0.0/24'],
      [p1, '10.0.0.0/16'],
      [p0, '10.0.0.0/8'],
    ] as const) {
      const out = await east.send(new DeprovisionIpamPoolCidrCommand({ IpamPoolId: id, Cidr: cidr }));
      expect([out.IpamPoolCidr!.Cidr, out.IpamPoolCidr!.State]).toEqual([cidr, 'deprovisioned']);
      await east.send(new DeleteIpamPoolCommand({ IpamPoolId: id }));
    }
    await expectEc2Error(
      east.send(new DescribeIpamPoolsCommand({ IpamPoolIds: [p0] })),
      'InvalidIpamPoolId.NotFound',
    );
    await east.send(new DeleteIpamCommand({ IpamId: ipamId }));
    expect((await east.send(new DescribeIpamsCommand({}))).Ipams).toEqual([]);
  });
});

describe('EC2 SDK: scopes, locales, regions and accounts', () => {
  it('scopes: create, describe, modify, delete; allocations from a pool are made in its locale region', async () => {
    const { Ipam } = await west.send(
      new CreateIpamCommand({ OperatingRegions: [{ RegionName: 'us-east-1' }] }),
    );
    expect([Ipam!.IpamRegion, Ipam!.OperatingRegions]).toEqual([
      'us-west-2',
      [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }],
    ]);
    const { IpamScope } = await west.send(
      new CreateIpamScopeCommand({ IpamId: Ipam!.IpamId!, Description: 'lab' }),
    );
    expect([IpamScope!.IpamScopeType, IpamScope!.IsDefault, IpamScope!.PoolCount]).toEqual([
      'private',
      false,
      0,
    ]);
    await west.send(
      new ModifyIpamScopeCommand({ IpamScopeId: IpamScope!.IpamScopeId!, Description: 'lab 2' }),
    );
    const scopes = await west.send(
      new DescribeIpamScopesCommand({ Filters: [{ Name: 'ipam-arn', Values: [Ipam!.IpamArn!] }] }),
    );
    // Listing order is not part of the API; compare sorted.
    expect(scopes.IpamScopes!.map((s) => [s.IpamScopeType, s.IsDefault, s.Description]).sort()).toEqual([
      ['private', false, 'lab 2'],
      ['private', true, undefined],
      ['public', true, undefined],
    ]);
    await expectEc2Error(
      west.send(new DeleteIpamScopeCommand({ IpamScopeId: Ipam!.PrivateDefaultScopeId! })),
      'IncorrectState',
    );
    await west.send(new DeleteIpamScopeCommand({ IpamScopeId: IpamScope!.IpamScopeId! }));

    // A us-east-1 pool of a us-west-2 IPAM: created from the home region, allocated in its locale.
    const p = await pool(west, {
      IpamScopeId: Ipam!.PrivateDefaultScopeId!,
      AddressFamily: 'ipv4',
      Locale: 'us-east-1',
    });
    await west.send(new ProvisionIpamPoolCidrCommand({ IpamPoolId: p, Cidr: '172.16.0.0/16' }));
    await expectEc2Error(
      west.send(new AllocateIpamPoolCidrCommand({ IpamPoolId: p, NetmaskLength: 20 })),
      'InvalidParameterValue',
    );
    const { IpamPoolAllocation } = await east.send(
      new AllocateIpamPoolCidrCommand({ IpamPoolId: p, NetmaskLength: 20 }),
    );
    expect(IpamPoolAllocation!.Cidr).toBe('172.16.0.0/20');
    await expectEc2Error(
      west.send(
        new CreateIpamPoolCommand({
          IpamScopeId: Ipam!.PrivateDefaultScopeId!,
          AddressFamily: 'ipv4',
          Locale: 'eu-west-1',
        }),
      ),
      'InvalidParameterValue',
    );
    await west.send(new DeleteIpamCommand({ IpamId: Ipam!.IpamId!, Cascade: true }));
  });

  it('each 12-digit access key is its own account: nothing of one is visible to the other', async () => {
    const other = ec2Client(stack.url, { accessKeyId: '444455556666' });
    try {
      const { Ipam } = await east.send(new CreateIpamCommand({}));
      const p = await pool(east, { IpamScopeId: Ipam!.PrivateDefaultScopeId!, AddressFamily: 'ipv4' });
      expect((await other.send(new DescribeIpamsCommand({}))).Ipams).toEqual([]);
      await expectEc2Error(
        other.send(new DescribeIpamPoolsCommand({ IpamPoolIds: [p] })),
        // F-RULE-06: a pool not shared with the caller answers as an unknown id.
        'InvalidIpamPoolId.NotFound',
        400,
      );
      const theirs = await other.send(new CreateIpamCommand({}));
      expect(theirs.Ipam!.OwnerId).toBe('444455556666');
      await east.send(new DeleteIpamCommand({ IpamId: Ipam!.IpamId!, Cascade: true }));
      await other.send(new DeleteIpamCommand({ IpamId: theirs.Ipam!.IpamId! }));
    } finally {
      other.destroy();
    }
  });
});

describe('EC2 SDK: F-TUT-CLI, an IPAM and pools created with the CLI', () => {
  it('F-TUT-CLI-02..10: home region added, locale None, a regional pool and its ipam-pool allocation, clean-up', async () => {
    const acct = '777788889999';
    const home = ec2Client(stack.url, { accessKeyId: acct });
    const usWest2 = ec2Client(stack.url, { accessKeyId: acct, region: 'us-west-2' });
    try {
      // 02: the home region joins the listed operating regions.
      const { Ipam } = await home.send(
        new CreateIpamCommand({ Description: 'my-ipam', OperatingRegions: [{ RegionName: 'us-west-2' }] }),
      );
      expect([
        Ipam!.OwnerId,
        Ipam!.IpamArn,
        Ipam!.Description,
        Ipam!.ScopeCount,
        Ipam!.OperatingRegions,
        Ipam!.Tags,
      ]).toEqual([
        acct,
        `arn:aws:ec2::${acct}:ipam/${Ipam!.IpamId}`,
        'my-ipam',
        2,
        [{ RegionName: 'us-west-2' }, { RegionName: 'us-east-1' }],
        [],
      ]);
      // 03: exactly the two default scopes, empty.
      const { IpamScopes } = await home.send(new DescribeIpamScopesCommand({}));
      expect(
        IpamScopes!.map((s) => [s.IpamScopeType, s.IsDefault, s.PoolCount, s.IpamArn, s.IpamScopeArn]).sort(),
      ).toEqual([
        ['private', true, 0, Ipam!.IpamArn, `arn:aws:ec2::${acct}:ipam-scope/${Ipam!.PrivateDefaultScopeId}`],
        ['public', true, 0, Ipam!.IpamArn, `arn:aws:ec2::${acct}:ipam-scope/${Ipam!.PublicDefaultScopeId}`],
      ]);
      // 04: a top-level pool without a locale reads "None" (created synchronously: create-complete).
      const { IpamPool: top } = await home.send(
        new CreateIpamPoolCommand({
          IpamScopeId: Ipam!.PrivateDefaultScopeId!,
          Description: 'top-level-pool',
          AddressFamily: 'ipv4',
        }),
      );
      expect([
        top!.Locale,
        top!.PoolDepth,
        top!.State,
        top!.IpamScopeType,
        top!.AutoImport,
        top!.Tags,
      ]).toEqual(['None', 1, 'create-complete', 'private', false, []]);
      // 05: provisioned at once.
      const provisioned = await home.send(
        new ProvisionIpamPoolCidrCommand({ IpamPoolId: top!.IpamPoolId!, Cidr: '10.0.0.0/8' }),
      );
      expect([provisioned.IpamPoolCidr!.Cidr, provisioned.IpamPoolCidr!.State]).toEqual([
        '10.0.0.0/8',
        'provisioned',
      ]);
      // 06: the regional pool is managed from the home region, with its locale elsewhere.
      const { IpamPool: regional } = await home.send(
        new CreateIpamPoolCommand({
          IpamScopeId: Ipam!.PrivateDefaultScopeId!,
          Description: 'regional--pool',
          SourceIpamPoolId: top!.IpamPoolId!,
          Locale: 'us-west-2',
          AddressFamily: 'ipv4',
        }),
      );
      const { IpamPools } = await home.send(new DescribeIpamPoolsCommand({}));
      expect(
        IpamPools!
          .map((p) => [p.IpamPoolId, p.Locale, p.PoolDepth, p.State, p.SourceIpamPoolId])
          .sort((a, b) => Number(a[2]) - Number(b[2])),
      ).toEqual([
        [top!.IpamPoolId, 'None', 1, 'create-complete', undefined],
        [regional!.IpamPoolId, 'us-west-2', 2, 'create-complete', top!.IpamPoolId],
      ]);
      const none = await home.send(
        new DescribeIpamPoolsCommand({ Filters: [{ Name: 'locale', Values: ['None'] }] }),
      );
      expect(none.IpamPools!.map((p) => p.IpamPoolId)).toEqual([top!.IpamPoolId]);
      // 07: the regional CIDR shows in the top-level pool as an ipam-pool allocation.
      await home.send(
        new ProvisionIpamPoolCidrCommand({ IpamPoolId: regional!.IpamPoolId!, Cidr: '10.0.0.0/16' }),
      );
      const { IpamPoolAllocations } = await home.send(
        new GetIpamPoolAllocationsCommand({ IpamPoolId: top!.IpamPoolId! }),
      );
      expect(
        IpamPoolAllocations!.map((a) => [a.Cidr, a.ResourceId, a.ResourceType, a.ResourceOwner]),
      ).toEqual([['10.0.0.0/16', regional!.IpamPoolId, 'ipam-pool', acct]]);
      expect(IpamPoolAllocations![0]!.IpamPoolAllocationId).toMatch(/^ipam-pool-alloc-[0-9a-f]+$/);
      // 08 (RAM share) is not built. 09: an explicit CIDR from the regional pool, asked for in its
      // locale region (a custom allocation stands in for CreateVpc); the home region is refused.
      await expectEc2Error(
        home.send(
          new AllocateIpamPoolCidrCommand({ IpamPoolId: regional!.IpamPoolId!, Cidr: '10.0.0.0/24' }),
        ),
        'InvalidParameterValue',
      );
      const { IpamPoolAllocation } = await usWest2.send(
        new AllocateIpamPoolCidrCommand({ IpamPoolId: regional!.IpamPoolId!, Cidr: '10.0.0.0/24' }),
      );
      expect(IpamPoolAllocation!.Cidr).toBe('10.0.0.0/24');
      // The regional pool's allocations are read in its locale region, too (F-GEN-07).
      const inWest = await usWest2.send(
        new GetIpamPoolAllocationsCommand({ IpamPoolId: regional!.IpamPoolId! }),
      );
      expect(inWest.IpamPoolAllocations!.map((a) => [a.Cidr, a.ResourceType])).toEqual([
        ['10.0.0.0/24', 'custom'],
      ]);
      await expectEc2Error(
        home.send(new GetIpamPoolAllocationsCommand({ IpamPoolId: regional!.IpamPoolId! })),
        'InvalidParameterValue',
      );
      // 10: clean-up in the corrected order.
      await usWest2.send(
        new ReleaseIpamPoolAllocationCommand({
          IpamPoolId: regional!.IpamPoolId!,
          Cidr: '10.0.0.0/24',
          IpamPoolAllocationId: IpamPoolAllocation!.IpamPoolAllocationId!,
        }),
      );
      await home.send(
        new DeprovisionIpamPoolCidrCommand({ IpamPoolId: regional!.IpamPoolId!, Cidr: '10.0.0.0/16' }),
      );
      await home.send(
        new DeprovisionIpamPoolCidrCommand({ IpamPoolId: top!.IpamPoolId!, Cidr: '10.0.0.0/8' }),
      );
      await home.send(new DeleteIpamPoolCommand({ IpamPoolId: regional!.IpamPoolId! }));
      await home.send(new DeleteIpamPoolCommand({ IpamPoolId: top!.IpamPoolId! }));
      const deleted = await home.send(new DeleteIpamCommand({ IpamId: Ipam!.IpamId! }));
      expect(deleted.Ipam!.State).toBe('delete-complete');
      expect((await home.send(new DescribeIpamsCommand({}))).Ipams).toEqual([]);
    } finally {
      home.destroy();
      usWest2.destroy();
    }
  });
});
