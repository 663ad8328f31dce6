import type { Tag } from './common';
import { defineKind, type Versioned } from './kind';

/**
 * A customer-managed policy of an organization (only service control policies are served).
 * `_attachCount` counts its attachments, so a policy still attached cannot be deleted even by a
 * concurrent attach. The AWS-managed FullAWSAccess is not stored (core/ops/organization/scp).
 */
export interface OrgPolicyRecord extends Versioned {
  kind: 'org-policy';
  OrganizationId: string;
  PolicyId: string;
  Name: string;
  Description: string;
  Type: 'SERVICE_CONTROL_POLICY';
  Content: string;
  _attachCount: number;
  _tags?: Tag[];
}

export type OrgPolicyRef = { kind: 'org-policy'; orgId: string; id: string };
/** An organization's policies, by id. */
export type OrgPolicyQuery = { kind: 'org-policy'; orgId: string };

export const orgPolicy = defineKind<OrgPolicyRecord, OrgPolicyRef, OrgPolicyQuery>({
  ref: (r) => ({ kind: 'org-policy', orgId: r.OrganizationId, id: r.PolicyId }),
  key: (ref) => ({ PK: `ORG#${ref.orgId}`, SK: `POLICY#${ref.id}` }),
  query: (q) => ({ pk: `ORG#${q.orgId}`, skPrefix: 'POLICY#' }),
});
