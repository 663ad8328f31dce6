import { defineKind, type Versioned } from './kind';

/**
 * The latest discovery of one (resource discovery, account, region): the account's status
 * (`IpamDiscoveredAccount`, times as ISO strings) and a reference to the rows, which live in a
 * blob (Store.putBlob) written whole before this record points at it (core/ops/monitoring/run/snapshot.ts).
 */
export interface SnapshotRecord extends Versioned {
  kind: 'snapshot';
  IpamResourceDiscoveryId: string;
  AccountId: string;
  DiscoveryRegion: string;
  FailureReason?: {
    Code: 'assume-role-failure' | 'throttling-failure' | 'unauthorized-failure';
    Message: string;
  };
  LastAttemptedDiscoveryTime: string;
  LastSuccessfulDiscoveryTime?: string;
  OrganizationalUnitId?: string;
  /** Blob holding the rows of the last successful read, and its part count; absent when empty. */
  _blob?: string;
  _parts?: number;
}

export type SnapshotRef = { kind: 'snapshot'; rdId: string; region: string; account: string };
/** A resource discovery's snapshots, ordered by region then account. */
export type SnapshotQuery = { kind: 'snapshot'; rdId: string; region?: string };

export const snapshot = defineKind<SnapshotRecord, SnapshotRef, SnapshotQuery>({
  ref: (r) => ({
    kind: 'snapshot',
    rdId: r.IpamResourceDiscoveryId,
    region: r.DiscoveryRegion,
    account: r.AccountId,
  }),
  key: (ref) => ({ PK: `DISCO#${ref.rdId}`, SK: `SNAP#${ref.region}#${ref.account}` }),
  query: (q) => ({ pk: `DISCO#${q.rdId}`, skPrefix: q.region ? `SNAP#${q.region}#` : 'SNAP#' }),
});
