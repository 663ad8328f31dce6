/**
 * Joining an organization takes the invited account's consent, on both stores: only the invitee
 * accepts, a declined, cancelled or expired handshake cannot be accepted, an account is in at
 * most one organization however its invitations race, and it may leave by itself.
 */
import { describe, expect, it } from 'vitest';
import { HANDSHAKE_TTL_MS } from '../../../core/ops/organization/handshakes';
import { type Env, makeEnv } from '../../helpers/env';
import { ADMIN, MEMBER, MGMT, mgmt, ORG, orgWithTree, ROOT } from '../../helpers/org';
import { storeFactories } from '../../helpers/stores';

const NEWCOMER = '123456789012';
const OTHER_MGMT = '888877776666';
const as = (accountId: string) => ({ accountId });

const invite = async (e: Env, target: string, who = mgmt): Promise<string> =>
  (await e.call('orgs:InviteAccountToOrganization', { Target: { Type: 'ACCOUNT', Id: target } }, who))
    .Handshake.Id;

const members = async (e: Env) =>
  (await e.call('orgs:ListAccounts', {}, mgmt)).Accounts.map((a: { Id: string }) => a.Id);

describe.each(storeFactories())('handshakes (%s store)', (_name, makeStore) => {
  const env = async () => {
    const e = makeEnv(await makeStore());
    await e.call('CreateOrganization', { OrganizationId: ORG, RootId: ROOT }, mgmt);
    return e;
  };

  it('an invitation is open until the invitee, and only it, accepts; then it is a member under the root', async () => {
    const e = await env();
    const id = await invite(e, NEWCOMER);
    const opened = (await e.call('orgs:DescribeHandshake', { HandshakeId: id }, as(NEWCOMER))).Handshake;
    expect(opened).toMatchObject({
      Id: id,
      State: 'OPEN',
      Action: 'INVITE',
      Parties: [
        { Id: ORG, Type: 'ORGANIZATION' },
        { Id: NEWCOMER, Type: 'ACCOUNT' },
      ],
      RequestedTimestamp: e.clock.now / 1000,
      ExpirationTimestamp: (e.clock.now + HANDSHAKE_TTL_MS) / 1000,
    });
    expect(await members(e)).toEqual([MGMT]);
    expect(
      (await e.call('orgs:ListHandshakesForAccount', {}, as(NEWCOMER))).Handshakes.map(
        (h: { Id: string }) => h.Id,
      ),
    ).toEqual([id]);
    await e.expectError(
      'orgs:AcceptHandshake',
      { HandshakeId: id },
      'HandshakeNotFoundException',
      as(MEMBER),
    );
    await e.expectError('orgs:AcceptHandshake', { HandshakeId: id }, 'AccessDeniedException', mgmt);
    await e.expectError(
      'orgs:DescribeHandshake',
      { HandshakeId: id },
      'HandshakeNotFoundException',
      as(MEMBER),
    );
    await e.expectError(
      'orgs:AcceptHandshake',
      { HandshakeId: 'h-nope' },
      'InvalidInputException',
      as(NEWCOMER),
    );
    expect((await e.call('orgs:AcceptHandshake', { HandshakeId: id }, as(NEWCOMER))).Handshake.State).toBe(
      'ACCEPTED',
    );
    expect(await members(e)).toEqual([NEWCOMER, MGMT]);
    const { Account } = await e.call('orgs:DescribeAccount', { AccountId: NEWCOMER }, mgmt);
    expect(Account).toMatchObject({ JoinedMethod: 'INVITED', Paths: [`${ORG}/${ROOT}/${NEWCOMER}/`] });
    await e.expectError(
      'orgs:AcceptHandshake',
      { HandshakeId: id },
      'HandshakeAlreadyInStateException',
      as(NEWCOMER),
    );
    await e.expectError(
      'orgs:DeclineHandshake',
      { HandshakeId: id },
      'InvalidHandshakeTransitionException',
      as(NEWCOMER),
    );
  });

  it('a declined, cancelled or expired handshake cannot be accepted', async () => {
    const e = await env();
    const declined = await invite(e, NEWCOMER);
    await e.call('orgs:DeclineHandshake', { HandshakeId: declined }, as(NEWCOMER));
    await e.expectError(
      'orgs:AcceptHandshake',
      { HandshakeId: declined },
      'InvalidHandshakeTransitionException',
      as(NEWCOMER),
    );
    const cancelled = await invite(e, NEWCOMER);
    await e.expectError(
      'orgs:CancelHandshake',
      { HandshakeId: cancelled },
      'AccessDeniedException',
      as(NEWCOMER),
    );
    await e.expectError('orgs:DeclineHandshake', { HandshakeId: cancelled }, 'AccessDeniedException', mgmt);
    await e.call('orgs:CancelHandshake', { HandshakeId: cancelled }, mgmt);
    await e.expectError(
      'orgs:AcceptHandshake',
      { HandshakeId: cancelled },
      'InvalidHandshakeTransitionException',
      as(NEWCOMER),
    );
    const expired = await invite(e, NEWCOMER);
    e.clock.now += HANDSHAKE_TTL_MS + 1;
    expect((await e.call('orgs:DescribeHandshake', { HandshakeId: expired }, mgmt)).Handshake.State).toBe(
      'EXPIRED',
    );
    await e.expectError(
      'orgs:AcceptHandshake',
      { HandshakeId: expired },
      'InvalidHandshakeTransitionException',
      as(NEWCOMER),
    );
    expect(await members(e)).toEqual([MGMT]);
    const states = (await e.call('orgs:ListHandshakesForOrganization', {}, mgmt)).Handshakes.map(
      (h: { State: string }) => h.State,
    );
    expect(states).toEqual(['DECLINED', 'CANCELED', 'EXPIRED']);
  });

  it('one open invitation per account and organization, and none for a member', async () => {
    const e = await env();
    const first = await invite(e, NEWCOMER);
    await e.expectError(
      'orgs:InviteAccountToOrganization',
      { Target: { Type: 'ACCOUNT', Id: NEWCOMER } },
      'DuplicateHandshakeException',
      mgmt,
    );
    await e.call('orgs:DeclineHandshake', { HandshakeId: first }, as(NEWCOMER));
    await invite(e, NEWCOMER);
    await e.expectError(
      'orgs:InviteAccountToOrganization',
      { Target: { Type: 'ACCOUNT', Id: MGMT } },
      'HandshakeConstraintViolationException',
      mgmt,
    );
    await e.expectError(
      'orgs:InviteAccountToOrganization',
      { Target: { Type: 'EMAIL', Id: 'a@example.com' } },
      'InvalidInputException',
      mgmt,
    );
    await e.expectError(
      'orgs:InviteAccountToOrganization',
      { Target: { Type: 'ACCOUNT', Id: NEWCOMER } },
      'AWSOrganizationsNotInUseException',
      as(ADMIN),
    );
  });

  it('an account joins at most one organization, whichever invitation it accepts first', async () => {
    const e = await env();
    await e.call('orgs:CreateOrganization', {}, as(OTHER_MGMT));
    const mine = await invite(e, NEWCOMER);
    const theirs = await invite(e, NEWCOMER, as(OTHER_MGMT));
    const results = await Promise.allSettled([
      e.call('orgs:AcceptHandshake', { HandshakeId: mine }, as(NEWCOMER)),
      e.call('orgs:AcceptHandshake', { HandshakeId: theirs }, as(NEWCOMER)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.code).toBe('HandshakeConstraintViolationException');
    const joined = (await e.call('orgs:DescribeOrganization', {}, as(NEWCOMER))).Organization.MasterAccountId;
    expect([MGMT, OTHER_MGMT]).toContain(joined);
    const lists = [await members(e), (await e.call('orgs:ListAccounts', {}, as(OTHER_MGMT))).Accounts];
    expect(lists[0].length + lists[1].length).toBe(3);
    await e.expectError('orgs:CreateOrganization', {}, 'AlreadyInOrganizationException', as(NEWCOMER));
  });

  it('a member leaves by itself and is isolated; the management account and the IPAM admin cannot', async () => {
    const e = makeEnv(await makeStore());
    await orgWithTree(e, { delegate: true });
    await e.expectError('orgs:LeaveOrganization', {}, 'MasterCannotLeaveOrganizationException', mgmt);
    await e.expectError('orgs:LeaveOrganization', {}, 'ConstraintViolationException', as(ADMIN));
    await e.call('orgs:LeaveOrganization', {}, as(MEMBER));
    expect(await members(e)).toEqual([ADMIN, MGMT]);
    await e.expectError('orgs:DescribeOrganization', {}, 'AWSOrganizationsNotInUseException', as(MEMBER));
  });
});
