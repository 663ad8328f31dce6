/**
 * RAM's listings over IPAM pool shares: ListResources, ListPrincipals, ListPermissions (the two
 * IPAM pool permissions of F-SHARE-05 and the resource discovery's), and the share changes that need no grants:
 * UpdateResourceShare, EnableSharingWithAwsOrganization.
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { ResourceShareRecord } from '../../records';
import { POOL_TYPE, RD_TYPE, typeOfArn } from './arns';
import { catalogOf, summaryOf } from './permissions';
import { loadActiveShare, shareShape, sharesOf } from './shares';

const seconds = (ms: number) => ms / 1000;

type ListInput = { resourceOwner?: string; resourceShareArns?: string[]; resourceType?: string };

const checkType = (type: string | undefined) => {
  if (type !== undefined && ![POOL_TYPE, RD_TYPE].some((t) => t.toLowerCase() === type.toLowerCase()))
    fail(
      'InvalidParameterException',
      `Resource type ${type} is not shared here; only ${POOL_TYPE} and ${RD_TYPE} are.`,
    );
};

const activeShares = async (deps: Deps, caller: Caller, input: ListInput): Promise<ResourceShareRecord[]> => {
  checkType(input.resourceType);
  return (await sharesOf(deps, caller, input.resourceOwner)).filter(
    (s) =>
      s.Status === 'ACTIVE' &&
      (!input.resourceShareArns || input.resourceShareArns.includes(s.ResourceShareArn)),
  );
};

export const listResources = async (
  deps: Deps,
  caller: Caller,
  input: ListInput & { principal?: string; resourceArns?: string[] },
) => {
  const shares = (await activeShares(deps, caller, input)).filter(
    (s) => !input.principal || s.Principals.includes(input.principal),
  );
  const resources = shares.flatMap((s) =>
    s.Resources.filter((arn) => !input.resourceArns || input.resourceArns.includes(arn)).map((arn) => ({
      arn,
      type: typeOfArn(arn),
      resourceShareArn: s.ResourceShareArn,
      status: 'AVAILABLE',
      creationTime: seconds(s.CreationTime),
      lastUpdatedTime: seconds(s.LastUpdatedTime),
      resourceRegionScope: 'REGIONAL',
    })),
  );
  return { resources };
};

export const listPrincipals = async (
  deps: Deps,
  caller: Caller,
  input: ListInput & { resourceArn?: string; principals?: string[] },
) => {
  const shares = (await activeShares(deps, caller, input)).filter(
    (s) => !input.resourceArn || s.Resources.includes(input.resourceArn),
  );
  const principals = shares.flatMap((s) =>
    s.Principals.filter((p) => !input.principals || input.principals.includes(p)).map((id) => ({
      id,
      resourceShareArn: s.ResourceShareArn,
      creationTime: seconds(s.CreationTime),
      lastUpdatedTime: seconds(s.LastUpdatedTime),
      external: s.External.includes(id),
    })),
  );
  return { principals };
};

/** F-SHARE-05: the managed permissions an IPAM pool share can use, and the resource discovery's. */
export const listPermissions = async (
  deps: Deps,
  _caller: Caller,
  input: { resourceType?: string; permissionType?: string },
) => {
  checkType(input.resourceType);
  if (input.permissionType === 'CUSTOMER_MANAGED') return { permissions: [] };
  const type = input.resourceType?.toLowerCase();
  const permissions = catalogOf(deps.config)
    .filter((p) => !type || p.resourceType.toLowerCase() === type)
    .map((p) => summaryOf(p));
  return { permissions };
};

/** Renames a share or changes whether it admits external principals (those it has stay). */
export const updateResourceShare = async (
  deps: Deps,
  caller: Caller,
  input: { resourceShareArn?: string; name?: string; allowExternalPrincipals?: boolean },
) => {
  const share = await loadActiveShare(deps, caller, input.resourceShareArn);
  const next: ResourceShareRecord = {
    ...share,
    ...(input.name !== undefined ? { Name: input.name } : {}),
    ...(input.allowExternalPrincipals !== undefined
      ? { AllowExternalPrincipals: input.allowExternalPrincipals }
      : {}),
    LastUpdatedTime: deps.now(),
  };
  const res = await deps.store.commit([{ type: 'replace', record: next, expectVersion: share._v }]);
  if (!res.ok)
    fail('InvalidParameterException', `${share.ResourceShareArn} changed meanwhile; retry the request.`);
  return { resourceShare: shareShape(next) };
};

/**
 * Sharing with the organization is always on in Allot (decision): the registry is Allot's own,
 * so there is no separate RAM switch to turn on; answering true keeps scripts that call it working.
 */
export const enableSharingWithAwsOrganization = async () => ({ returnValue: true });
