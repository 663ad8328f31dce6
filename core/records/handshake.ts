import { defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * An AWS Organizations handshake: the management account's invitation of an account
 * (`InviteAccountToOrganization`). The account joins only by accepting it itself; the sender may
 * cancel it, the invitee decline it, and an open one expires (computed on read). Listed by
 * organization and by invited account.
 */
export interface HandshakeRecord extends Versioned {
  kind: 'handshake';
  HandshakeId: string;
  OrganizationId: string;
  /** The management account that sent it. */
  SenderAccountId: string;
  TargetAccountId: string;
  Action: 'INVITE';
  State: 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'CANCELED';
  Notes?: string;
  /** Epoch ms. */
  RequestedTimestamp: number;
  ExpirationTimestamp: number;
}

export type HandshakeRef = { kind: 'handshake'; id: string };
/** An organization's handshakes, or those sent to an account. */
export type HandshakeQuery = { kind: 'handshake'; orgId: string } | { kind: 'handshake'; target: string };

export const handshake = defineKind<HandshakeRecord, HandshakeRef, HandshakeQuery>({
  ref: (r) => ({ kind: 'handshake', id: r.HandshakeId }),
  key: (ref) => ({ PK: `HANDSHAKE#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({
    GSI1PK: `ORG#${r.OrganizationId}#handshakes`,
    GSI1SK: r.HandshakeId,
    GSI2PK: `INVITEE#${r.TargetAccountId}#handshakes`,
    GSI2SK: r.HandshakeId,
  }),
  query: (q) =>
    'orgId' in q
      ? { index: 'GSI1', pk: `ORG#${q.orgId}#handshakes` }
      : { index: 'GSI2', pk: `INVITEE#${q.target}#handshakes` },
});
