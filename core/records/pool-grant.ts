import { defineKind, type Versioned } from './kind';

/**
 * One account's right to use one pool through one resource share (F-SHARE-02, F-RULE-06). It sits
 * in the pool's partition under `GRANT#<account>#<share>`, so "may this account use this pool" is
 * one Query of at most one item (limit 1 on that prefix) whatever the number of shares, and a pool
 * reached through two shares keeps its grant while either lasts. OU and organization principals
 * are expanded into one grant per member account when they are associated.
 */
export interface PoolGrantRecord extends Versioned {
  kind: 'pool-grant';
  IpamPoolId: string;
  AccountId: string;
  ShareId: string;
  /** The principal of the share this grant comes from (the account, an OU ARN or the org ARN). */
  Principal: string;
  /** `PENDING` until an account outside the organization accepts the invitation (F-SHARE-07). */
  Status: 'ACTIVE' | 'PENDING';
}

export type PoolGrantRef = { kind: 'pool-grant'; poolId: string; accountId: string; shareId: string };
/** An account's grants on one pool; every grant on a pool; or the grants an account holds, by pool. */
export type PoolGrantQuery =
  | { kind: 'pool-grant'; poolId: string; accountId?: string }
  | { kind: 'pool-grant'; grantee: string };

export const poolGrant = defineKind<PoolGrantRecord, PoolGrantRef, PoolGrantQuery>({
  ref: (r) => ({ kind: 'pool-grant', poolId: r.IpamPoolId, accountId: r.AccountId, shareId: r.ShareId }),
  key: (ref) => ({ PK: `POOL#${ref.poolId}`, SK: `GRANT#${ref.accountId}#${ref.shareId}` }),
  index: (r) => ({ GSI2PK: `GRANTEE#${r.AccountId}#pools`, GSI2SK: `${r.IpamPoolId}#${r.ShareId}` }),
  query: (q) =>
    'grantee' in q
      ? { index: 'GSI2', pk: `GRANTEE#${q.grantee}#pools` }
      : { pk: `POOL#${q.poolId}`, skPrefix: q.accountId ? `GRANT#${q.accountId}#` : 'GRANT#' },
});
