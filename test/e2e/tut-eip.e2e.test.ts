/**
 * F-TUT-EIP (§15.14): sequential Elastic IPs from an Amazon-provided contiguous block, with the
 * real AWS CLI as the guide writes it, over moto as the EC2 backend (the instance an address is
 * associated with is a moto instance: the guide's `i-07459a6fca5b35823` exists only in its
 * author's account). The operator's "Amazon-provided" supply is three small blocks, so the
 * guide's /29 is its 18.97.0.40/29, and the sequential check runs on a /30 of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const ACCT = '111122223333';
const tools = tutorialTools('tut-eip.e2e');

describe.skipIf(!tools)('F-TUT-EIP: sequential Elastic IPs from an IPAM pool with the CLI', () => {
  let t: Tutorial;
  const ids: Record<string, string> = {};
  const ok = (...args: string[]) => t.ok(ACCT, 'ec2', ...args);
  const fails = (code: string, ...args: string[]) => t.fails(code, ACCT, 'ec2', ...args);
  const amazonPool = async () =>
    (
      await ok(
        'create-ipam-pool',
        '--ipam-scope-id',
        ids.scope!,
        '--address-family',
        'ipv4',
        '--locale',
        'us-east-1',
        '--aws-service',
        'ec2',
        '--public-ip-source',
        'amazon',
      )
    ).IpamPool;
  const cidrs = async (pool: string) =>
    (await ok('get-ipam-pool-cidrs', '--ipam-pool-id', pool)).IpamPoolCidrs.filter(
      (c: { State: string }) => c.State !== 'deprovisioned',
    );

  beforeAll(async () => {
    t = await startTutorial('tut-eip.e2e', {
      ALLOT_AMAZON_SUPPLY: JSON.stringify({
        'us-east-1': ['18.97.0.40/29', '18.97.0.48/30', '18.97.0.52/30'],
      }),
      ALLOT_PROVISION_SETTLE_SECONDS: '0',
    });
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('EIP-01: create-ipam with no arguments', async () => {
    const { Ipam } = await ok('create-ipam');
    expect(Ipam).toMatchObject({
      OwnerId: ACCT,
      IpamId: expect.stringMatching(/^ipam-[0-9a-f]{17}$/),
      IpamRegion: 'us-east-1',
      ScopeCount: 2,
      OperatingRegions: [{ RegionName: 'us-east-1' }],
      Tags: [],
      DefaultResourceDiscoveryId: expect.stringMatching(/^ipam-res-disco-/),
      DefaultResourceDiscoveryAssociationId: expect.stringMatching(/^ipam-res-disco-assoc-/),
      ResourceDiscoveryAssociationCount: 1,
      Tier: 'advanced',
    });
    expect(['create-in-progress', 'create-complete']).toContain(Ipam.State);
    [ids.ipam, ids.scope] = [Ipam.IpamId, Ipam.PublicDefaultScopeId];
  });

  it('EIP-02/03: an Amazon-provided EC2 pool in us-east-1', async () => {
    const pool = await amazonPool();
    expect(pool).toMatchObject({
      IpamScopeType: 'public',
      IpamRegion: 'us-east-1',
      Locale: 'us-east-1',
      PoolDepth: 1,
      AutoImport: false,
      AddressFamily: 'ipv4',
      Tags: [],
      AwsService: 'ec2',
      PublicIpSource: 'amazon',
    });
    ids.pool = pool.IpamPoolId;
    const { IpamPools } = await ok('describe-ipam-pools', '--ipam-pool-ids', ids.pool!);
    expect(IpamPools.map((p: { State: string }) => p.State)).toEqual(['create-complete']);
  });

  it('EIP-04/05: a /29 by netmask, answered pending with no Cidr, then provisioned', async () => {
    for (const n of ['28', '31'])
      await fails(
        'InvalidParameterValue',
        'provision-ipam-pool-cidr',
        '--ipam-pool-id',
        ids.pool!,
        '--netmask-length',
        n,
      );
    await fails(
      'InvalidParameterCombination',
      'provision-ipam-pool-cidr',
      '--ipam-pool-id',
      ids.pool!,
      '--cidr',
      '18.97.0.40/29',
    );
    const noLocale = (
      await ok(
        'create-ipam-pool',
        '--ipam-scope-id',
        ids.scope!,
        '--address-family',
        'ipv4',
        '--public-ip-source',
        'amazon',
      )
    ).IpamPool.IpamPoolId;
    await fails(
      'InvalidParameterValue',
      'provision-ipam-pool-cidr',
      '--ipam-pool-id',
      noLocale,
      '--netmask-length',
      '29',
    );
    ids.noLocale = noLocale;
    const { IpamPoolCidr } = await ok(
      'provision-ipam-pool-cidr',
      '--ipam-pool-id',
      ids.pool!,
      '--netmask-length',
      '29',
    );
    expect(IpamPoolCidr).toEqual({
      IpamPoolCidrId: expect.stringMatching(/^ipam-pool-cidr-/),
      State: 'pending-provision',
      NetmaskLength: 29,
    });
    expect(await cidrs(ids.pool!)).toEqual([
      {
        Cidr: '18.97.0.40/29',
        State: 'provisioned',
        IpamPoolCidrId: IpamPoolCidr.IpamPoolCidrId,
        NetmaskLength: 29,
      },
    ]);
  });

  it('EIP-06: the first free address, then a chosen one; outside, taken and another region are refused', async () => {
    const first = await ok('allocate-address', '--ipam-pool-id', ids.pool!);
    expect(first).toEqual({
      PublicIp: '18.97.0.40',
      AllocationId: expect.stringMatching(/^eipalloc-[0-9a-f]{17}$/),
      PublicIpv4Pool: ids.pool,
      NetworkBorderGroup: 'us-east-1',
      Domain: 'vpc',
    });
    const chosen = await ok('allocate-address', '--ipam-pool-id', ids.pool!, '--address', '18.97.0.41');
    expect(chosen.PublicIp).toBe('18.97.0.41');
    [ids.eip, ids.ip, ids.eip2] = [first.AllocationId, first.PublicIp, chosen.AllocationId];
    await fails(
      'InvalidParameterValue',
      'allocate-address',
      '--ipam-pool-id',
      ids.pool!,
      '--address',
      '18.97.0.60',
    );
    await fails(
      'InsufficientCidrBlocks',
      'allocate-address',
      '--ipam-pool-id',
      ids.pool!,
      '--address',
      '18.97.0.41',
    );
    await fails(
      'InvalidIpamPoolId.NotFound',
      'allocate-address',
      '--ipam-pool-id',
      ids.pool!,
      '--region',
      'us-west-2',
    );
  });

  it('EIP-06: with a /30, four calls give .0 to .3 in order and a fifth finds no space; two blocks at most', async () => {
    const pool = (await amazonPool()).IpamPoolId;
    await ok('provision-ipam-pool-cidr', '--ipam-pool-id', pool, '--netmask-length', '30');
    const [block] = await cidrs(pool);
    expect(block.Cidr).toBe('18.97.0.48/30');
    const got = [];
    for (let i = 0; i < 4; i++) got.push(await ok('allocate-address', '--ipam-pool-id', pool));
    expect(got.map((a) => a.PublicIp)).toEqual(['18.97.0.48', '18.97.0.49', '18.97.0.50', '18.97.0.51']);
    ids.pool30 = pool;
    ids.pool30eips = got.map((a) => a.AllocationId).join(' ');
    await fails('InsufficientCidrBlocks', 'allocate-address', '--ipam-pool-id', pool);
    await ok('provision-ipam-pool-cidr', '--ipam-pool-id', ids.pool!, '--netmask-length', '30');
    expect(
      await fails(
        'ResourceLimitExceeded',
        'provision-ipam-pool-cidr',
        '--ipam-pool-id',
        ids.pool!,
        '--netmask-length',
        '30',
      ),
    ).toMatch(/limit-exceeded/);
  });

  it('EIP-07/08: associate with an instance; one eip allocation per address', async () => {
    const { Instances } = await ok(
      'run-instances',
      '--image-id',
      'ami-12c6146b',
      '--count',
      '1',
      '--instance-type',
      't3.micro',
    );
    ids.instance = Instances[0].InstanceId;
    await fails(
      'InvalidInstanceID.NotFound',
      'associate-address',
      '--instance-id',
      'i-07459a6fca5b35823',
      '--public-ip',
      ids.ip!,
    );
    const { AssociationId } = await ok(
      'associate-address',
      '--instance-id',
      ids.instance!,
      '--public-ip',
      ids.ip!,
    );
    expect(AssociationId).toMatch(/^eipassoc-[0-9a-f]{17}$/);
    ids.assoc = AssociationId;
    const { IpamPoolAllocations } = await ok('get-ipam-pool-allocations', '--ipam-pool-id', ids.pool!);
    expect(
      IpamPoolAllocations.map((a: Record<string, string>) => [
        a.Cidr,
        a.ResourceId,
        a.ResourceType,
        a.ResourceRegion,
        a.ResourceOwner,
      ]),
    ).toEqual([
      ['18.97.0.40/32', ids.eip, 'eip', 'us-east-1', ACCT],
      ['18.97.0.41/32', ids.eip2, 'eip', 'us-east-1', ACCT],
    ]);
    const { Addresses } = await ok('describe-addresses', '--allocation-ids', ids.eip!);
    expect(Addresses).toEqual([
      expect.objectContaining({
        PublicIp: '18.97.0.40',
        AssociationId,
        InstanceId: ids.instance,
        PublicIpv4Pool: ids.pool,
      }),
    ]);
  });

  it('EIP-09: disassociate, release, deprovision the block, delete the pool and the IPAM', async () => {
    await fails('InvalidIPAddress.InUse', 'release-address', '--allocation-id', ids.eip!);
    await ok('disassociate-address', '--association-id', ids.assoc!);
    for (const id of [ids.eip!, ids.eip2!]) await ok('release-address', '--allocation-id', id);
    const { IpamPoolAllocations } = await ok('get-ipam-pool-allocations', '--ipam-pool-id', ids.pool!);
    expect(IpamPoolAllocations).toEqual([]);
    // The second block (from the /30 check) was never looked at: the guide's wait settles it.
    expect((await cidrs(ids.pool!)).map((c: { State: string }) => c.State)).toEqual([
      'provisioned',
      'provisioned',
    ]);
    for (const cidr of ['18.97.0.40/29', '18.97.0.52/30']) {
      const { IpamPoolCidr } = await ok(
        'deprovision-ipam-pool-cidr',
        '--ipam-pool-id',
        ids.pool!,
        '--cidr',
        cidr,
      );
      expect([IpamPoolCidr.Cidr, IpamPoolCidr.State]).toEqual([cidr, 'deprovisioned']);
    }
    const { IpamPool } = await ok('delete-ipam-pool', '--ipam-pool-id', ids.pool!);
    expect(IpamPool.IpamPoolId).toBe(ids.pool);
    // The /30 check's pool and the pool without a locale go the same way (public pools are never cascaded).
    for (const id of ids.pool30eips!.split(' ')) await ok('release-address', '--allocation-id', id);
    await ok('deprovision-ipam-pool-cidr', '--ipam-pool-id', ids.pool30!, '--cidr', '18.97.0.48/30');
    for (const pool of [ids.pool30!, ids.noLocale!]) await ok('delete-ipam-pool', '--ipam-pool-id', pool);
    const { Ipam } = await ok('delete-ipam', '--ipam-id', ids.ipam!);
    expect(Ipam.IpamId).toBe(ids.ipam);
  });
});
