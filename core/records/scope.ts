import type { LifecycleState, Tag } from './common';
import { defineKind, ROOT_SK, type Versioned } from './kind';

export interface ScopeRecord extends Versioned {
  kind: 'scope';
  IpamScopeId: string;
  IpamScopeArn: string;
  IpamId: string;
  IpamArn: string;
  IpamRegion: string;
  OwnerId: string;
  IpamScopeType: 'public' | 'private';
  IsDefault: boolean;
  Description?: string;
  PoolCount: number;
  State: LifecycleState;
  Tags: Tag[];
  ExternalAuthorityConfiguration?: { Type?: string; ExternalResourceIdentifier?: string };
}

export type ScopeRef = { kind: 'scope'; id: string };
export type ScopeQuery = { kind: 'scope'; ipamId: string };

export const scope = defineKind<ScopeRecord, ScopeRef, ScopeQuery>({
  ref: (r) => ({ kind: 'scope', id: r.IpamScopeId }),
  key: (ref) => ({ PK: `SCOPE#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({
    GSI1PK: `IPAM#${r.IpamId}#scopes`,
    GSI1SK: r.IpamScopeId,
    GSI2PK: `OWNER#${r.OwnerId}#scope`,
    GSI2SK: r.IpamScopeId,
  }),
  query: (q) => ({ index: 'GSI1', pk: `IPAM#${q.ipamId}#scopes` }),
});
