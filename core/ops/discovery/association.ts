/**
 * Resource discovery associations (F-RDA-01..05): the IPAM owner associates an RD so its
 * discovered resources feed the IPAM, and disassociates it. The default association, written
 * with the IPAM, cannot be disassociated. At most 5 per IPAM, counting the default one; none
 * besides the default on the free tier (F-TIER-02). A uniqueness guard keeps one association per
 * (IPAM, RD) even under concurrent requests.
 */

import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite } from '../../ports';
import {
  DELETING,
  type IpamRecord,
  type RdAssociationRecord,
  type ResourceDiscoveryRecord,
  type Tag,
} from '../../records';
import { arn, dryRun, required, type TagSpecification, tagsFor } from '../kit/common';
import { type TokenGate, tokenGate } from '../kit/idempotency';
import { filterPredicate, type PageInput, pageArray } from '../kit/listing';
import { loadIpam, recheckComplete, requireComplete } from '../kit/loads';
import { isolationLens } from '../organization/isolation';
import { requireRdPermission } from '../sharing/share-permissions';
import { associationGuard, associationShape, associationsOf, ipamsOf, sharedWith } from './common';

export const MAX_ASSOCIATIONS = 5;

export interface AssociateInput {
  DryRun?: boolean;
  IpamId?: string;
  IpamResourceDiscoveryId?: string;
  TagSpecifications?: TagSpecification[];
  ClientToken?: string;
}

type Associated = { IpamResourceDiscoveryAssociation: object };

/** The IPAM (the caller's, complete, not free tier) and a resource discovery it may use. */
const parties = async (deps: Deps, caller: Caller, ipamId: string | undefined, rdId: string) => {
  const ipam = await loadIpam(deps, caller, ipamId);
  requireComplete(ipam, `IPAM ${ipam.IpamId}`);
  const rd = await deps.store.get<ResourceDiscoveryRecord>({ kind: 'resource-discovery', id: rdId });
  // The caller's own resource discoveries, and those shared with it and accepted (F-RDA-01).
  if (!rd || !(await sharedWith(deps, rd, caller.accountId))) {
    return fail(
      'InvalidIpamResourceDiscoveryId.NotFound',
      `The resource discovery ID '${rdId}' does not exist.`,
    );
  }
  if (ipam.Tier === 'free')
    fail(
      'OperationNotPermitted',
      // F-TIER-02
      'The free tier has only the default resource discovery association.',
    );
  return { ipam, rd };
};

const associationRecord = (
  deps: Deps,
  caller: Caller,
  ipam: IpamRecord,
  rd: ResourceDiscoveryRecord,
  tags: Tag[],
) => {
  const id = deps.ids.next('ipam-res-disco-assoc');
  const assoc: RdAssociationRecord = {
    kind: 'rd-association',
    IpamResourceDiscoveryAssociationId: id,
    IsDefault: false,
    IpamResourceDiscoveryAssociationArn: arn(
      deps.config,
      caller.accountId,
      'ipam-resource-discovery-association',
      id,
    ),
    OwnerId: rd.OwnerId,
    _ipamOwner: caller.accountId,
    IpamResourceDiscoveryId: rd.IpamResourceDiscoveryId,
    IpamId: ipam.IpamId,
    IpamArn: ipam.IpamArn,
    IpamRegion: ipam.IpamRegion,
    State: 'associate-complete',
    Tags: tags,
    _v: 1,
    _created: deps.now(),
  };
  return assoc;
};

/** The association, its (IPAM, RD) guard and the IPAM's association count, or the refusal. */
const commitAssociation = async (deps: Deps, assoc: RdAssociationRecord, gate: TokenGate<Associated>) => {
  const result = { IpamResourceDiscoveryAssociation: await associationShape(deps, assoc) };
  const { IpamId, IpamResourceDiscoveryId: rdId, IpamResourceDiscoveryAssociationId: id, _created } = assoc;
  const res = await deps.store.commit([
    {
      name: 'guard',
      type: 'create',
      record: { kind: 'unique', Name: associationGuard(assoc), OwnerOf: id, _v: 1, _created },
    },
    {
      name: 'count',
      type: 'counter',
      ref: { kind: 'ipam', id: IpamId },
      field: 'ResourceDiscoveryAssociationCount',
      delta: 1,
      limit: MAX_ASSOCIATIONS,
      // A cascading DeleteIpam lists the associations once the IPAM is marked: none may be added after.
      unlessState: DELETING,
    },
    { type: 'create', record: assoc },
    ...gate.write(result),
  ]);
  if (res.ok) return result;
  const replay = await gate.settle(res.failed);
  if (replay) return replay;
  if (failedWrite(res, 'guard'))
    fail('InvalidParameterValue', `Resource discovery ${rdId} is already associated with IPAM ${IpamId}.`);
  if (failedWrite(res, 'count')) {
    await recheckComplete(deps, { kind: 'ipam', id: IpamId }, `IPAM ${IpamId}`);
    fail(
      'ResourceLimitExceeded',
      `IPAM ${IpamId} already has ${MAX_ASSOCIATIONS} resource discovery associations.`,
    );
  }
  return fail('IncorrectState', 'The association could not be created; retry the request.');
};

export const associateIpamResourceDiscovery = async (
  deps: Deps,
  caller: Caller,
  input: AssociateInput,
): Promise<Associated> => {
  const rdId = required(input.IpamResourceDiscoveryId, 'IpamResourceDiscoveryId');
  const tags = tagsFor('ipam-resource-discovery-association', input.TagSpecifications);
  const gate = await tokenGate<Associated>(deps, caller, 'AssociateIpamResourceDiscovery', input);
  if (gate.replay) return gate.replay;
  const { ipam, rd } = await parties(deps, caller, input.IpamId, rdId);
  await requireRdPermission(deps, caller, rdId, 'AssociateIpamResourceDiscovery');
  dryRun(input);
  return commitAssociation(deps, associationRecord(deps, caller, ipam, rd, tags), gate);
};

export const disassociateIpamResourceDiscovery = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamResourceDiscoveryAssociationId?: string },
) => {
  const id = required(input.IpamResourceDiscoveryAssociationId, 'IpamResourceDiscoveryAssociationId');
  const assoc = await deps.store.get<RdAssociationRecord>({ kind: 'rd-association', id });
  const ipamOwner = assoc && (assoc._ipamOwner ?? assoc.OwnerId);
  if (assoc?.IsDefault && ipamOwner === caller.accountId)
    // F-RDA-03
    fail('IncorrectState', 'The default resource discovery association cannot be disassociated.');
  if (!assoc || ipamOwner !== caller.accountId) {
    return fail(
      'InvalidIpamResourceDiscoveryAssociationId.NotFound',
      `The resource discovery association ID '${id}' does not exist.`,
    );
  }
  dryRun(input);
  const res = await deps.store.commit([
    { type: 'delete', ref: { kind: 'rd-association', id }, expectVersion: assoc._v },
    { type: 'delete', ref: { kind: 'unique', name: associationGuard(assoc) } },
    {
      type: 'counter',
      ref: { kind: 'ipam', id: assoc.IpamId },
      field: 'ResourceDiscoveryAssociationCount',
      delta: -1,
    },
  ]);
  if (!res.ok) fail('IncorrectState', `Association ${id} changed meanwhile; retry the request.`);
  return {
    IpamResourceDiscoveryAssociation: {
      ...(await associationShape(deps, assoc)),
      State: 'disassociate-complete',
    },
  };
};

const FIELDS = [
  'IpamResourceDiscoveryAssociationId',
  'IpamResourceDiscoveryAssociationArn',
  'IpamResourceDiscoveryId',
  'IpamId',
  'IpamArn',
  'IpamRegion',
  'OwnerId',
  'IsDefault',
  'ResourceDiscoveryStatus',
  'State',
] as const;

export const describeIpamResourceDiscoveryAssociations = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean; IpamResourceDiscoveryAssociationIds?: string[] },
) => {
  const keep = filterPredicate(input.Filters, FIELDS);
  dryRun(input);
  const associations: RdAssociationRecord[] = [];
  for (const ipam of await ipamsOf(deps, caller))
    associations.push(...(await associationsOf(deps, ipam.IpamId)));
  const lens = await isolationLens(
    deps,
    associations.flatMap((a) => [a.OwnerId, a._ipamOwner]),
  );
  const shown: object[] = [];
  for (const a of associations) shown.push(await associationShape(deps, lens(a, a.OwnerId, a._ipamOwner)));
  const ids = input.IpamResourceDiscoveryAssociationIds ?? [];
  const idOf = (a: object) =>
    (a as { IpamResourceDiscoveryAssociationId: string }).IpamResourceDiscoveryAssociationId;
  for (const id of ids) {
    if (!shown.some((a) => idOf(a) === id))
      fail(
        'InvalidIpamResourceDiscoveryAssociationId.NotFound',
        `The resource discovery association ID '${id}' does not exist.`,
      );
  }
  const page = pageArray(
    shown.filter((a) => (ids.length === 0 || ids.includes(idOf(a))) && keep(a)),
    input,
    `rdas#${caller.accountId}`,
  );
  return {
    IpamResourceDiscoveryAssociations: page.items,
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
