import { describe, expect, it } from 'vitest';
import { isAllotError } from '../../../core/errors';
import { allocateIpamPoolCidr } from '../../../core/ops/allocation/allocate';
import { ACCOUNT, ipamWithPool, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { provisionByoip } from '../../helpers/proof';
import { storeFactories } from '../../helpers/stores';

describe.each(storeFactories())('allocations (%s store)', (_name, makeStore) => {
  const env = async () => makeEnv(await makeStore());
  const cidrOf = (r: { IpamPoolAllocation: { Cidr: string } }) => r.IpamPoolAllocation.Cidr;

  it('F-ALLOC-02/05: netmask requests get the lowest free aligned blocks, contiguously', async () => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, {}, '10.0.0.0/16');
    const got = [];
    for (const n of [24, 24, 26, 25, 22])
      got.push(cidrOf(await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: n })));
    expect(got).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/26', '10.0.2.128/25', '10.0.4.0/22']);
  });

  it('F-ALLOC-02: explicit CIDRs, with the full allocation record', async () => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, {}, '10.0.0.0/16');
    const res = await e.call('AllocateIpamPoolCidr', {
      IpamPoolId: poolId,
      Cidr: '10.0.8.0/21',
      Description: 'on-prem',
      TagSpecifications: [{ ResourceType: 'ipam-pool-allocation', Tags: [{ Key: 'site', Value: 'dc1' }] }],
    });
    expect(res.IpamPoolAllocation).toEqual({
      Cidr: '10.0.8.0/21',
      IpamPoolAllocationId: 'ipam-pool-alloc-00000000000000000000000000000001',
      Description: 'on-prem',
      ResourceType: 'custom',
      ResourceOwner: ACCOUNT,
      Tags: [{ Key: 'site', Value: 'dc1' }],
    });
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '10.0.12.0/24' },
      'InsufficientCidrBlocks',
    );
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '10.0.0.0/20' },
      'InsufficientCidrBlocks',
    );
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '10.1.0.0/24' },
      'InvalidParameterValue',
    );
    expect(cidrOf(await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 20 }))).toBe(
      '10.0.16.0/20',
    );
  });

  it('an explicit CIDR refused for overlap names what it overlaps', async () => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, {}, '10.0.0.0/16');
    const farm = await e.call('AllocateIpamPoolCidr', {
      IpamPoolId: poolId,
      Cidr: '10.0.0.0/20',
      Description: 'build farm',
    });
    const small = [];
    for (const n of [1, 2, 3, 4])
      small.push(await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, Cidr: `10.0.${16 + n}.0/24` }));
    const head = (cidr: string) => `The CIDR ${cidr} is not available in pool ${poolId}: it overlaps`;
    expect(
      await e.expectError(
        'AllocateIpamPoolCidr',
        { IpamPoolId: poolId, Cidr: '10.0.1.0/24' },
        'InsufficientCidrBlocks',
      ),
    ).toBe(
      `${head('10.0.1.0/24')} 10.0.0.0/20 (${farm.IpamPoolAllocation.IpamPoolAllocationId}, "build farm").`,
    );
    const ids = small.map((r) => r.IpamPoolAllocation.IpamPoolAllocationId);
    expect(
      await e.expectError(
        'AllocateIpamPoolCidr',
        { IpamPoolId: poolId, Cidr: '10.0.16.0/20' },
        'InsufficientCidrBlocks',
      ),
    ).toBe(
      `${head('10.0.16.0/20')} 10.0.17.0/24 (${ids[0]}), 10.0.18.0/24 (${ids[1]}), 10.0.19.0/24 (${ids[2]}) and 1 more.`,
    );
    await e.call('ReleaseIpamPoolAllocation', {
      IpamPoolId: poolId,
      IpamPoolAllocationId: ids[0],
      Cidr: '10.0.17.0/24',
    });
    expect(
      await e.expectError(
        'AllocateIpamPoolCidr',
        { IpamPoolId: poolId, Cidr: '10.0.17.0/25' },
        'InsufficientCidrBlocks',
      ),
    ).toBe(`${head('10.0.17.0/25')} space released recently and still in its reuse delay.`);
  });

  it('F-ALLOC-03, F-RULE-03: the default netmask applies only when neither Cidr nor NetmaskLength is given', async () => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, { AllocationDefaultNetmaskLength: 16 });
    expect(cidrOf(await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId }))).toBe('10.0.0.0/16');
    expect(cidrOf(await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 }))).toBe(
      '10.1.0.0/24',
    );
    const plain = await ipamWithPool(await env());
    void plain;
    const e2 = await env();
    const { poolId: p2 } = await ipamWithPool(e2);
    await e2.expectError('AllocateIpamPoolCidr', { IpamPoolId: p2 }, 'MissingParameter');
  });

  it('F-RULE-02: netmask outside [min, max] is refused and names the rule', async () => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, {
      AllocationMinNetmaskLength: 20,
      AllocationMaxNetmaskLength: 24,
    });
    expect(
      await e.expectError(
        'AllocateIpamPoolCidr',
        { IpamPoolId: poolId, NetmaskLength: 19 },
        'InvalidParameterValue',
      ),
    ).toContain('allocation rule');
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 25 },
      'InvalidParameterValue',
    );
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '10.0.0.0/26' },
      'InvalidParameterValue',
    );
    expect(cidrOf(await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 20 }))).toBe(
      '10.0.0.0/20',
    );
  });

  it('F-ALLOC-05: AllowedCidrs and DisallowedCidrs steer netmask requests; not allowed with Cidr', async () => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, {}, '10.0.0.0/16');
    const res = await e.call('AllocateIpamPoolCidr', {
      IpamPoolId: poolId,
      NetmaskLength: 24,
      AllowedCidrs: ['10.0.128.0/17'],
      DisallowedCidrs: ['10.0.128.0/23'],
    });
    expect(cidrOf(res)).toBe('10.0.130.0/24');
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 16, AllowedCidrs: ['10.0.0.0/17'] },
      'InsufficientCidrBlocks',
    );
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '10.0.0.0/24', AllowedCidrs: ['10.0.0.0/17'] },
      'InvalidParameterCombination',
    );
  });

  it('F-ALLOC-06: PreviewNextCidr shows the next block and reserves nothing', async () => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, {}, '10.0.0.0/16');
    await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 });
    expect(
      cidrOf(
        await e.call('AllocateIpamPoolCidr', {
          IpamPoolId: poolId,
          NetmaskLength: 24,
          PreviewNextCidr: true,
        }),
      ),
    ).toBe('10.0.1.0/24');
    expect(
      cidrOf(
        await e.call('AllocateIpamPoolCidr', {
          IpamPoolId: poolId,
          NetmaskLength: 24,
          PreviewNextCidr: true,
        }),
      ),
    ).toBe('10.0.1.0/24');
    expect((await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations).toHaveLength(
      1,
    );
  });

  it('F-ALLOC-07/09: release of custom allocations, reuse delay, and the exact triple', async () => {
    const e = await env();
    const { poolId, scopeId } = await ipamWithPool(e, {}, '10.0.0.0/24');
    const a = (await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 25 }))
      .IpamPoolAllocation;
    await e.expectError(
      'ReleaseIpamPoolAllocation',
      { IpamPoolId: poolId, Cidr: '10.0.0.128/25', IpamPoolAllocationId: a.IpamPoolAllocationId },
      'InvalidIpamPoolAllocationId.NotFound',
    );
    await e.expectError(
      'ReleaseIpamPoolAllocation',
      { IpamPoolId: poolId, Cidr: a.Cidr, IpamPoolAllocationId: 'ipam-pool-alloc-0' },
      'InvalidIpamPoolAllocationId.NotFound',
    );
    await e.expectError(
      'ReleaseIpamPoolAllocation',
      { IpamPoolId: poolId, Cidr: a.Cidr },
      'MissingParameter',
    );
    expect(
      await e.call('ReleaseIpamPoolAllocation', {
        IpamPoolId: poolId,
        Cidr: a.Cidr,
        IpamPoolAllocationId: a.IpamPoolAllocationId,
      }),
    ).toEqual({ Success: true });
    expect((await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations).toEqual([]);
    expect(cidrOf(await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 25 }))).toBe(
      '10.0.0.128/25',
    );
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '10.0.0.0/26' },
      'InsufficientCidrBlocks',
    );
    e.clock.now += 5 * 60_000 - 1;
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 26 },
      'InsufficientCidrBlocks',
    );
    e.clock.now += 1;
    expect(cidrOf(await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 26 }))).toBe(
      '10.0.0.0/26',
    );
    const child = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
      })
    ).IpamPool;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: child.IpamPoolId, Cidr: '10.0.0.64/26' });
    const pa = (
      await e.call('GetIpamPoolAllocations', {
        IpamPoolId: poolId,
        Filters: [{ Name: 'resource-type', Values: ['ipam-pool'] }],
      })
    ).IpamPoolAllocations[0];
    await e.expectError(
      'ReleaseIpamPoolAllocation',
      { IpamPoolId: poolId, Cidr: pa.Cidr, IpamPoolAllocationId: pa.IpamPoolAllocationId },
      'OperationNotPermitted',
    );
  });

  it('F-ALLOC-09: the free tier keeps released space for 48 hours', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', { Tier: 'free' });
    const pool = (
      await e.call('CreateIpamPool', {
        IpamScopeId: Ipam.PublicDefaultScopeId,
        AddressFamily: 'ipv4',
        Locale: 'us-east-1',
      })
    ).IpamPool;
    await provisionByoip(e, pool.IpamPoolId, '198.51.100.0/24');
    const a = (await e.call('AllocateIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, NetmaskLength: 24 }))
      .IpamPoolAllocation;
    await e.call('ReleaseIpamPoolAllocation', {
      IpamPoolId: pool.IpamPoolId,
      Cidr: a.Cidr,
      IpamPoolAllocationId: a.IpamPoolAllocationId,
    });
    e.clock.now += 47 * 3_600_000;
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: pool.IpamPoolId, NetmaskLength: 24 },
      'InsufficientCidrBlocks',
    );
    e.clock.now += 3_600_000;
    expect(
      cidrOf(await e.call('AllocateIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, NetmaskLength: 24 })),
    ).toBe('198.51.100.0/24');
  });

  it('F-ALLOC-04 order: pool, region, provisioned space, family, netmask rules, then space', async () => {
    const e = await env();
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: 'ipam-pool-00000000000000bad', NetmaskLength: 64 },
      'InvalidIpamPoolId.NotFound',
    );
    const { scopeId, poolId } = await ipamWithPool(e, { AllocationMaxNetmaskLength: 24 }, '10.0.0.0/24');
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 24 },
      // F-RULE-06: not the owner and no share principal: the pool is unknown to this account.
      'InvalidIpamPoolId.NotFound',
      { accountId: OTHER_ACCOUNT },
    );
    const regional = (
      await e.call('CreateIpamPool', { IpamScopeId: scopeId, AddressFamily: 'ipv4', Locale: 'us-west-2' })
    ).IpamPool;
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: regional.IpamPoolId, NetmaskLength: 33 },
      'InvalidParameterValue',
    );
    expect(
      await e.expectError(
        'AllocateIpamPoolCidr',
        { IpamPoolId: regional.IpamPoolId, NetmaskLength: 24 },
        'InvalidParameterValue',
      ),
    ).toContain('locale');
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: regional.IpamPoolId, NetmaskLength: 24 },
      'InsufficientCidrBlocks',
      { region: 'us-west-2' },
    );
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '2001:db8::/64' },
      'InvalidParameterValue',
    );
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 23 },
      'InvalidParameterValue',
    );
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 26 },
      'InvalidParameterValue',
    );
    await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 });
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 24 },
      'InsufficientCidrBlocks',
    );
  });

  it('F-GEN-03: a ClientToken gives one allocation however often it is sent', async () => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, {}, '10.0.0.0/16');
    const first = await e.call('AllocateIpamPoolCidr', {
      IpamPoolId: poolId,
      NetmaskLength: 24,
      ClientToken: 'abc',
    });
    const again = await e.call('AllocateIpamPoolCidr', {
      IpamPoolId: poolId,
      NetmaskLength: 24,
      ClientToken: 'abc',
    });
    expect(again).toEqual(first);
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 25, ClientToken: 'abc' },
      'IdempotentParameterMismatch',
    );
    const other = await e.call('AllocateIpamPoolCidr', {
      IpamPoolId: poolId,
      NetmaskLength: 24,
      ClientToken: 'ABC',
    });
    expect(cidrOf(other)).toBe('10.0.1.0/24');
    expect((await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations).toHaveLength(
      2,
    );
  });

  it('F-ALLOC-10/11/12: lists per pool and per owner, filters, and description edits', async () => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, {}, '10.0.0.0/16');
    const a = (
      await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24, Description: 'x' })
    ).IpamPoolAllocation;
    const b = (await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, Cidr: '10.0.64.0/20' }))
      .IpamPoolAllocation;
    const list = (await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations.map(
      (x: { Cidr: string }) => x.Cidr,
    );
    expect(list).toEqual(['10.0.0.0/24', '10.0.64.0/20']);
    const one = await e.call('GetIpamPoolAllocations', {
      IpamPoolId: poolId,
      IpamPoolAllocationId: b.IpamPoolAllocationId,
    });
    expect(one.IpamPoolAllocations.map((x: { Cidr: string }) => x.Cidr)).toEqual(['10.0.64.0/20']);
    await e.expectError(
      'GetIpamPoolAllocations',
      { IpamPoolId: poolId, MaxResults: 10 },
      'InvalidParameterValue',
    );
    const mine = await e.call('DescribeIpamPoolAllocations', {
      IpamPoolAllocationIds: [a.IpamPoolAllocationId],
    });
    expect(mine.IpamPoolAllocations.map((x: { Cidr: string }) => x.Cidr)).toEqual(['10.0.0.0/24']);
    expect(
      (await e.call('DescribeIpamPoolAllocations', {}, { accountId: OTHER_ACCOUNT })).IpamPoolAllocations,
    ).toEqual([]);
    const edited = await e.call('ModifyIpamPoolAllocation', {
      IpamPoolAllocationId: a.IpamPoolAllocationId,
      Description: 'renamed',
    });
    expect(edited.IpamPoolAllocation.Description).toBe('renamed');
    const cleared = await e.call('ModifyIpamPoolAllocation', {
      IpamPoolAllocationId: a.IpamPoolAllocationId,
    });
    expect(cleared.IpamPoolAllocation.Description).toBeUndefined();
    await e.expectError(
      'ModifyIpamPoolAllocation',
      { IpamPoolAllocationId: 'ipam-pool-alloc-1234' },
      'InvalidIpamPoolAllocationId.NotFound',
    );
  });

  it("F-GEN-07: a locale-bound pool's allocations are made, listed and released in its locale region", async () => {
    const e = await env();
    const { poolId, scopeId } = await ipamWithPool(e, { Locale: 'us-west-2' }, '10.0.0.0/16');
    const west = { region: 'us-west-2' };
    const made = (await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 }, west))
      .IpamPoolAllocation;
    const wrongRegion =
      "The locale of the IPAM pool must be equal to the current region: the pool's locale is us-west-2, the request was made in us-east-1.";
    expect(
      await e.expectError('GetIpamPoolAllocations', { IpamPoolId: poolId }, 'InvalidParameterValue'),
    ).toBe(wrongRegion);
    const listed = (await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId }, west)).IpamPoolAllocations;
    expect(listed.map((a: { Cidr: string }) => a.Cidr)).toEqual(['10.0.0.0/24']);
    const release = {
      IpamPoolId: poolId,
      Cidr: made.Cidr,
      IpamPoolAllocationId: made.IpamPoolAllocationId,
    };
    expect(await e.expectError('ReleaseIpamPoolAllocation', release, 'InvalidParameterValue')).toBe(
      wrongRegion,
    );
    expect((await e.call('ReleaseIpamPoolAllocation', release, west)).Success).toBe(true);
    // A pool without a locale answers in any region.
    const anywhere = (await e.call('CreateIpamPool', { IpamScopeId: scopeId, AddressFamily: 'ipv4' }))
      .IpamPool.IpamPoolId;
    expect(
      (await e.call('GetIpamPoolAllocations', { IpamPoolId: anywhere }, west)).IpamPoolAllocations,
    ).toEqual([]);
  });

  it('F-RULE-04/05, F-ALLOC-13: resource allocations need the required tags and the pool locale', async () => {
    const e = await env();
    const { scopeId } = await ipamWithPool(e, {}, '');
    const pool = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        AddressFamily: 'ipv4',
        Locale: 'us-west-2',
        AllocationResourceTags: [{ Key: 'env', Value: 'prod' }],
      })
    ).IpamPool;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, Cidr: '10.0.0.0/16' });
    const vpc = (tags: { Key: string; Value: string }[], region = 'us-west-2') => ({
      ResourceType: 'vpc' as const,
      ResourceId: 'vpc-0abc',
      ResourceRegion: region,
      ResourceTags: tags,
    });
    const attempt = async (tags: { Key: string; Value: string }[], region?: string) => {
      try {
        return cidrOf(
          (await allocateIpamPoolCidr(
            e.deps,
            { ...e.caller, region: 'us-west-2' },
            { IpamPoolId: pool.IpamPoolId, NetmaskLength: 24 },
            vpc(tags, region),
          )) as { IpamPoolAllocation: { Cidr: string } },
        );
      } catch (err) {
        if (isAllotError(err)) return `${err.code}: ${err.message}`;
        throw err;
      }
    };
    expect(await attempt([])).toBe(
      'InvalidParameterValue: The resource is missing one or more of the resource tags required by the IPAM pool.',
    );
    expect(await attempt([{ Key: 'env', Value: 'prod' }], 'us-east-1')).toContain('locale is us-west-2');
    expect(await attempt([{ Key: 'env', Value: 'prod' }])).toBe('10.0.0.0/24');
    const listed = (
      await e.call('GetIpamPoolAllocations', { IpamPoolId: pool.IpamPoolId }, { region: 'us-west-2' })
    ).IpamPoolAllocations;
    expect(
      listed.map((x: Record<string, string>) => [
        x.Cidr,
        x.ResourceType,
        x.ResourceId,
        x.ResourceRegion,
        x.ResourceOwner,
      ]),
    ).toEqual([['10.0.0.0/24', 'vpc', 'vpc-0abc', 'us-west-2', ACCOUNT]]);
  });

  it('F-RULE-07: a child pool with no rules has no rules', async () => {
    const e = await env();
    const { scopeId, poolId } = await ipamWithPool(e, { AllocationMaxNetmaskLength: 16 });
    const child = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
      })
    ).IpamPool;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: child.IpamPoolId, Cidr: '10.0.0.0/16' });
    expect(
      cidrOf(await e.call('AllocateIpamPoolCidr', { IpamPoolId: child.IpamPoolId, NetmaskLength: 28 })),
    ).toBe('10.0.0.0/28');
  });

  it('IPv6: /64s from a /56 pool and a netmask too large for the pool', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const pool = (
      await e.call('CreateIpamPool', { IpamScopeId: Ipam.PrivateDefaultScopeId, AddressFamily: 'ipv6' })
    ).IpamPool;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, Cidr: 'fd12:3456:789a::/56' });
    const got = [];
    for (let i = 0; i < 3; i++)
      got.push(
        cidrOf(await e.call('AllocateIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, NetmaskLength: 64 })),
      );
    expect(got).toEqual(['fd12:3456:789a::/64', 'fd12:3456:789a:1::/64', 'fd12:3456:789a:2::/64']);
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: pool.IpamPoolId, NetmaskLength: 48 },
      'InvalidParameterValue',
    );
  });
});
