/**
 * BYOASN (F-ASN-01..11, F-TUT-ASN): provisioning with the signed message proven against the ASN's
 * RDAP record, associations with a BYOIP CIDR, advertising with the ASN and its hourly switch
 * limit, and the clean-up order.
 */
import { describe, expect, it } from 'vitest';
import { makeEnv } from '../../helpers/env';
import { OTHER_KEY, proofOf, rdapRecord, regionalByoip, signed } from '../../helpers/proof';
import { storeFactories } from '../../helpers/stores';

const X = '130.137.245.0/24';
const WEST = { region: 'us-west-2' };

describe.each(storeFactories())('BYOASN (%s store)', (_name, makeStore) => {
  const setUp = async () => {
    const e = makeEnv(await makeStore());
    e.deps.events = { emit: async () => {} };
    const { ipamId, regional } = await regionalByoip(e, X);
    proofOf(e).rdap.set('autnum/12345', rdapRecord('AS12345'));
    const provision = (asn: string, o: { key?: string; account?: string } = {}) =>
      e.call('ProvisionIpamByoasn', {
        IpamId: ipamId,
        Asn: asn,
        AsnAuthorizationContext: signed(o.account ?? e.caller.accountId, asn, o.key ? { key: o.key } : {}),
      });
    const describeAsns = async () => {
      e.clock.now += e.deps.config.provisionSettleMs;
      return (await e.call('DescribeIpamByoasn', {})).Byoasns;
    };
    return { e, ipamId, regional, provision, describeAsns };
  };

  it('F-TUT-ASN-02/03: pending, then provisioned; a forged signature fails; quota and message checks', async () => {
    const { e, ipamId, provision, describeAsns } = await setUp();
    expect((await provision('12345')).Byoasn).toEqual({
      Asn: '12345',
      IpamId: ipamId,
      State: 'pending-provision',
    });
    await e.expectError(
      'ProvisionIpamByoasn',
      { IpamId: ipamId, Asn: '12345', AsnAuthorizationContext: signed(e.caller.accountId, '12345') },
      'IncorrectState',
    );
    await e.expectError(
      'ProvisionIpamByoasn',
      { IpamId: ipamId, Asn: '64512', AsnAuthorizationContext: signed('444455556666', '64512') },
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionIpamByoasn',
      { IpamId: ipamId, Asn: '64512', AsnAuthorizationContext: signed(e.caller.accountId, '12345') },
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionIpamByoasn',
      { IpamId: ipamId, Asn: 'AS1', AsnAuthorizationContext: signed(e.caller.accountId, 'AS1') },
      'InvalidParameterValue',
    );
    proofOf(e).rdap.set('autnum/64512', rdapRecord('AS64512'));
    await provision('64512', { key: OTHER_KEY });
    const asns = await describeAsns();
    expect(asns).toEqual([
      { Asn: '12345', IpamId: ipamId, State: 'provisioned' },
      {
        Asn: '64512',
        IpamId: ipamId,
        State: 'failed-provision',
        StatusMessage: expect.stringMatching(/does not verify/),
      },
    ]);
    // Removed after 7 days; a failed ASN does not count against the five.
    for (const asn of ['1', '2', '3', '4']) proofOf(e).rdap.set(`autnum/${asn}`, rdapRecord(asn));
    for (const asn of ['1', '2', '3', '4']) await provision(asn);
    await e.expectError(
      'ProvisionIpamByoasn',
      { IpamId: ipamId, Asn: '5', AsnAuthorizationContext: signed(e.caller.accountId, '5') },
      'ResourceLimitExceeded',
    );
    e.clock.now += 7 * 86_400_000;
    expect((await describeAsns()).map((a: { Asn: string }) => a.Asn)).toEqual(['1', '12345', '2', '3', '4']);
  });

  it('F-TUT-ASN-04..07: associate, advertise with the ASN, the hourly switch, and the clean-up order', async () => {
    const { e, ipamId, regional, provision, describeAsns } = await setUp();
    await provision('12345');
    await e.expectError('AssociateIpamByoasn', { Asn: '12345', Cidr: X }, 'IncorrectState');
    await describeAsns();
    await e.expectError('AdvertiseByoipCidr', { Cidr: X, Asn: '12345' }, 'InvalidParameterValue', WEST);
    expect(await e.call('AssociateIpamByoasn', { Asn: '12345', Cidr: X })).toEqual({
      AsnAssociation: { Asn: '12345', Cidr: X, State: 'associated' },
    });
    const byoip = async () => (await e.call('DescribeByoipCidrs', { MaxResults: 10 }, WEST)).ByoipCidrs[0];
    expect((await byoip()).AsnAssociations).toEqual([{ Asn: '12345', Cidr: X, State: 'associated' }]);
    expect((await e.call('AdvertiseByoipCidr', { Cidr: X, Asn: '12345' }, WEST)).ByoipCidr.State).toBe(
      'advertised',
    );
    await e.expectError('DisassociateIpamByoasn', { Asn: '12345', Cidr: X }, 'IncorrectState');
    expect((await e.call('AdvertiseByoipCidr', { Cidr: X, Asn: 'AWS' }, WEST)).ByoipCidr.State).toBe(
      'advertised',
    );
    await e.expectError('AdvertiseByoipCidr', { Cidr: X, Asn: '12345' }, 'OperationNotPermitted', WEST);
    e.clock.now += 3_600_000;
    await e.call('AdvertiseByoipCidr', { Cidr: X, Asn: '12345' }, WEST);
    // Clean-up: withdraw, then the negatives of the order, then disassociate and deprovision.
    await e.call('WithdrawByoipCidr', { Cidr: X }, WEST);
    await e.expectError('DeprovisionIpamByoasn', { IpamId: ipamId, Asn: '12345' }, 'IncorrectState');
    await e.expectError('DeprovisionIpamPoolCidr', { IpamPoolId: regional, Cidr: X }, 'IncorrectState');
    expect((await e.call('DisassociateIpamByoasn', { Asn: '12345', Cidr: X })).AsnAssociation.State).toBe(
      'disassociated',
    );
    expect((await e.call('DeprovisionIpamByoasn', { IpamId: ipamId, Asn: '12345' })).Byoasn.State).toBe(
      'deprovisioned',
    );
    expect(
      (await e.call('DeprovisionIpamPoolCidr', { IpamPoolId: regional, Cidr: X })).IpamPoolCidr.State,
    ).toBe('deprovisioned');
    expect(await describeAsns()).toEqual([{ Asn: '12345', IpamId: ipamId, State: 'deprovisioned' }]);
  });

  it('an IPAM with an ASN provisioned is not deleted until the ASN is deprovisioned; its tokens go with it', async () => {
    const e = makeEnv(await makeStore());
    const { Ipam } = await e.call('CreateIpam', {});
    const IpamId = Ipam.IpamId as string;
    proofOf(e).rdap.set('autnum/12345', rdapRecord('AS12345'));
    const context = signed(e.caller.accountId, '12345');
    await e.call('ProvisionIpamByoasn', { IpamId, Asn: '12345', AsnAuthorizationContext: context });
    const { IpamExternalResourceVerificationToken: token } = await e.call(
      'CreateIpamExternalResourceVerificationToken',
      { IpamId },
    );
    const held = 'The IPAM still has ASN 12345 provisioned; deprovision it with DeprovisionIpamByoasn first.';
    // Pending, then provisioned: either way the IPAM stays, with or without Cascade.
    expect(await e.expectError('DeleteIpam', { IpamId }, 'IncorrectState')).toBe(held);
    e.clock.now += e.deps.config.provisionSettleMs;
    expect((await e.call('DescribeIpamByoasn', {})).Byoasns[0].State).toBe('provisioned');
    expect(await e.expectError('DeleteIpam', { IpamId, Cascade: true }, 'IncorrectState')).toBe(held);
    expect((await e.call('DescribeIpams', {})).Ipams.map((i: { IpamId: string }) => i.IpamId)).toEqual([
      IpamId,
    ]);

    await e.call('DeprovisionIpamByoasn', { IpamId, Asn: '12345' });
    expect((await e.call('DeleteIpam', { IpamId })).Ipam.IpamId).toBe(IpamId);
    const id = token.IpamExternalResourceVerificationTokenId as string;
    expect(await e.deps.store.get({ kind: 'verification-token', id })).toBe(undefined);
  });
});
