import type { Tag } from './common';
import { defineKind, type Versioned } from './kind';

/** An organizational unit; ParentId is the root or another OU. `_childCount`: OUs and accounts in it. */
export interface OrgUnitRecord extends Versioned {
  kind: 'org-unit';
  OrganizationId: string;
  OrganizationalUnitId: string;
  ParentId: string;
  Name: string;
  _childCount: number;
  /** Service control policies attached explicitly (see policy-attachment.ts). */
  _scpCount?: number;
  _tags?: Tag[];
}

export type OrgUnitRef = { kind: 'org-unit'; orgId: string; id: string };
/** An organization's OUs, by id. */
export type OrgUnitQuery = { kind: 'org-unit'; orgId: string };

export const orgUnit = defineKind<OrgUnitRecord, OrgUnitRef, OrgUnitQuery>({
  ref: (r) => ({ kind: 'org-unit', orgId: r.OrganizationId, id: r.OrganizationalUnitId }),
  key: (ref) => ({ PK: `ORG#${ref.orgId}`, SK: `OU#${ref.id}` }),
  query: (q) => ({ pk: `ORG#${q.orgId}`, skPrefix: 'OU#' }),
});
