/**
 * Joining an organization takes the account's consent, as in AWS Organizations: the management
 * account invites an account (InviteAccountToOrganization opens a handshake), and only the invited
 * account, signed as itself, accepts it (AcceptHandshake), after which it is a member under the
 * root. The invitee may decline, the sender cancel; an open handshake expires after 15 days
 * (computed on read). Acceptance is the atomic point: the handshake's state moves at its version
 * and the membership is created only if the account is in no organization, in one unit of work.
 * [decision] A second open invitation of the same account is refused from the listing (an index
 * read), so two racing invitations may both open; only one can ever be accepted.
 */
import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite } from '../../ports';
import type { HandshakeRecord, OrganizationRecord, Tag } from '../../records';
import { dryRun } from '../kit/common';
import { listAll, pageArray } from '../kit/listing';
import { managementOrg } from './access';
import { joinWrites } from './accounts';
import { ACCOUNT_ID, HANDSHAKE_ID, orgsId } from './ids';
import { membershipOf } from './membership';
import { handshakeArn, ORGS_PAGE, seconds } from './shapes';

export const HANDSHAKE_TTL_MS = 15 * 86_400_000;

type State = HandshakeRecord['State'] | 'EXPIRED';
const stateOf = (deps: Deps, h: HandshakeRecord): State =>
  h.State === 'OPEN' && deps.now() > h.ExpirationTimestamp ? 'EXPIRED' : h.State;

export const handshakeShape = (deps: Deps, h: HandshakeRecord) => ({
  Id: h.HandshakeId,
  Arn: handshakeArn(
    deps.config,
    { ManagementAccountId: h.SenderAccountId, OrganizationId: h.OrganizationId },
    h.HandshakeId,
  ),
  Parties: [
    { Id: h.OrganizationId, Type: 'ORGANIZATION' },
    { Id: h.TargetAccountId, Type: 'ACCOUNT' },
  ],
  State: stateOf(deps, h),
  RequestedTimestamp: seconds(h.RequestedTimestamp),
  ExpirationTimestamp: seconds(h.ExpirationTimestamp),
  Action: h.Action,
  Resources: [
    {
      Type: 'ORGANIZATION',
      Value: h.OrganizationId,
      Resources: [
        { Type: 'MANAGEMENT_ACCOUNT', Value: h.SenderAccountId },
        { Type: 'ORGANIZATION_FEATURE_SET', Value: 'ALL' },
      ],
    },
    { Type: 'ACCOUNT', Value: h.TargetAccountId },
    ...(h.Notes ? [{ Type: 'NOTES', Value: h.Notes }] : []),
  ],
});

/**
 * Opens an invitation of an account (by id: Allot knows no account e-mail addresses).
 * @example const h = await invite(deps, caller, { Target: { Type: 'ACCOUNT', Id: '444455556666' } })
 */
export const invite = async (
  deps: Deps,
  caller: Caller,
  input: { Target?: { Type?: string; Id?: string }; Notes?: string; Tags?: Tag[]; DryRun?: boolean },
): Promise<HandshakeRecord> => {
  const org = await managementOrg(deps, caller);
  if (input.Target?.Type !== 'ACCOUNT')
    fail(
      'InvalidInputException',
      'Allot invites accounts by id only: Target Type must be ACCOUNT.',
      'INVALID_PARTY_TYPE_TARGET',
    );
  const target = orgsId(input.Target?.Id, ACCOUNT_ID, 'Target Id');
  if (input.Notes !== undefined && input.Notes.length > 1024)
    fail('InvalidInputException', 'Notes must be at most 1024 characters.', 'MAX_LENGTH_EXCEEDED');
  const m = await membershipOf(deps, target);
  if (m)
    fail(
      'HandshakeConstraintViolationException',
      `Account ${target} is already a member of an organization.`,
      'ALREADY_IN_AN_ORGANIZATION',
    );
  const mine = await listAll<HandshakeRecord>(deps.store, { kind: 'handshake', target });
  if (mine.some((h) => h.OrganizationId === org.OrganizationId && stateOf(deps, h) === 'OPEN'))
    fail(
      'DuplicateHandshakeException',
      `Account ${target} already has an open invitation to ${org.OrganizationId}.`,
    );
  dryRun(input);
  const now = deps.now();
  const h: HandshakeRecord = {
    kind: 'handshake',
    HandshakeId: deps.ids.next('h', 10),
    OrganizationId: org.OrganizationId,
    SenderAccountId: caller.accountId,
    TargetAccountId: target,
    Action: 'INVITE',
    State: 'OPEN',
    ...(input.Notes ? { Notes: input.Notes } : {}),
    RequestedTimestamp: now,
    ExpirationTimestamp: now + HANDSHAKE_TTL_MS,
    _v: 1,
    _created: now,
  };
  const res = await deps.store.commit([{ type: 'create', record: h }]);
  if (!res.ok) fail('ConcurrentModificationException', 'The handshake could not be created; retry.');
  return h;
};

export const inviteAccountToOrganization = async (
  deps: Deps,
  caller: Caller,
  input: Parameters<typeof invite>[2],
) => ({
  Handshake: handshakeShape(deps, await invite(deps, caller, input)),
});

/** A handshake the caller is a party to; anybody else's answers exactly like an unknown one. */
const partyOf = async (deps: Deps, caller: Caller, id: string | undefined) => {
  const handshakeId = orgsId(id, HANDSHAKE_ID, 'HandshakeId');
  const h = await deps.store.get<HandshakeRecord>({ kind: 'handshake', id: handshakeId });
  if (!h || (h.TargetAccountId !== caller.accountId && h.SenderAccountId !== caller.accountId))
    return fail('HandshakeNotFoundException', `The handshake ${handshakeId} does not exist.`);
  return h;
};

/** Only `who` ('target' or 'sender') may move an open handshake to `next`. */
const transition = async (
  deps: Deps,
  caller: Caller,
  id: string | undefined,
  who: 'target' | 'sender',
  next: HandshakeRecord['State'],
) => {
  const h = await partyOf(deps, caller, id);
  const allowed = who === 'target' ? h.TargetAccountId : h.SenderAccountId;
  if (caller.accountId !== allowed)
    fail(
      'AccessDeniedException',
      `Only the ${who === 'target' ? 'invited account' : 'sender'} may do this with ${h.HandshakeId}.`,
    );
  const state = stateOf(deps, h);
  if (state === next)
    fail('HandshakeAlreadyInStateException', `The handshake ${h.HandshakeId} is already ${state}.`);
  if (state !== 'OPEN')
    fail(
      'InvalidHandshakeTransitionException',
      `The handshake ${h.HandshakeId} is ${state} and cannot become ${next}.`,
    );
  return { h, moved: { ...h, State: next } };
};

export const acceptHandshake = async (deps: Deps, caller: Caller, input: { HandshakeId?: string }) => {
  const { h, moved } = await transition(deps, caller, input.HandshakeId, 'target', 'ACCEPTED');
  const m = await membershipOf(deps, caller.accountId);
  if (m)
    fail(
      'HandshakeConstraintViolationException',
      `Account ${caller.accountId} is already a member of ${m.org.OrganizationId}.`,
      'ALREADY_IN_AN_ORGANIZATION',
    );
  const org =
    (await deps.store.get<OrganizationRecord>({ kind: 'organization', id: h.OrganizationId })) ??
    fail('InvalidHandshakeTransitionException', `The organization ${h.OrganizationId} no longer exists.`);
  const res = await deps.store.commit([
    { type: 'replace', record: moved, expectVersion: h._v },
    ...(await joinWrites(deps, org, caller.accountId)),
  ]);
  if (!res.ok)
    failedWrite(res, 'member')
      ? fail(
          'HandshakeConstraintViolationException',
          `Account ${caller.accountId} joined an organization meanwhile.`,
          'ALREADY_IN_AN_ORGANIZATION',
        )
      : failedWrite(res, 'organization')
        ? fail(
            'InvalidHandshakeTransitionException',
            `The organization ${h.OrganizationId} no longer exists.`,
          )
        : fail('ConcurrentModificationException', `The handshake ${h.HandshakeId} changed meanwhile; retry.`);
  return { Handshake: handshakeShape(deps, moved) };
};

const settle = async (
  deps: Deps,
  caller: Caller,
  id: string | undefined,
  who: 'target' | 'sender',
  next: HandshakeRecord['State'],
) => {
  const { h, moved } = await transition(deps, caller, id, who, next);
  const res = await deps.store.commit([{ type: 'replace', record: moved, expectVersion: h._v }]);
  if (!res.ok)
    fail('ConcurrentModificationException', `The handshake ${h.HandshakeId} changed meanwhile; retry.`);
  return { Handshake: handshakeShape(deps, moved) };
};

export const declineHandshake = (deps: Deps, caller: Caller, input: { HandshakeId?: string }) =>
  settle(deps, caller, input.HandshakeId, 'target', 'DECLINED');

export const cancelHandshake = (deps: Deps, caller: Caller, input: { HandshakeId?: string }) =>
  settle(deps, caller, input.HandshakeId, 'sender', 'CANCELED');

export const describeHandshake = async (deps: Deps, caller: Caller, input: { HandshakeId?: string }) => ({
  Handshake: handshakeShape(deps, await partyOf(deps, caller, input.HandshakeId)),
});

type ListInput = {
  Filter?: { ActionType?: string; ParentHandshakeId?: string };
  MaxResults?: number;
  NextToken?: string;
};

const listed = (deps: Deps, all: HandshakeRecord[], input: ListInput, scope: string) => {
  const { ActionType, ParentHandshakeId } = input.Filter ?? {};
  const kept = all.filter(
    (h) => (ActionType === undefined || h.Action === ActionType) && ParentHandshakeId === undefined,
  );
  const page = pageArray(
    kept.map((h) => handshakeShape(deps, h)),
    input,
    scope,
    ORGS_PAGE,
  );
  return { Handshakes: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};

/** The invitations sent to the caller, from any organization (it need not be in one). */
export const listHandshakesForAccount = async (deps: Deps, caller: Caller, input: ListInput) =>
  listed(
    deps,
    await listAll<HandshakeRecord>(deps.store, { kind: 'handshake', target: caller.accountId }),
    input,
    `hs#${caller.accountId}`,
  );

export const listHandshakesForOrganization = async (deps: Deps, caller: Caller, input: ListInput) => {
  const org = await managementOrg(deps, caller);
  const all = await listAll<HandshakeRecord>(deps.store, { kind: 'handshake', orgId: org.OrganizationId });
  return listed(deps, all, input, `hs#${org.OrganizationId}`);
};
