import { defineKind, type Versioned } from './kind';

/**
 * A delegated administrator of an organization for an AWS service principal other than IPAM's
 * (`RegisterDelegatedAdministrator`); IPAM's is the organization's `DelegatedAdminAccountId`.
 */
export interface OrgDelegateRecord extends Versioned {
  kind: 'org-delegate';
  OrganizationId: string;
  ServicePrincipal: string;
  AccountId: string;
}

export type OrgDelegateRef = { kind: 'org-delegate'; orgId: string; principal: string; accountId: string };
/** An organization's delegated administrators, by service principal then account. */
export type OrgDelegateQuery = { kind: 'org-delegate'; orgId: string };

export const orgDelegate = defineKind<OrgDelegateRecord, OrgDelegateRef, OrgDelegateQuery>({
  ref: (r) => ({
    kind: 'org-delegate',
    orgId: r.OrganizationId,
    principal: r.ServicePrincipal,
    accountId: r.AccountId,
  }),
  key: (ref) => ({ PK: `ORG#${ref.orgId}`, SK: `DELEGATE#${ref.principal}#${ref.accountId}` }),
  query: (q) => ({ pk: `ORG#${q.orgId}`, skPrefix: 'DELEGATE#' }),
});
