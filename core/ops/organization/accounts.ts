/**
 * Member accounts, as AWS Organizations serves them: ListAccounts, ListAccountsForParent,
 * DescribeAccount and MoveAccount (the management account), RemoveAccountFromOrganization (the
 * management account) and LeaveOrganization (the member itself). An account joins only by
 * accepting an invitation (handshakes.ts). Removal and leaving isolate what the account owns
 * (isolation.ts) and detach the policies attached to it, in the same unit of work; neither the
 * management account nor a delegated administrator can go.
 */
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type { OrgAccountRecord, OrganizationRecord, OrgDelegateRecord } from '../../records';
import { dryRun } from '../kit/common';
import { listAll, pageArray } from '../kit/listing';
import { managementOrg, memberOrg } from './access';
import { dropTargetWrites } from './attachments-writes';
import { ACCOUNT_ID, orgsId, orgsText } from './ids';
import { isolateWrite, restoreWrites } from './isolation';
import { accountsOf, chainOf } from './membership';
import { accountShape, ORGS_PAGE } from './shapes';
import { childCount, parentIn, unitMap } from './units';

type DryRunInput = { DryRun?: boolean };
type Page = { MaxResults?: number; NextToken?: string };

/** A member of the organization (AccountNotFoundException otherwise). */
export const memberIn = async (deps: Deps, org: OrganizationRecord, id: string | undefined) => {
  const accountId = orgsId(id, ACCOUNT_ID, 'AccountId');
  const m = await deps.store.get<OrgAccountRecord>({ kind: 'org-account', accountId });
  if (!m || m.OrganizationId !== org.OrganizationId)
    fail('AccountNotFoundException', `Account ${accountId} is not a member of ${org.OrganizationId}.`);
  return m as OrgAccountRecord;
};

const listed = async (
  deps: Deps,
  org: OrganizationRecord,
  keep: (a: OrgAccountRecord) => boolean,
  input: Page,
  scope: string,
) => {
  const units = await unitMap(deps, org.OrganizationId);
  const shapes = (await accountsOf(deps, org.OrganizationId))
    .filter(keep)
    .map((a) => accountShape(deps.config, org, a, chainOf(a.ParentId, units)));
  const page = pageArray(shapes, input, scope, ORGS_PAGE);
  return { Accounts: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};

export const listAccounts = async (deps: Deps, caller: Caller, input: Page) => {
  const org = await managementOrg(deps, caller);
  return listed(deps, org, () => true, input, `accounts#${org.OrganizationId}`);
};

export const listAccountsForParent = async (
  deps: Deps,
  caller: Caller,
  input: Page & { ParentId?: string },
) => {
  const org = await managementOrg(deps, caller);
  const parentId = orgsText(input.ParentId, 'ParentId', 100);
  await parentIn(deps, org, parentId);
  return listed(deps, org, (a) => a.ParentId === parentId, input, `accounts#${parentId}`);
};

export const describeAccount = async (deps: Deps, caller: Caller, input: { AccountId?: string }) => {
  const org = await managementOrg(deps, caller);
  const member = await memberIn(deps, org, input.AccountId);
  const units = await unitMap(deps, org.OrganizationId);
  return { Account: accountShape(deps.config, org, member, chainOf(member.ParentId, units)) };
};

/**
 * Moves a member to the root or another OU; `SourceParentId`, when given, must be where it is.
 * @example await moveMember(deps, caller, { AccountId: '444455556666', DestinationParentId: 'ou-ab12-11111111' })
 */
export const moveMember = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { AccountId?: string; SourceParentId?: string; DestinationParentId?: string },
) => {
  const org = await managementOrg(deps, caller);
  const member = await memberIn(deps, org, input.AccountId);
  const to = orgsText(input.DestinationParentId, 'DestinationParentId', 100);
  await parentIn(deps, org, to, 'DestinationParentNotFoundException');
  if (input.SourceParentId !== undefined) {
    await parentIn(deps, org, input.SourceParentId, 'SourceParentNotFoundException');
    if (input.SourceParentId !== member.ParentId)
      fail('AccountNotFoundException', `Account ${member.AccountId} is not in ${input.SourceParentId}.`);
  }
  if (member.ParentId === to)
    fail('DuplicateAccountException', `Account ${member.AccountId} is already in ${to}.`);
  dryRun(input);
  const moved = { ...member, ParentId: to };
  const res = await deps.store.commit([
    { type: 'replace', record: moved, expectVersion: member._v },
    ...childCount(org, member.ParentId, -1),
    ...childCount(org, to, 1),
  ]);
  if (!res.ok)
    fail(
      'ConcurrentModificationException',
      `Account ${member.AccountId} or its destination changed meanwhile; retry.`,
    );
  return moved;
};

export const moveAccount = async (deps: Deps, caller: Caller, input: Parameters<typeof moveMember>[2]) => {
  await moveMember(deps, caller, input);
  return {};
};

/** Why this member cannot go, if it cannot: it manages the organization or administers for a service. */
const refuseDeparture = async (deps: Deps, org: OrganizationRecord, id: string) => {
  if (id === org.ManagementAccountId)
    fail(
      'MasterCannotLeaveOrganizationException',
      'The management account cannot leave its own organization.',
    );
  const delegates = await listAll<OrgDelegateRecord>(deps.store, {
    kind: 'org-delegate',
    orgId: org.OrganizationId,
  });
  if (id === org.DelegatedAdminAccountId || delegates.some((d) => d.AccountId === id))
    fail(
      'ConstraintViolationException',
      `Account ${id} is a delegated administrator of ${org.OrganizationId}; deregister it first (DisableIpamOrganizationAdminAccount for IPAM).`,
      'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG',
    );
};

/** The member leaves: its membership, its policies, and isolation of what it owns, at once. */
const depart = async (deps: Deps, org: OrganizationRecord, member: OrgAccountRecord, input: DryRunInput) => {
  await refuseDeparture(deps, org, member.AccountId);
  dryRun(input);
  const res = await deps.store.commit([
    { type: 'delete', ref: { kind: 'org-account', accountId: member.AccountId }, expectVersion: member._v },
    { type: 'check', ref: { kind: 'organization', id: org.OrganizationId }, expectVersion: org._v },
    ...childCount(org, member.ParentId, -1),
    await isolateWrite(deps, member.AccountId, org.OrganizationId),
    ...(await dropTargetWrites(deps, org.OrganizationId, member.AccountId)),
  ]);
  if (!res.ok)
    fail(
      'ConcurrentModificationException',
      `Account ${member.AccountId} or its organization changed meanwhile; retry.`,
    );
  return member;
};

export const removeMember = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { AccountId?: string },
) => {
  const org = await managementOrg(deps, caller);
  return depart(deps, org, await memberIn(deps, org, input.AccountId), input);
};

export const removeAccountFromOrganization = async (
  deps: Deps,
  caller: Caller,
  input: { AccountId?: string },
) => {
  await removeMember(deps, caller, input);
  return {};
};

export const leaveOrganization = async (deps: Deps, caller: Caller) => {
  const { org, member } = await memberOrg(deps, caller);
  await depart(deps, org, member, {});
  return {};
};

/**
 * The writes by which an account that accepted an invitation joins under the root, ending its
 * isolation if it had left an organization before.
 */
export const joinWrites = async (
  deps: Deps,
  org: OrganizationRecord,
  accountId: string,
): Promise<Write[]> => [
  {
    name: 'member',
    type: 'create',
    record: {
      kind: 'org-account',
      AccountId: accountId,
      OrganizationId: org.OrganizationId,
      ParentId: org.RootId,
      _joined: 'INVITED',
      _v: 1,
      _created: deps.now(),
    },
  },
  { name: 'organization', type: 'check', ref: { kind: 'organization', id: org.OrganizationId } },
  ...(await restoreWrites(deps, accountId)),
];
