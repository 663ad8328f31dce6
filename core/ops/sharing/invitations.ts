/**
 * RAM resource share invitations (F-SHARE-07): GetResourceShareInvitations,
 * AcceptResourceShareInvitation, RejectResourceShareInvitation. An account outside the sharer's
 * organization sees the invitation, and only it may answer: accepting turns its waiting grants
 * active (the pool then shows in its DescribeIpamPools and it may allocate), rejecting removes
 * them. Invitations expire after seven days as RAM's do [decision: computed on read].
 */
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type {
  PoolGrantRecord,
  RdShareRecord,
  ResourceShareRecord,
  ShareInvitationRecord,
} from '../../records';
import { listAll, pageArray } from '../kit/listing';
import { rdIdOfArn } from './arns';
import { grantRef } from './associate';

export const INVITATION_TTL_MS = 7 * 86_400_000;
const ARN = /^arn:[a-z-]+:ram:[a-z0-9-]+:\d{12}:resource-share-invitation\/([0-9a-f-]{36})$/;

type Status = ShareInvitationRecord['Status'] | 'EXPIRED';

const statusOf = (deps: Deps, i: ShareInvitationRecord): Status =>
  i.Status === 'PENDING' && deps.now() - i.InvitationTimestamp > INVITATION_TTL_MS ? 'EXPIRED' : i.Status;

const shape = (deps: Deps, i: ShareInvitationRecord) => ({
  resourceShareInvitationArn: i.ResourceShareInvitationArn,
  resourceShareName: i.ResourceShareName,
  resourceShareArn: i.ResourceShareArn,
  senderAccountId: i.SenderAccountId,
  receiverAccountId: i.ReceiverAccountId,
  invitationTimestamp: i.InvitationTimestamp / 1000,
  status: statusOf(deps, i),
});

/** The caller's invitation by ARN; anybody else's answers exactly like an unknown one. */
const loadInvitation = async (deps: Deps, caller: Caller, arn: string | undefined) => {
  if (!arn)
    return fail('MissingRequiredParameterException', 'The resourceShareInvitationArn parameter is required.');
  const id = ARN.exec(arn)?.[1];
  if (!id) return fail('MalformedArnException', `${arn} is not a resource share invitation ARN.`);
  const found = await deps.store.get<ShareInvitationRecord>({ kind: 'share-invitation', id });
  if (!found || found.ReceiverAccountId !== caller.accountId || found.ResourceShareInvitationArn !== arn)
    return fail('ResourceShareInvitationArnNotFoundException', `The invitation ${arn} does not exist.`);
  return found;
};

export const getResourceShareInvitations = async (
  deps: Deps,
  caller: Caller,
  input: {
    resourceShareInvitationArns?: string[];
    resourceShareArns?: string[];
    maxResults?: number;
    nextToken?: string;
  },
) => {
  const mine = await listAll<ShareInvitationRecord>(deps.store, {
    kind: 'share-invitation',
    receiver: caller.accountId,
  });
  const wanted = mine.filter(
    (i) =>
      (!input.resourceShareInvitationArns ||
        input.resourceShareInvitationArns.includes(i.ResourceShareInvitationArn)) &&
      (!input.resourceShareArns || input.resourceShareArns.includes(i.ResourceShareArn)),
  );
  const page = pageArray(
    wanted.map((i) => shape(deps, i)),
    { MaxResults: input.maxResults, NextToken: input.nextToken },
    `rsinv#${caller.accountId}`,
    { min: 1, max: 500 },
  );
  return { resourceShareInvitations: page.items, ...(page.NextToken ? { nextToken: page.NextToken } : {}) };
};

/** Only a pending, unexpired invitation can be answered. */
const requirePending = (deps: Deps, i: ShareInvitationRecord): void => {
  const status = statusOf(deps, i);
  if (status === 'ACCEPTED')
    fail(
      'ResourceShareInvitationAlreadyAcceptedException',
      `${i.ResourceShareInvitationArn} was already accepted.`,
    );
  if (status === 'REJECTED')
    fail(
      'ResourceShareInvitationAlreadyRejectedException',
      `${i.ResourceShareInvitationArn} was already rejected.`,
    );
  if (status === 'EXPIRED')
    fail('ResourceShareInvitationExpiredException', `${i.ResourceShareInvitationArn} has expired.`);
};

/** The invitee's grants through this share that still wait for its answer. */
const waitingGrants = async (deps: Deps, i: ShareInvitationRecord): Promise<PoolGrantRecord[]> =>
  (await listAll<PoolGrantRecord>(deps.store, { kind: 'pool-grant', grantee: i.ReceiverAccountId })).filter(
    (g) => g.ShareId === i.ShareId && g.Status === 'PENDING',
  );

/** The invitee's resource discovery grants of this share still waiting for its answer. */
const waitingRds = async (deps: Deps, share: ResourceShareRecord, i: ShareInvitationRecord) => {
  const out: RdShareRecord[] = [];
  for (const arn of share.Resources) {
    const rdId = rdIdOfArn(arn);
    const r = rdId
      ? await deps.store.get<RdShareRecord>({ kind: 'rd-share', rdId, principal: i.ReceiverAccountId })
      : undefined;
    if (r?.Status === 'pending') out.push(r);
  }
  return out;
};

const answer = async (deps: Deps, caller: Caller, arn: string | undefined, accept: boolean) => {
  const inv = await loadInvitation(deps, caller, arn);
  requirePending(deps, inv);
  const share = await deps.store.get<ResourceShareRecord>({ kind: 'resource-share', id: inv.ShareId });
  if (share?.Status !== 'ACTIVE')
    return fail(
      'ResourceShareInvitationExpiredException',
      `The share of ${inv.ResourceShareInvitationArn} is gone.`,
    );
  const next: ShareInvitationRecord = { ...inv, Status: accept ? 'ACCEPTED' : 'REJECTED' };
  const rds: Write[] = (await waitingRds(deps, share, inv)).map((r) =>
    accept
      ? { type: 'replace', record: { ...r, Status: 'active' }, expectVersion: r._v }
      : {
          type: 'delete',
          ref: { kind: 'rd-share', rdId: r.IpamResourceDiscoveryId, principal: r.Principal },
        },
  );
  const grants: Write[] = (await waitingGrants(deps, inv)).map((g) =>
    accept
      ? { type: 'replace', record: { ...g, Status: 'ACTIVE' }, expectVersion: g._v }
      : { type: 'delete', ref: grantRef(g), expectVersion: g._v },
  );
  const shareWrite: Write[] = accept
    ? [
        {
          type: 'replace',
          record: { ...share, Accepted: [...(share.Accepted ?? []), inv.ReceiverAccountId] },
          expectVersion: share._v,
        },
      ]
    : [];
  const res = await deps.store.commit([
    { type: 'replace', record: next, expectVersion: inv._v },
    ...shareWrite,
    ...grants,
    ...rds,
  ]);
  if (!res.ok)
    fail(
      'InvalidParameterException',
      `${inv.ResourceShareInvitationArn} changed meanwhile; retry the request.`,
    );
  return { resourceShareInvitation: shape(deps, next) };
};

export const acceptResourceShareInvitation = (
  deps: Deps,
  caller: Caller,
  input: { resourceShareInvitationArn?: string },
) => answer(deps, caller, input.resourceShareInvitationArn, true);

export const rejectResourceShareInvitation = (
  deps: Deps,
  caller: Caller,
  input: { resourceShareInvitationArn?: string },
) => answer(deps, caller, input.resourceShareInvitationArn, false);
