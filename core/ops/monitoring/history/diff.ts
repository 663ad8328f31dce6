/**
 * IP address history (F-HIST-01..08): each discovery snapshot of a scope is compared with the
 * records still open, opening a record for every new (resource, CIDR) association and closing the
 * ones no longer seen. Times are snapshot times, never event times (F-HIST-04).
 */
import { cidrIdentity, parseBlock } from '../../../cidr';
import type { ComplianceStatus, EvaluatedResourceCidr, OverlapStatus } from '../analysis/types';

export type HistoryResourceType = 'vpc' | 'subnet' | 'eip' | 'instance' | 'network-interface';

/** `IpamAddressHistoryRecord` [api] plus the scope it belongs to. */
export interface HistoryRecord {
  IpamScopeId: string;
  ResourceOwnerId: string;
  ResourceRegion: string;
  ResourceType: HistoryResourceType;
  /** Absent for an instance behind a service-owned ENI (F-HIST-05). */
  ResourceId?: string;
  ResourceCidr: string;
  ResourceName?: string;
  ResourceComplianceStatus?: ComplianceStatus;
  ResourceOverlapStatus?: OverlapStatus;
  VpcId?: string;
  SampledStartTime: Date;
  /** Absent while the association is active. */
  SampledEndTime?: Date;
}

/** An evaluated row, plus the ENI attachment the collector reports (F-HIST-05). */
export type HistoryRow = EvaluatedResourceCidr & { InstanceId?: string; InstanceOwnerId?: string };

export type Association = Omit<HistoryRecord, 'SampledStartTime' | 'SampledEndTime'>;

/** Identity of an association: the same resource on the same CIDR in the same place. */
export const associationKey = (a: Association): string =>
  [
    a.IpamScopeId,
    a.ResourceType,
    a.ResourceId ?? '',
    cidrIdentity(parseBlock(a.ResourceCidr)),
    a.ResourceRegion,
    a.ResourceOwnerId,
    a.VpcId ?? '',
  ].join('|');

const TYPES: Partial<Record<EvaluatedResourceCidr['ResourceType'], HistoryResourceType>> = {
  vpc: 'vpc',
  subnet: 'subnet',
  eip: 'eip',
  eni: 'network-interface',
};

/**
 * The associations one snapshot shows. Only VPC and EIP records carry statuses (F-HIST-06);
 * ignored rows keep their history (F-HIST-15); an attached ENI also yields an `instance` record,
 * owned by `amazon-aws` with no ID when the instance owner differs from the ENI owner (F-HIST-05).
 */
export const associations = (scopeId: string, rows: readonly HistoryRow[]): Association[] =>
  rows.flatMap((r) => {
    const type = TYPES[r.ResourceType];
    if (!type) return [];
    const a: Association = {
      IpamScopeId: scopeId,
      ResourceOwnerId: r.ResourceOwnerId,
      ResourceRegion: r.ResourceRegion,
      ResourceType: type,
      ResourceId: r.ResourceId,
      ResourceCidr: r.ResourceCidr,
      ...(r.ResourceName === undefined ? {} : { ResourceName: r.ResourceName }),
      ...(type === 'vpc' ? { VpcId: r.ResourceId } : r.VpcId === undefined ? {} : { VpcId: r.VpcId }),
    };
    if ((type === 'vpc' || type === 'eip') && r.ComplianceStatus)
      a.ResourceComplianceStatus = r.ComplianceStatus;
    if ((type === 'vpc' || type === 'eip') && r.OverlapStatus) a.ResourceOverlapStatus = r.OverlapStatus;
    if (type !== 'network-interface' || r.InstanceId === undefined) return [a];
    const serviceOwned = r.InstanceOwnerId !== undefined && r.InstanceOwnerId !== r.ResourceOwnerId;
    const instance: Association = {
      IpamScopeId: scopeId,
      ResourceOwnerId: serviceOwned ? 'amazon-aws' : r.ResourceOwnerId,
      ResourceRegion: r.ResourceRegion,
      ResourceType: 'instance',
      ...(serviceOwned ? {} : { ResourceId: r.InstanceId }),
      ResourceCidr: r.ResourceCidr,
      ...(r.VpcId === undefined ? {} : { VpcId: r.VpcId }),
    };
    return [a, instance];
  });

export interface HistoryChanges {
  opened: HistoryRecord[];
  /** Open records not seen in this snapshot, with `SampledEndTime` = the snapshot time. */
  closed: HistoryRecord[];
  /** Open records still seen whose name or statuses changed; a record is never split (F-HIST-06). */
  updated: HistoryRecord[];
}

const SAME_FIELDS = ['ResourceName', 'ResourceComplianceStatus', 'ResourceOverlapStatus'] as const;

/**
 * Compare the open records of a scope with its current snapshot.
 * @example diffHistory([], associations('ipam-scope-1', rows), new Date('2021-12-27T15:05:00Z')).opened.length // rows seen
 */
export const diffHistory = (
  open: readonly HistoryRecord[],
  current: readonly Association[],
  at: Date,
): HistoryChanges => {
  const seen = new Map(current.map((a) => [associationKey(a), a]));
  const changes: HistoryChanges = { opened: [], closed: [], updated: [] };
  const stillOpen = new Set<string>();
  for (const rec of open) {
    if (rec.SampledEndTime) continue;
    const key = associationKey(rec);
    const now = seen.get(key);
    if (!now || stillOpen.has(key)) {
      changes.closed.push({ ...rec, SampledEndTime: at });
      continue;
    }
    stillOpen.add(key);
    if (SAME_FIELDS.some((f) => rec[f] !== now[f]))
      changes.updated.push({ ...now, SampledStartTime: rec.SampledStartTime });
  }
  for (const [key, a] of seen) if (!stillOpen.has(key)) changes.opened.push({ ...a, SampledStartTime: at });
  return changes;
};
