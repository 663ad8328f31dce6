/**
 * Delegated administrators and trusted access (the management account): RegisterDelegatedAdministrator,
 * DeregisterDelegatedAdministrator and ListDelegatedAdministrators, EnableAWSServiceAccess,
 * DisableAWSServiceAccess and ListAWSServiceAccessForOrganization. IPAM's delegated admin
 * (`ipam.amazonaws.com`) is the one EnableIpamOrganizationAdminAccount sets (admin.ts), with its
 * rules (one per organization, never the management account): registering it here runs that
 * operation and answers its refusals in Organizations' words. Other service principals are kept
 * as records, several accounts each.
 */
import { AllotError, fail, isAllotError } from '../../errors';
import { type Caller, type Deps, failedWrite } from '../../ports';
import type { OrganizationRecord, OrgDelegateRecord } from '../../records';
import { listAll, pageArray } from '../kit/listing';
import { updateRecord } from '../kit/loads';
import { managementOrg } from './access';
import { memberIn } from './accounts';
import { disableIpamOrganizationAdminAccount, enableIpamOrganizationAdminAccount } from './admin';
import { orgsText } from './ids';
import { membershipOf } from './membership';
import { accountShape, ORGS_PAGE, seconds } from './shapes';

export const IPAM_PRINCIPAL = 'ipam.amazonaws.com';
const PRINCIPAL = /^[\w+=,.@-]{1,128}$/;

type Input = { AccountId?: string; ServicePrincipal?: string };

const principalOf = (value: string | undefined): string => {
  const p = orgsText(value, 'ServicePrincipal', 128);
  if (!PRINCIPAL.test(p))
    fail('InvalidInputException', `'${p}' is not a service principal.`, 'UNRECOGNIZED_SERVICE_PRINCIPAL');
  return p;
};

/** IPAM's admin through admin.ts, its EC2 refusals turned into Organizations' (the checks above ran first). */
const viaIpam = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (e) {
    if (!isAllotError(e)) throw e;
    if (e.code === 'ResourceLimitExceeded')
      throw new AllotError(
        'ConstraintViolationException',
        e.message,
        'MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED',
      );
    if (e.code === 'InvalidParameterValue') throw new AllotError('AccountNotFoundException', e.message);
    throw new AllotError('ConcurrentModificationException', e.message);
  }
};

export const registerDelegatedAdministrator = async (deps: Deps, caller: Caller, input: Input) => {
  const org = await managementOrg(deps, caller);
  const member = await memberIn(deps, org, input.AccountId);
  const principal = principalOf(input.ServicePrincipal);
  const id = member.AccountId;
  if (id === org.ManagementAccountId)
    fail(
      'ConstraintViolationException',
      'The management account cannot be a delegated administrator.',
      'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
    );
  const already =
    principal === IPAM_PRINCIPAL
      ? org.DelegatedAdminAccountId === id
      : (await deps.store.get({
          kind: 'org-delegate',
          orgId: org.OrganizationId,
          principal,
          accountId: id,
        })) !== undefined;
  if (already)
    fail(
      'AccountAlreadyRegisteredException',
      `Account ${id} is already a delegated administrator for ${principal}.`,
    );
  if (principal === IPAM_PRINCIPAL)
    return viaIpam(() =>
      enableIpamOrganizationAdminAccount(deps, caller, { DelegatedAdminAccountId: id }),
    ).then(() => ({}));
  const record: OrgDelegateRecord = {
    kind: 'org-delegate',
    OrganizationId: org.OrganizationId,
    ServicePrincipal: principal,
    AccountId: id,
    _v: 1,
    _created: deps.now(),
  };
  const res = await deps.store.commit([
    { name: 'delegate', type: 'create', record },
    { type: 'check', ref: { kind: 'org-account', accountId: id }, expectVersion: member._v },
  ]);
  if (!res.ok)
    failedWrite(res, 'delegate')
      ? fail(
          'AccountAlreadyRegisteredException',
          `Account ${id} is already a delegated administrator for ${principal}.`,
        )
      : fail('AccountNotFoundException', `Account ${id} left ${org.OrganizationId} meanwhile.`);
  return {};
};

export const deregisterDelegatedAdministrator = async (deps: Deps, caller: Caller, input: Input) => {
  const org = await managementOrg(deps, caller);
  const principal = principalOf(input.ServicePrincipal);
  const id = orgsText(input.AccountId, 'AccountId', 12);
  const notRegistered = () =>
    fail('AccountNotRegisteredException', `Account ${id} is not a delegated administrator for ${principal}.`);
  if (principal === IPAM_PRINCIPAL) {
    if (org.DelegatedAdminAccountId !== id) notRegistered();
    await viaIpam(() => disableIpamOrganizationAdminAccount(deps, caller, { DelegatedAdminAccountId: id }));
    return {};
  }
  const res = await deps.store.commit([
    { type: 'delete', ref: { kind: 'org-delegate', orgId: org.OrganizationId, principal, accountId: id } },
  ]);
  if (!res.ok) notRegistered();
  return {};
};

export const listDelegatedAdministrators = async (
  deps: Deps,
  caller: Caller,
  input: { ServicePrincipal?: string; MaxResults?: number; NextToken?: string },
) => {
  const org = await managementOrg(deps, caller);
  const wanted = input.ServicePrincipal === undefined ? undefined : principalOf(input.ServicePrincipal);
  const delegations = [
    ...(org.DelegatedAdminAccountId
      ? [
          {
            principal: IPAM_PRINCIPAL,
            account: org.DelegatedAdminAccountId,
            since: org._delegatedSince ?? org._created,
          },
        ]
      : []),
    ...(
      await listAll<OrgDelegateRecord>(deps.store, { kind: 'org-delegate', orgId: org.OrganizationId })
    ).map((d) => ({
      principal: d.ServicePrincipal,
      account: d.AccountId,
      since: d._created,
    })),
  ].filter((d) => wanted === undefined || d.principal === wanted);
  const seen = new Map<string, object>();
  for (const d of delegations) {
    const m = (await membershipOf(deps, d.account))?.member;
    if (!m || m.OrganizationId !== org.OrganizationId || seen.has(d.account)) continue;
    const { Paths: _paths, ...shape } = accountShape(deps.config, org, m, []);
    seen.set(d.account, { ...shape, DelegationEnabledDate: seconds(d.since) });
  }
  const page = pageArray([...seen.values()], input, `delegates#${wanted}`, ORGS_PAGE);
  return { DelegatedAdministrators: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};

type ServiceInput = { ServicePrincipal?: string };

const setAccess = (deps: Deps, caller: Caller, principal: string, on: boolean) =>
  updateRecord<OrganizationRecord>(
    deps,
    () => managementOrg(deps, caller),
    (o) => {
      const others = (o._serviceAccess ?? []).filter((s) => s.principal !== principal);
      const current = (o._serviceAccess ?? []).find((s) => s.principal === principal);
      const next = on ? [...others, current ?? { principal, since: deps.now() }] : others;
      return { next: { ...o, _serviceAccess: next } };
    },
  );

export const enableAWSServiceAccess = async (deps: Deps, caller: Caller, input: ServiceInput) => {
  await setAccess(deps, caller, principalOf(input.ServicePrincipal), true);
  return {};
};

export const disableAWSServiceAccess = async (deps: Deps, caller: Caller, input: ServiceInput) => {
  await setAccess(deps, caller, principalOf(input.ServicePrincipal), false);
  return {};
};

export const listAWSServiceAccessForOrganization = async (
  deps: Deps,
  caller: Caller,
  input: { MaxResults?: number; NextToken?: string },
) => {
  const org = await managementOrg(deps, caller);
  const all = (org._serviceAccess ?? []).map((s) => ({
    ServicePrincipal: s.principal,
    DateEnabled: seconds(s.since),
  }));
  const page = pageArray(all, input, 'services', ORGS_PAGE);
  return { EnabledServicePrincipals: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};
