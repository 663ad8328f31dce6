/**
 * The organization itself, as AWS Organizations serves it: CreateOrganization (the caller becomes
 * its management account; feature set ALL), DescribeOrganization (any member), ListRoots and
 * DeleteOrganization (the management account, once no other account is a member). It stands in
 * for AWS Organizations, which a self-hosted product cannot call. IDs follow the Organizations
 * formats; the JSON alias (aliases.ts) may give an organization's own IDs so existing OU
 * exclusion paths keep working.
 *
 * Every change is one atomic unit of work: an account belongs to at most one organization (its
 * membership record's key is the account id).
 */
import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite } from '../../ports';
import type { HandshakeRecord, OrgAccountRecord, OrganizationRecord, RecordRef } from '../../records';
import { dryRun } from '../kit/common';
import { listAll, pageArray } from '../kit/listing';
import { managementOrg, memberOrg } from './access';
import { ORG_ID, ROOT_ID } from './ids';
import { accountsOf, membershipOf } from './membership';
import { policyNameRef } from './policies';
import { ORGS_PAGE, organizationShape, rootShape } from './shapes';
import { readOrganization } from './snapshot';
import { nameGuardRef } from './units';

const givenId = (value: string | undefined, pattern: RegExp, field: string): string | undefined => {
  if (value !== undefined && !pattern.test(value))
    fail('InvalidInputException', `'${value}' is not a valid ${field}.`, 'INVALID_PATTERN');
  return value;
};

/**
 * The caller's new organization, with the caller as its management account and first member.
 * @example const org = await newOrganization(deps, caller, {}) // ids o-…, r-… chosen here
 */
export const newOrganization = async (
  deps: Deps,
  caller: Caller,
  input: { OrganizationId?: string; RootId?: string; DryRun?: boolean },
): Promise<OrganizationRecord> => {
  const OrganizationId = givenId(input.OrganizationId, ORG_ID, 'organization ID') ?? deps.ids.next('o', 10);
  const RootId = givenId(input.RootId, ROOT_ID, 'root ID') ?? deps.ids.next('r', 4);
  const existing = await membershipOf(deps, caller.accountId);
  if (existing)
    fail(
      'AlreadyInOrganizationException',
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
    _joined: 'CREATED',
    _v: 1,
    _created: now,
  };
  const res = await deps.store.commit([
    { name: 'organization', type: 'create', record: org },
    { type: 'create', record: member },
  ]);
  if (!res.ok)
    fail(
      failedWrite(res, 'organization') ? 'InvalidInputException' : 'AlreadyInOrganizationException',
      failedWrite(res, 'organization')
        ? `The organization ${OrganizationId} already exists.`
        : `Account ${caller.accountId} joined an organization meanwhile.`,
    );
  return org;
};

export const createOrganization = async (deps: Deps, caller: Caller, input: { FeatureSet?: string }) => {
  if (input.FeatureSet !== undefined && input.FeatureSet !== 'ALL')
    fail(
      'InvalidInputException',
      'Allot serves organizations with all features (FeatureSet ALL) only.',
      'INVALID_ENUM',
    );
  const org = await newOrganization(deps, caller, {});
  return { Organization: organizationShape(deps.config, org) };
};

/** Any member sees its organization. */
export const describeOrganization = async (deps: Deps, caller: Caller) => {
  const { org } = await memberOrg(deps, caller);
  return { Organization: organizationShape(deps.config, org) };
};

export const listRoots = async (
  deps: Deps,
  caller: Caller,
  input: { MaxResults?: number; NextToken?: string },
) => {
  const org = await managementOrg(deps, caller);
  const page = pageArray([rootShape(deps.config, org)], input, `roots#${org.OrganizationId}`, ORGS_PAGE);
  return { Roots: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};

/**
 * Deletes the organization once the management account is its only member: the organization and
 * that membership atomically, then what its partition holds (OUs, policies, attachments) and the
 * name guards, and open invitations are cancelled.
 */
export const deleteOrganization = async (deps: Deps, caller: Caller) => {
  const org = await managementOrg(deps, caller);
  const others = (await accountsOf(deps, org.OrganizationId)).filter(
    (a) => a.AccountId !== org.ManagementAccountId,
  );
  if (others.length > 0)
    fail(
      'OrganizationNotEmptyException',
      `The organization ${org.OrganizationId} still has ${others.length} member account(s); remove them first.`,
    );
  const res = await deps.store.commit([
    { type: 'delete', ref: { kind: 'organization', id: org.OrganizationId }, expectVersion: org._v },
    { type: 'delete', ref: { kind: 'org-account', accountId: caller.accountId } },
  ]);
  if (!res.ok)
    fail(
      'ConcurrentModificationException',
      `The organization ${org.OrganizationId} changed meanwhile; retry.`,
    );
  await purgeOrganization(deps, org);
  return {};
};

/** What an organization deleted leaves: its partition, the name guards, and open invitations. */
const purgeOrganization = async (deps: Deps, org: OrganizationRecord) => {
  const snap = await readOrganization(deps, org.OrganizationId);
  const refs: RecordRef[] = [];
  for (const ou of snap?.units.values() ?? [])
    refs.push(
      { kind: 'org-unit', orgId: org.OrganizationId, id: ou.OrganizationalUnitId },
      nameGuardRef(ou.OrganizationId, ou.ParentId, ou.Name),
    );
  for (const p of snap?.policies.values() ?? [])
    refs.push(
      { kind: 'org-policy', orgId: org.OrganizationId, id: p.PolicyId },
      policyNameRef(org.OrganizationId, p.Name),
    );
  for (const a of snap?.attachments ?? [])
    refs.push({
      kind: 'policy-attachment',
      orgId: org.OrganizationId,
      targetId: a.TargetId,
      policyId: a.PolicyId,
    });
  for (const d of snap?.delegates ?? [])
    refs.push({
      kind: 'org-delegate',
      orgId: org.OrganizationId,
      principal: d.ServicePrincipal,
      accountId: d.AccountId,
    });
  await deps.store.purge(refs);
  const open = (
    await listAll<HandshakeRecord>(deps.store, { kind: 'handshake', orgId: org.OrganizationId })
  ).filter((h) => h.State === 'OPEN');
  for (const h of open)
    await deps.store.commit([{ type: 'replace', record: { ...h, State: 'CANCELED' }, expectVersion: h._v }]);
};
