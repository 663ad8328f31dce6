import { defineKind, ROOT_SK, type Versioned } from './kind';

/** A credential Allot issued for the EC2 endpoint; the secret is stored encrypted (AES-256-GCM). */
export interface CredentialRecord extends Versioned {
  kind: 'credential';
  AccessKeyId: string;
  AccountId: string;
  EncryptedSecret: string;
  CreatedAt: string;
}

export type CredentialRef = { kind: 'credential'; id: string };

export const credential = defineKind<CredentialRecord, CredentialRef>({
  ref: (r) => ({ kind: 'credential', id: r.AccessKeyId }),
  key: (ref) => ({ PK: `CRED#${ref.id}`, SK: ROOT_SK }),
});
