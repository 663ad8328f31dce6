/**
 * Reading the tree, as AWS Organizations lists it (the management account only): the OUs of a
 * parent, the children of a parent (accounts or OUs), and the parent of an account or OU. Each is
 * one read of the OUs and, for accounts, one of the members.
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { OrgAccountRecord } from '../../records';
import { pageArray } from '../kit/listing';
import { managementOrg } from './access';
import { ACCOUNT_ID, OU_ID, orgsId, orgsText } from './ids';
import { accountsOf, chainOf } from './membership';
import { ORGS_PAGE, ouShape } from './shapes';
import { parentIn } from './units';

type Page = { MaxResults?: number; NextToken?: string };

const paged = <T>(key: string, items: T[], input: Page, scope: string) => {
  const page = pageArray(items, input, scope, ORGS_PAGE);
  return { [key]: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};

export const listOrganizationalUnitsForParent = async (
  deps: Deps,
  caller: Caller,
  input: Page & { ParentId?: string },
) => {
  const org = await managementOrg(deps, caller);
  const parentId = orgsText(input.ParentId, 'ParentId', 100);
  const { units } = await parentIn(deps, org, parentId);
  const children = [...units.values()]
    .filter((u) => u.ParentId === parentId)
    .map((u) => ouShape(deps.config, org, u, chainOf(u.OrganizationalUnitId, units)));
  return paged('OrganizationalUnits', children, input, `ous#${parentId}`);
};

export const listChildren = async (
  deps: Deps,
  caller: Caller,
  input: Page & { ParentId?: string; ChildType?: string },
) => {
  const org = await managementOrg(deps, caller);
  const parentId = orgsText(input.ParentId, 'ParentId', 100);
  const { units } = await parentIn(deps, org, parentId);
  const type = input.ChildType;
  if (type !== 'ACCOUNT' && type !== 'ORGANIZATIONAL_UNIT')
    fail('InvalidInputException', 'ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT.', 'INVALID_ENUM');
  const ids =
    type === 'ACCOUNT'
      ? (await accountsOf(deps, org.OrganizationId))
          .filter((a) => a.ParentId === parentId)
          .map((a) => a.AccountId)
      : [...units.values()].filter((u) => u.ParentId === parentId).map((u) => u.OrganizationalUnitId);
  return paged(
    'Children',
    ids.map((Id) => ({ Id, Type: type })),
    input,
    `children#${parentId}#${type}`,
  );
};

/** The one parent of an account or OU of the organization (ChildNotFoundException otherwise). */
export const listParents = async (deps: Deps, caller: Caller, input: Page & { ChildId?: string }) => {
  const org = await managementOrg(deps, caller);
  const childId = orgsText(input.ChildId, 'ChildId', 100);
  let parentId: string | undefined;
  if (ACCOUNT_ID.test(childId)) {
    const m = await deps.store.get<OrgAccountRecord>({ kind: 'org-account', accountId: childId });
    parentId = m?.OrganizationId === org.OrganizationId ? m.ParentId : undefined;
  } else {
    const ouId = orgsId(childId, OU_ID, 'ChildId');
    parentId = (await parentIn(deps, org, org.RootId)).units.get(ouId)?.ParentId;
  }
  if (!parentId)
    return fail('ChildNotFoundException', `${childId} is not an account or OU of ${org.OrganizationId}.`);
  const Type = parentId === org.RootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
  return paged('Parents', [{ Id: parentId, Type }], input, `parents#${childId}`);
};
