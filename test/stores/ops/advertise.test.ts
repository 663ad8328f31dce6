/**
 * Advertising BYOIP CIDRs (F-BYOIP-10, F-BYOIP-13): DescribeByoipCidrs in the pool's locale region,
 * AdvertiseByoipCidr/WithdrawByoipCidr recorded on the CIDR and told to the event sink first.
 */
import { describe, expect, it } from 'vitest';
import type { PublicSpaceEvent } from '../../../core/ports';
import { type Env, makeEnv } from '../../helpers/env';
import { regionalByoip } from '../../helpers/proof';
import { storeFactories } from '../../helpers/stores';

const CIDR = '130.137.245.0/24';
const WEST = { region: 'us-west-2' };

describe.each(storeFactories())('BYOIP advertising (%s store)', (_name, makeStore) => {
  const setUp = async () => {
    const e = makeEnv(await makeStore());
    const events: PublicSpaceEvent[] = [];
    e.deps.events = { emit: async (ev) => void events.push(ev) };
    const { regional } = await regionalByoip(e, CIDR);
    return { e, events, regional };
  };
  const listed = async (e: Env) => (await e.call('DescribeByoipCidrs', { MaxResults: 10 }, WEST)).ByoipCidrs;

  it('lists the regional CIDR in its locale only, provisioned and not advertised', async () => {
    const { e } = await setUp();
    expect(await listed(e)).toEqual([
      {
        Cidr: CIDR,
        AsnAssociations: [],
        StatusMessage: 'Cidr successfully provisioned',
        State: 'provisioned',
        NetworkBorderGroup: 'us-west-2',
        AdvertisementType: 'unicast',
      },
    ]);
    expect((await e.call('DescribeByoipCidrs', { MaxResults: 10 })).ByoipCidrs).toEqual([]);
    await e.expectError('DescribeByoipCidrs', {}, 'MissingParameter');
    await e.expectError('DescribeByoipCidrs', { MaxResults: 101 }, 'InvalidParameterValue');
  });

  it('advertises and withdraws, telling the sink first; deprovisioning waits for the withdrawal', async () => {
    const { e, events, regional } = await setUp();
    await e.expectError('AdvertiseByoipCidr', { Cidr: CIDR }, 'InvalidParameterValue'); // wrong region
    await e.expectError('AdvertiseByoipCidr', { Cidr: CIDR, DryRun: true }, 'DryRunOperation', WEST);
    await e.expectError('AdvertiseByoipCidr', { Cidr: CIDR, Asn: '12345' }, 'InvalidParameterValue', WEST);
    expect(events).toEqual([]);
    const { ByoipCidr } = await e.call('AdvertiseByoipCidr', { Cidr: CIDR }, WEST);
    expect(ByoipCidr).toMatchObject({ Cidr: CIDR, State: 'advertised' });
    expect(events).toEqual([
      {
        type: 'byoip-cidr-advertised',
        account: e.caller.accountId,
        region: 'us-west-2',
        cidr: CIDR,
        asn: 'AWS',
        poolId: regional,
        advertisementType: 'unicast',
        time: new Date(e.clock.now).toISOString(),
      },
    ]);
    // Advertising never gates allocation, and it blocks deprovisioning.
    expect(
      (await e.call('AllocateIpamPoolCidr', { IpamPoolId: regional, NetmaskLength: 32 }, WEST))
        .IpamPoolAllocation.Cidr,
    ).toBe('130.137.245.0/32');
    expect((await listed(e))[0].State).toBe('advertised');
    expect((await e.call('WithdrawByoipCidr', { Cidr: CIDR }, WEST)).ByoipCidr.State).toBe('provisioned');
    expect(events.map((x) => x.type)).toEqual(['byoip-cidr-advertised', 'byoip-cidr-withdrawn']);
    // Withdrawing again changes nothing and says nothing.
    expect((await e.call('WithdrawByoipCidr', { Cidr: CIDR }, WEST)).ByoipCidr.State).toBe('provisioned');
    expect(events).toHaveLength(2);
  });

  it('records nothing when the sink refuses the event', async () => {
    const { e } = await setUp();
    e.deps.events = { emit: async () => Promise.reject(new Error('hook down')) };
    await expect(e.call('AdvertiseByoipCidr', { Cidr: CIDR }, WEST)).rejects.toThrow('hook down');
    expect((await listed(e))[0].State).toBe('provisioned');
  });

  it('F-BYOIP-13: an advertised CIDR is not deprovisioned', async () => {
    const { e, regional } = await setUp();
    await e.call('AdvertiseByoipCidr', { Cidr: CIDR }, WEST);
    await e.expectError('DeprovisionIpamPoolCidr', { IpamPoolId: regional, Cidr: CIDR }, 'IncorrectState');
    await e.call('WithdrawByoipCidr', { Cidr: CIDR }, WEST);
    expect(
      (await e.call('DeprovisionIpamPoolCidr', { IpamPoolId: regional, Cidr: CIDR })).IpamPoolCidr.State,
    ).toBe('deprovisioned');
  });
});
