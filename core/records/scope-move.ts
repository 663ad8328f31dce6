import { cidrSk, defineKind, type Versioned } from './kind';

/** A VPC CIDR moved to another private scope (F-RES-07), applied by reconciliation. */
export interface ScopeMoveRecord extends Versioned {
  kind: 'scope-move';
  IpamId: string;
  ResourceId: string;
  ResourceCidr: string;
  /** The destination scope. */
  IpamScopeId: string;
}

export type ScopeMoveRef = { kind: 'scope-move'; ipamId: string; resourceId: string; cidr: string };
export type ScopeMoveQuery = { kind: 'scope-move'; ipamId: string };

export const scopeMove = defineKind<ScopeMoveRecord, ScopeMoveRef, ScopeMoveQuery>({
  ref: (r) => ({ kind: 'scope-move', ipamId: r.IpamId, resourceId: r.ResourceId, cidr: r.ResourceCidr }),
  key: (ref) => ({ PK: `MOVE#${ref.ipamId}`, SK: cidrSk(ref.resourceId, ref.cidr) }),
  query: (q) => ({ pk: `MOVE#${q.ipamId}` }),
});
