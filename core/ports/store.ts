/**
 * The Store port: everything core needs from persistence, in domain terms. The one adapter
 * (core/store/dynamo) maps these to single-table DynamoDB items; core/store/memory implements the
 * same contract in-process for unit tests and the in-process benchmark.
 *
 * Writes are grouped in a unit of work that commits atomically or not at all. A lost race is a
 * value, not an exception (STYLE habit 5): `{ ok: false, failed }` names the writes whose
 * conditions failed, so core can decide whether to retry or to raise a domain error.
 */
import type { AnyRecord, PoolCidrRecord, PoolRecord, RecordKind } from '../records/model';
import type { NodeKey, NodeView, NodeWrite } from '../space/node';

export type RecordRef =
  | { kind: 'ipam'; id: string }
  | { kind: 'scope'; id: string }
  | { kind: 'pool'; id: string }
  | { kind: 'pool-cidr'; poolId: string; cidr: string }
  | { kind: 'allocation'; poolId: string; cidr: string }
  | { kind: 'token'; owner: string; action: string; token: string }
  | { kind: 'unique'; name: string }
  | { kind: 'credential'; id: string }
  | { kind: 'snapshot'; rdId: string; region: string; account: string }
  | { kind: 'resource-ref'; resourceId: string; poolId: string; cidr: string }
  | { kind: 'scope-view'; scopeId: string }
  | { kind: 'history'; scopeId: string; cidr: string; start: string; key: string }
  | { kind: 'resource-discovery'; id: string }
  | { kind: 'rd-association'; id: string }
  | { kind: 'scope-move'; ipamId: string; resourceId: string; cidr: string }
  | { kind: 'organization'; id: string }
  | { kind: 'org-unit'; orgId: string; id: string }
  | { kind: 'org-account'; accountId: string }
  | { kind: 'isolation'; accountId: string }
  | { kind: 'rd-share'; rdId: string; principal: string }
  | { kind: 'cooling'; poolId: string; cidr: string; allocationId: string };

/** Numeric fields that transactions may bump with a bound. */
export type CounterField =
  | 'ScopeCount'
  | 'PoolCount'
  | '_cidrCount'
  | '_childCount'
  | 'ResourceDiscoveryAssociationCount';

export type Write =
  /** Put a record that must not exist yet. */
  | { type: 'create'; record: AnyRecord }
  /** Replace a record whose stored `_v` equals `expectVersion`; the stored `_v` becomes expect + 1. */
  | { type: 'replace'; record: AnyRecord; expectVersion: number }
  /**
   * Add `delta` to a counter of an existing record; fails if the result leaves [0, limit], or
   * while the record's State is `unlessState` (a source pool being deleted takes no new child).
   * Also bumps `_v`, so a concurrent read-modify-replace of the record cannot overwrite the count.
   */
  | {
      type: 'counter';
      ref: RecordRef;
      field: CounterField;
      delta: number;
      limit?: number;
      unlessState?: string;
    }
  /** Delete a record, optionally only at a version and only while the given counters are zero. */
  | { type: 'delete'; ref: RecordRef; expectVersion?: number; requireZero?: CounterField[] }
  /** Require a record to exist (and optionally be at a version) without changing it. */
  | { type: 'check'; ref: RecordRef; expectVersion?: number }
  /** A space-tree node write (claims, releases, structure); see core/space/node.ts. */
  | { type: 'node'; write: NodeWrite };

export type CommitResult =
  | { ok: true }
  | {
      ok: false;
      /** Indexes of the writes whose conditions failed (best effort: may be empty on a plain conflict). */
      failed: number[];
      /** Fresh state of node items involved in the failure, when the backend returns it. */
      nodes: NodeView[];
    };

export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** Indexed lists; `cursor` is opaque to core and comes back from the previous page. */
export type ListQuery =
  | { kind: 'ipam'; owner: string }
  /** Every IPAM of every owner (the discovery job). */
  | { kind: 'ipam'; all: true }
  | { kind: 'scope'; ipamId: string }
  | { kind: 'pool'; scopeId: string }
  | { kind: 'pool'; owner: string }
  | { kind: 'pool-cidr'; poolId: string }
  | { kind: 'allocation'; poolId: string }
  | { kind: 'allocation'; owner: string }
  | { kind: 'allocation'; allocationId: string }
  /** A resource discovery's snapshots, ordered by region then account. */
  | { kind: 'snapshot'; rdId: string; region?: string }
  /** Every allocation a resource holds, by pool then address. */
  | { kind: 'resource-ref'; resourceId: string }
  /** History records of one exact CIDR in a scope, by start time. */
  | { kind: 'history'; scopeId: string; cidr: string }
  | { kind: 'resource-discovery'; owner: string }
  | { kind: 'rd-association'; ipamId: string }
  | { kind: 'rd-association'; rdId: string }
  | { kind: 'scope-move'; ipamId: string }
  /** An organization's OUs, by id. */
  | { kind: 'org-unit'; orgId: string }
  /** An organization's member accounts, by account id. */
  | { kind: 'org-account'; orgId: string }
  /** Shares of one resource discovery, by principal. */
  | { kind: 'rd-share'; rdId: string }
  /** Shares granted to one account, by RD. */
  | { kind: 'rd-share'; principal: string }
  /** Released space of a pool in (or past) its reuse delay, by address. */
  | { kind: 'cooling'; poolId: string };

/** One metric data point (F-MET-16): a value of one series at one time, kept until `expires`. */
export interface MetricPoint {
  /** The account whose IPAM the figure describes; only it reads the series. */
  Account: string;
  Namespace: string;
  MetricName: string;
  Dimensions: Readonly<Record<string, string>>;
  Unit: string;
  /** Epoch milliseconds. */
  Timestamp: number;
  Value: number;
  /** Epoch milliseconds after which the point (and an idle series) may go. */
  expires: number;
}

/** A series: one metric name with one dimension set. */
export interface MetricSeries {
  Account: string;
  Namespace: string;
  MetricName: string;
  Dimensions: Readonly<Record<string, string>>;
  Unit: string;
}

export interface Store {
  /** Strongly consistent read of one record. */
  get<T extends AnyRecord>(ref: RecordRef): Promise<T | undefined>;
  /**
   * A pool and its provisioned CIDRs in address order, in one strongly consistent read; with
   * `cached`, the adapter may answer from a short-lived per-process copy (the allocation path).
   */
  getPool(
    poolId: string,
    opts?: { cached?: boolean },
  ): Promise<{ pool?: PoolRecord; cidrs: PoolCidrRecord[] }>;
  list<T extends AnyRecord>(q: ListQuery, limit: number, cursor?: string): Promise<Page<T>>;
  /**
   * Atomic unit of work (at most 100 writes). A node a committed 'put' carries is handed over:
   * the store may keep it as its view (no copy), so the caller must not change it afterwards.
   */
  commit(writes: Write[]): Promise<CommitResult>;
  /** Read a space-tree node; `fresh` bypasses any cache and reads strongly consistently. */
  readNode(key: NodeKey, fresh?: boolean): Promise<NodeView | undefined>;
  /**
   * Optional synchronous look at a node the adapter already holds (its cache, or memory):
   * the view, `null` if known absent, `undefined` if unknown. Views are read-only to callers.
   */
  peekNode?(key: NodeKey): NodeView | null | undefined;
  /**
   * Cascade clean-up only: delete records and every node of a space, unconditionally and not
   * atomically. Callers first take the objects out of service (state) so nothing new lands there.
   */
  purge(refs: RecordRef[]): Promise<void>;
  purgeSpace(space: string): Promise<void>;
  /**
   * Blobs: large opaque text written whole under a fresh key, never changed, read back whole
   * (discovery snapshots). `putBlob` returns the part count that `getBlob` needs to tell a
   * complete blob from one being deleted (undefined then, or when absent).
   */
  putBlob(key: string, body: string): Promise<number>;
  getBlob(key: string, parts: number): Promise<string | undefined>;
  deleteBlob(key: string): Promise<void>;
  /**
   * Metric store (F-MET-16): points are written once per cycle, unconditionally (a point written
   * twice for the same time is the same point); each write also registers its series.
   */
  putMetrics(points: MetricPoint[]): Promise<void>;
  /** Every series of one metric name of one account. */
  metricSeries(q: Omit<MetricSeries, 'Dimensions' | 'Unit'>): Promise<MetricSeries[]>;
  /** One series' points with `from <= Timestamp <= to`, oldest first. */
  metricPoints(
    series: MetricSeries,
    from: number,
    to: number,
  ): Promise<{ Timestamp: number; Value: number }[]>;
}

export const refOf = (r: AnyRecord): RecordRef => {
  switch (r.kind) {
    case 'ipam':
      return { kind: 'ipam', id: r.IpamId };
    case 'scope':
      return { kind: 'scope', id: r.IpamScopeId };
    case 'pool':
      return { kind: 'pool', id: r.IpamPoolId };
    case 'pool-cidr':
      return { kind: 'pool-cidr', poolId: r.IpamPoolId, cidr: r.Cidr };
    case 'allocation':
      return { kind: 'allocation', poolId: r.IpamPoolId, cidr: r.Cidr };
    case 'token':
      return { kind: 'token', owner: r.OwnerId, action: r.Action, token: r.ClientToken };
    case 'unique':
      return { kind: 'unique', name: r.Name };
    case 'credential':
      return { kind: 'credential', id: r.AccessKeyId };
    case 'snapshot':
      return {
        kind: 'snapshot',
        rdId: r.IpamResourceDiscoveryId,
        region: r.DiscoveryRegion,
        account: r.AccountId,
      };
    case 'resource-ref':
      return { kind: 'resource-ref', resourceId: r.ResourceId, poolId: r.IpamPoolId, cidr: r.Cidr };
    case 'scope-view':
      return { kind: 'scope-view', scopeId: r.IpamScopeId };
    case 'resource-discovery':
      return { kind: 'resource-discovery', id: r.IpamResourceDiscoveryId };
    case 'rd-association':
      return { kind: 'rd-association', id: r.IpamResourceDiscoveryAssociationId };
    case 'scope-move':
      return { kind: 'scope-move', ipamId: r.IpamId, resourceId: r.ResourceId, cidr: r.ResourceCidr };
    case 'organization':
      return { kind: 'organization', id: r.OrganizationId };
    case 'org-unit':
      return { kind: 'org-unit', orgId: r.OrganizationId, id: r.OrganizationalUnitId };
    case 'org-account':
      return { kind: 'org-account', accountId: r.AccountId };
    case 'isolation':
      return { kind: 'isolation', accountId: r.AccountId };
    case 'rd-share':
      return { kind: 'rd-share', rdId: r.IpamResourceDiscoveryId, principal: r.Principal };
    case 'cooling':
      return { kind: 'cooling', poolId: r.IpamPoolId, cidr: r.Cidr, allocationId: r.IpamPoolAllocationId };
    case 'history':
      return {
        kind: 'history',
        scopeId: r.IpamScopeId,
        cidr: r.ResourceCidr,
        start: r.SampledStartTime,
        key: r._key,
      };
  }
};

export type { RecordKind };
