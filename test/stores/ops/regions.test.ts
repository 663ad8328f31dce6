/**
 * Regions as EC2 scopes them: an IPAM and its scopes exist in the IPAM's home region; a pool there
 * and in its locale (a pool without a locale in every region, F-GEN-07 [decision]). From anywhere
 * else they answer exactly like ids that do not exist, and lists leave them out.
 */
import { describe, expect, it } from 'vitest';
import { makeEnv } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

describe.each(storeFactories())('regions (%s store)', (_name, makeStore) => {
  const setup = async () => {
    const e = makeEnv(await makeStore());
    const { Ipam } = await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
    const scopeId: string = Ipam.PrivateDefaultScopeId;
    const pool = async (more: object) =>
      (await e.call('CreateIpamPool', { IpamScopeId: scopeId, AddressFamily: 'ipv4', ...more })).IpamPool
        .IpamPoolId as string;
    const top = await pool({});
    const east = await pool({ Locale: 'us-east-1' });
    const west = await pool({ Locale: 'us-west-2' });
    return { e, ipamId: Ipam.IpamId as string, scopeId, top, east, west };
  };
  const WEST = { region: 'us-west-2' };

  it('lists an IPAM and its scopes in the home region only', async () => {
    const { e, ipamId, scopeId } = await setup();
    expect((await e.call('DescribeIpams', {})).Ipams.map((i: { IpamId: string }) => i.IpamId)).toEqual([
      ipamId,
    ]);
    expect((await e.call('DescribeIpams', {}, WEST)).Ipams).toEqual([]);
    expect((await e.call('DescribeIpamScopes', {})).IpamScopes).toHaveLength(2);
    expect((await e.call('DescribeIpamScopes', {}, WEST)).IpamScopes).toEqual([]);
    expect(await e.expectError('DescribeIpams', { IpamIds: [ipamId] }, 'InvalidIpamId.NotFound', WEST)).toBe(
      `The IPAM ID '${ipamId}' does not exist.`,
    );
    expect(
      await e.expectError(
        'DescribeIpamScopes',
        { IpamScopeIds: [scopeId] },
        'InvalidIpamScopeId.NotFound',
        WEST,
      ),
    ).toBe(`The IPAM scope ID '${scopeId}' does not exist.`);
    await e.expectError('ModifyIpam', { IpamId: ipamId, Description: 'x' }, 'InvalidIpamId.NotFound', WEST);
    await e.expectError(
      'CreateIpamPool',
      { IpamScopeId: scopeId, AddressFamily: 'ipv4' },
      'InvalidIpamScopeId.NotFound',
      WEST,
    );
  });

  it('lists a pool in the home region and in its locale, a pool without a locale everywhere', async () => {
    const { e, top, east, west } = await setup();
    const ids = async (region: string) =>
      (await e.call('DescribeIpamPools', {}, { region })).IpamPools.map(
        (p: { IpamPoolId: string }) => p.IpamPoolId,
      );
    expect(await ids('us-east-1')).toEqual([top, east, west]);
    expect(await ids('us-west-2')).toEqual([top, west]);
    expect(await ids('eu-west-1')).toEqual([top]);
    expect(
      await e.expectError('DescribeIpamPools', { IpamPoolIds: [east] }, 'InvalidIpamPoolId.NotFound', WEST),
    ).toBe(`The IPAM pool ID '${east}' does not exist.`);
    expect((await e.call('DescribeIpamPools', { IpamPoolIds: [west] }, WEST)).IpamPools).toHaveLength(1);
    await e.expectError('DeleteIpamPool', { IpamPoolId: east }, 'InvalidIpamPoolId.NotFound', WEST);
  });
});
