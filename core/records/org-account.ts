import { defineKind, ROOT_SK, type Versioned } from './kind';

/** A member account of an organization (an account belongs to at most one) and where it sits. */
export interface OrgAccountRecord extends Versioned {
  kind: 'org-account';
  AccountId: string;
  OrganizationId: string;
  ParentId: string;
}

export type OrgAccountRef = { kind: 'org-account'; accountId: string };
/** An organization's member accounts, by account id. */
export type OrgAccountQuery = { kind: 'org-account'; orgId: string };

export const orgAccount = defineKind<OrgAccountRecord, OrgAccountRef, OrgAccountQuery>({
  ref: (r) => ({ kind: 'org-account', accountId: r.AccountId }),
  key: (ref) => ({ PK: `ORGACCT#${ref.accountId}`, SK: ROOT_SK }),
  index: (r) => ({ GSI1PK: `ORG#${r.OrganizationId}#accounts`, GSI1SK: r.AccountId }),
  query: (q) => ({ index: 'GSI1', pk: `ORG#${q.orgId}#accounts` }),
});
