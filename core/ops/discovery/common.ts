/**
 * Resource discovery records shared by the RD, association and IPAM operations: the default RD
 * and default association written with each IPAM (F-IPAM-02, F-RDA-05), the API shapes, and
 * loading an RD its owner may change.
 */
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type { IpamRecord, RdAssociationRecord, RdShareRecord, ResourceDiscoveryRecord } from '../../records';
import { arn, publicShape } from '../kit/common';
import { listAll } from '../kit/listing';

/**
 * The default RD and default association of a new IPAM, to write in the IPAM's own commit.
 * @example const [rd, assoc] = defaultRecords(deps, ipam)
 */
export const defaultRecords = (
  deps: Deps,
  ipam: IpamRecord,
): [ResourceDiscoveryRecord, RdAssociationRecord] => {
  const rdId = ipam.DefaultResourceDiscoveryId;
  const assocId = ipam.DefaultResourceDiscoveryAssociationId;
  const common = { Tags: [], _v: 1, _created: ipam._created, OwnerId: ipam.OwnerId, IsDefault: true };
  return [
    {
      kind: 'resource-discovery',
      IpamResourceDiscoveryId: rdId,
      IpamResourceDiscoveryArn: arn(deps.config, ipam.OwnerId, 'ipam-resource-discovery', rdId),
      IpamResourceDiscoveryRegion: ipam.IpamRegion,
      OperatingRegions: ipam.OperatingRegions,
      OrganizationalUnitExclusions: [],
      State: 'create-complete',
      ...common,
    },
    {
      kind: 'rd-association',
      IpamResourceDiscoveryAssociationId: assocId,
      IpamResourceDiscoveryAssociationArn: arn(
        deps.config,
        ipam.OwnerId,
        'ipam-resource-discovery-association',
        assocId,
      ),
      IpamResourceDiscoveryId: rdId,
      IpamId: ipam.IpamId,
      IpamArn: ipam.IpamArn,
      IpamRegion: ipam.IpamRegion,
      State: 'associate-complete',
      ...common,
    },
  ];
};

/** Every association of an IPAM, the default one included. */
export const associationsOf = (deps: Deps, ipamId: string): Promise<RdAssociationRecord[]> =>
  listAll<RdAssociationRecord>(deps.store, { kind: 'rd-association', ipamId });

/** Deletes of an IPAM's associations, their uniqueness guards and its default RD (F-IPAM-09). */
export const ipamRdDeletes = async (
  deps: Deps,
  ipam: IpamRecord,
  associations?: RdAssociationRecord[],
): Promise<Write[]> => [
  ...(associations ?? (await associationsOf(deps, ipam.IpamId))).flatMap((a): Write[] => [
    { type: 'delete', ref: { kind: 'rd-association', id: a.IpamResourceDiscoveryAssociationId } },
    ...(a.IsDefault
      ? []
      : [{ type: 'delete' as const, ref: { kind: 'unique' as const, name: associationGuard(a) } }]),
  ]),
  { type: 'delete', ref: { kind: 'resource-discovery', id: ipam.DefaultResourceDiscoveryId } },
];

/** The name of the guard that keeps one association per (IPAM, RD). */
export const associationGuard = (a: { IpamId: string; IpamResourceDiscoveryId: string }): string =>
  `rda#${a.IpamId}#${a.IpamResourceDiscoveryId}`;

export const rdShape = (r: ResourceDiscoveryRecord) => publicShape(r);

/**
 * The RD an association reads, while it exists and its owner still shares it with the IPAM owner;
 * otherwise the association is `not-found` (F-RD-10, F-RDA-04) and feeds nothing.
 */
export const liveRdOf = async (
  deps: Deps,
  a: RdAssociationRecord,
): Promise<ResourceDiscoveryRecord | undefined> => {
  const rd = await deps.store.get<ResourceDiscoveryRecord>({
    kind: 'resource-discovery',
    id: a.IpamResourceDiscoveryId,
  });
  return rd && (await sharedWith(deps, rd, a._ipamOwner ?? a.OwnerId)) ? rd : undefined;
};

export const associationShape = async (deps: Deps, a: RdAssociationRecord) => ({
  ...publicShape(a),
  ResourceDiscoveryStatus: (await liveRdOf(deps, a)) ? 'active' : 'not-found',
});

/** The caller's IPAMs. */
export const ipamsOf = (deps: Deps, caller: Caller): Promise<IpamRecord[]> =>
  listAll<IpamRecord>(deps.store, { kind: 'ipam', owner: caller.accountId });

/** Every RD the caller owns, default ones included, then those shared with it (F-RD-09). */
export const rdsOfCaller = async (deps: Deps, caller: Caller): Promise<ResourceDiscoveryRecord[]> => [
  ...(await listAll<ResourceDiscoveryRecord>(deps.store, {
    kind: 'resource-discovery',
    owner: caller.accountId,
  })),
  ...(await rdsSharedWith(deps, caller.accountId)),
];

/**
 * An RD the caller owns.
 * @example const rd = await loadOwnRd(deps, caller, 'ipam-res-disco-0123456789abcdef0');
 */
export const loadOwnRd = async (deps: Deps, caller: Caller, id: string): Promise<ResourceDiscoveryRecord> => {
  const rd = await deps.store.get<ResourceDiscoveryRecord>({ kind: 'resource-discovery', id });
  if (!rd || rd.OwnerId !== caller.accountId)
    fail('InvalidIpamResourceDiscoveryId.NotFound', `The resource discovery ID '${id}' does not exist.`);
  return rd as ResourceDiscoveryRecord;
};

export const shareRef = (rdId: string, principal: string) => ({ kind: 'rd-share' as const, rdId, principal });

/** Is the RD shared with `account`, share accepted? */
export const sharedWith = async (
  deps: Deps,
  rd: ResourceDiscoveryRecord,
  account: string,
): Promise<boolean> =>
  rd.OwnerId === account ||
  (await deps.store.get<RdShareRecord>(shareRef(rd.IpamResourceDiscoveryId, account)))?.Status === 'active';

/** RDs shared with `account` and accepted. */
export const rdsSharedWith = async (deps: Deps, account: string): Promise<ResourceDiscoveryRecord[]> => {
  const out: ResourceDiscoveryRecord[] = [];
  for (const s of await listAll<RdShareRecord>(deps.store, { kind: 'rd-share', principal: account })) {
    if (s.Status !== 'active') continue;
    const rd = await deps.store.get<ResourceDiscoveryRecord>({
      kind: 'resource-discovery',
      id: s.IpamResourceDiscoveryId,
    });
    if (rd) out.push(rd);
  }
  return out;
};
