import { defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * The evaluated resource CIDRs of one scope (GetIpamResourceCidrs, F-RES-08), kept like discovery
 * snapshots: the rows in a blob, this record pointing at the current one, flipped on its version.
 */
export interface ScopeViewRecord extends Versioned {
  kind: 'scope-view';
  IpamScopeId: string;
  /** When the rows were last evaluated (ISO 8601). */
  EvaluatedAt: string;
  _blob?: string;
  _parts?: number;
}

export type ScopeViewRef = { kind: 'scope-view'; scopeId: string };

export const scopeView = defineKind<ScopeViewRecord, ScopeViewRef>({
  ref: (r) => ({ kind: 'scope-view', scopeId: r.IpamScopeId }),
  key: (ref) => ({ PK: `VIEW#${ref.scopeId}`, SK: ROOT_SK }),
});
