import { defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * A RAM resource share (F-SHARE, [self-hosted] equivalent): the pools (or resource discoveries) it
 * shares and the principals it shares them with, both as the ARNs or account ids RAM shows. What a
 * principal may use is not read from here: each (pool, account) pair the share grants is its own
 * `pool-grant` item, so the allocation path never reads shares (see pool-grant.ts).
 */
export interface ResourceShareRecord extends Versioned {
  kind: 'resource-share';
  /** The UUID at the end of the ARN. */
  ShareId: string;
  ResourceShareArn: string;
  Name: string;
  OwningAccountId: string;
  /** The region the share lives in: the IPAM's home region (F-SHARE-03). */
  Region: string;
  Status: 'ACTIVE' | 'DELETED';
  AllowExternalPrincipals: boolean;
  PermissionArn: string;
  /** The permission's version the share grants (F-PIP-11); absent: 1, from before versions were kept. */
  PermissionVersion?: number;
  /** Resource ARNs (IPAM pools), in the order associated. */
  Resources: string[];
  /** Account ids, OU ARNs or the organization ARN, in the order associated. */
  Principals: string[];
  /** The account principals outside the owner's organization (their grants wait for acceptance). */
  External: string[];
  /** External principals that accepted their invitation: later grants to them start active. */
  Accepted?: string[];
  Tags: { key: string; value?: string }[];
  /** Epoch ms. */
  CreationTime: number;
  LastUpdatedTime: number;
}

export type ResourceShareRef = { kind: 'resource-share'; id: string };
/** The shares an account owns. */
export type ResourceShareQuery = { kind: 'resource-share'; owner: string };

export const resourceShare = defineKind<ResourceShareRecord, ResourceShareRef, ResourceShareQuery>({
  ref: (r) => ({ kind: 'resource-share', id: r.ShareId }),
  key: (ref) => ({ PK: `RSHARE#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({ GSI2PK: `OWNER#${r.OwningAccountId}#rshare`, GSI2SK: r.ShareId }),
  query: (q) => ({ index: 'GSI2', pk: `OWNER#${q.owner}#rshare` }),
});
