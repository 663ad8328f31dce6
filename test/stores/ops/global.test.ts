/**
 * Global-services (CloudFront) pools and anycast IP lists (F-GLOBAL-01..07, §20 item 9), and what a
 * public pool inherits from its source (advertisability, B6-04), on both stores. Every refused
 * request is checked for what it left: no pool, no list, no allocation.
 */
import { describe, expect, it } from 'vitest';
import type { PublicSpaceEvent } from '../../../core/ports';
import { emptyReadsCycle } from '../../helpers/cycle';
import { type Env, makeEnv } from '../../helpers/env';
import { provisionByoip } from '../../helpers/proof';
import { storeFactories } from '../../helpers/stores';

const V4 = '130.137.245.0/24';
const V6 = '2605:9cc0:409::/48';

describe.each(storeFactories())('global pools and anycast IP lists (%s store)', (_name, makeStore) => {
  /** An IPAM with a proven top-level BYOIP pool per family and a global pool under each, provisioned. */
  const setUp = async () => {
    const e = makeEnv(await makeStore());
    const events: PublicSpaceEvent[] = [];
    e.deps.events = { emit: async (ev) => void events.push(ev) };
    const { Ipam } = await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
    const scope = Ipam.PublicDefaultScopeId as string;
    const pool = async (input: object) =>
      (await e.call('CreateIpamPool', { IpamScopeId: scope, ...input })).IpamPool;
    const top4 = (await pool({ AddressFamily: 'ipv4' })).IpamPoolId as string;
    const top6 = (await pool({ AddressFamily: 'ipv6' })).IpamPoolId as string;
    await provisionByoip(e, top4, V4);
    await provisionByoip(e, top6, V6);
    const global = (family: string, source: string) =>
      pool({
        AddressFamily: family,
        SourceIpamPoolId: source,
        Locale: 'None',
        AwsService: 'global-services',
      });
    const g4 = await global('ipv4', top4);
    const g6 = await global('ipv6', top6);
    return { e, events, scope, pool, top4, top6, g4, g6 };
  };
  const allocations = async (e: Env, poolId: string) =>
    (await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations.map(
      (a: Record<string, string>) => [a.Cidr, a.ResourceType, a.ResourceId],
    );
  const lists = async (e: Env) => (await e.call('ListAnycastIpLists', {})).AnycastIpLists.Items;
  const config = (Cidr: string, pool: { IpamPoolArn: string }) => ({ Cidr, IpamPoolArn: pool.IpamPoolArn });

  it('a global pool: Locale None or Global shown as Global, BYOIP under a top-level pool; separate families', async () => {
    const { e, scope, top4, g4, g6, pool } = await setUp();
    expect(g4).toMatchObject({
      AwsService: 'global-services',
      Locale: 'Global',
      PoolDepth: 2,
      PublicIpSource: 'byoip',
    });
    expect(g6).toMatchObject({ AwsService: 'global-services', Locale: 'Global', PubliclyAdvertisable: true });
    expect(
      (
        await pool({
          AddressFamily: 'ipv4',
          SourceIpamPoolId: top4,
          Locale: 'Global',
          AwsService: 'global-services',
        })
      ).Locale,
    ).toBe('Global');
    const refused = async (input: object, code: string) => {
      const before = (await e.call('DescribeIpamPools', {})).IpamPools.length;
      await e.expectError('CreateIpamPool', { IpamScopeId: scope, AddressFamily: 'ipv4', ...input }, code);
      expect((await e.call('DescribeIpamPools', {})).IpamPools.length).toBe(before);
    };
    const glob = { AwsService: 'global-services' };
    await refused({ ...glob, SourceIpamPoolId: top4, Locale: 'us-west-2' }, 'InvalidParameterCombination');
    await refused({ ...glob }, 'InvalidParameterCombination');
    await refused(
      { ...glob, SourceIpamPoolId: top4, PublicIpSource: 'amazon' },
      'InvalidParameterCombination',
    );
    await refused({ SourceIpamPoolId: g4.IpamPoolId, AwsService: 'ec2' }, 'InvalidParameterCombination');
    await refused({ SourceIpamPoolId: g6.IpamPoolId, ...glob }, 'InvalidParameterCombination'); // family
    await refused({ AwsService: 'cloudfront' }, 'InvalidParameterValue');
  });

  it('the full /24 and /48 go to the global pool: a /25 or /49 is refused, and custom allocations too', async () => {
    const { e, g4, g6 } = await setUp();
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: g4.IpamPoolId, Cidr: '130.137.245.0/25' },
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: g6.IpamPoolId, Cidr: '2605:9cc0:409::/49' },
      'InvalidParameterValue',
    );
    expect((await e.call('GetIpamPoolCidrs', { IpamPoolId: g4.IpamPoolId })).IpamPoolCidrs).toEqual([]);
    const provisioned = await e.call('ProvisionIpamPoolCidr', { IpamPoolId: g4.IpamPoolId, Cidr: V4 });
    expect(provisioned.IpamPoolCidr).toMatchObject({ Cidr: V4, State: 'provisioned' });
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: g4.IpamPoolId, NetmaskLength: 32 },
      'OperationNotPermitted',
    );
    expect(await allocations(e, g4.IpamPoolId)).toEqual([]);
  });

  it('an anycast IP list takes 3 addresses per family from the global pools, each its own allocation', async () => {
    const { e, g4, g6 } = await setUp();
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: g4.IpamPoolId, Cidr: V4 });
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: g6.IpamPoolId, Cidr: V6 });
    const { AnycastIpList: list, ETag } = await e.call('CreateAnycastIpList', {
      Name: 'cdn-list',
      IpCount: 3,
      IpAddressType: 'dualstack',
      IpamCidrConfigs: [config(V4, g4), config(V6, g6)],
      Tags: { Items: [{ Key: 'team', Value: 'edge' }] },
    });
    expect(list).toEqual({
      Id: expect.stringMatching(/^aip_[0-9a-f]{22}$/),
      Arn: `arn:aws:cloudfront::${e.caller.accountId}:anycast-ip-list/${list.Id}`,
      Name: 'cdn-list',
      Status: 'Deployed',
      IpCount: 3,
      IpAddressType: 'dualstack',
      AnycastIps: [
        '130.137.245.0',
        '130.137.245.1',
        '130.137.245.2',
        '2605:9cc0:409::',
        '2605:9cc0:409::1',
        '2605:9cc0:409::2',
      ],
      IpamCidrConfigs: [
        { Cidr: V4, IpamPoolArn: g4.IpamPoolArn, AnycastIp: '130.137.245.0', Status: 'Deployed' },
        { Cidr: V6, IpamPoolArn: g6.IpamPoolArn, AnycastIp: '2605:9cc0:409::', Status: 'Deployed' },
      ],
      LastModifiedTime: new Date(e.clock.now).toISOString(),
    });
    expect(ETag).toBe('E2');
    expect(await allocations(e, g4.IpamPoolId)).toEqual(
      ['130.137.245.0/32', '130.137.245.1/32', '130.137.245.2/32'].map((c) => [
        c,
        'anycast-ip-list',
        list.Id,
      ]),
    );
    expect((await allocations(e, g6.IpamPoolId)).map((a: string[]) => a[0])).toEqual([
      '2605:9cc0:409::/128',
      '2605:9cc0:409::1/128',
      '2605:9cc0:409::2/128',
    ]);
    expect(await e.call('GetAnycastIpList', { Id: list.Id })).toEqual({ AnycastIpList: list, ETag: 'E2' });
    expect(await lists(e)).toEqual([list]);
    // Another account is told it does not exist, exactly as for an id that never did.
    const stranger = { accountId: '444455556666' };
    await e.expectError('GetAnycastIpList', { Id: list.Id }, 'InvalidAnycastIpListId.NotFound', stranger);
    await e.expectError('DeleteAnycastIpList', { Id: list.Id }, 'InvalidAnycastIpListId.NotFound', stranger);
    expect((await e.call('ListAnycastIpLists', {}, stranger)).AnycastIpLists.Items).toEqual([]);
    // F-GLOBAL-07: the CIDR stays while the list holds addresses; deleting the list frees them.
    await e.expectError('DeprovisionIpamPoolCidr', { IpamPoolId: g4.IpamPoolId, Cidr: V4 }, 'IncorrectState');
    await e.expectError('DeleteAnycastIpList', { Id: list.Id, IfMatch: 'E1' }, 'InvalidParameterValue');
    expect(await e.call('DeleteAnycastIpList', { Id: list.Id, IfMatch: 'E2' })).toEqual({});
    expect([
      await allocations(e, g4.IpamPoolId),
      await allocations(e, g6.IpamPoolId),
      await lists(e),
    ]).toEqual([[], [], []]);
    await e.expectError('GetAnycastIpList', { Id: list.Id }, 'InvalidAnycastIpListId.NotFound');
    await e.expectError('DeleteAnycastIpList', { Id: list.Id }, 'InvalidAnycastIpListId.NotFound');
    const gone = await e.call('DeprovisionIpamPoolCidr', { IpamPoolId: g4.IpamPoolId, Cidr: V4 });
    expect(gone.IpamPoolCidr.Cidr).toBe(V4);
  });

  it('F-GLOBAL-04: the IPv4 addresses of a list are public IP insights of type anycast-ip-list-ip', async () => {
    const { e, g4 } = await setUp();
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: g4.IpamPoolId, Cidr: V4 });
    const { AnycastIpList: list } = await e.call('CreateAnycastIpList', {
      Name: 'cdn-list',
      IpCount: 3,
      IpAddressType: 'ipv4',
      IpamCidrConfigs: [config(V4, g4)],
    });
    await emptyReadsCycle(e);
    const { Ipams } = await e.call('DescribeIpams', {});
    const seen = async (AddressRegion: string) =>
      (
        await e.call('GetIpamDiscoveredPublicAddresses', {
          IpamResourceDiscoveryId: Ipams[0].DefaultResourceDiscoveryId,
          AddressRegion,
        })
      ).IpamDiscoveredPublicAddresses.map((a: Record<string, string>) => [
        a.Address,
        a.AddressType,
        a.Service,
        a.ServiceResource,
      ]);
    expect(await seen('us-east-1')).toEqual(
      ['130.137.245.0', '130.137.245.1', '130.137.245.2'].map((ip) => [
        ip,
        'anycast-ip-list-ip',
        'cloudfront',
        list.Arn,
      ]),
    );
    expect(await seen('us-west-2')).toEqual([]);
  });

  it('bad input on every anycast action: an EC2 code, and nothing written', async () => {
    const { e, top4, g4, g6, pool } = await setUp();
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: g4.IpamPoolId, Cidr: V4 });
    const regional = await pool({ AddressFamily: 'ipv4', SourceIpamPoolId: top4, Locale: 'us-west-2' });
    const base = { Name: 'l', IpCount: 3, IpamCidrConfigs: [config(V4, g4)] };
    const other = { IpamPoolArn: g4.IpamPoolArn.replace(g4.IpamPoolId, 'ipam-pool-0123456789abcdef0') };
    const cases: [object, string][] = [
      [{ ...base, Name: undefined }, 'MissingParameter'],
      [{ ...base, Name: 'a b' }, 'InvalidParameterValue'],
      [{ ...base, IpCount: undefined }, 'MissingParameter'],
      [{ ...base, IpCount: 21 }, 'InvalidParameterValue'],
      [{ ...base, IpamCidrConfigs: [] }, 'MissingParameter'],
      [{ ...base, IpamCidrConfigs: [{ Cidr: V4 }] }, 'MissingParameter'],
      [{ ...base, IpamCidrConfigs: [{ Cidr: 'x', IpamPoolArn: g4.IpamPoolArn }] }, 'InvalidParameterValue'],
      [{ ...base, IpamCidrConfigs: [config(V4, g4), config(V4, g4)] }, 'InvalidParameterCombination'],
      [{ ...base, IpAddressType: 'ipv6' }, 'InvalidParameterCombination'],
      [
        { ...base, IpamCidrConfigs: [{ Cidr: V4, IpamPoolArn: 'arn:aws:ec2::1:vpc/vpc-1' }] },
        'InvalidParameterValue',
      ],
      [{ ...base, IpamCidrConfigs: [{ Cidr: V4, ...other }] }, 'InvalidIpamPoolId.NotFound'],
      [
        {
          ...base,
          IpamCidrConfigs: [
            { Cidr: V4, IpamPoolArn: g4.IpamPoolArn.replace(e.caller.accountId, '000000000000') },
          ],
        },
        'InvalidIpamPoolId.NotFound',
      ],
      [{ ...base, IpamCidrConfigs: [config(V4, regional)] }, 'InvalidParameterValue'],
      [{ ...base, IpamCidrConfigs: [config('130.137.245.0/25', g4)] }, 'InvalidParameterValue'],
      [{ ...base, IpamCidrConfigs: [config(V6, g6)] }, 'InvalidParameterValue'], // not provisioned
      [{ ...base, Tags: { Items: [{ Key: 'aws:x', Value: 'y' }] } }, 'InvalidParameterValue'],
    ];
    for (const [input, code] of cases) await e.expectError('CreateAnycastIpList', input, code);
    // Another account sees neither the pool nor the lists.
    await e.expectError('CreateAnycastIpList', base, 'InvalidIpamPoolId.NotFound', {
      accountId: '444455556666',
    });
    await e.expectError('GetAnycastIpList', {}, 'MissingParameter');
    await e.expectError('GetAnycastIpList', { Id: 'aip_nope' }, 'InvalidAnycastIpListId.NotFound');
    await e.expectError('DeleteAnycastIpList', {}, 'MissingParameter');
    await e.expectError('ListAnycastIpLists', { MaxItems: 0 }, 'InvalidParameterValue');
    expect([await lists(e), await allocations(e, g4.IpamPoolId)]).toEqual([[], []]);
  });

  it('a list that cannot get all its addresses gives back the ones it took and is not kept', async () => {
    const { e, g4, pool, scope } = await setUp();
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: g4.IpamPoolId, Cidr: V4 });
    // Below the global pool more specific ranges are allowed: a /31 holds two addresses only.
    const small = await pool({ AddressFamily: 'ipv4', SourceIpamPoolId: g4.IpamPoolId, IpamScopeId: scope });
    expect(small).toMatchObject({ AwsService: 'global-services', PoolDepth: 3 });
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: small.IpamPoolId, Cidr: '130.137.245.0/31' });
    const input = { Name: 'l', IpCount: 3, IpamCidrConfigs: [config('130.137.245.0/31', small)] };
    await e.expectError('CreateAnycastIpList', input, 'InsufficientCidrBlocks');
    expect([await lists(e), await allocations(e, small.IpamPoolId)]).toEqual([[], []]);
    // Never used, so not held in the reuse delay (which would count as assigned).
    const { Pools } = await e.call('GetIpamMetrics', { IpamScopeId: scope });
    expect(Pools.find((p: { IpamPoolId: string }) => p.IpamPoolId === small.IpamPoolId).PercentAssigned).toBe(
      0,
    );
  });

  it('lists created at once each get their own addresses: no address twice, none lost', async () => {
    const { e, g4 } = await setUp();
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: g4.IpamPoolId, Cidr: V4 });
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        e.call('CreateAnycastIpList', { Name: `l${i}`, IpCount: 3, IpamCidrConfigs: [config(V4, g4)] }),
      ),
    );
    const ips = made.flatMap((m) => m.AnycastIpList.AnycastIps as string[]);
    const expected = Array.from({ length: 24 }, (_, i) => `130.137.245.${i}`);
    expect([...ips].sort((a, b) => Number(a.split('.')[3]) - Number(b.split('.')[3]))).toEqual(expected);
    const held = await allocations(e, g4.IpamPoolId);
    expect(held.map((a: string[]) => a[0])).toEqual(expected.map((ip) => `${ip}/32`));
    expect((await lists(e)).length).toBe(8);
  });

  it('global CIDRs are listed and advertised anycast in the IPAM home region', async () => {
    const { e, events, g4 } = await setUp();
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: g4.IpamPoolId, Cidr: V4 });
    const west = (await e.call('DescribeByoipCidrs', { MaxResults: 10 }, { region: 'us-west-2' })).ByoipCidrs;
    expect(west).toEqual([]);
    const { ByoipCidr } = await e.call('AdvertiseByoipCidr', { Cidr: V4 });
    expect(ByoipCidr).toMatchObject({ Cidr: V4, State: 'advertised', AdvertisementType: 'anycast' });
    expect(events.map((ev) => [ev.type, ev.cidr, ev.advertisementType])).toEqual([
      ['byoip-cidr-advertised', V4, 'anycast'],
    ]);
    const home = (await e.call('DescribeByoipCidrs', { MaxResults: 10 })).ByoipCidrs;
    expect(home.map((c: Record<string, string>) => [c.Cidr, c.State, c.AdvertisementType])).toEqual([
      [V4, 'advertised', 'anycast'],
    ]);
    expect((await e.call('WithdrawByoipCidr', { Cidr: V4 })).ByoipCidr.State).toBe('provisioned');
  });

  it('B6-03/04: a regional IPv6 pool inherits advertisability; its floor is /48 or /60 accordingly', async () => {
    const { e, pool, scope } = await setUp();
    const quietTop = (await pool({ AddressFamily: 'ipv6', PubliclyAdvertisable: false })).IpamPoolId;
    await provisionByoip(e, quietTop, '2605:9cc0:500::/48');
    const regional = await pool({ AddressFamily: 'ipv6', SourceIpamPoolId: quietTop, Locale: 'us-west-2' });
    expect(regional).toMatchObject({ PubliclyAdvertisable: false, PoolDepth: 2 });
    await e.expectError(
      'CreateIpamPool',
      {
        IpamScopeId: scope,
        AddressFamily: 'ipv6',
        SourceIpamPoolId: quietTop,
        Locale: 'us-west-2',
        PubliclyAdvertisable: true,
      },
      'InvalidParameterCombination',
    );
    const provision = (Cidr: string) => ({ IpamPoolId: regional.IpamPoolId, Cidr });
    await e.expectError('ProvisionIpamPoolCidr', provision('2605:9cc0:500:10::/61'), 'InvalidParameterValue');
    expect((await e.call('ProvisionIpamPoolCidr', provision('2605:9cc0:500::/60'))).IpamPoolCidr.State).toBe(
      'provisioned',
    );
    const top6 = (await pool({ AddressFamily: 'ipv6' })).IpamPoolId;
    await provisionByoip(e, top6, '2605:9cc0:600::/48');
    const loud = (await pool({ AddressFamily: 'ipv6', SourceIpamPoolId: top6, Locale: 'us-west-2' }))
      .IpamPoolId;
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: loud, Cidr: '2605:9cc0:600::/56' },
      'InvalidParameterValue',
    );
  });
});
