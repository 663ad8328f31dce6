import type { Tag } from './common';
import { defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * An external-resource verification token (F-VTOK-01): the TXT value a range's reverse zone must
 * publish for a `dns-token` provisioning. Its `Status` (valid/expired) is not stored: it follows
 * from `NotAfter` and the clock when shown.
 */
export interface VerificationTokenRecord extends Versioned {
  kind: 'verification-token';
  IpamExternalResourceVerificationTokenId: string;
  IpamExternalResourceVerificationTokenArn: string;
  IpamId: string;
  IpamArn: string;
  IpamRegion: string;
  TokenValue: string;
  TokenName: string;
  /** ISO time: creation + 72 h (F-VTOK-02). */
  NotAfter: string;
  State: 'create-complete';
  Tags: Tag[];
  _owner: string;
}

export type VerificationTokenRef = { kind: 'verification-token'; id: string };
export type VerificationTokenQuery = { kind: 'verification-token'; ipamId: string };

export const verificationToken = defineKind<
  VerificationTokenRecord,
  VerificationTokenRef,
  VerificationTokenQuery
>({
  ref: (r) => ({ kind: 'verification-token', id: r.IpamExternalResourceVerificationTokenId }),
  key: (ref) => ({ PK: `VTOK#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({ GSI1PK: `IPAM#${r.IpamId}#vtoks`, GSI1SK: r.IpamExternalResourceVerificationTokenId }),
  query: (q) => ({ index: 'GSI1', pk: `IPAM#${q.ipamId}#vtoks` }),
});
