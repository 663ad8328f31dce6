import { defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * A member account of an organization (an account belongs to at most one: the key is the account
 * id) and where it sits. It exists only once the account consented: the management account that
 * created the organization, or an account that accepted an invitation (handshake.ts).
 */
export interface OrgAccountRecord extends Versioned {
  kind: 'org-account';
  AccountId: string;
  OrganizationId: string;
  ParentId: string;
  /** How it joined (Organizations' `JoinedMethod`); `_created` is when. */
  _joined?: 'INVITED' | 'CREATED';
  /** Service control policies attached explicitly (see policy-attachment.ts). */
  _scpCount?: number;
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
