/**
 * Organizational units, as AWS Organizations serves them (the management account only):
 * CreateOrganizationalUnit (at most five levels under the root), UpdateOrganizationalUnit (its
 * name), DeleteOrganizationalUnit (only when empty) and DescribeOrganizationalUnit. An OU counts
 * the OUs and accounts directly in it, so a non-empty OU cannot be deleted even by a concurrent
 * move, and a name guard per (parent, name) keeps sibling names unique, as Organizations does.
 */
import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite, type Write } from '../../ports';
import type { OrganizationRecord, OrgUnitRecord, Tag, UniqueRecord } from '../../records';
import { dryRun } from '../kit/common';
import { managementOrg } from './access';
import { dropTargetWrites } from './attachments-writes';
import { OU_ID, orgsId, orgsText } from './ids';
import { chainOf, unitsOf } from './membership';
import { ouShape } from './shapes';

/** Organizations allows OUs five levels deep under the root. */
export const MAX_OU_DEPTH = 5;

type DryRunInput = { DryRun?: boolean };

export const nameGuardRef = (orgId: string, parentId: string, name: string) =>
  ({ kind: 'unique', name: `ouname#${orgId}#${parentId}#${name}` }) as const;

const nameGuard = (deps: Deps, ou: OrgUnitRecord): UniqueRecord => ({
  kind: 'unique',
  Name: nameGuardRef(ou.OrganizationId, ou.ParentId, ou.Name).name,
  OwnerOf: ou.OrganizationalUnitId,
  _v: 1,
  _created: deps.now(),
});

/** The OU units of an organization by id. */
export const unitMap = async (deps: Deps, orgId: string) =>
  new Map((await unitsOf(deps, orgId)).map((u) => [u.OrganizationalUnitId, u]));

/** The root or an OU of this organization, with the OU tree (ParentNotFoundException otherwise). */
export const parentIn = async (
  deps: Deps,
  org: OrganizationRecord,
  parentId: string,
  code:
    | 'ParentNotFoundException'
    | 'DestinationParentNotFoundException'
    | 'SourceParentNotFoundException' = 'ParentNotFoundException',
) => {
  const units = await unitMap(deps, org.OrganizationId);
  if (parentId !== org.RootId && !units.has(parentId))
    fail(code, `The parent '${parentId}' is not the root or an OU of ${org.OrganizationId}.`);
  return { units, chain: chainOf(parentId, units) };
};

/** The change of a parent's child count (none for the root). */
export const childCount = (org: OrganizationRecord, parentId: string, delta: number): Write[] =>
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

/** An OU of the caller's organization (OrganizationalUnitNotFoundException otherwise). */
export const unitOf = async (
  deps: Deps,
  org: OrganizationRecord,
  id: string | undefined,
): Promise<OrgUnitRecord> => {
  const ouId = orgsId(id, OU_ID, 'OrganizationalUnitId');
  const ou = await deps.store.get<OrgUnitRecord>({ kind: 'org-unit', orgId: org.OrganizationId, id: ouId });
  return ou ?? fail('OrganizationalUnitNotFoundException', `The OU ${ouId} is not in ${org.OrganizationId}.`);
};

/**
 * A new OU under the root or another OU; `OrganizationalUnitId` (JSON alias only) keeps an existing
 * organization's id.
 * @example const { org, ou, chain } = await addUnit(deps, caller, { ParentId: 'r-ab12', Name: 'prod' })
 */
export const addUnit = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { ParentId?: string; Name?: string; OrganizationalUnitId?: string; Tags?: Tag[] },
) => {
  const org = await managementOrg(deps, caller);
  const parentId = orgsText(input.ParentId, 'ParentId', 100);
  const name = orgsText(input.Name, 'Name', 128);
  const given =
    input.OrganizationalUnitId && orgsId(input.OrganizationalUnitId, OU_ID, 'OrganizationalUnitId');
  const { chain } = await parentIn(deps, org, parentId);
  if (chain.length >= MAX_OU_DEPTH)
    fail(
      'ConstraintViolationException',
      `OUs can be nested at most ${MAX_OU_DEPTH} levels under the root.`,
      'OU_DEPTH_LIMIT_EXCEEDED',
    );
  dryRun(input);
  const ou: OrgUnitRecord = {
    kind: 'org-unit',
    OrganizationId: org.OrganizationId,
    OrganizationalUnitId: given || deps.ids.next(`ou-${org.RootId.slice(2, 6)}`, 8),
    ParentId: parentId,
    Name: name,
    _childCount: 0,
    ...(input.Tags?.length ? { _tags: input.Tags } : {}),
    _v: 1,
    _created: deps.now(),
  };
  const res = await deps.store.commit([
    { name: 'unit', type: 'create', record: ou },
    { name: 'name', type: 'create', record: nameGuard(deps, ou) },
    ...childCount(org, parentId, 1),
  ]);
  if (!res.ok)
    failedWrite(res, 'name')
      ? fail('DuplicateOrganizationalUnitException', `An OU named '${name}' already exists in ${parentId}.`)
      : failedWrite(res, 'unit')
        ? fail('InvalidInputException', `The OU ${ou.OrganizationalUnitId} already exists.`)
        : fail('ParentNotFoundException', `The parent ${parentId} was deleted meanwhile.`);
  return { org, ou, chain: [...chain, ou.OrganizationalUnitId] };
};

export const createOrganizationalUnit = async (
  deps: Deps,
  caller: Caller,
  input: { ParentId?: string; Name?: string; Tags?: Tag[] },
) => {
  const { org, ou, chain } = await addUnit(deps, caller, input);
  return { OrganizationalUnit: ouShape(deps.config, org, ou, chain) };
};

/**
 * Deletes an empty OU with the policies attached to it; refused while it holds OUs or accounts.
 * @example await removeUnit(deps, caller, { OrganizationalUnitId: 'ou-ab12-11111111' })
 */
export const removeUnit = async (
  deps: Deps,
  caller: Caller,
  input: DryRunInput & { OrganizationalUnitId?: string },
) => {
  const org = await managementOrg(deps, caller);
  const ou = await unitOf(deps, org, input.OrganizationalUnitId);
  dryRun(input);
  const id = ou.OrganizationalUnitId;
  const guard = nameGuardRef(org.OrganizationId, ou.ParentId, ou.Name);
  const res = await deps.store.commit([
    {
      type: 'delete',
      ref: { kind: 'org-unit', orgId: org.OrganizationId, id },
      expectVersion: ou._v,
      requireZero: ['_childCount'],
    },
    ...((await deps.store.get(guard)) ? [{ type: 'delete', ref: guard } as const] : []),
    ...(await dropTargetWrites(deps, org.OrganizationId, id)),
    ...childCount(org, ou.ParentId, -1),
  ]);
  if (!res.ok) {
    const now = await deps.store.get<OrgUnitRecord>({ kind: 'org-unit', orgId: org.OrganizationId, id });
    if (now && now._childCount > 0)
      fail('OrganizationalUnitNotEmptyException', `The OU ${id} still contains OUs or accounts.`);
    fail('ConcurrentModificationException', `The OU ${id} changed meanwhile; retry the request.`);
  }
  return ou;
};

export const deleteOrganizationalUnit = async (
  deps: Deps,
  caller: Caller,
  input: { OrganizationalUnitId?: string },
) => {
  await removeUnit(deps, caller, input);
  return {};
};

export const describeOrganizationalUnit = async (
  deps: Deps,
  caller: Caller,
  input: { OrganizationalUnitId?: string },
) => {
  const org = await managementOrg(deps, caller);
  const ou = await unitOf(deps, org, input.OrganizationalUnitId);
  const units = await unitMap(deps, org.OrganizationId);
  return { OrganizationalUnit: ouShape(deps.config, org, ou, chainOf(ou.OrganizationalUnitId, units)) };
};

/** Renames an OU (its sibling names stay unique: the guard moves in the same unit of work). */
export const updateOrganizationalUnit = async (
  deps: Deps,
  caller: Caller,
  input: { OrganizationalUnitId?: string; Name?: string },
) => {
  const org = await managementOrg(deps, caller);
  const ou = await unitOf(deps, org, input.OrganizationalUnitId);
  const units = await unitMap(deps, org.OrganizationId);
  const chain = chainOf(ou.OrganizationalUnitId, units);
  if (input.Name === undefined || input.Name === ou.Name)
    return { OrganizationalUnit: ouShape(deps.config, org, ou, chain) };
  const renamed = { ...ou, Name: orgsText(input.Name, 'Name', 128) };
  const old = nameGuardRef(org.OrganizationId, ou.ParentId, ou.Name);
  const res = await deps.store.commit([
    { type: 'replace', record: renamed, expectVersion: ou._v },
    { name: 'name', type: 'create', record: nameGuard(deps, renamed) },
    ...((await deps.store.get(old)) ? [{ type: 'delete', ref: old } as const] : []),
  ]);
  if (!res.ok)
    failedWrite(res, 'name')
      ? fail(
          'DuplicateOrganizationalUnitException',
          `An OU named '${renamed.Name}' already exists in ${ou.ParentId}.`,
        )
      : fail(
          'ConcurrentModificationException',
          `The OU ${ou.OrganizationalUnitId} changed meanwhile; retry.`,
        );
  return { OrganizationalUnit: ouShape(deps.config, org, renamed, chain) };
};
