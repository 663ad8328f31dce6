import type { LifecycleState, Tag } from './common';
import { defineKind, ROOT_SK, type Versioned } from './kind';

/** An OU exclusion of a resource discovery (F-OUX-03): `o-…/r-…/ou-…/…/` path. */
export interface OuExclusion {
  OrganizationsEntityPath: string;
}

/**
 * A resource discovery (F-RD-02). An IPAM's default RD (IsDefault) is written with the IPAM,
 * follows its operating regions and is deleted with it (F-RD-10).
 */
export interface ResourceDiscoveryRecord extends Versioned {
  kind: 'resource-discovery';
  IpamResourceDiscoveryId: string;
  IsDefault: boolean;
  IpamResourceDiscoveryArn: string;
  OwnerId: string;
  IpamResourceDiscoveryRegion: string;
  Description?: string;
  OperatingRegions: { RegionName: string }[];
  OrganizationalUnitExclusions: OuExclusion[];
  State: LifecycleState;
  Tags: Tag[];
}

export type ResourceDiscoveryRef = { kind: 'resource-discovery'; id: string };
export type ResourceDiscoveryQuery = { kind: 'resource-discovery'; owner: string };

export const resourceDiscovery = defineKind<
  ResourceDiscoveryRecord,
  ResourceDiscoveryRef,
  ResourceDiscoveryQuery
>({
  ref: (r) => ({ kind: 'resource-discovery', id: r.IpamResourceDiscoveryId }),
  key: (ref) => ({ PK: `RD#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({ GSI2PK: `OWNER#${r.OwnerId}#rd`, GSI2SK: r.IpamResourceDiscoveryId }),
  query: (q) => ({ index: 'GSI2', pk: `OWNER#${q.owner}#rd` }),
});
