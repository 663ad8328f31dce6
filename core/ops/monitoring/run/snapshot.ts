/**
 * Discovery snapshots: the latest read of each (resource discovery, account, region).
 *
 * Replacement is "new generation, then flip the pointer": the rows go to a fresh blob, then the
 * snapshot record is replaced on its version to point at it, then the old blob is deleted. A
 * reader sees the old rows or the new rows, never a mix and never a gap that would look like
 * deleted resources (and close history, F-HIST-08). A reader that loses the race with the delete
 * finds an incomplete blob and reads the record again. A failed read changes only the account
 * status and keeps the previous rows and LastSuccessfulDiscoveryTime. A sample older than the
 * stored one (two overlapping cycles) is dropped.
 */

import type { Deps } from '../../../ports';
import type { SnapshotRecord } from '../../../records';
import type { DiscoveredResourceCidr } from '../analysis/discovered';
import type { DiscoveredPublicAddress, DiscoverySample, DiscoveryTarget } from './types';

interface Body {
  rows: DiscoveredResourceCidr[];
  addresses: DiscoveredPublicAddress[];
}

const refOf = (rdId: string, t: DiscoveryTarget) =>
  ({ kind: 'snapshot', rdId, region: t.Region, account: t.AccountId }) as const;

const statusOf = (
  rdId: string,
  s: DiscoverySample,
  previous: SnapshotRecord | undefined,
  now: number,
): SnapshotRecord => {
  const a = s.account;
  const success = a.LastSuccessfulDiscoveryTime?.toISOString() ?? previous?.LastSuccessfulDiscoveryTime;
  return {
    kind: 'snapshot',
    IpamResourceDiscoveryId: rdId,
    AccountId: a.AccountId,
    DiscoveryRegion: a.DiscoveryRegion,
    ...(a.FailureReason ? { FailureReason: a.FailureReason } : {}),
    LastAttemptedDiscoveryTime: a.LastAttemptedDiscoveryTime.toISOString(),
    ...(success ? { LastSuccessfulDiscoveryTime: success } : {}),
    ...(a.OrganizationalUnitId ? { OrganizationalUnitId: a.OrganizationalUnitId } : {}),
    _v: 1,
    _created: previous?._created ?? now,
  };
};

export type RecordOutcome = 'replaced' | 'status-only' | 'stale';

/**
 * Store one target's sample. Never leaves a half-written snapshot visible.
 * @example await recordSnapshot(deps, 'ipam-res-disco-1', { AccountId: '111122223333', Region: 'us-east-1' }, sample)
 */
export const recordSnapshot = async (
  deps: Deps,
  rdId: string,
  target: DiscoveryTarget,
  sample: DiscoverySample,
): Promise<RecordOutcome> => {
  const ref = refOf(rdId, target);
  const failed = sample.account.FailureReason !== undefined;
  const rows = sample.resourceCidrs.map((r) => ({ ...r, IpamResourceDiscoveryId: rdId }));
  const addresses = sample.publicAddresses.map((a) => ({ ...a, IpamResourceDiscoveryId: rdId }));
  const empty = rows.length === 0 && addresses.length === 0;
  let blob: { key: string; parts: number } | undefined;
  if (!failed && !empty) {
    const key = `${rdId}#${target.Region}#${target.AccountId}#${deps.ids.next('gen')}`;
    blob = { key, parts: await deps.store.putBlob(key, JSON.stringify({ rows, addresses } satisfies Body)) };
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const previous = await deps.store.get<SnapshotRecord>(ref);
    if (
      previous &&
      previous.LastAttemptedDiscoveryTime > sample.account.LastAttemptedDiscoveryTime.toISOString()
    )
      break;
    const next = statusOf(rdId, sample, previous, deps.now());
    // A failed read keeps pointing at the last successful rows.
    const kept = previous?._blob ? { key: previous._blob, parts: previous._parts ?? 1 } : undefined;
    const pointer = failed ? kept : blob;
    const record: SnapshotRecord = {
      ...next,
      ...(pointer ? { _blob: pointer.key, _parts: pointer.parts } : {}),
    };
    const res = await deps.store.commit([
      previous ? { type: 'replace', record, expectVersion: previous._v } : { type: 'create', record },
    ]);
    if (!res.ok) continue;
    if (!failed && previous?._blob) await deps.store.deleteBlob(previous._blob);
    return failed ? 'status-only' : 'replaced';
  }
  if (blob) await deps.store.deleteBlob(blob.key);
  return 'stale';
};

/**
 * Drop the snapshot of a target its RD no longer reads; a concurrent new read of it wins.
 * @example await retireSnapshot(deps, 'ipam-res-disco-1', { AccountId: '111122223333', Region: 'us-west-2' })
 */
export const retireSnapshot = async (deps: Deps, rdId: string, target: DiscoveryTarget): Promise<boolean> => {
  const record = await deps.store.get<SnapshotRecord>(refOf(rdId, target));
  if (!record) return false;
  const res = await deps.store.commit([
    { type: 'delete', ref: refOf(rdId, target), expectVersion: record._v },
  ]);
  if (res.ok && record._blob) await deps.store.deleteBlob(record._blob);
  return res.ok;
};

export interface Snapshot {
  record: SnapshotRecord;
  rows: DiscoveredResourceCidr[];
  addresses: DiscoveredPublicAddress[];
}

const revive = (body: string): Body => {
  const b = JSON.parse(body) as Body;
  for (const r of b.rows) r.SampleTime = new Date(r.SampleTime);
  for (const a of b.addresses) a.SampleTime = new Date(a.SampleTime);
  return b;
};

/** The rows a record points at; re-reads the record if its blob was replaced meanwhile. */
const bodyOf = async (deps: Deps, record: SnapshotRecord): Promise<Snapshot | undefined> => {
  let current: SnapshotRecord | undefined = record;
  for (let attempt = 0; current && attempt < 5; attempt++) {
    if (!current._blob) return { record: current, rows: [], addresses: [] };
    const body = await deps.store.getBlob(current._blob, current._parts ?? 1);
    if (body !== undefined) return { record: current, ...revive(body) };
    current = await deps.store.get<SnapshotRecord>({
      kind: 'snapshot',
      rdId: record.IpamResourceDiscoveryId,
      region: record.DiscoveryRegion,
      account: record.AccountId,
    });
  }
  return current ? { record: current, rows: [], addresses: [] } : undefined;
};

/** Snapshot records of one resource discovery (optionally one region), in region/account order. */
export const snapshotRecords = async (
  deps: Deps,
  rdId: string,
  region?: string,
): Promise<SnapshotRecord[]> => {
  const out: SnapshotRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.list<SnapshotRecord>(
      { kind: 'snapshot', rdId, ...(region ? { region } : {}) },
      1000,
      cursor,
    );
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
};

/**
 * Every snapshot of a resource discovery with its rows (the read APIs and reconciliation).
 * @example const snaps = await readSnapshots(deps, 'ipam-res-disco-1', 'us-east-1')
 */
export const readSnapshots = async (deps: Deps, rdId: string, region?: string): Promise<Snapshot[]> => {
  const records = await snapshotRecords(deps, rdId, region);
  const bodies = await Promise.all(records.map((r) => bodyOf(deps, r)));
  return bodies.flatMap((b) => (b ? [b] : []));
};
