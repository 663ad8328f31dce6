/**
 * AWS RAM's resource-share operations on IPAM pools (F-SHARE-01..08), RAM-shaped in and out
 * (camelCase members, epoch-second times) since only the RAM codec calls them.
 */
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type { PoolGrantRecord, ResourceShareRecord } from '../../records';
import { listAll } from '../kit/listing';
import { RD_TYPE, shareArn, shareIdOf, typeOfArn, uuidOf } from './arns';
import { associate, disassociate } from './associate';
import {
  BYOIP_PERMISSION,
  DEFAULT_PERMISSION,
  defaultVersion,
  permissionOf,
  RD_PERMISSION,
} from './permissions';

type Members = { resourceArns?: string[]; principals?: string[] };
type CreateInput = Members & {
  name?: string;
  allowExternalPrincipals?: boolean;
  tags?: { key: string; value?: string }[];
  permissionArns?: string[];
};

const seconds = (ms: number) => ms / 1000;

export const shareShape = (s: ResourceShareRecord) => ({
  resourceShareArn: s.ResourceShareArn,
  name: s.Name,
  owningAccountId: s.OwningAccountId,
  allowExternalPrincipals: s.AllowExternalPrincipals,
  status: s.Status,
  tags: s.Tags,
  creationTime: seconds(s.CreationTime),
  lastUpdatedTime: seconds(s.LastUpdatedTime),
  featureSet: 'STANDARD',
});

/** The share and its grants; a share's grants beyond one transaction follow in further ones. */
const save = async (share: ResourceShareRecord, writes: Write[], deps: Deps, first: Write): Promise<void> => {
  const res = await deps.store.commit([first, ...writes.slice(0, 99)]);
  if (!res.ok)
    fail('InvalidParameterException', `${share.ResourceShareArn} changed meanwhile; retry the request.`);
  for (let i = 99; i < writes.length; i += 100) await deps.store.commit(writes.slice(i, i + 100));
};

/**
 * F-SHARE-05: one of the two managed IPAM pool permissions, or the resource discovery's; none
 * given, the default permission of the type of what is shared (a pool's, unless only RDs are).
 */
const checkPermission = (arns: string[] | undefined, resources: string[] | undefined): string => {
  if (!arns || arns.length === 0) {
    const types = new Set((resources ?? []).map(typeOfArn));
    return types.size === 1 && types.has(RD_TYPE) ? RD_PERMISSION : DEFAULT_PERMISSION;
  }
  const [arn] = arns;
  if (arns.length > 1 || ![DEFAULT_PERMISSION, BYOIP_PERMISSION, RD_PERMISSION].includes(arn!))
    fail(
      'InvalidParameterException',
      `Choose one permission for the share: ${DEFAULT_PERMISSION}, ${BYOIP_PERMISSION} or ${RD_PERMISSION}.`,
    );
  return arn!;
};

export const createResourceShare = async (deps: Deps, caller: Caller, input: CreateInput) => {
  if (!input.name) fail('MissingRequiredParameterException', 'The name parameter is required.');
  const id = uuidOf(deps.ids.next('', 32).slice(1));
  const now = deps.now();
  const permissionArn = checkPermission(input.permissionArns, input.resourceArns);
  const empty: ResourceShareRecord = {
    kind: 'resource-share',
    ShareId: id,
    ResourceShareArn: shareArn(deps.config, caller.region, caller.accountId, id),
    Name: input.name!,
    OwningAccountId: caller.accountId,
    Region: caller.region,
    Status: 'ACTIVE',
    AllowExternalPrincipals: input.allowExternalPrincipals ?? true,
    PermissionArn: permissionArn,
    PermissionVersion: defaultVersion(permissionOf(deps.config, permissionArn)),
    Resources: [],
    Principals: [],
    External: [],
    Tags: input.tags ?? [],
    CreationTime: now,
    LastUpdatedTime: now,
    _v: 1,
    _created: now,
  };
  const { next, writes } = await associate(deps, caller, empty, input);
  await save(next, writes, deps, { type: 'create', record: next });
  return { resourceShare: shareShape(next) };
};

/** One of the caller's shares, by ARN, in this region; anybody else's is unknown. */
export const loadShare = async (
  deps: Deps,
  caller: Caller,
  arn: string | undefined,
): Promise<ResourceShareRecord> => {
  if (!arn) return fail('MissingRequiredParameterException', 'The resourceShareArn parameter is required.');
  const share = await deps.store.get<ResourceShareRecord>({ kind: 'resource-share', id: shareIdOf(arn) });
  if (
    !share ||
    share.OwningAccountId !== caller.accountId ||
    share.Region !== caller.region ||
    share.ResourceShareArn !== arn
  )
    return fail('UnknownResourceException', `The resource share ${arn} does not exist.`);
  return share;
};

/** A share that can still change (not DELETED). */
export const loadActiveShare = async (deps: Deps, caller: Caller, arn: string | undefined) => {
  const share = await loadShare(deps, caller, arn);
  if (share.Status !== 'ACTIVE')
    fail(
      'OperationNotPermittedException',
      `The resource share ${share.ResourceShareArn} is ${share.Status}.`,
    );
  return share;
};

const change = async (
  deps: Deps,
  caller: Caller,
  input: Members & { resourceShareArn?: string },
  how: 'associate' | 'disassociate',
) => {
  const share = await loadActiveShare(deps, caller, input.resourceShareArn);
  const { next, writes } =
    how === 'associate'
      ? await associate(deps, caller, share, input)
      : await disassociate(deps, share, input);
  await save(next, writes, deps, { type: 'replace', record: next, expectVersion: share._v });
  const status = how === 'associate' ? 'ASSOCIATED' : 'DISASSOCIATED';
  const entities = [
    ...(input.resourceArns ?? []).map((e) => [e, 'RESOURCE'] as const),
    ...(input.principals ?? []).map((e) => [e, 'PRINCIPAL'] as const),
  ];
  return {
    resourceShareAssociations: entities.map(([e, type]) => associationShape(next, e, type, status)),
  };
};

export const associationShape = (
  s: ResourceShareRecord,
  entity: string,
  type: 'RESOURCE' | 'PRINCIPAL',
  status = s.Status === 'ACTIVE' ? 'ASSOCIATED' : 'DISASSOCIATED',
) => ({
  resourceShareArn: s.ResourceShareArn,
  resourceShareName: s.Name,
  associatedEntity: entity,
  associationType: type,
  status: status === 'ASSOCIATED' && s.External.includes(entity) ? 'ASSOCIATING' : status,
  creationTime: seconds(s.CreationTime),
  lastUpdatedTime: seconds(s.LastUpdatedTime),
  external: s.External.includes(entity),
});

export const associateResourceShare = (
  deps: Deps,
  caller: Caller,
  input: Members & { resourceShareArn?: string },
) => change(deps, caller, input, 'associate');

export const disassociateResourceShare = (
  deps: Deps,
  caller: Caller,
  input: Members & { resourceShareArn?: string },
) => change(deps, caller, input, 'disassociate');

/** Deleting revokes every grant; the share stays visible as DELETED (RAM keeps it for a while). */
export const deleteResourceShare = async (
  deps: Deps,
  caller: Caller,
  input: { resourceShareArn?: string; clientToken?: string },
) => {
  const share = await loadShare(deps, caller, input.resourceShareArn);
  if (share.Status === 'DELETED')
    return { returnValue: true, ...(input.clientToken ? { clientToken: input.clientToken } : {}) };
  const { writes } = await disassociate(deps, share, { resourceArns: share.Resources });
  const next: ResourceShareRecord = { ...share, Status: 'DELETED', LastUpdatedTime: deps.now() };
  await save(next, writes, deps, { type: 'replace', record: next, expectVersion: share._v });
  return { returnValue: true, ...(input.clientToken ? { clientToken: input.clientToken } : {}) };
};

/** Shares whose grants the caller holds (RAM's resourceOwner OTHER-ACCOUNTS). */
const sharedWith = async (deps: Deps, caller: Caller): Promise<ResourceShareRecord[]> => {
  const grants = await listAll<PoolGrantRecord>(deps.store, {
    kind: 'pool-grant',
    grantee: caller.accountId,
  });
  const ids = [...new Set(grants.filter((g) => g.Status === 'ACTIVE').map((g) => g.ShareId))];
  const shares = await Promise.all(
    ids.map((id) => deps.store.get<ResourceShareRecord>({ kind: 'resource-share', id })),
  );
  return shares.filter((s): s is ResourceShareRecord => s !== undefined && s.Region === caller.region);
};

/** The caller's shares in this region (SELF), or those shared with it (OTHER-ACCOUNTS). */
export const sharesOf = async (deps: Deps, caller: Caller, owner: string | undefined) => {
  if (owner !== 'SELF' && owner !== 'OTHER-ACCOUNTS')
    fail('InvalidParameterException', 'resourceOwner must be SELF or OTHER-ACCOUNTS.');
  if (owner === 'OTHER-ACCOUNTS') return sharedWith(deps, caller);
  const mine = await listAll<ResourceShareRecord>(deps.store, {
    kind: 'resource-share',
    owner: caller.accountId,
  });
  return mine.filter((s) => s.Region === caller.region);
};
