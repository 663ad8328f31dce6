/**
 * F-TUT-GS (FEATURES-monitoring §15.1), "Getting started with the CLI", run as the guide writes it
 * with the real AWS CLI against the local stack, moto being the EC2 backend: the VPC of step 10 is
 * created from the development pool through Allot, and deleted through it in the clean-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const ACCT = '123456789012';
const tools = tutorialTools('tut-gs.e2e');

describe.skipIf(!tools)('F-TUT-GS: getting started with the CLI', () => {
  let t: Tutorial;
  const ids: Record<string, string> = {};
  const ok = (...args: string[]) => t.ok(ACCT, 'ec2', ...args);
  const fails = (code: string, ...args: string[]) => t.fails(code, ACCT, 'ec2', ...args);
  const text = async (...args: string[]) => {
    const r = await t.aws(ACCT, 'ec2', ...args);
    expect(r.code).toBe(0);
    return r.json;
  };

  beforeAll(async () => {
    t = await startTutorial('tut-gs.e2e');
  }, 180_000);
  afterAll(async () => t?.stop());

  it('GS-01..03: the IPAM in two regions, its default scopes', async () => {
    const { Ipam } = await ok(
      'create-ipam',
      '--description',
      'My IPAM',
      '--operating-regions',
      'RegionName=us-east-1',
      'RegionName=us-west-2',
    );
    expect([Ipam.ScopeCount, Ipam.OperatingRegions]).toEqual([
      2,
      [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }],
    ]);
    expect(await text('describe-ipams', '--query', 'Ipams[0].State')).toBe('create-complete');
    ids.ipam = Ipam.IpamId;
    ids.scope = await text(
      'describe-ipams',
      '--ipam-ids',
      Ipam.IpamId,
      '--query',
      'Ipams[0].PrivateDefaultScopeId',
    );
    expect(ids.scope).toMatch(/^ipam-scope-[0-9a-f]{17}$/);
    // GS-12 case 2: one IPAM per account and region.
    await fails('ResourceLimitExceeded', 'create-ipam', '--operating-regions', 'RegionName=us-east-1');
  });

  it('GS-04..09: top-level, regional and development pools, each provisioned', async () => {
    const pool = async (description: string, ...more: string[]) => {
      const { IpamPool } = await ok(
        'create-ipam-pool',
        '--ipam-scope-id',
        ids.scope!,
        ...more,
        '--address-family',
        'ipv4',
        '--description',
        description,
      );
      const state = await text(
        'describe-ipam-pools',
        '--ipam-pool-ids',
        IpamPool.IpamPoolId,
        '--query',
        'IpamPools[0].State',
      );
      expect(state).toBe('create-complete');
      return IpamPool.IpamPoolId as string;
    };
    const provision = async (id: string, cidr: string) => {
      await ok('provision-ipam-pool-cidr', '--ipam-pool-id', id, '--cidr', cidr);
      const state = await text(
        'get-ipam-pool-cidrs',
        '--ipam-pool-id',
        id,
        '--query',
        `IpamPoolCidrs[?Cidr=='${cidr}'].State`,
      );
      expect(state).toEqual(['provisioned']);
    };
    ids.p0 = await pool('Top-level pool');
    await provision(ids.p0, '10.0.0.0/8');
    ids.p1 = await pool(
      'Regional pool in us-east-1',
      '--source-ipam-pool-id',
      ids.p0,
      '--locale',
      'us-east-1',
    );
    await provision(ids.p1, '10.0.0.0/16');
    const top = await ok('get-ipam-pool-allocations', '--ipam-pool-id', ids.p0);
    expect(
      top.IpamPoolAllocations.map((a: Record<string, string>) => [a.Cidr, a.ResourceType, a.ResourceId]),
    ).toEqual([['10.0.0.0/16', 'ipam-pool', ids.p1]]);
    ids.p2 = await pool('Development pool', '--source-ipam-pool-id', ids.p1, '--locale', 'us-east-1');
    await provision(ids.p2, '10.0.0.0/24');
    // GS-12 case 3: space already allocated to the regional pool.
    const sibling = await pool('second child', '--source-ipam-pool-id', ids.p0);
    await fails(
      'InsufficientCidrBlocks',
      'provision-ipam-pool-cidr',
      '--ipam-pool-id',
      sibling,
      '--cidr',
      '10.0.0.0/16',
    );
    await ok('delete-ipam-pool', '--ipam-pool-id', sibling);
  });

  it('GS-10/11: a VPC from the development pool takes 10.0.0.0/26, and the pool shows its allocation', async () => {
    const { Vpc } = await ok(
      'create-vpc',
      '--ipv4-ipam-pool-id',
      ids.p2!,
      '--ipv4-netmask-length',
      '26',
      '--tag-specifications',
      'ResourceType=vpc,Tags=[{Key=Name,Value=IPAM-VPC}]',
    );
    expect([Vpc.CidrBlock, Vpc.State, Vpc.OwnerId]).toEqual(['10.0.0.0/26', 'pending', ACCT]);
    ids.vpc = Vpc.VpcId;
    const found = await ok('describe-vpcs', '--filters', 'Name=tag:Name,Values=IPAM-VPC');
    expect(found.Vpcs.map((v: Record<string, string>) => [v.VpcId, v.CidrBlock])).toEqual([
      [Vpc.VpcId, '10.0.0.0/26'],
    ]);
    const { IpamPoolAllocations } = await ok('get-ipam-pool-allocations', '--ipam-pool-id', ids.p2!);
    expect(IpamPoolAllocations).toEqual([
      {
        Cidr: '10.0.0.0/26',
        IpamPoolAllocationId: expect.stringMatching(/^ipam-pool-alloc-[0-9a-f]{32}$/),
        ResourceId: Vpc.VpcId,
        ResourceType: 'vpc',
        ResourceRegion: 'us-east-1',
        ResourceOwner: ACCT,
        Tags: [],
      },
    ]);
    // GS-12 case 5: a /23 cannot come from the /24 pool.
    await fails(
      'InvalidParameterValue',
      'create-vpc',
      '--ipv4-ipam-pool-id',
      ids.p2!,
      '--ipv4-netmask-length',
      '23',
    );
    // GS-12 case 6: the top-level pool cannot go while the regional pool exists.
    await fails('IncorrectState', 'delete-ipam-pool', '--ipam-pool-id', ids.p0!);
  });

  it('GS-13: clean-up in the guide order, each step succeeding', async () => {
    expect(await ok('delete-vpc', '--vpc-id', ids.vpc!)).toBeUndefined();
    const left = await ok('get-ipam-pool-allocations', '--ipam-pool-id', ids.p2!);
    expect(left.IpamPoolAllocations).toEqual([]);
    await ok('deprovision-ipam-pool-cidr', '--ipam-pool-id', ids.p2!, '--cidr', '10.0.0.0/24');
    await ok('delete-ipam-pool', '--ipam-pool-id', ids.p2!);
    await ok('deprovision-ipam-pool-cidr', '--ipam-pool-id', ids.p1!, '--cidr', '10.0.0.0/16');
    expect((await ok('get-ipam-pool-allocations', '--ipam-pool-id', ids.p0!)).IpamPoolAllocations).toEqual(
      [],
    );
    await ok('delete-ipam-pool', '--ipam-pool-id', ids.p1!);
    await ok('deprovision-ipam-pool-cidr', '--ipam-pool-id', ids.p0!, '--cidr', '10.0.0.0/8');
    await ok('delete-ipam-pool', '--ipam-pool-id', ids.p0!);
    await ok('delete-ipam', '--ipam-id', ids.ipam!);
    expect((await ok('describe-ipams')).Ipams).toEqual([]);
    expect((await ok('describe-vpcs', '--filters', 'Name=tag:Name,Values=IPAM-VPC')).Vpcs).toEqual([]);
  });
});
