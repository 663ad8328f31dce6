import type { LifecycleState, Tag, Tier } from './common';
import { defineKind, ROOT_SK, type Versioned } from './kind';

export interface IpamRecord extends Versioned {
  kind: 'ipam';
  IpamId: string;
  IpamArn: string;
  OwnerId: string;
  IpamRegion: string;
  Description?: string;
  OperatingRegions: { RegionName: string }[];
  Tier: Tier;
  EnablePrivateGua: boolean;
  MeteredAccount: 'ipam-owner' | 'resource-owner';
  PublicDefaultScopeId: string;
  PrivateDefaultScopeId: string;
  ScopeCount: number;
  DefaultResourceDiscoveryId: string;
  DefaultResourceDiscoveryAssociationId: string;
  ResourceDiscoveryAssociationCount: number;
  State: LifecycleState;
  StateMessage?: string;
  Tags: Tag[];
}

export type IpamRef = { kind: 'ipam'; id: string };
/** By owner, or every IPAM of every owner (the discovery job). */
export type IpamQuery = { kind: 'ipam'; owner: string } | { kind: 'ipam'; all: true };

export const ipam = defineKind<IpamRecord, IpamRef, IpamQuery>({
  ref: (r) => ({ kind: 'ipam', id: r.IpamId }),
  key: (ref) => ({ PK: `IPAM#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({ GSI1PK: 'IPAMS', GSI1SK: r.IpamId, GSI2PK: `OWNER#${r.OwnerId}#ipam`, GSI2SK: r.IpamId }),
  query: (q) =>
    'all' in q ? { index: 'GSI1', pk: 'IPAMS' } : { index: 'GSI2', pk: `OWNER#${q.owner}#ipam` },
});
