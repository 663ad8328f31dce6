/**
 * Plain EC2 BYOIP and its move into IPAM (F-XFER-01..06, F-TUT-XFER-07/08 negatives), on both
 * stores: the owner (OTHER_ACCOUNT, in OU d) holds 130.137.249.0/24 in a public IPv4 pool of
 * us-west-2; the IPAM account (the delegated admin) shares a top-level pool with it.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT, type Env, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { orgWithTree } from '../../helpers/org';
import { proofOf, rdapRecord, signed } from '../../helpers/proof';
import { storeFactories } from '../../helpers/stores';

const CIDR = '130.137.249.0/24';
const owner = { accountId: OTHER_ACCOUNT, region: 'us-west-2' };
const IMPORT = 'arn:aws:ram::aws:permission/AWSRAMPermissionIpamPoolByoipCidrImport';
const DEFAULT = 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionsIpamPool';

describe.each(storeFactories())('BYOIP transfer into IPAM (%s store)', (_name, makeStore) => {
  const setUp = async (permission = IMPORT) => {
    const e = makeEnv(await makeStore());
    await orgWithTree(e, { delegate: true });
    proofOf(e).rdap.set(`ip/${CIDR}`, rdapRecord(CIDR));
    const byoip = await e.call(
      'ProvisionByoipCidr',
      { Cidr: CIDR, CidrAuthorizationContext: signed(OTHER_ACCOUNT, CIDR) },
      owner,
    );
    expect(byoip.ByoipCidr).toMatchObject({ Cidr: CIDR, State: 'pending-provision' });
    const { Ipam } = await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
    const pool = async (extra: object) =>
      (
        await e.call('CreateIpamPool', {
          IpamScopeId: Ipam.PublicDefaultScopeId,
          AddressFamily: 'ipv4',
          AwsService: 'ec2',
          ...extra,
        })
      ).IpamPool;
    const top = await pool({ Locale: 'us-west-2' });
    await e.call('CreateResourceShare', {
      name: 'PoolShare2',
      resourceArns: [top.IpamPoolArn],
      principals: [OTHER_ACCOUNT],
      permissionArns: [permission],
    });
    return { e, top, pool };
  };
  const move = (e: Env, poolId: string, cidr = CIDR) =>
    e.call('MoveByoipCidrToIpam', { Cidr: cidr, IpamPoolId: poolId, IpamPoolOwner: ACCOUNT }, owner);

  it('F-XFER-05/06: pending-transfer, then complete-transfer; the pool holds the CIDR and its allocation', async () => {
    const { e, top } = await setUp();
    const { PublicIpv4Pools } = await e.call('DescribePublicIpv4Pools', {}, owner);
    const poolId = PublicIpv4Pools[0].PoolId;
    expect(PublicIpv4Pools[0]).toMatchObject({ TotalAddressCount: 256, TotalAvailableAddressCount: 256 });
    expect((await e.call('DescribeByoipCidrs', { MaxResults: 10 }, owner)).ByoipCidrs).toEqual([
      expect.objectContaining({ Cidr: CIDR, State: 'provisioned' }),
    ]);
    expect((await move(e, top.IpamPoolId)).ByoipCidr).toEqual({ Cidr: CIDR, State: 'pending-transfer' });
    expect((await move(e, top.IpamPoolId)).ByoipCidr).toEqual({ Cidr: CIDR, State: 'complete-transfer' });
    const cidrs = await e.call('GetIpamPoolCidrs', { IpamPoolId: top.IpamPoolId }, { region: 'us-west-2' });
    expect(cidrs.IpamPoolCidrs.map((c: Record<string, string>) => [c.Cidr, c.State])).toEqual([
      [CIDR, 'provisioned'],
    ]);
    const { IpamPoolAllocations } = await e.call(
      'GetIpamPoolAllocations',
      { IpamPoolId: top.IpamPoolId },
      { region: 'us-west-2' },
    );
    expect(
      IpamPoolAllocations.map((a: Record<string, string>) => [
        a.Cidr,
        a.ResourceId,
        a.ResourceType,
        a.ResourceOwner,
      ]),
    ).toEqual([[CIDR, poolId, 'ec2-public-ipv4-pool', OTHER_ACCOUNT]]);
    // Existing addresses keep working: the owner still takes EIPs from its pool.
    expect((await e.call('AllocateAddress', { PublicIpv4Pool: poolId }, owner)).PublicIp).toBe(
      '130.137.249.0',
    );
  });

  it('F-TUT-XFER-07 negatives: IPv6, a non-top-level pool, another locale, no import share', async () => {
    const { e, top, pool } = await setUp();
    await e.expectError(
      'MoveByoipCidrToIpam',
      { Cidr: '2605:9cc0:409::/48', IpamPoolId: top.IpamPoolId, IpamPoolOwner: ACCOUNT },
      'InvalidParameterValue',
      owner,
    );
    const east = await pool({ Locale: 'us-east-1' });
    await e.call('CreateResourceShare', {
      name: 'e',
      resourceArns: [east.IpamPoolArn],
      principals: [OTHER_ACCOUNT],
      permissionArns: [IMPORT],
    });
    expect(
      await e.expectError(
        'MoveByoipCidrToIpam',
        { Cidr: CIDR, IpamPoolId: east.IpamPoolId, IpamPoolOwner: ACCOUNT },
        'InvalidParameterValue',
        owner,
      ),
    ).toMatch(/locale/);
    // Another owner id, or a pool nobody shared: no such pool.
    await e.expectError(
      'MoveByoipCidrToIpam',
      { Cidr: CIDR, IpamPoolId: top.IpamPoolId, IpamPoolOwner: '123456789012' },
      'InvalidIpamPoolId.NotFound',
      owner,
    );
    const { e: e2, top: top2 } = await setUp(DEFAULT);
    expect(
      await e2.expectError(
        'MoveByoipCidrToIpam',
        { Cidr: CIDR, IpamPoolId: top2.IpamPoolId, IpamPoolOwner: ACCOUNT },
        'UnauthorizedOperation',
        owner,
      ),
    ).toMatch(/AWSRAMPermissionIpamPoolByoipCidrImport/);
    // Nothing was half-written.
    expect(
      (await e2.call('GetIpamPoolCidrs', { IpamPoolId: top2.IpamPoolId }, { region: 'us-west-2' }))
        .IpamPoolCidrs,
    ).toEqual([]);
  });

  it('F-XFER-01: the range is proven and unique; a /25 and a second provisioning are refused', async () => {
    const { e } = await setUp();
    await e.expectError(
      'ProvisionByoipCidr',
      { Cidr: CIDR, CidrAuthorizationContext: signed(OTHER_ACCOUNT, CIDR) },
      'InvalidParameterValue',
      owner,
    );
    await e.expectError(
      'ProvisionByoipCidr',
      { Cidr: '130.137.250.0/25', CidrAuthorizationContext: signed(OTHER_ACCOUNT, '130.137.250.0/25') },
      'InvalidParameterValue',
      owner,
    );
    // No RDAP record for the range: the signature cannot be checked.
    await e.expectError(
      'ProvisionByoipCidr',
      { Cidr: '130.137.250.0/24', CidrAuthorizationContext: signed(OTHER_ACCOUNT, '130.137.250.0/24') },
      'InvalidParameterValue',
      owner,
    );
  });

  it('F-TUT-XFER-09: the owner deprovisions its range, the allocation goes, the IPAM CIDR can go', async () => {
    const { e, top } = await setUp();
    await move(e, top.IpamPoolId);
    const poolId = (await e.call('DescribePublicIpv4Pools', {}, owner)).PublicIpv4Pools[0].PoolId;
    await e.call('DeprovisionPublicIpv4PoolCidr', { PoolId: poolId, Cidr: CIDR }, owner);
    expect((await e.call('DescribePublicIpv4Pools', {}, owner)).PublicIpv4Pools[0]).toMatchObject({
      PoolAddressRanges: [],
      TotalAddressCount: 0,
    });
    expect(
      (await e.call('GetIpamPoolAllocations', { IpamPoolId: top.IpamPoolId }, { region: 'us-west-2' }))
        .IpamPoolAllocations,
    ).toEqual([]);
    const gone = await e.call('DeprovisionIpamPoolCidr', { IpamPoolId: top.IpamPoolId, Cidr: CIDR });
    expect(gone.IpamPoolCidr.State).toBe('deprovisioned');
    // The range is free to be brought again.
    expect(
      (
        await e.call(
          'ProvisionByoipCidr',
          { Cidr: CIDR, CidrAuthorizationContext: signed(OTHER_ACCOUNT, CIDR) },
          owner,
        )
      ).ByoipCidr.State,
    ).toBe('pending-provision');
  });
});
