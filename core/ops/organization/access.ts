/**
 * Who may call an Organizations operation, as AWS Organizations answers: an account in no
 * organization gets AWSOrganizationsNotInUseException; a member may read its own organization and
 * answer or leave; everything that manages the organization is for its management account alone
 * (AccessDeniedException for any other member).
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { OrganizationRecord } from '../../records';
import { type Membership, membershipOf } from './membership';

/** The caller's organization and membership; AWSOrganizationsNotInUseException outside one. */
export const memberOrg = async (deps: Deps, caller: Caller): Promise<Membership> => {
  const m = await membershipOf(deps, caller.accountId);
  if (!m) fail('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  return m as Membership;
};

/**
 * The organization the caller manages (AccessDeniedException for a member that is not its
 * management account).
 * @example const org = await managementOrg(deps, caller)
 */
export const managementOrg = async (deps: Deps, caller: Caller): Promise<OrganizationRecord> => {
  const { org } = await memberOrg(deps, caller);
  if (org.ManagementAccountId !== caller.accountId)
    fail(
      'AccessDeniedException',
      "You don't have permissions to access this resource: only the organization's management account may.",
    );
  return org;
};
