/**
 * Resource discoveries as the API shows them (F-RD-04, F-RDA-04): stored ones, plus each IPAM's
 * default RD and default association, derived from the IPAM itself (same owner, operating regions
 * and lifetime, so they can never drift from it).
 */
import { fail } from '../errors';
import type { IpamRecord, RdAssociationRecord, ResourceDiscoveryRecord } from '../model';
import { arn, publicShape } from './common';
import type { Caller, Deps } from './context';
import { listAll } from './listing';

/** The default RD of an IPAM (F-RD-10: not deletable, gone with the IPAM). */
export const defaultRd = (deps: Deps, ipam: IpamRecord): ResourceDiscoveryRecord => ({
  kind: 'resource-discovery',
  IpamResourceDiscoveryId: ipam.DefaultResourceDiscoveryId,
  IpamResourceDiscoveryArn: arn(
    deps.config,
    ipam.OwnerId,
    'ipam-resource-discovery',
    ipam.DefaultResourceDiscoveryId,
  ),
  OwnerId: ipam.OwnerId,
  IpamResourceDiscoveryRegion: ipam.IpamRegion,
  OperatingRegions: ipam.OperatingRegions,
  OrganizationalUnitExclusions: [],
  State: ipam.State,
  Tags: [],
  _v: ipam._v,
  _created: ipam._created,
});

/** The default association of an IPAM with its default RD (F-RDA-05). */
export const defaultAssociation = (deps: Deps, ipam: IpamRecord): RdAssociationRecord => ({
  kind: 'rd-association',
  IpamResourceDiscoveryAssociationId: ipam.DefaultResourceDiscoveryAssociationId,
  IpamResourceDiscoveryAssociationArn: arn(
    deps.config,
    ipam.OwnerId,
    'ipam-resource-discovery-association',
    ipam.DefaultResourceDiscoveryAssociationId,
  ),
  OwnerId: ipam.OwnerId,
  IpamResourceDiscoveryId: ipam.DefaultResourceDiscoveryId,
  IpamId: ipam.IpamId,
  IpamArn: ipam.IpamArn,
  IpamRegion: ipam.IpamRegion,
  State: 'associate-complete',
  Tags: [],
  _v: 1,
  _created: ipam._created,
});

export const rdShape = (r: ResourceDiscoveryRecord, defaults: Set<string>) => ({
  ...publicShape(r),
  IsDefault: defaults.has(r.IpamResourceDiscoveryId),
});

/** Status of an association: `not-found` once its RD was deleted (F-RD-10, F-RDA-04). */
export const associationShape = async (deps: Deps, a: RdAssociationRecord, isDefault: boolean) => {
  const rd =
    isDefault || (await deps.store.get({ kind: 'resource-discovery', id: a.IpamResourceDiscoveryId }));
  return { ...publicShape(a), IsDefault: isDefault, ResourceDiscoveryStatus: rd ? 'active' : 'not-found' };
};

/** The caller's IPAMs. */
export const ipamsOf = (deps: Deps, caller: Caller): Promise<IpamRecord[]> =>
  listAll<IpamRecord>(deps.store, { kind: 'ipam', owner: caller.accountId });

/** Every RD the caller owns: stored ones and the default RD of each of its IPAMs. */
export const rdsOfCaller = async (
  deps: Deps,
  caller: Caller,
): Promise<{ rds: ResourceDiscoveryRecord[]; defaults: Set<string> }> => {
  const ipams = await ipamsOf(deps, caller);
  const stored = await listAll<ResourceDiscoveryRecord>(deps.store, {
    kind: 'resource-discovery',
    owner: caller.accountId,
  });
  return {
    rds: [...ipams.map((i) => defaultRd(deps, i)), ...stored],
    defaults: new Set(ipams.map((i) => i.DefaultResourceDiscoveryId)),
  };
};

const notFound = (id: string): never =>
  fail('InvalidIpamResourceDiscoveryId.NotFound', `The resource discovery ID '${id}' does not exist.`);

/**
 * A stored RD the caller owns; the default RD of one of its IPAMs is refused with `what`.
 * @example const rd = await loadStoredRd(deps, caller, id, 'The default resource discovery cannot be deleted');
 */
export const loadStoredRd = async (
  deps: Deps,
  caller: Caller,
  id: string,
  what: string,
): Promise<ResourceDiscoveryRecord> => {
  const rd = await deps.store.get<ResourceDiscoveryRecord>({ kind: 'resource-discovery', id });
  if (rd) {
    if (rd.OwnerId !== caller.accountId) notFound(id);
    return rd;
  }
  const { defaults } = await rdsOfCaller(deps, caller);
  if (defaults.has(id)) fail('OperationNotPermitted', `${what} (it belongs to its IPAM, F-RD-10).`);
  return notFound(id);
};
