import type { Tag } from './common';
import { defineKind, ROOT_SK, type Versioned } from './kind';

/** An association of a resource discovery with an IPAM (F-RDA-01; the default one: F-RDA-05). */
export interface RdAssociationRecord extends Versioned {
  kind: 'rd-association';
  IpamResourceDiscoveryAssociationId: string;
  IsDefault: boolean;
  IpamResourceDiscoveryAssociationArn: string;
  /** The RD owner [api]. */
  OwnerId: string;
  /** Internal: the IPAM owner, who alone may disassociate (absent = OwnerId). */
  _ipamOwner?: string;
  IpamResourceDiscoveryId: string;
  IpamId: string;
  IpamArn: string;
  IpamRegion: string;
  State: string;
  Tags: Tag[];
}

export type RdAssociationRef = { kind: 'rd-association'; id: string };
export type RdAssociationQuery =
  | { kind: 'rd-association'; ipamId: string }
  | { kind: 'rd-association'; rdId: string };

export const rdAssociation = defineKind<RdAssociationRecord, RdAssociationRef, RdAssociationQuery>({
  ref: (r) => ({ kind: 'rd-association', id: r.IpamResourceDiscoveryAssociationId }),
  key: (ref) => ({ PK: `RDA#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({
    GSI1PK: `IPAM#${r.IpamId}#rdas`,
    GSI1SK: r.IpamResourceDiscoveryAssociationId,
    GSI2PK: `RD#${r.IpamResourceDiscoveryId}#rdas`,
    GSI2SK: r.IpamResourceDiscoveryAssociationId,
  }),
  query: (q) =>
    'ipamId' in q
      ? { index: 'GSI1', pk: `IPAM#${q.ipamId}#rdas` }
      : { index: 'GSI2', pk: `RD#${q.rdId}#rdas` },
});
