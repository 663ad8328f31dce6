/**
 * Proof of control and the asynchronous states of BYOIP CIDRs (F-BYOIP-02..09, F-VTOK-01..06,
 * F-PCIDR-02), on both stores, with the outside world (TXT records, RDAP) in memory.
 */
import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../../core/cidr';
import { txtRecordNames } from '../../../core/ops/proof/txt-names';
import { type Env, makeEnv } from '../../helpers/env';
import { OTHER_KEY, proofOf, rdapRecord, settle, signed } from '../../helpers/proof';
import { storeFactories } from '../../helpers/stores';

const CIDR = '130.137.245.0/24';

describe.each(storeFactories())('BYOIP proof of control (%s store)', (_name, makeStore) => {
  const env = async () => makeEnv(await makeStore());
  const publicIpam = async (e: Env, pool: object = {}) => {
    const { Ipam } = await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
    const { IpamPool } = await e.call('CreateIpamPool', {
      IpamScopeId: Ipam.PublicDefaultScopeId,
      AddressFamily: 'ipv4',
      ...pool,
    });
    return {
      ipamId: Ipam.IpamId as string,
      scopeId: Ipam.PublicDefaultScopeId as string,
      poolId: IpamPool.IpamPoolId as string,
    };
  };
  const token = async (e: Env, ipamId: string) =>
    (await e.call('CreateIpamExternalResourceVerificationToken', { IpamId: ipamId }))
      .IpamExternalResourceVerificationToken;
  const publish = (
    e: Env,
    cidr: string,
    t: { TokenName: string; TokenValue: string },
    value = t.TokenValue,
  ) => {
    for (const name of txtRecordNames(parseCidr(cidr), t.TokenName)) proofOf(e).txt.set(name, [value]);
  };
  const byToken = (poolId: string, cidr: string, id: string) => ({
    IpamPoolId: poolId,
    Cidr: cidr,
    VerificationMethod: 'dns-token',
    IpamExternalResourceVerificationTokenId: id,
  });

  it('F-VTOK-01/02/04/05: a token is valid for 72 hours, listed, filtered and deleted', async () => {
    const e = await env();
    const { ipamId } = await publicIpam(e);
    const t = await token(e, ipamId);
    expect(t).toMatchObject({
      IpamExternalResourceVerificationTokenId: expect.stringMatching(/^ipam-ext-res-ver-token-[0-9a-f]{17}$/),
      IpamExternalResourceVerificationTokenArn: expect.stringMatching(
        /:ipam-external-resource-verification-token\//,
      ),
      IpamId: ipamId,
      IpamRegion: 'us-east-1',
      TokenValue: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
      TokenName: expect.stringMatching(/^\d{8}$/),
      NotAfter: new Date(e.clock.now + 72 * 3_600_000).toISOString(),
      Status: 'valid',
      State: 'create-complete',
      Tags: [],
    });
    const list = async (input: object = {}) =>
      (
        await e.call('DescribeIpamExternalResourceVerificationTokens', input)
      ).IpamExternalResourceVerificationTokens.map((x: { Status: string }) => x.Status);
    expect(await list()).toEqual(['valid']);
    e.clock.now += 72 * 3_600_000;
    expect(await list({ Filters: [{ Name: 'status', Values: ['expired'] }] })).toEqual(['expired']);
    expect(await list({ Filters: [{ Name: 'token-name', Values: ['x'] }] })).toEqual([]);
    expect(await list({})).toEqual(['expired']);
    await e.expectError(
      'DescribeIpamExternalResourceVerificationTokens',
      { IpamExternalResourceVerificationTokenIds: ['ipam-ext-res-ver-token-00000000000000bad'] },
      'InvalidIpamExternalResourceVerificationTokenId.NotFound',
    );
    const id = t.IpamExternalResourceVerificationTokenId;
    // Another account's token answers like a missing one.
    await e.expectError(
      'DeleteIpamExternalResourceVerificationToken',
      { IpamExternalResourceVerificationTokenId: id },
      'InvalidIpamExternalResourceVerificationTokenId.NotFound',
      { accountId: '444455556666' },
    );
    const gone = await e.call('DeleteIpamExternalResourceVerificationToken', {
      IpamExternalResourceVerificationTokenId: id,
    });
    expect(gone.IpamExternalResourceVerificationToken.State).toBe('delete-complete');
    expect(await list()).toEqual([]);
  });

  it('F-VTOK-03: at most the quota of tokens per IPAM', async () => {
    const e = makeEnv(await makeStore());
    e.deps.config.quotas = { ...e.deps.config.quotas, verificationTokensPerIpam: 2 };
    const { ipamId } = await publicIpam(e);
    await token(e, ipamId);
    await token(e, ipamId);
    await e.expectError(
      'CreateIpamExternalResourceVerificationToken',
      { IpamId: ipamId },
      'ResourceLimitExceeded',
    );
    await e.expectError(
      'CreateIpamExternalResourceVerificationToken',
      { IpamId: 'ipam-00000000000000bad' },
      'InvalidIpamId.NotFound',
    );
  });

  it('F-BYOIP-15, F-VTOK-06: dns-token: pending, then provisioned when every TXT record holds the value', async () => {
    const e = await env();
    const { ipamId, poolId } = await publicIpam(e);
    const t = await token(e, ipamId);
    publish(e, '198.18.12.0/22', t);
    const res = await e.call(
      'ProvisionIpamPoolCidr',
      byToken(poolId, '198.18.12.0/22', t.IpamExternalResourceVerificationTokenId),
    );
    expect(res.IpamPoolCidr).toMatchObject({ Cidr: '198.18.12.0/22', State: 'pending-provision' });
    // Not allocatable while pending; still pending before the settle delay.
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 24 },
      'InsufficientCidrBlocks',
    );
    expect((await e.call('GetIpamPoolCidrs', { IpamPoolId: poolId })).IpamPoolCidrs[0].State).toBe(
      'pending-provision',
    );
    await e.expectError(
      'DeprovisionIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: '198.18.12.0/22' },
      'IncorrectState',
    );
    expect(await settle(e, poolId, '198.18.12.0/22')).toMatchObject({ State: 'provisioned' });
    expect(
      (await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 })).IpamPoolAllocation
        .Cidr,
    ).toBe('198.18.12.0/24');
  });

  it('F-TUT-DNS-05: a TXT record with the wrong value, or none, fails the CIDR and returns its space', async () => {
    const e = await env();
    const { ipamId, poolId, scopeId } = await publicIpam(e);
    const t = await token(e, ipamId);
    publish(e, CIDR, t, 'not-the-token-value');
    await e.call('ProvisionIpamPoolCidr', byToken(poolId, CIDR, t.IpamExternalResourceVerificationTokenId));
    const failed = await settle(e, poolId, CIDR);
    expect(failed).toMatchObject({
      State: 'failed-provision',
      FailureReason: {
        Code: 'cidr-not-available',
        Message: expect.stringMatching(/does not hold the value/),
      },
    });
    // The space went back to the scope: another pool may take it, and the failed CIDR stays listed.
    const { IpamPool: other } = await e.call('CreateIpamPool', {
      IpamScopeId: scopeId,
      AddressFamily: 'ipv4',
    });
    proofOf(e).txt.clear();
    await e.call(
      'ProvisionIpamPoolCidr',
      byToken(other.IpamPoolId, CIDR, t.IpamExternalResourceVerificationTokenId),
    );
    expect(await settle(e, other.IpamPoolId, CIDR)).toMatchObject({
      State: 'failed-provision',
      FailureReason: { Message: expect.stringMatching(/No TXT record/) },
    });
    publish(e, CIDR, t);
    await e.call('ProvisionIpamPoolCidr', byToken(poolId, CIDR, t.IpamExternalResourceVerificationTokenId));
    expect(await settle(e, poolId, CIDR)).toMatchObject({ State: 'provisioned' });
    const states = (await e.call('GetIpamPoolCidrs', { IpamPoolId: poolId })).IpamPoolCidrs.map(
      (c: { State: string }) => c.State,
    );
    expect(states.sort()).toEqual(['failed-provision', 'provisioned']);
  });

  it("F-VTOK-02: an expired token, another IPAM's token and a missing token are refused at once", async () => {
    const e = await env();
    const { ipamId, poolId } = await publicIpam(e);
    const t = await token(e, ipamId);
    const id = t.IpamExternalResourceVerificationTokenId;
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: CIDR, VerificationMethod: 'dns-token' },
      'MissingParameter',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      byToken(poolId, CIDR, 'ipam-ext-res-ver-token-00000000000000bad'),
      'InvalidIpamExternalResourceVerificationTokenId.NotFound',
    );
    e.clock.now += 72 * 3_600_000;
    expect(
      await e.expectError('ProvisionIpamPoolCidr', byToken(poolId, CIDR, id), 'InvalidParameterValue'),
    ).toMatch(/expired/);
    expect((await e.call('GetIpamPoolCidrs', { IpamPoolId: poolId })).IpamPoolCidrs).toEqual([]);
  });

  it('F-BYOIP-03: remarks-x509: the message is checked now, the signature when the CIDR settles', async () => {
    const e = await env();
    const { poolId } = await publicIpam(e);
    const acct = e.caller.accountId;
    proofOf(e).rdap.set(`ip/${CIDR}`, rdapRecord(CIDR));
    const provision = (ctx: object, cidr = CIDR) => ({
      IpamPoolId: poolId,
      Cidr: cidr,
      CidrAuthorizationContext: ctx,
    });
    await e.expectError('ProvisionIpamPoolCidr', { IpamPoolId: poolId, Cidr: CIDR }, 'MissingParameter');
    await e.expectError(
      'ProvisionIpamPoolCidr',
      provision(signed('444455556666', CIDR)),
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      provision(signed(acct, CIDR, { expiry: '20251231' })),
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      provision(signed(acct, '130.137.246.0/24')),
      'InvalidParameterValue',
    );
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 24, CidrAuthorizationContext: signed(acct, CIDR) },
      'InvalidParameterCombination',
    );
    // A forged signature: accepted as pending, then failed-provision.
    await e.call('ProvisionIpamPoolCidr', provision(signed(acct, CIDR, { key: OTHER_KEY })));
    expect(await settle(e, poolId, CIDR)).toMatchObject({
      State: 'failed-provision',
      FailureReason: { Message: expect.stringMatching(/does not verify/) },
    });
    // No RDAP record for the range: failed too.
    await e.call('ProvisionIpamPoolCidr', provision(signed(acct, '130.137.246.0/24'), '130.137.246.0/24'));
    expect(await settle(e, poolId, '130.137.246.0/24')).toMatchObject({
      State: 'failed-provision',
      FailureReason: { Message: expect.stringMatching(/no record/) },
    });
    await e.call('ProvisionIpamPoolCidr', provision(signed(acct, CIDR)));
    expect(await settle(e, poolId, CIDR)).toMatchObject({ State: 'provisioned' });
  });

  it('F-BYOIP-05/06: prefix limits, and proof only at the top', async () => {
    const e = await env();
    const { ipamId, poolId, scopeId } = await publicIpam(e);
    const acct = e.caller.accountId;
    expect(
      await e.expectError(
        'ProvisionIpamPoolCidr',
        {
          IpamPoolId: poolId,
          Cidr: '130.137.245.0/25',
          CidrAuthorizationContext: signed(acct, '130.137.245.0/25'),
        },
        'InvalidParameterValue',
      ),
    ).toMatch(/\/24/);
    proofOf(e).rdap.set(`ip/${CIDR}`, rdapRecord(CIDR));
    await e.call('ProvisionIpamPoolCidr', {
      IpamPoolId: poolId,
      Cidr: CIDR,
      CidrAuthorizationContext: signed(acct, CIDR),
    });
    await settle(e, poolId, CIDR);
    const regional = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
        Locale: 'us-west-2',
        AwsService: 'ec2',
      })
    ).IpamPool;
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: regional.IpamPoolId, Cidr: '130.137.245.0/25' },
      'InvalidParameterValue',
    );
    const t = await token(e, ipamId);
    await e.expectError(
      'ProvisionIpamPoolCidr',
      byToken(regional.IpamPoolId, CIDR, t.IpamExternalResourceVerificationTokenId),
      'InvalidParameterCombination',
    );
    // The regional pool needs no proof and is provisioned at once.
    expect(
      (await e.call('ProvisionIpamPoolCidr', { IpamPoolId: regional.IpamPoolId, Cidr: CIDR })).IpamPoolCidr
        .State,
    ).toBe('provisioned');
    const v6 = async (advertisable: boolean) =>
      (
        await e.call('CreateIpamPool', {
          IpamScopeId: scopeId,
          AddressFamily: 'ipv6',
          PubliclyAdvertisable: advertisable,
        })
      ).IpamPool.IpamPoolId;
    const adv = await v6(true);
    const p56 = '2605:9cc0:409:100::/56';
    expect(
      await e.expectError(
        'ProvisionIpamPoolCidr',
        { IpamPoolId: adv, Cidr: p56, CidrAuthorizationContext: signed(acct, p56) },
        'InvalidParameterValue',
      ),
    ).toMatch(/\/48/);
    const quiet = await v6(false);
    expect(
      (
        await e.call('ProvisionIpamPoolCidr', {
          IpamPoolId: quiet,
          Cidr: p56,
          CidrAuthorizationContext: signed(acct, p56),
        })
      ).IpamPoolCidr.State,
    ).toBe('pending-provision');
    await e.expectError(
      'ProvisionIpamPoolCidr',
      {
        IpamPoolId: quiet,
        Cidr: '2605:9cc0:409:200::/61',
        CidrAuthorizationContext: signed(acct, '2605:9cc0:409:200::/61'),
      },
      'InvalidParameterValue',
    );
  });

  it('DryRun answers DryRunOperation and writes nothing', async () => {
    const e = await env();
    const { ipamId, poolId } = await publicIpam(e);
    await e.expectError(
      'CreateIpamExternalResourceVerificationToken',
      { IpamId: ipamId, DryRun: true },
      'DryRunOperation',
    );
    const acct = e.caller.accountId;
    await e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: poolId, Cidr: CIDR, CidrAuthorizationContext: signed(acct, CIDR), DryRun: true },
      'DryRunOperation',
    );
    expect(
      (await e.call('DescribeIpamExternalResourceVerificationTokens', {}))
        .IpamExternalResourceVerificationTokens,
    ).toEqual([]);
    expect((await e.call('GetIpamPoolCidrs', { IpamPoolId: poolId })).IpamPoolCidrs).toEqual([]);
  });
});
