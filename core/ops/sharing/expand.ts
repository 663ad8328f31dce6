/**
 * Who a principal is, in accounts (F-SHARE-02, F-XORG-02). OU and organization principals are
 * expanded to their member accounts when they are associated (decision: grants stay one read on
 * the allocation path; an account that joins the OU later is not covered until the principal is
 * associated again). An account outside the owner's organization is external (F-SHARE-07).
 */
import { fail } from '../../errors';
import type { Deps } from '../../ports';
import type { OrganizationRecord, OrgUnitRecord } from '../../records';
import { accountsOf, chainOf, unitsOf } from '../organization/membership';
import type { Principal } from './arns';

export interface Expanded {
  principal: string;
  accounts: string[];
  external: boolean;
}

const orgAccounts = async (deps: Deps, org: OrganizationRecord, ouId?: string): Promise<string[]> => {
  const accounts = await accountsOf(deps, org.OrganizationId);
  if (!ouId) return accounts.map((a) => a.AccountId);
  const units = new Map(
    (await unitsOf(deps, org.OrganizationId)).map((u): [string, OrgUnitRecord] => [
      u.OrganizationalUnitId,
      u,
    ]),
  );
  if (!units.has(ouId))
    fail('UnknownResourceException', `OU ${ouId} does not exist in organization ${org.OrganizationId}.`);
  return accounts.filter((a) => chainOf(a.ParentId, units).includes(ouId)).map((a) => a.AccountId);
};

/** The accounts a principal covers, never the owner itself. */
export const expandPrincipal = async (
  deps: Deps,
  org: OrganizationRecord,
  owner: string,
  p: Principal,
): Promise<Expanded> => {
  if (p.type === 'account') {
    if (p.id === owner)
      fail('InvalidParameterException', 'A resource share cannot name its owner as a principal.');
    const member = await deps.store.get({ kind: 'org-account', accountId: p.id });
    const inOrg = member?.kind === 'org-account' && member.OrganizationId === org.OrganizationId;
    return { principal: p.text, accounts: [p.id], external: !inOrg };
  }
  if (p.orgId !== org.OrganizationId)
    fail('UnknownResourceException', `${p.text} is not part of your organization ${org.OrganizationId}.`);
  const accounts = await orgAccounts(deps, org, p.type === 'ou' ? p.ouId : undefined);
  return { principal: p.text, accounts: accounts.filter((a) => a !== owner), external: false };
};
