/**
 * Elastic IPs from IPAM pools and EC2 public IPv4 pools fed from IPAM (F-EIP-01..07,
 * F-PV4P-02..06), on both stores, with no EC2 backend (Allot answers for its addresses alone).
 */
import { describe, expect, it } from 'vitest';
import { recordIpamMetrics, scopeFigures } from '../../../core/ops/monitoring/metrics/figures';
import type { ReadHint } from '../../../core/ops/monitoring/run/types';
import type { IpamRecord } from '../../../core/records';
import { emptyReadsCycle } from '../../helpers/cycle';
import { type Env, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { amazonEipPool, provisionByoip } from '../../helpers/proof';
import { storeFactories } from '../../helpers/stores';

const BYOIP = '130.137.245.0/24';

describe.each(storeFactories())('Elastic IPs and public IPv4 pools (%s store)', (_name, makeStore) => {
  /** An Amazon-provided /30 in a us-east-1 EC2 pool: four addresses, 192.0.2.0-3 (the guide's example). */
  const amazonPool = async () => {
    const e = makeEnv(await makeStore(), { amazonSupply: { 'us-east-1': ['192.0.2.0/30'] } });
    const { poolId, scopeId } = await amazonEipPool(e, 30, '192.0.2.0/30');
    return { e, poolId, scopeId };
  };

  /** A BYOIP /24 in a top-level pool and a us-east-1 EC2 pool under it holding all of it. */
  const byoipRegional = async () => {
    const e = makeEnv(await makeStore());
    const { Ipam } = await e.call('CreateIpam', {});
    const scope = Ipam.PublicDefaultScopeId;
    const top = (await e.call('CreateIpamPool', { IpamScopeId: scope, AddressFamily: 'ipv4' })).IpamPool
      .IpamPoolId;
    await provisionByoip(e, top, BYOIP);
    const regional = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scope,
        SourceIpamPoolId: top,
        AddressFamily: 'ipv4',
        Locale: 'us-east-1',
        AwsService: 'ec2',
      })
    ).IpamPool.IpamPoolId as string;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: regional, Cidr: BYOIP });
    e.clock.now += e.deps.config.provisionSettleMs;
    await e.call('GetIpamPoolCidrs', { IpamPoolId: regional });
    return { e, regional };
  };

  const allocations = async (e: Env, poolId: string) =>
    (await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations.map(
      (a: Record<string, string>) => [
        a.Cidr,
        a.ResourceType,
        a.ResourceId,
        a.ResourceRegion,
        a.ResourceOwner,
      ],
    );

  it('F-EIP-01..03: addresses come out lowest first, as eip allocations, until the block is full', async () => {
    const { e, poolId } = await amazonPool();
    const got = [];
    for (let i = 0; i < 4; i++) got.push(await e.call('AllocateAddress', { IpamPoolId: poolId }));
    expect(got.map((a) => a.PublicIp)).toEqual(['192.0.2.0', '192.0.2.1', '192.0.2.2', '192.0.2.3']);
    expect(got[0]).toEqual({
      PublicIp: '192.0.2.0',
      AllocationId: expect.stringMatching(/^eipalloc-[0-9a-f]{17}$/),
      PublicIpv4Pool: poolId,
      NetworkBorderGroup: 'us-east-1',
      Domain: 'vpc',
    });
    await e.expectError('AllocateAddress', { IpamPoolId: poolId }, 'InsufficientCidrBlocks');
    expect(await allocations(e, poolId)).toEqual(
      got.map((a) => [`${a.PublicIp}/32`, 'eip', a.AllocationId, 'us-east-1', e.caller.accountId]),
    );
    const { Addresses } = await e.call('DescribeAddresses', { AllocationIds: [got[2].AllocationId] });
    expect(Addresses).toEqual([{ ...got[2], Tags: [] }]);
  });

  it('F-TUT-EIP-06: a given Address is that address; outside, taken, or another region is refused', async () => {
    const { e, poolId } = await amazonPool();
    const one = await e.call('AllocateAddress', { IpamPoolId: poolId, Address: '192.0.2.2' });
    expect(one.PublicIp).toBe('192.0.2.2');
    await e.expectError(
      'AllocateAddress',
      { IpamPoolId: poolId, Address: '192.0.2.2' },
      'InsufficientCidrBlocks',
    );
    await e.expectError(
      'AllocateAddress',
      { IpamPoolId: poolId, Address: '192.0.2.9' },
      'InvalidParameterValue',
    );
    await e.expectError('AllocateAddress', { IpamPoolId: poolId, Address: 'nope' }, 'InvalidParameterValue');
    // From another region the pool (IPAM and locale us-east-1) is not there at all.
    await e.expectError('AllocateAddress', { IpamPoolId: poolId }, 'InvalidIpamPoolId.NotFound', {
      region: 'us-west-2',
    });
    await e.expectError(
      'AllocateAddress',
      { IpamPoolId: poolId, PublicIpv4Pool: 'ipv4pool-ec2-00000000000000001' },
      'InvalidParameterCombination',
    );
    await e.expectError(
      'AllocateAddress',
      { IpamPoolId: poolId, Domain: 'standard' },
      'InvalidParameterValue',
    );
    // Another account sees no such pool, exactly like a pool that does not exist.
    await e.expectError('AllocateAddress', { IpamPoolId: poolId }, 'InvalidIpamPoolId.NotFound', {
      accountId: OTHER_ACCOUNT,
    });
    // The lowest free address skips the one taken.
    expect((await e.call('AllocateAddress', { IpamPoolId: poolId })).PublicIp).toBe('192.0.2.0');
    expect((await e.call('AllocateAddress', { IpamPoolId: poolId })).PublicIp).toBe('192.0.2.1');
    expect((await e.call('AllocateAddress', { IpamPoolId: poolId })).PublicIp).toBe('192.0.2.3');
  });

  it('a taken /32 asked for by Cidr in a /30 pool is refused as taken (the search once divided by zero)', async () => {
    const { e, poolId } = await amazonPool();
    await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, Cidr: '192.0.2.1/32' });
    expect(
      await e.expectError(
        'AllocateIpamPoolCidr',
        { IpamPoolId: poolId, Cidr: '192.0.2.1/32' },
        'InsufficientCidrBlocks',
      ),
    ).toMatch(/192\.0\.2\.1\/32/);
  });

  it('F-EIP-07: associate, refuse to release in use, disassociate, release back to the pool', async () => {
    const { e, poolId } = await amazonPool();
    const eip = await e.call('AllocateAddress', { IpamPoolId: poolId });
    await e.expectError('AssociateAddress', { AllocationId: eip.AllocationId }, 'MissingParameter');
    await e.expectError(
      'AssociateAddress',
      { AllocationId: eip.AllocationId, InstanceId: 'web-1' },
      'InvalidInstanceID.Malformed',
    );
    const { AssociationId } = await e.call('AssociateAddress', {
      PublicIp: eip.PublicIp,
      InstanceId: 'i-07459a6fca5b35823',
    });
    expect(AssociationId).toMatch(/^eipassoc-[0-9a-f]{17}$/);
    await e.expectError(
      'AssociateAddress',
      { AllocationId: eip.AllocationId, InstanceId: 'i-0000000000000000a' },
      'Resource.AlreadyAssociated',
    );
    expect((await e.call('DescribeAddresses', {})).Addresses).toEqual([
      { ...eip, AssociationId, InstanceId: 'i-07459a6fca5b35823', Tags: [] },
    ]);
    await e.expectError('ReleaseAddress', { AllocationId: eip.AllocationId }, 'InvalidIPAddress.InUse');
    // Another account's allocation id answers like one that does not exist.
    await e.expectError(
      'ReleaseAddress',
      { AllocationId: eip.AllocationId },
      'InvalidAllocationID.NotFound',
      {
        accountId: OTHER_ACCOUNT,
      },
    );
    await e.expectError(
      'DisassociateAddress',
      { AssociationId: 'eipassoc-0fffffffffffffff0' },
      'InvalidAssociationID.NotFound',
    );
    expect(await e.call('DisassociateAddress', { AssociationId })).toEqual({});
    expect(await e.call('ReleaseAddress', { AllocationId: eip.AllocationId })).toEqual({});
    expect(await allocations(e, poolId)).toEqual([]);
    expect((await e.call('DescribeAddresses', {})).Addresses).toEqual([]);
    await e.expectError('ReleaseAddress', { AllocationId: eip.AllocationId }, 'InvalidAllocationID.NotFound');
    await e.expectError('ReleaseAddress', { PublicIp: '192.0.2.0' }, 'InvalidAddress.NotFound');
  });

  it('F-MET-05, F-TUT-EIP-08: the contiguous block metrics count addresses, EIPs and associations', async () => {
    const { e, poolId, scopeId } = await amazonPool();
    const [one] = [
      await e.call('AllocateAddress', { IpamPoolId: poolId }),
      await e.call('AllocateAddress', { IpamPoolId: poolId }),
    ];
    await e.call('AssociateAddress', { AllocationId: one.AllocationId, InstanceId: 'i-07459a6fca5b35823' });
    const { metrics } = await scopeFigures(e.deps, scopeId);
    const contig = metrics.filter((m) => m.Name.includes('AmazonOwnedContig'));
    const ipamId = (await e.call('DescribeIpamPools', { IpamPoolIds: [poolId] })).IpamPools[0].IpamArn.split(
      '/',
    )[1];
    expect(contig.map((m) => [m.Name, m.Value])).toEqual([
      ['AmazonOwnedContigIPs', 4],
      ['AllocatedAmazonOwnedContigIPs', 2],
      ['UnallocatedAmazonOwnedContigIPs', 2],
      ['AssociatedAmazonOwnedContigIPs', 1],
      ['UnassociatedAmazonOwnedContigIPs', 1],
    ]);
    expect(contig[0]!.Dimensions).toEqual({ IpamId: ipamId, PoolID: poolId, Locale: 'us-east-1' });
  });

  it("F-EIP-08, F-PIP-02/04: a discovery cycle lists Allot's own addresses as EC2 would", async () => {
    const { e, poolId } = await amazonPool();
    const [one, two] = [
      await e.call('AllocateAddress', { IpamPoolId: poolId }),
      await e.call('AllocateAddress', { IpamPoolId: poolId }),
    ];
    await e.call('AssociateAddress', { AllocationId: one.AllocationId, InstanceId: 'i-07459a6fca5b35823' });
    // F-PIP-06/08: the read is asked about the instance, and its groups and rules reach the address.
    const web = [{ GroupName: 'web', GroupId: 'sg-web' }];
    const https = {
      SecurityGroupRuleId: 'sgr-1',
      GroupId: 'sg-web',
      IsEgress: false,
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      CidrIpv4: '0.0.0.0/0',
    };
    const hints: ReadHint[] = [];
    const instances = [
      { InstanceId: 'i-07459a6fca5b35823', SecurityGroups: web, SecurityGroupRules: [https] },
    ];
    await emptyReadsCycle(e, { instances, hints });
    expect(hints).toEqual([{ instanceIds: ['i-07459a6fca5b35823'] }]);
    const { Ipams } = await e.call('DescribeIpams', {});
    const { IpamDiscoveredPublicAddresses } = await e.call('GetIpamDiscoveredPublicAddresses', {
      IpamResourceDiscoveryId: Ipams[0].DefaultResourceDiscoveryId,
      AddressRegion: 'us-east-1',
    });
    expect(
      IpamDiscoveredPublicAddresses.map((a: Record<string, string>) => [
        a.Address,
        a.AddressType,
        a.AssociationStatus,
        a.AddressAllocationId,
        a.InstanceId,
      ]),
    ).toEqual([
      ['192.0.2.0', 'amazon-owned-contig', 'associated', one.AllocationId, 'i-07459a6fca5b35823'],
      ['192.0.2.1', 'amazon-owned-contig', 'disassociated', two.AllocationId, undefined],
    ]);
    expect(
      IpamDiscoveredPublicAddresses.map((a: Record<string, unknown>) => [
        a.SecurityGroups,
        a.SecurityGroupRules,
      ]),
    ).toEqual([
      [web, [https]],
      [undefined, undefined],
    ]);
    // F-MET-12 / F-PIP-13: the insight counts as metrics of the IPAM in that region.
    const ipam = await e.deps.store.get<IpamRecord>({ kind: 'ipam', id: Ipams[0].IpamId });
    const insights = (await recordIpamMetrics(e.deps, ipam!, new Date(e.deps.now()))).filter(
      (m) => m.Dimensions.Region === 'us-east-1' && m.Dimensions.IpamId === Ipams[0].IpamId,
    );
    expect(insights.map((m) => [m.Name, m.Value])).toEqual([
      ['AmazonOwnedElasticIPs', 2],
      ['AssociatedAmazonOwnedElasticIPs', 1],
      ['UnassociatedAmazonOwnedElasticIPs', 1],
      ['BringYourOwnIPs', 0],
      ['AssociatedBringYourOwnIPs', 0],
      ['UnassociatedBringYourOwnIPs', 0],
      ['EC2PublicIPs', 0],
      ['ServiceManagedIPs', 0],
      ['ServiceManagedBringYourOwnIPs', 0],
    ]);
  });

  it('64 concurrent AllocateAddress from one pool: 64 distinct addresses, the lowest free ones', async () => {
    const { e, regional } = await byoipRegional();
    // A custom allocation in the middle: no address may land on it.
    await e.call('AllocateIpamPoolCidr', { IpamPoolId: regional, Cidr: '130.137.245.10/32' });
    const got = await Promise.all(
      Array.from({ length: 64 }, () => e.call('AllocateAddress', { IpamPoolId: regional })),
    );
    const ips = got.map((a) => a.PublicIp).sort((a, b) => Number(a.split('.')[3]) - Number(b.split('.')[3]));
    const expected = Array.from({ length: 65 }, (_, i) => `130.137.245.${i}`).filter(
      (ip) => ip !== '130.137.245.10',
    );
    expect(ips).toEqual(expected);
    expect(new Set(got.map((a) => a.AllocationId)).size).toBe(64);
  });

  it('F-PV4P-02..06: a public IPv4 pool is fed from IPAM, gives EIPs, and is emptied and deleted', async () => {
    const { e, regional } = await byoipRegional();
    const { PoolId } = await e.call('CreatePublicIpv4Pool', {});
    expect(PoolId).toMatch(/^ipv4pool-ec2-[0-9a-f]{17}$/);
    for (const n of [23, 33])
      await e.expectError(
        'ProvisionPublicIpv4PoolCidr',
        { IpamPoolId: regional, PoolId, NetmaskLength: n },
        'InvalidParameterValue',
      );
    await e.expectError(
      'ProvisionPublicIpv4PoolCidr',
      { IpamPoolId: regional, PoolId: 'ipv4pool-ec2-00000000000000bad', NetmaskLength: 24 },
      'InvalidPublicIpv4PoolID.NotFound',
    );
    const fed = await e.call('ProvisionPublicIpv4PoolCidr', {
      IpamPoolId: regional,
      PoolId,
      NetmaskLength: 24,
    });
    const range = { FirstAddress: '130.137.245.0', LastAddress: '130.137.245.255', AddressCount: 256 };
    expect(fed).toEqual({ PoolId, PoolAddressRange: { ...range, AvailableAddressCount: 256 } });
    expect(await allocations(e, regional)).toEqual([
      [BYOIP, 'ec2-public-ipv4-pool', PoolId, 'us-east-1', e.caller.accountId],
    ]);
    const eip = await e.call('AllocateAddress', { PublicIpv4Pool: PoolId });
    expect(eip).toEqual({
      PublicIp: '130.137.245.0',
      AllocationId: expect.stringMatching(/^eipalloc-/),
      PublicIpv4Pool: PoolId,
      NetworkBorderGroup: 'us-east-1',
      Domain: 'vpc',
    });
    expect(
      (await e.call('AllocateAddress', { PublicIpv4Pool: PoolId, Address: '130.137.245.7' })).PublicIp,
    ).toBe('130.137.245.7');
    const described = async () =>
      (await e.call('DescribePublicIpv4Pools', { PoolIds: [PoolId] })).PublicIpv4Pools;
    expect(await described()).toEqual([
      {
        PoolId,
        PoolAddressRanges: [{ ...range, AvailableAddressCount: 254 }],
        TotalAddressCount: 256,
        TotalAvailableAddressCount: 254,
        NetworkBorderGroup: 'us-east-1',
        Tags: [],
      },
    ]);
    await e.expectError('DeprovisionPublicIpv4PoolCidr', { PoolId, Cidr: BYOIP }, 'IncorrectState');
    await e.expectError('DeletePublicIpv4Pool', { PoolId }, 'IncorrectState');
    for (const a of (await e.call('DescribeAddresses', {})).Addresses)
      await e.call('ReleaseAddress', { AllocationId: a.AllocationId });
    expect((await described())[0].TotalAvailableAddressCount).toBe(256);
    const gone = await e.call('DeprovisionPublicIpv4PoolCidr', { PoolId, Cidr: BYOIP });
    expect([gone.PoolId, gone.DeprovisionedAddresses.length, gone.DeprovisionedAddresses[255]]).toEqual([
      PoolId,
      256,
      '130.137.245.255',
    ]);
    expect(await described()).toEqual([
      {
        PoolId,
        PoolAddressRanges: [],
        TotalAddressCount: 0,
        TotalAvailableAddressCount: 0,
        NetworkBorderGroup: 'us-east-1',
        Tags: [],
      },
    ]);
    // The IPAM allocation went back with the range, so the pool CIDR can be deprovisioned.
    expect(await allocations(e, regional)).toEqual([]);
    expect(
      (await e.call('DeprovisionIpamPoolCidr', { IpamPoolId: regional, Cidr: BYOIP })).IpamPoolCidr.State,
    ).toBe('deprovisioned');
    expect(await e.call('DeletePublicIpv4Pool', { PoolId })).toEqual({ ReturnValue: true });
    await e.expectError('DescribePublicIpv4Pools', { PoolIds: [PoolId] }, 'InvalidPublicIpv4PoolID.NotFound');
  });

  it('F-PV4P-03: only a public EC2 IPv4 pool of this region feeds it; others see no such pool', async () => {
    const { e, poolId, scopeId } = await amazonPool();
    const { PoolId } = await e.call('CreatePublicIpv4Pool', {});
    // The Amazon-provided /30 is smaller than the least specific /24 a public IPv4 pool takes.
    await e.expectError(
      'ProvisionPublicIpv4PoolCidr',
      { IpamPoolId: poolId, PoolId, NetmaskLength: 24 },
      'InvalidParameterValue',
    );
    const noLocale = (await e.call('CreateIpamPool', { IpamScopeId: scopeId, AddressFamily: 'ipv4' }))
      .IpamPool.IpamPoolId;
    await e.expectError(
      'ProvisionPublicIpv4PoolCidr',
      { IpamPoolId: noLocale, PoolId, NetmaskLength: 30 },
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionPublicIpv4PoolCidr',
      { IpamPoolId: poolId, PoolId, NetmaskLength: 30 },
      'InvalidPublicIpv4PoolID.NotFound',
      { accountId: OTHER_ACCOUNT },
    );
    await e.expectError(
      'DescribePublicIpv4Pools',
      { PoolIds: [PoolId] },
      'InvalidPublicIpv4PoolID.NotFound',
      {
        region: 'us-west-2',
      },
    );
    await e.expectError('CreatePublicIpv4Pool', { NetworkBorderGroup: 'eu-west-1' }, 'InvalidParameterValue');
    expect(
      await e.call('ProvisionPublicIpv4PoolCidr', { IpamPoolId: poolId, PoolId, NetmaskLength: 30 }),
    ).toEqual({
      PoolId,
      PoolAddressRange: {
        FirstAddress: '192.0.2.0',
        LastAddress: '192.0.2.3',
        AddressCount: 4,
        AvailableAddressCount: 4,
      },
    });
  });
});
