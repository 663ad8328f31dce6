/**
 * The organization registry's older JSON actions (`POST /v1/<Action>`), kept as thin aliases over
 * the same core as the Organizations API, answering in their own shapes: CreateOrganization and
 * CreateOrganizationalUnit may give an existing organization's own IDs (so its OU exclusion paths
 * keep working), DescribeOrganization shows the tree to the management account and the IPAM admin.
 * RegisterOrganizationAccount no longer enrols an account: it invites it (a handshake the account
 * accepts with its own credentials, AcceptHandshake on the Organizations API). Refusals carry
 * Organizations' codes.
 */
import type { Caller, Deps } from '../../ports';
import { dryRun, publicShape } from '../kit/common';
import { moveMember, removeMember } from './accounts';
import { handshakeShape, invite } from './handshakes';
import { accountsOf, membershipOf, unitsOf } from './membership';
import { newOrganization } from './organization';
import { addUnit, removeUnit } from './units';

type DryRunInput = { DryRun?: boolean };

export const createOrganizationAlias = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { OrganizationId?: string; RootId?: string },
) => ({ Organization: publicShape(await newOrganization(deps, caller, input)) });

/**
 * The caller's organization: the management account and the IPAM delegated admin also see the
 * OU tree and the member accounts; an account outside any organization gets `{}` (F-ORG-06/10).
 */
export const describeOrganizationAlias = async (deps: Deps, caller: Caller, input: DryRunInput) => {
  dryRun(input);
  const m = await membershipOf(deps, caller.accountId);
  if (!m) return {};
  const { org } = m;
  if (caller.accountId !== org.ManagementAccountId && caller.accountId !== org.DelegatedAdminAccountId)
    return { Organization: publicShape(org) };
  const units = await unitsOf(deps, org.OrganizationId);
  const accounts = await accountsOf(deps, org.OrganizationId);
  return {
    Organization: publicShape(org),
    OrganizationalUnits: units.map((u) => publicShape(u, ['OrganizationId'])),
    Accounts: accounts.map((a) => publicShape(a, ['OrganizationId'])),
  };
};

export const createOrganizationalUnitAlias = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { ParentId?: string; Name?: string; OrganizationalUnitId?: string },
) => ({ OrganizationalUnit: publicShape((await addUnit(deps, caller, input)).ou, ['OrganizationId']) });

export const deleteOrganizationalUnitAlias = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { OrganizationalUnitId?: string },
) => ({ OrganizationalUnit: publicShape(await removeUnit(deps, caller, input), ['OrganizationId']) });

/** An invitation of the account, as InviteAccountToOrganization: it joins once it accepts. */
export const registerOrganizationAccount = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { AccountId?: string },
) => ({
  Handshake: handshakeShape(
    deps,
    await invite(deps, caller, { Target: { Type: 'ACCOUNT', Id: input.AccountId }, DryRun: input.DryRun }),
  ),
});

export const moveAccountAlias = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { AccountId?: string; DestinationParentId?: string },
) => ({ Account: publicShape(await moveMember(deps, caller, input)) });

export const removeAccountAlias = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { AccountId?: string },
) => ({
  Account: publicShape(await removeMember(deps, caller, input)),
});
