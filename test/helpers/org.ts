/** An organization registry fixture shared by the organization and discovery tests. */
import { ACCOUNT, type Env, OTHER_ACCOUNT } from './env';

export const MGMT = '999988887777';
export const ADMIN = ACCOUNT;
export const MEMBER = OTHER_ACCOUNT;
export const ORG = 'o-a1b2c3d4e5';
export const ROOT = 'r-f6g7h8i9j0example';
export const OU_C = 'ou-ghi0-awsccccc';
export const OU_D = 'ou-jkl0-awsddddd';
export const mgmt = { accountId: MGMT };

/**
 * `account` joins the caller's organization with its consent: the management account invites it,
 * the account accepts as itself, and then it is moved under `parentId` if one is given.
 * @example await join(e, MEMBER, OU_D)
 */
export const join = async (e: Env, account: string, parentId?: string, who = mgmt) => {
  const { Handshake } = await e.call('RegisterOrganizationAccount', { AccountId: account }, who);
  await e.call('orgs:AcceptHandshake', { HandshakeId: Handshake.Id }, { accountId: account });
  if (parentId) await e.call('MoveAccount', { AccountId: account, DestinationParentId: parentId }, who);
};

/** o-a1b2c3d4e5: root > ou-ghi0-awsccccc > ou-jkl0-awsddddd; ADMIN under the root, MEMBER in D. */
export const orgWithTree = async (e: Env, opts: { delegate?: boolean } = {}) => {
  await e.call('CreateOrganization', { OrganizationId: ORG, RootId: ROOT }, mgmt);
  await e.call('CreateOrganizationalUnit', { ParentId: ROOT, Name: 'c', OrganizationalUnitId: OU_C }, mgmt);
  await e.call('CreateOrganizationalUnit', { ParentId: OU_C, Name: 'd', OrganizationalUnitId: OU_D }, mgmt);
  await join(e, ADMIN);
  await join(e, MEMBER, OU_D);
  if (opts.delegate)
    await e.call('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: ADMIN }, mgmt);
};
