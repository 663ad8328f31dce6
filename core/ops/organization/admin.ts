/**
 * The IPAM delegated admin of an organization (F-ORG-01..03, F-ORG-06):
 * EnableIpamOrganizationAdminAccount and DisableIpamOrganizationAdminAccount, called by the
 * management account. One admin per organization; enabling the current admin again succeeds;
 * the management account itself can never be the admin. Once delegated, resource discoveries the
 * admin owns (its IPAM's default RD included) monitor every member account minus OU exclusions;
 * after disabling, existing IPAM objects stay and member discovery stops at the next cycle.
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { OrganizationRecord } from '../../records';
import { dryRun } from '../kit/common';
import { updateRecord } from '../kit/loads';
import { accountId } from './ids';
import { managedOrg } from './membership';

type Input = { DryRun?: boolean; DelegatedAdminAccountId?: string };

export const enableIpamOrganizationAdminAccount = async (deps: Deps, caller: Caller, input: Input) => {
  const id = accountId(input.DelegatedAdminAccountId, 'DelegatedAdminAccountId');
  const org = await managedOrg(deps, caller);
  if (id === org.ManagementAccountId)
    // F-ORG-01
    fail('OperationNotPermitted', 'The management account cannot be the IPAM admin account.');
  const member = await deps.store.get({ kind: 'org-account', accountId: id });
  if (!member || (member as { OrganizationId: string }).OrganizationId !== org.OrganizationId)
    fail('InvalidParameterValue', `Account ${id} is not a member of ${org.OrganizationId}.`);
  const current = org.DelegatedAdminAccountId;
  if (current !== undefined && current !== id)
    fail(
      'ResourceLimitExceeded',
      // F-ORG-02
      `Account ${current} is already the IPAM admin of ${org.OrganizationId}; disable it first.`,
    );
  dryRun(input);
  if (current === id) return { Success: true };
  await updateRecord<OrganizationRecord>(
    deps,
    () => managedOrg(deps, caller),
    (o) => {
      if (o.DelegatedAdminAccountId !== undefined && o.DelegatedAdminAccountId !== id)
        fail(
          'ResourceLimitExceeded',
          `Account ${o.DelegatedAdminAccountId} became the IPAM admin meanwhile.`,
        );
      return {
        next: { ...o, DelegatedAdminAccountId: id, _delegatedSince: deps.now() },
        // The admin must still be a member when the delegation lands.
        with: [{ type: 'check', ref: { kind: 'org-account', accountId: id } }],
      };
    },
    () => fail('InvalidParameterValue', `Account ${id} left ${org.OrganizationId} meanwhile.`),
  );
  return { Success: true };
};

export const disableIpamOrganizationAdminAccount = async (deps: Deps, caller: Caller, input: Input) => {
  const id = accountId(input.DelegatedAdminAccountId, 'DelegatedAdminAccountId');
  const org = await managedOrg(deps, caller);
  if (org.DelegatedAdminAccountId !== id)
    fail('InvalidParameterValue', `Account ${id} is not the IPAM admin of ${org.OrganizationId}.`);
  dryRun(input);
  await updateRecord<OrganizationRecord>(
    deps,
    () => managedOrg(deps, caller),
    (o) => {
      if (o.DelegatedAdminAccountId !== id)
        fail('InvalidParameterValue', `Account ${id} is no longer the IPAM admin of ${org.OrganizationId}.`);
      const { DelegatedAdminAccountId: _gone, _delegatedSince: _since, ...rest } = o;
      return { next: rest };
    },
  );
  return { Success: true };
};
