import { defineKind, ROOT_SK, type Versioned } from './kind';

/** An IAM-style identity policy attached to a credential's principal: its name and JSON text. */
export interface AttachedPolicy {
  Name: string;
  Document: string;
}

/**
 * A credential Allot issued: an access key bound to one account and one named principal
 * (`arn:aws:iam::<acct>:user/<name>`, or the account's root), with the identity policies that
 * principal carries; the secret is stored encrypted (AES-256-GCM). A root credential is allowed
 * everything in its account, as in IAM; a user credential what its policies allow.
 */
export interface CredentialRecord extends Versioned {
  kind: 'credential';
  AccessKeyId: string;
  AccountId: string;
  EncryptedSecret: string;
  CreatedAt: string;
  /** Absent on credentials issued before principals existed: the account's root. */
  PrincipalArn?: string;
  /** ISO 8601; the key is refused from then on. */
  ExpiresAt?: string;
  Policies?: AttachedPolicy[];
}

export type CredentialRef = { kind: 'credential'; id: string };
/** The credentials of an account. */
export type CredentialQuery = { kind: 'credential'; owner: string };

export const credential = defineKind<CredentialRecord, CredentialRef, CredentialQuery>({
  ref: (r) => ({ kind: 'credential', id: r.AccessKeyId }),
  key: (ref) => ({ PK: `CRED#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({ GSI2PK: `OWNER#${r.AccountId}#cred`, GSI2SK: r.AccessKeyId }),
  query: (q) => ({ index: 'GSI2', pk: `OWNER#${q.owner}#cred` }),
});
