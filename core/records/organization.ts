import { defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * The organization registry (F-ORG-01..10, [self-hosted] equivalent): an organization with its
 * root, management account and at most one IPAM delegated admin (F-ORG-02).
 */
export interface OrganizationRecord extends Versioned {
  kind: 'organization';
  OrganizationId: string;
  RootId: string;
  ManagementAccountId: string;
  DelegatedAdminAccountId?: string;
}

export type OrganizationRef = { kind: 'organization'; id: string };

export const organization = defineKind<OrganizationRecord, OrganizationRef>({
  ref: (r) => ({ kind: 'organization', id: r.OrganizationId }),
  key: (ref) => ({ PK: `ORG#${ref.id}`, SK: ROOT_SK }),
});
