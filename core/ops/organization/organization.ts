/**
 * The organization registry's own actions (Allot-specific, JSON API): the management account
 * creates its organization, its OUs, and registers, moves and removes member accounts; members
 * read it (F-ORG-10). It stands in for AWS Organizations, which the self-hosted product cannot
 * call. IDs follow the Organizations formats; an operator mirroring a real organization may give
 * its own IDs so existing OU exclusion paths keep working.
 *
 * Every change is one atomic unit of work: an account belongs to at most one organization (its
 * record's key is the account id), and an OU counts the OUs and accounts directly in it, so a
 * non-empty OU cannot be deleted even by a concurrent move.
 */

import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite, named, type Write } from '../../ports';
import type { OrgAccountRecord, OrganizationRecord, OrgUnitRecord } from '../../records';
import { dryRun, publicShape, required } from '../kit/common';
import { isolateWrite, restoreWrites } from './isolation';
import { accountsOf, chainOf, managedOrg, membershipOf, unitsOf } from './membership';

const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ROOT_ID = /^r-[a-z0-9]{4,32}$/;
const OU_ID = /^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;
const ACCOUNT_ID = /^\d{12}$/;
/** Organizations allows OUs five levels deep under the root. */
export const MAX_OU_DEPTH = 5;

type DryRunInput = { DryRun?: boolean };

const checkedId = (value: string | undefined, pattern: RegExp, field: string): string | undefined => {
  if (value !== undefined && !pattern.test(value))
    fail('InvalidParameterValue', `'${value}' is not a valid ${field}.`);
  return value;
};

export const accountId = (value: string | undefined, field: string): string => {
  const id = required(value, field);
  if (!ACCOUNT_ID.test(id)) fail('InvalidParameterValue', `${field} must be a 12-digit account ID.`);
  return id;
};

const orgShape = (o: OrganizationRecord) => publicShape(o);

/** The parent a new child goes under: the root, or an OU of this organization (with its depth). */
const parentOf = async (deps: Deps, org: OrganizationRecord, parentId: string) => {
  if (parentId === org.RootId) return { ou: undefined, depth: 0 };
  const ou = await deps.store.get<OrgUnitRecord>({
    kind: 'org-unit',
    orgId: org.OrganizationId,
    id: parentId,
  });
  if (!ou)
    fail(
      'InvalidParameterValue',
      `The parent '${parentId}' is not the root or an OU of ${org.OrganizationId}.`,
    );
  const units = new Map((await unitsOf(deps, org.OrganizationId)).map((u) => [u.OrganizationalUnitId, u]));
  return { ou, depth: chainOf(parentId, units).length };
};

/** The count change of a parent OU (none for the root). */
const childCount = (org: OrganizationRecord, parentId: string, delta: number): Write[] =>
  parentId === org.RootId
    ? []
    : [
        {
          type: 'counter',
          ref: { kind: 'org-unit', orgId: org.OrganizationId, id: parentId },
          field: '_childCount',
          delta,
        },
      ];

export const createOrganization = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { OrganizationId?: string; RootId?: string },
) => {
  const OrganizationId = checkedId(input.OrganizationId, ORG_ID, 'organization ID') ?? deps.ids.next('o', 10);
  const RootId = checkedId(input.RootId, ROOT_ID, 'root ID') ?? deps.ids.next('r', 4);
  const existing = await membershipOf(deps, caller.accountId);
  if (existing)
    fail(
      'IncorrectState',
      `Account ${caller.accountId} is already in organization ${existing.org.OrganizationId}.`,
    );
  dryRun(input);
  const now = deps.now();
  const org: OrganizationRecord = {
    kind: 'organization',
    OrganizationId,
    RootId,
    ManagementAccountId: caller.accountId,
    _v: 1,
    _created: now,
  };
  const member: OrgAccountRecord = {
    kind: 'org-account',
    AccountId: caller.accountId,
    OrganizationId,
    ParentId: RootId,
    _v: 1,
    _created: now,
  };
  const res = await deps.store.commit([
    { name: 'organization', type: 'create', record: org },
    { type: 'create', record: member },
  ]);
  if (!res.ok)
    fail(
      failedWrite(res, 'organization') ? 'InvalidParameterValue' : 'IncorrectState',
      failedWrite(res, 'organization')
        ? `The organization ${OrganizationId} already exists.`
        : `Account ${caller.accountId} joined an organization meanwhile.`,
    );
  return { Organization: orgShape(org) };
};

/**
 * The caller's organization: the management account and the IPAM delegated admin also see the
 * OU tree and the member accounts; an account outside any organization gets `{}` (F-ORG-06/10).
 */
export const describeOrganization = async (deps: Deps, caller: Caller, input: DryRunInput) => {
  dryRun(input);
  const m = await membershipOf(deps, caller.accountId);
  if (!m) return {};
  const { org } = m;
  if (caller.accountId !== org.ManagementAccountId && caller.accountId !== org.DelegatedAdminAccountId)
    return { Organization: orgShape(org) };
  const units = await unitsOf(deps, org.OrganizationId);
  const accounts = await accountsOf(deps, org.OrganizationId);
  return {
    Organization: orgShape(org),
    OrganizationalUnits: units.map((u) => publicShape(u, ['OrganizationId'])),
    Accounts: accounts.map((a) => publicShape(a, ['OrganizationId'])),
  };
};

export const createOrganizationalUnit = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { ParentId?: string; Name?: string; OrganizationalUnitId?: string },
) => {
  const org = await managedOrg(deps, caller);
  const parentId = required(input.ParentId, 'ParentId');
  const name = required(input.Name, 'Name');
  if (name.length > 128) fail('InvalidParameterValue', 'Name must be at most 128 characters.');
  const given = checkedId(input.OrganizationalUnitId, OU_ID, 'OU ID');
  const { depth } = await parentOf(deps, org, parentId);
  if (depth >= MAX_OU_DEPTH)
    fail('ResourceLimitExceeded', `OUs can be nested at most ${MAX_OU_DEPTH} levels under the root.`);
  dryRun(input);
  const ou: OrgUnitRecord = {
    kind: 'org-unit',
    OrganizationId: org.OrganizationId,
    OrganizationalUnitId: given ?? deps.ids.next(`ou-${org.RootId.slice(2, 6)}`, 8),
    ParentId: parentId,
    Name: name,
    _childCount: 0,
    _v: 1,
    _created: deps.now(),
  };
  const res = await deps.store.commit([
    { name: 'unit', type: 'create', record: ou },
    ...childCount(org, parentId, 1),
  ]);
  if (!res.ok)
    fail(
      failedWrite(res, 'unit') ? 'InvalidParameterValue' : 'IncorrectState',
      failedWrite(res, 'unit')
        ? `The OU ${ou.OrganizationalUnitId} already exists.`
        : `The parent ${parentId} was deleted meanwhile.`,
    );
  return { OrganizationalUnit: publicShape(ou, ['OrganizationId']) };
};

export const deleteOrganizationalUnit = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { OrganizationalUnitId?: string },
) => {
  const org = await managedOrg(deps, caller);
  const id = required(input.OrganizationalUnitId, 'OrganizationalUnitId');
  const ou = await deps.store.get<OrgUnitRecord>({ kind: 'org-unit', orgId: org.OrganizationId, id });
  if (!ou) return fail('InvalidParameterValue', `The OU ${id} is not in ${org.OrganizationId}.`);
  dryRun(input);
  const res = await deps.store.commit([
    {
      type: 'delete',
      ref: { kind: 'org-unit', orgId: org.OrganizationId, id },
      requireZero: ['_childCount'],
    },
    ...childCount(org, ou.ParentId, -1),
  ]);
  if (!res.ok) fail('IncorrectState', `The OU ${id} still contains OUs or accounts.`);
  return { OrganizationalUnit: publicShape(ou, ['OrganizationId']) };
};

export const registerOrganizationAccount = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { AccountId?: string; ParentId?: string },
) => {
  const org = await managedOrg(deps, caller);
  const id = accountId(input.AccountId, 'AccountId');
  const parentId = input.ParentId ?? org.RootId;
  await parentOf(deps, org, parentId);
  dryRun(input);
  const member: OrgAccountRecord = {
    kind: 'org-account',
    AccountId: id,
    OrganizationId: org.OrganizationId,
    ParentId: parentId,
    _v: 1,
    _created: deps.now(),
  };
  const res = await deps.store.commit([
    { name: 'member', type: 'create', record: member },
    ...named('parent', childCount(org, parentId, 1)),
    ...(await restoreWrites(deps, id)),
  ]);
  if (!res.ok)
    fail(
      'IncorrectState',
      failedWrite(res, 'member')
        ? `Account ${id} is already a member of an organization.`
        : failedWrite(res, 'restore')
          ? `Account ${id} changed meanwhile; retry the request.`
          : `The parent ${parentId} was deleted meanwhile.`,
    );
  return { Account: publicShape(member) };
};

/** A member of the caller's organization, for the management account to move or remove. */
const memberOf = async (deps: Deps, org: OrganizationRecord, id: string): Promise<OrgAccountRecord> => {
  const m = await deps.store.get<OrgAccountRecord>({ kind: 'org-account', accountId: id });
  if (!m || m.OrganizationId !== org.OrganizationId)
    fail('InvalidParameterValue', `Account ${id} is not a member of ${org.OrganizationId}.`);
  return m as OrgAccountRecord;
};

export const moveAccount = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { AccountId?: string; DestinationParentId?: string },
) => {
  const org = await managedOrg(deps, caller);
  const id = accountId(input.AccountId, 'AccountId');
  const to = required(input.DestinationParentId, 'DestinationParentId');
  const member = await memberOf(deps, org, id);
  await parentOf(deps, org, to);
  dryRun(input);
  if (member.ParentId === to) return { Account: publicShape(member) };
  const moved = { ...member, ParentId: to };
  const res = await deps.store.commit([
    { type: 'replace', record: moved, expectVersion: member._v },
    ...childCount(org, member.ParentId, -1),
    ...childCount(org, to, 1),
  ]);
  if (!res.ok)
    fail('IncorrectState', `Account ${id} or its destination changed meanwhile; retry the request.`);
  return { Account: publicShape(moved) };
};

export const removeAccountFromOrganization = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { AccountId?: string },
) => {
  const org = await managedOrg(deps, caller);
  const id = accountId(input.AccountId, 'AccountId');
  const member = await memberOf(deps, org, id);
  if (id === org.ManagementAccountId)
    fail('OperationNotPermitted', 'The management account cannot leave its own organization.');
  if (id === org.DelegatedAdminAccountId)
    fail('IncorrectState', `Account ${id} is the IPAM admin; DisableIpamOrganizationAdminAccount first.`);
  dryRun(input);
  const res = await deps.store.commit([
    { type: 'delete', ref: { kind: 'org-account', accountId: id }, expectVersion: member._v },
    { type: 'check', ref: { kind: 'organization', id: org.OrganizationId }, expectVersion: org._v },
    ...childCount(org, member.ParentId, -1),
    await isolateWrite(deps, id, org.OrganizationId),
  ]);
  if (!res.ok)
    fail('IncorrectState', `Account ${id} or its organization changed meanwhile; retry the request.`);
  return { Account: publicShape(member) };
};
