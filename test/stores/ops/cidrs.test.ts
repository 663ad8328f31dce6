import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/ports';
import { ipamWithPool, makeEnv } from '../../helpers/env';
import { provisionByoip } from '../../helpers/proof';
import { storeFactories } from '../../helpers/stores';

describe.each(storeFactories())('provisioned CIDRs (%s store)', (_name, makeStore) => {
  const env = async () => makeEnv(await makeStore());
  const cidrs = async (e: Awaited<ReturnType<typeof env>>, poolId: string) =>
    (await e.call('GetIpamPoolCidrs', { IpamPoolId: poolId })).IpamPoolCidrs.map(
      (c: { Cidr: string; State: string }) => `${c.Cidr} ${c.State}`,
    );

  it('F-PCIDR-01/03: explicit CIDR for a top-level IPv4 pool; top-level pools of a scope never overlap', async () => {
    const e = await env();
    const { scopeId, poolId } = await ipamWithPool(e, {}, '');
    const res = await e.call('ProvisionIpamPoolCidr', { IpamPoolId: poolId, Cidr: '10.0.0.0/8' });
    expect(res.IpamPoolCidr).toEqual({
      Cidr: '10.0.0.0/8',
      State: 'provisioned',
      IpamPoolCidrId: 'ipam-pool-cidr-00000000000000000000000000000001',
      NetmaskLength: 8,
    });
    const other = (await e.call('CreateIpamPool', { IpamScopeId: scopeId, AddressFamily: 'ipv4' })).IpamPool;
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: other.IpamPoolId, Cidr: '10.20.0.0/16' },
      'InsufficientCidrBlocks',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: other.IpamPoolId, Cidr: '0.0.0.0/0' },
      'InsufficientCidrBlocks',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: other.IpamPoolId, NetmaskLength: 16 },
      'InvalidParameterCombination',
    );
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: other.IpamPoolId, Cidr: '172.16.0.0/12' });
    expect(await cidrs(e, other.IpamPoolId)).toEqual(['172.16.0.0/12 provisioned']);
  });

  it.each([
    [{ Cidr: '10.0.0.1/8' }, 'InvalidParameterValue'],
    [{ Cidr: '2001:db8::/32' }, 'InvalidParameterValue'],
    [{ Cidr: '10.0.0.0/8', NetmaskLength: 8 }, 'InvalidParameterCombination'],
    [{}, 'MissingParameter'],
    [{ IpamPoolId: 'ipam-pool-0000000000000beef', Cidr: '10.0.0.0/8' }, 'InvalidIpamPoolId.NotFound'],
  ])('F-PCIDR-01 validation: %j → %s', async (input, code) => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, {}, '');
    await e.expectError('ProvisionIpamPoolCidr', { IpamPoolId: poolId, ...input }, code);
  });

  it('F-PCIDR-04: child pools take space from the parent as ipam-pool allocations, by CIDR or netmask', async () => {
    const e = await env();
    const { scopeId, poolId } = await ipamWithPool(e);
    const child = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
        Locale: 'us-east-1',
      })
    ).IpamPool;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: child.IpamPoolId, Cidr: '10.0.0.0/16' });
    const byMask = await e.call('ProvisionIpamPoolCidr', { IpamPoolId: child.IpamPoolId, NetmaskLength: 16 });
    expect(byMask.IpamPoolCidr.Cidr).toBe('10.1.0.0/16');
    const allocs = (await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations;
    expect(
      allocs.map((a: Record<string, string>) => [a.Cidr, a.ResourceType, a.ResourceId, a.ResourceRegion]),
    ).toEqual([
      // EC2 shows a child pool's allocation without a region, whatever the child's locale.
      ['10.0.0.0/16', 'ipam-pool', child.IpamPoolId, undefined],
      ['10.1.0.0/16', 'ipam-pool', child.IpamPoolId, undefined],
    ]);
    const sibling = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
      })
    ).IpamPool;
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: sibling.IpamPoolId, Cidr: '10.0.0.0/16' },
      'InsufficientCidrBlocks',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: sibling.IpamPoolId, Cidr: '11.0.0.0/16' },
      'InsufficientCidrBlocks',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: sibling.IpamPoolId, NetmaskLength: 7 },
      'InvalidParameterValue',
    );
  });

  it('F-RULE-07: the parent netmask rules apply to child-pool provisioning', async () => {
    const e = await env();
    const { scopeId, poolId } = await ipamWithPool(e, { AllocationMinNetmaskLength: 16 });
    const child = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
      })
    ).IpamPool;
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: child.IpamPoolId, Cidr: '10.0.0.0/15' },
      'InvalidParameterValue',
    );
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: child.IpamPoolId, Cidr: '10.0.0.0/16' });
  });

  it('F-PCIDR-08: deprovision refuses CIDRs holding allocations and returns child space to the parent', async () => {
    const e = await env();
    const { scopeId, poolId } = await ipamWithPool(e);
    const child = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
      })
    ).IpamPool;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: child.IpamPoolId, Cidr: '10.0.0.0/16' });
    const a = (await e.call('AllocateIpamPoolCidr', { IpamPoolId: child.IpamPoolId, NetmaskLength: 24 }))
      .IpamPoolAllocation;
    await e.expectError(
      'DeprovisionIpamPoolCidr',
      { IpamPoolId: child.IpamPoolId, Cidr: '10.0.0.0/16' },
      'IncorrectState',
    );
    await e.expectError(
      'DeprovisionIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '10.0.0.0/8' },
      'IncorrectState',
    );
    await e.call('ReleaseIpamPoolAllocation', {
      IpamPoolId: child.IpamPoolId,
      Cidr: a.Cidr,
      IpamPoolAllocationId: a.IpamPoolAllocationId,
    });
    const res = await e.call('DeprovisionIpamPoolCidr', {
      IpamPoolId: child.IpamPoolId,
      Cidr: '10.0.0.0/16',
    });
    expect([res.IpamPoolCidr.Cidr, res.IpamPoolCidr.State]).toEqual(['10.0.0.0/16', 'deprovisioned']);
    expect((await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations).toEqual([]);
    // F-PCIDR-02: listed as deprovisioned for a day, so polling loops end; then gone.
    expect(await cidrs(e, child.IpamPoolId)).toEqual(['10.0.0.0/16 deprovisioned']);
    e.clock.now += e.deps.config.pastCidrTtlMs;
    expect(await cidrs(e, child.IpamPoolId)).toEqual([]);
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: child.IpamPoolId, NetmaskLength: 24 },
      'InsufficientCidrBlocks',
    );
    const back = await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, Cidr: '10.0.0.0/16' });
    expect(back.IpamPoolAllocation.Cidr).toBe('10.0.0.0/16');
    await e.expectError(
      'DeprovisionIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '192.168.0.0/16' },
      'InvalidParameterValue',
    );
    await e.expectError('DeprovisionIpamPoolCidr', { IpamPoolId: poolId }, 'MissingParameter');
  });

  it('F-PCIDR-10: CIDRs per pool are limited', async () => {
    const e = makeEnv(await makeStore(), {
      quotas: {
        ...defaultConfig().quotas,
        ipamsPerRegion: 1,
        scopesPerIpam: 5,
        poolsPerScope: 50,
        poolDepth: 10,
        cidrsPerPool: 2,
        amazonIpv6BlocksPerPool: 1,
      },
    });
    const { poolId } = await ipamWithPool(e, {}, '10.0.0.0/16');
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: poolId, Cidr: '10.1.0.0/16' });
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '10.2.0.0/16' },
      'ResourceLimitExceeded',
    );
  });

  it('F-V6-02/03: private IPv6 takes ULA by netmask from fd80::/9, explicit valid ULA, and GUA only once enabled', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const pool = (
      await e.call('CreateIpamPool', { IpamScopeId: Ipam.PrivateDefaultScopeId, AddressFamily: 'ipv6' })
    ).IpamPool;
    expect(
      (await e.call('ProvisionIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, NetmaskLength: 48 })).IpamPoolCidr
        .Cidr,
    ).toBe('fd80::/48');
    expect(
      (await e.call('ProvisionIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, NetmaskLength: 48 })).IpamPoolCidr
        .Cidr,
    ).toBe('fd80:0:1::/48');
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, Cidr: 'fd12:3456::/32' });
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: pool.IpamPoolId, Cidr: 'fd00:1::/32' },
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: pool.IpamPoolId, Cidr: 'fc00::/8' },
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: pool.IpamPoolId, Cidr: 'fd12::/64' },
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: pool.IpamPoolId, NetmaskLength: 64 },
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: pool.IpamPoolId, Cidr: '2001:db8::/48' },
      'InvalidParameterValue',
    );
    await e.call('ModifyIpam', { IpamId: Ipam.IpamId, EnablePrivateGua: true });
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, Cidr: '2001:db8::/48' });
    await e.expectError('ModifyIpam', { IpamId: Ipam.IpamId, EnablePrivateGua: false }, 'IncorrectState');
  });

  it('F-PCIDR-05/06: public pools take BYOIP by CIDR and Amazon-provided space by netmask only when configured', async () => {
    const e = makeEnv(await makeStore(), { amazonSupply: { 'us-east-1': ['2600:1f00::/40'] } });
    const { Ipam } = await e.call('CreateIpam', {});
    const byoip = (
      await e.call('CreateIpamPool', { IpamScopeId: Ipam.PublicDefaultScopeId, AddressFamily: 'ipv4' })
    ).IpamPool;
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: byoip.IpamPoolId, NetmaskLength: 24 },
      'InvalidParameterCombination',
    );
    await provisionByoip(e, byoip.IpamPoolId, '198.51.100.0/24');
    const amazon = (
      await e.call('CreateIpamPool', {
        IpamScopeId: Ipam.PublicDefaultScopeId,
        AddressFamily: 'ipv6',
        PublicIpSource: 'amazon',
        Locale: 'us-east-1',
      })
    ).IpamPool;
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: amazon.IpamPoolId, Cidr: '2600:1f00::/52' },
      'InvalidParameterCombination',
    );
    expect(
      (await e.call('ProvisionIpamPoolCidr', { IpamPoolId: amazon.IpamPoolId, NetmaskLength: 52 }))
        .IpamPoolCidr.Cidr,
    ).toBe('2600:1f00::/52');
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: amazon.IpamPoolId, NetmaskLength: 52 },
      'ResourceLimitExceeded',
    );
    const noLocale = (
      await e.call('CreateIpamPool', {
        IpamScopeId: Ipam.PublicDefaultScopeId,
        AddressFamily: 'ipv6',
        PublicIpSource: 'amazon',
      })
    ).IpamPool;
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: noLocale.IpamPoolId, NetmaskLength: 52 },
      'InvalidParameterValue',
    );
  });

  it('F-EIP-04, F-TUT-EIP-04: Amazon-provided contiguous IPv4 blocks are /29 or /30, two per pool', async () => {
    const e = makeEnv(await makeStore(), {
      amazonSupply: { 'us-east-1': ['18.97.0.0/24', '2600:1f00::/40'] },
    });
    const { Ipam } = await e.call('CreateIpam', {});
    const pool = async (AddressFamily: string) =>
      (
        await e.call('CreateIpamPool', {
          IpamScopeId: Ipam.PublicDefaultScopeId,
          AddressFamily,
          Locale: 'us-east-1',
          AwsService: 'ec2',
          PublicIpSource: 'amazon',
        })
      ).IpamPool.IpamPoolId as string;
    const v4 = await pool('ipv4');
    for (const n of [28, 31])
      await e.expectError(
        'ProvisionIpamPoolCidr',
        { IpamPoolId: v4, NetmaskLength: n },
        'InvalidParameterValue',
      );
    // The answer comes before the block is picked: no Cidr yet; it shows once the CIDR settles.
    const res = await e.call('ProvisionIpamPoolCidr', { IpamPoolId: v4, NetmaskLength: 29 });
    expect(res.IpamPoolCidr).toEqual({
      IpamPoolCidrId: expect.stringMatching(/^ipam-pool-cidr-/),
      NetmaskLength: 29,
      State: 'pending-provision',
    });
    // Pending blocks count against the two allowed.
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: v4, NetmaskLength: 30 });
    expect(
      await e.expectError(
        'ProvisionIpamPoolCidr',
        { IpamPoolId: v4, NetmaskLength: 30 },
        'ResourceLimitExceeded',
      ),
    ).toMatch(/limit-exceeded/);
    e.clock.now += e.deps.config.provisionSettleMs;
    const { IpamPoolCidrs } = await e.call('GetIpamPoolCidrs', { IpamPoolId: v4 });
    expect(IpamPoolCidrs.map((c: Record<string, string>) => [c.Cidr, c.State, c.NetmaskLength])).toEqual([
      ['18.97.0.0/29', 'provisioned', 29],
      ['18.97.0.8/30', 'provisioned', 30],
    ]);
    const v6 = await pool('ipv6');
    for (const n of [39, 53])
      await e.expectError(
        'ProvisionIpamPoolCidr',
        { IpamPoolId: v6, NetmaskLength: n },
        'InvalidParameterValue',
      );
  });
});
