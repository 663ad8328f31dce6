import { defineKind, type Versioned } from './kind';

/**
 * A resource discovery shared with another account ([self-hosted] F-RD-07/08, in place of AWS
 * RAM): `pending` until the grantee accepts, then `active`. Removing it revokes the share.
 */
export interface RdShareRecord extends Versioned {
  kind: 'rd-share';
  IpamResourceDiscoveryId: string;
  /** The RD owner. */
  OwnerId: string;
  Principal: string;
  Status: 'pending' | 'active';
  CreationTime: string;
  /**
   * The version of the RD's managed permission this grant carries (F-PIP-11); absent: 1, from
   * before versions were kept.
   */
  _permissionVersion?: number;
}

export type RdShareRef = { kind: 'rd-share'; rdId: string; principal: string };
/** Shares of one resource discovery, by principal; or shares granted to one account, by RD. */
export type RdShareQuery = { kind: 'rd-share'; rdId: string } | { kind: 'rd-share'; principal: string };

export const rdShare = defineKind<RdShareRecord, RdShareRef, RdShareQuery>({
  ref: (r) => ({ kind: 'rd-share', rdId: r.IpamResourceDiscoveryId, principal: r.Principal }),
  key: (ref) => ({ PK: `RD#${ref.rdId}`, SK: `SHARE#${ref.principal}` }),
  index: (r) => ({ GSI2PK: `GRANTEE#${r.Principal}#rdshares`, GSI2SK: r.IpamResourceDiscoveryId }),
  query: (q) =>
    'rdId' in q
      ? { pk: `RD#${q.rdId}`, skPrefix: 'SHARE#' }
      : { index: 'GSI2', pk: `GRANTEE#${q.principal}#rdshares` },
});
