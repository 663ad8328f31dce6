/**
 * F-GEN-06 [self-hosted]: removing an account from the organization registry isolates what it
 * owns (isolate-complete, with a StateMessage), on both sides of an association; registering it
 * again restores the stored states. Isolation is shown, not enforced (see core/ops/isolation.ts).
 */
import { describe, expect, it } from 'vitest';
import { type Env, ipamWithPool, makeEnv } from '../../helpers/env';
import { ADMIN, join, MEMBER, mgmt, ORG, OU_D, orgWithTree } from '../../helpers/org';
import { storeFactories } from '../../helpers/stores';

const MESSAGE = (acct: string) =>
  `Account ${acct} was removed from organization ${ORG}; joining it again restores this resource.`;

/** The State of every object the two describes return, keyed by id. */
const states = async (e: Env, who: string) => {
  const caller = { accountId: who };
  const out: Record<string, string> = {};
  for (const i of (await e.call('DescribeIpams', {}, caller)).Ipams) out[i.IpamId] = i.State;
  for (const s of (await e.call('DescribeIpamScopes', {}, caller)).IpamScopes) out[s.IpamScopeId] = s.State;
  for (const p of (await e.call('DescribeIpamPools', {}, caller)).IpamPools) out[p.IpamPoolId] = p.State;
  for (const r of (await e.call('DescribeIpamResourceDiscoveries', {}, caller)).IpamResourceDiscoveries)
    out[r.IpamResourceDiscoveryId] = r.State;
  for (const a of (await e.call('DescribeIpamResourceDiscoveryAssociations', {}, caller))
    .IpamResourceDiscoveryAssociations)
    out[a.IpamResourceDiscoveryAssociationId] = a.State;
  return out;
};

describe.each(storeFactories())('account isolation (%s store)', (_name, makeStore) => {
  it('isolates what a removed account owns, keeps its space usable, and restores it on registration', async () => {
    const e = await makeEnv(await makeStore());
    await orgWithTree(e);
    const { ipam, poolId } = await ipamWithPool(e);
    // MEMBER owns an RD shared with ADMIN, whose IPAM associates it.
    const { IpamResourceDiscovery: rd } = await e.call(
      'CreateIpamResourceDiscovery',
      {},
      { accountId: MEMBER },
    );
    const rdId = rd.IpamResourceDiscoveryId;
    await e.call(
      'ShareIpamResourceDiscovery',
      { IpamResourceDiscoveryId: rdId, Principal: ADMIN },
      {
        accountId: MEMBER,
      },
    );
    await e.call('AcceptIpamResourceDiscoveryShare', { IpamResourceDiscoveryId: rdId });
    const { IpamResourceDiscoveryAssociation: shared } = await e.call('AssociateIpamResourceDiscovery', {
      IpamId: ipam.IpamId,
      IpamResourceDiscoveryId: rdId,
    });
    const before = await states(e, ADMIN);
    expect(Object.values(before).every((s) => s === 'create-complete' || s === 'associate-complete')).toBe(
      true,
    );
    expect(before[rdId]).toBe('create-complete');
    expect(before[shared.IpamResourceDiscoveryAssociationId]).toBe('associate-complete');

    // Removing MEMBER isolates its RD and the association to it, nothing of ADMIN's own.
    await e.call('RemoveAccountFromOrganization', { AccountId: MEMBER }, mgmt);
    const memberGone = await states(e, ADMIN);
    expect(memberGone).toEqual({
      ...before,
      [rdId]: 'isolate-complete',
      [shared.IpamResourceDiscoveryAssociationId]: 'isolate-complete',
    });
    const [seenRd] = (await e.call('DescribeIpamResourceDiscoveries', { IpamResourceDiscoveryIds: [rdId] }))
      .IpamResourceDiscoveries;
    expect(seenRd).toMatchObject({
      State: 'isolate-complete',
      StateMessage: MESSAGE(MEMBER),
      OwnerId: MEMBER,
    });

    // Removing ADMIN isolates everything it owns; a state filter sees the lens.
    await e.call('RemoveAccountFromOrganization', { AccountId: ADMIN }, mgmt);
    const adminGone = await states(e, ADMIN);
    expect(Object.values(adminGone)).toEqual(Object.values(before).map(() => 'isolate-complete'));
    const { IpamPools } = await e.call('DescribeIpamPools', {
      Filters: [{ Name: 'state', Values: ['isolate-complete'] }],
    });
    expect(IpamPools.map((p: { IpamPoolId: string }) => p.IpamPoolId)).toEqual([poolId]);
    expect(IpamPools[0].StateMessage).toBe(MESSAGE(ADMIN));
    const [seenIpam] = (await e.call('DescribeIpams', { IpamIds: [ipam.IpamId] })).Ipams;
    expect(seenIpam).toMatchObject({ State: 'isolate-complete', StateMessage: MESSAGE(ADMIN) });
    // [decision] Shown, not enforced: the isolated pool still hands out its space.
    const { IpamPoolAllocation } = await e.call('AllocateIpamPoolCidr', {
      IpamPoolId: poolId,
      NetmaskLength: 16,
    });
    expect(IpamPoolAllocation.Cidr).toBe('10.0.0.0/16');

    // An invitation alone restores nothing: the account must accept it.
    const { Handshake } = await e.call('RegisterOrganizationAccount', { AccountId: ADMIN }, mgmt);
    expect(await states(e, ADMIN)).toEqual(adminGone);
    // ADMIN joining again restores its own objects; MEMBER's RD stays isolated until it returns.
    await e.call('orgs:AcceptHandshake', { HandshakeId: Handshake.Id }, { accountId: ADMIN });
    expect(await states(e, ADMIN)).toEqual(memberGone);
    await join(e, MEMBER, OU_D);
    expect(await states(e, ADMIN)).toEqual(before);
    const [restored] = (await e.call('DescribeIpams', { IpamIds: [ipam.IpamId] })).Ipams;
    expect(restored.StateMessage).toBeUndefined();

    // A second removal replaces the old marker rather than failing.
    await e.call('RemoveAccountFromOrganization', { AccountId: MEMBER }, mgmt);
    await join(e, MEMBER);
    await e.call('orgs:LeaveOrganization', {}, { accountId: MEMBER });
    expect((await states(e, ADMIN))[rdId]).toBe('isolate-complete');
  });

  it('a removal or registration that fails leaves the isolation marker as it was', async () => {
    const e = await makeEnv(await makeStore());
    await orgWithTree(e);
    await ipamWithPool(e);
    await e.expectError(
      'RemoveAccountFromOrganization',
      { AccountId: ADMIN, DryRun: true },
      'DryRunOperation',
      mgmt,
    );
    expect((await e.call('DescribeIpams', {})).Ipams[0].State).toBe('create-complete');
    await e.call('RemoveAccountFromOrganization', { AccountId: ADMIN }, mgmt);
    const { Handshake } = await e.call('RegisterOrganizationAccount', { AccountId: ADMIN }, mgmt);
    // Another account cannot accept it for ADMIN; ADMIN in another organization cannot join.
    await e.expectError('orgs:AcceptHandshake', { HandshakeId: Handshake.Id }, 'HandshakeNotFoundException', {
      accountId: '123456789012',
    });
    await e.call('orgs:CreateOrganization', {}, { accountId: ADMIN });
    await e.expectError(
      'orgs:AcceptHandshake',
      { HandshakeId: Handshake.Id },
      'HandshakeConstraintViolationException',
      { accountId: ADMIN },
    );
    expect((await e.call('DescribeIpams', {})).Ipams[0].State).toBe('isolate-complete');
  });
});
