/**
 * RAM's operations on managed permission versions (F-PIP-11, F-EIP-09): ListPermissionVersions,
 * GetPermission, ListResourceSharePermissions, AssociateResourceSharePermission and
 * ReplacePermissionAssociations. Moving a share to a permission's default version also moves the
 * grants it gave: the `rd-share` items of its resource discoveries carry the version their
 * reads are checked against. The work is done in the request, so the replacement's work item is
 * answered COMPLETED.
 */
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type { PoolRecord, RdShareRecord, ResourceDiscoveryRecord, ResourceShareRecord } from '../../records';
import { listAll } from '../kit/listing';
import { rdIdOfArn, typeOfArn, uuidOf } from './arns';
import {
  allows,
  DEFAULT_PERMISSION,
  defaultVersion,
  needsVersion,
  outdated,
  permissionOf,
  policyOf,
  RD_PERMISSION,
  rdVersionOf,
  summaryOf,
} from './permissions';
import { loadActiveShare, loadShare, sharesOf } from './shares';

const versionOf = (v: number | undefined, what = 'permissionVersion'): number | undefined => {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 1) fail('InvalidParameterException', `${what} must be a positive integer.`);
  return v;
};

export const listPermissionVersions = async (
  deps: Deps,
  _caller: Caller,
  input: { permissionArn?: string },
) => {
  const p = permissionOf(deps.config, input.permissionArn);
  return { permissions: p.versions.map((v) => summaryOf(p, v.version)) };
};

export const getPermission = async (
  deps: Deps,
  _caller: Caller,
  input: { permissionArn?: string; permissionVersion?: number },
) => {
  const p = permissionOf(deps.config, input.permissionArn);
  const version = versionOf(input.permissionVersion) ?? defaultVersion(p);
  if (!p.versions.some((v) => v.version === version))
    fail('UnknownResourceException', `Version ${version} of ${p.arn} does not exist.`);
  return { permission: { ...summaryOf(p, version), permission: policyOf(p, version) } };
};

export const listResourceSharePermissions = async (
  deps: Deps,
  caller: Caller,
  input: { resourceShareArn?: string },
) => {
  const share = await loadShare(deps, caller, input.resourceShareArn);
  const p = permissionOf(deps.config, share.PermissionArn);
  return { permissions: [summaryOf(p, share.PermissionVersion ?? 1, 'ASSOCIATED')] };
};

/** The writes that give every grant of these RDs `version` (those at `only`, when given). */
const rdGrantMoves = async (
  deps: Deps,
  rdIds: string[],
  version: number,
  only?: number,
): Promise<Write[]> => {
  const writes: Write[] = [];
  for (const rdId of rdIds)
    for (const g of await listAll<RdShareRecord>(deps.store, { kind: 'rd-share', rdId })) {
      const at = g._permissionVersion ?? 1;
      if (at !== version && (only === undefined || at === only))
        writes.push({ type: 'replace', record: { ...g, _permissionVersion: version }, expectVersion: g._v });
    }
  return writes;
};

/**
 * Grants of the caller's RDs in this region that no RAM share carries (the JSON
 * ShareIpamResourceDiscovery's) move with a replacement of the RD permission too, or nothing
 * could ever update them.
 */
const moveOwnRdGrants = async (deps: Deps, caller: Caller, version: number, only?: number) => {
  const rds = (
    await listAll<ResourceDiscoveryRecord>(deps.store, {
      kind: 'resource-discovery',
      owner: caller.accountId,
    })
  ).filter((rd) => rd.IpamResourceDiscoveryRegion === caller.region);
  const writes = await rdGrantMoves(
    deps,
    rds.map((rd) => rd.IpamResourceDiscoveryId),
    version,
    only,
  );
  for (let i = 0; i < writes.length; i += 100) {
    const res = await deps.store.commit(writes.slice(i, i + 100));
    if (!res.ok)
      fail('InvalidParameterException', 'A resource discovery share changed meanwhile; retry the request.');
  }
};

/** The share at `arn`'s default version, and its RDs' grants moved to the version they now carry. */
const moveShare = async (
  deps: Deps,
  share: ResourceShareRecord,
  arn: string,
): Promise<{ next: ResourceShareRecord; writes: Write[] }> => {
  const next: ResourceShareRecord = {
    ...share,
    PermissionArn: arn,
    PermissionVersion: defaultVersion(permissionOf(deps.config, arn)),
    LastUpdatedTime: deps.now(),
  };
  const writes = await rdGrantMoves(
    deps,
    share.Resources.flatMap((arn) => rdIdOfArn(arn) ?? []),
    rdVersionOf(deps.config, next),
  );
  return { next, writes };
};

const commitMove = async (
  deps: Deps,
  share: ResourceShareRecord,
  moved: Awaited<ReturnType<typeof moveShare>>,
) => {
  const first: Write = { type: 'replace', record: moved.next, expectVersion: share._v };
  const res = await deps.store.commit([first, ...moved.writes.slice(0, 99)]);
  if (!res.ok)
    fail('InvalidParameterException', `${share.ResourceShareArn} changed meanwhile; retry the request.`);
  for (let i = 99; i < moved.writes.length; i += 100) await deps.store.commit(moved.writes.slice(i, i + 100));
};

/** The permission must fit what the share holds: every resource of its type. */
const checkFits = (share: ResourceShareRecord, resourceType: string, arn: string) => {
  const misfit = share.Resources.find((r) => typeOfArn(r) !== resourceType);
  if (misfit)
    fail(
      'InvalidParameterException',
      `${arn} is for ${resourceType}, but ${share.ResourceShareArn} shares ${misfit}, a ${typeOfArn(misfit)}.`,
    );
};

export const associateResourceSharePermission = async (
  deps: Deps,
  caller: Caller,
  input: {
    resourceShareArn?: string;
    permissionArn?: string;
    replace?: boolean;
    permissionVersion?: number;
    clientToken?: string;
  },
) => {
  const p = permissionOf(deps.config, input.permissionArn);
  const share = await loadActiveShare(deps, caller, input.resourceShareArn);
  const to = defaultVersion(p);
  const asked = versionOf(input.permissionVersion);
  if (asked !== undefined && asked !== to)
    fail(
      'InvalidParameterException',
      `Only the default version of ${p.name} (${to}) can be associated; version ${asked} cannot.`,
    );
  checkFits(share, p.resourceType, p.arn);
  const done = { returnValue: true, ...(input.clientToken ? { clientToken: input.clientToken } : {}) };
  if (share.PermissionArn === p.arn && (share.PermissionVersion ?? 1) === to) return done;
  if (!input.replace)
    fail(
      'InvalidParameterException',
      `${share.ResourceShareArn} already has a permission for ${p.resourceType} (${permissionOf(deps.config, share.PermissionArn).name} version ${share.PermissionVersion ?? 1}); set replace to true to replace it.`,
    );
  await commitMove(deps, share, await moveShare(deps, share, p.arn));
  return done;
};

export const replacePermissionAssociations = async (
  deps: Deps,
  caller: Caller,
  input: {
    fromPermissionArn?: string;
    fromPermissionVersion?: number;
    toPermissionArn?: string;
    clientToken?: string;
  },
) => {
  const from = permissionOf(deps.config, input.fromPermissionArn);
  if (!input.toPermissionArn)
    fail('MissingRequiredParameterException', 'The toPermissionArn parameter is required.');
  const to = permissionOf(deps.config, input.toPermissionArn);
  if (to.resourceType !== from.resourceType)
    fail(
      'InvalidParameterException',
      `${to.arn} is for ${to.resourceType} and cannot replace ${from.arn}, which is for ${from.resourceType}.`,
    );
  const fromVersion = versionOf(input.fromPermissionVersion, 'fromPermissionVersion');
  const shares = (await sharesOf(deps, caller, 'SELF')).filter(
    (s) =>
      s.Status === 'ACTIVE' &&
      s.PermissionArn === from.arn &&
      (fromVersion === undefined || (s.PermissionVersion ?? 1) === fromVersion),
  );
  const toVersion = defaultVersion(to);
  for (const share of shares)
    if (share.PermissionArn !== to.arn || (share.PermissionVersion ?? 1) !== toVersion)
      await commitMove(deps, share, await moveShare(deps, share, to.arn));
  if (from.arn === RD_PERMISSION && to.arn === RD_PERMISSION)
    await moveOwnRdGrants(deps, caller, toVersion, fromVersion);
  const now = deps.now() / 1000;
  return {
    replacePermissionAssociationsWork: {
      id: uuidOf(deps.ids.next('', 32).slice(1)),
      fromPermissionArn: from.arn,
      ...(fromVersion !== undefined ? { fromPermissionVersion: String(fromVersion) } : {}),
      toPermissionArn: to.arn,
      toPermissionVersion: String(toVersion),
      status: 'COMPLETED',
      statusMessage: `${shares.length} resource share(s) now use ${to.name} version ${toVersion}.`,
      creationTime: now,
      lastUpdatedTime: now,
    },
    ...(input.clientToken ? { clientToken: input.clientToken } : {}),
  };
};

/**
 * F-PIP-11: a grantee of a shared resource discovery may call `action` only if the version its
 * grant carries includes it; the owner, and callers without a grant (an IPAM's own view), pass.
 */
export const requireRdPermission = async (deps: Deps, caller: Caller, rdId: string, action: string) => {
  const grant = await deps.store.get<RdShareRecord>({ kind: 'rd-share', rdId, principal: caller.accountId });
  if (grant?.Status !== 'active') return;
  if (!allows(deps.config, RD_PERMISSION, grant._permissionVersion, `ec2:${action}`))
    outdated(deps.config, RD_PERMISSION, grant._permissionVersion, `ec2:${action}`, rdId, grant.OwnerId);
};

/**
 * F-EIP-09: a grantee of a shared pool may call `action` (AllocateAddress) through a share with
 * the default pool permission only at a version that includes it. No read at all while every
 * version includes it, as in the catalog Allot ships; a share with another permission keeps the
 * use of the pool it always had.
 */
export const requirePoolPermission = async (deps: Deps, caller: Caller, pool: PoolRecord, action: string) => {
  if (pool.OwnerId === caller.accountId || !needsVersion(deps.config, DEFAULT_PERMISSION, action)) return;
  let stale: ResourceShareRecord | undefined;
  for (const g of await deps.store.grantsOf(pool.IpamPoolId, caller.accountId)) {
    if (g.Status !== 'ACTIVE') continue;
    const share = await deps.store.get<ResourceShareRecord>({ kind: 'resource-share', id: g.ShareId });
    if (!share) continue;
    if (
      share.PermissionArn !== DEFAULT_PERMISSION ||
      allows(deps.config, DEFAULT_PERMISSION, share.PermissionVersion, action)
    )
      return;
    stale = share;
  }
  if (stale)
    outdated(
      deps.config,
      DEFAULT_PERMISSION,
      stale.PermissionVersion,
      action,
      pool.IpamPoolArn,
      stale.OwningAccountId,
    );
};
