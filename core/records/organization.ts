import { defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * The organization registry (F-ORG-01..10, [self-hosted] equivalent of AWS Organizations): an
 * organization with its root, management account and at most one IPAM delegated admin (F-ORG-02).
 * Its OUs, policies and policy attachments share its partition, so one Query reads the whole
 * organization (see `OrganizationQuery`).
 */
export interface OrganizationRecord extends Versioned {
  kind: 'organization';
  OrganizationId: string;
  RootId: string;
  ManagementAccountId: string;
  DelegatedAdminAccountId?: string;
  /** When the IPAM admin was delegated (epoch ms), for ListDelegatedAdministrators. */
  _delegatedSince?: number;
  /** Policy types enabled on the root (only SERVICE_CONTROL_POLICY is served). */
  _policyTypes?: string[];
  /** Service principals with trusted access (EnableAWSServiceAccess), with the time it was enabled. */
  _serviceAccess?: { principal: string; since: number }[];
  /** Service control policies attached explicitly to the root (see policy-attachment.ts). */
  _scpCount?: number;
}

export type OrganizationRef = { kind: 'organization'; id: string };
/**
 * Everything in an organization's partition: the organization, its OUs, policies, policy
 * attachments and delegated administrators, as one strongly consistent Query.
 */
export type OrganizationQuery = { kind: 'organization'; whole: string };

export const organization = defineKind<OrganizationRecord, OrganizationRef, OrganizationQuery>({
  ref: (r) => ({ kind: 'organization', id: r.OrganizationId }),
  key: (ref) => ({ PK: `ORG#${ref.id}`, SK: ROOT_SK }),
  query: (q) => ({ pk: `ORG#${q.whole}` }),
});
