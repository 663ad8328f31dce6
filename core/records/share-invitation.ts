import { defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * A RAM resource share invitation (F-SHARE-07): an account outside the sharer's organization,
 * named as a principal of a share, is invited; its grants wait (`PENDING`) until it accepts.
 * Listed by receiver (GetResourceShareInvitations) and by share (to end them with the share).
 */
export interface ShareInvitationRecord extends Versioned {
  kind: 'share-invitation';
  /** The UUID at the end of the ARN. */
  InvitationId: string;
  ResourceShareInvitationArn: string;
  ShareId: string;
  ResourceShareArn: string;
  ResourceShareName: string;
  SenderAccountId: string;
  ReceiverAccountId: string;
  Status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  /** Epoch ms. */
  InvitationTimestamp: number;
}

export type ShareInvitationRef = { kind: 'share-invitation'; id: string };
/** An account's invitations, or a share's. */
export type ShareInvitationQuery =
  | { kind: 'share-invitation'; receiver: string }
  | { kind: 'share-invitation'; shareId: string };

export const shareInvitation = defineKind<ShareInvitationRecord, ShareInvitationRef, ShareInvitationQuery>({
  ref: (r) => ({ kind: 'share-invitation', id: r.InvitationId }),
  key: (ref) => ({ PK: `RSINV#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({
    GSI1PK: `RSHARE#${r.ShareId}#rsinv`,
    GSI1SK: r.InvitationId,
    GSI2PK: `RECEIVER#${r.ReceiverAccountId}#rsinv`,
    GSI2SK: r.InvitationId,
  }),
  query: (q) =>
    'receiver' in q
      ? { index: 'GSI2', pk: `RECEIVER#${q.receiver}#rsinv` }
      : { index: 'GSI1', pk: `RSHARE#${q.shareId}#rsinv` },
});
