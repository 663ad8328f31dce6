import { cidrKey, parseCidr } from '../cidr';
import { defineKind, type Versioned } from './kind';

/**
 * One IP address history record (F-HIST-03): a resource associated with a CIDR in a scope from
 * SampledStartTime until SampledEndTime (absent while open). Keyed by scope and exact CIDR, so a
 * GetIpamAddressHistory query is one Query (F-HIST-10).
 */
export interface HistoryItemRecord extends Versioned {
  kind: 'history';
  IpamScopeId: string;
  /** Internal: the association's identity (core/ops/monitoring/history/diff.ts associationKey). */
  _key: string;
  ResourceOwnerId: string;
  ResourceRegion: string;
  ResourceType: 'vpc' | 'subnet' | 'eip' | 'instance' | 'network-interface';
  ResourceId?: string;
  ResourceCidr: string;
  ResourceName?: string;
  ResourceComplianceStatus?: string;
  ResourceOverlapStatus?: string;
  VpcId?: string;
  SampledStartTime: string;
  SampledEndTime?: string;
  /** Epoch seconds: closed records expire 3 years after they end (F-HIST-01). */
  ttl?: number;
}

export type HistoryRef = { kind: 'history'; scopeId: string; cidr: string; start: string; key: string };
/** History records of one exact CIDR in a scope, by start time. */
export type HistoryQuery = { kind: 'history'; scopeId: string; cidr: string };

const historyPk = (scopeId: string, cidr: string) => `HIST#${scopeId}#${cidrKey(parseCidr(cidr))}`;

export const history = defineKind<HistoryItemRecord, HistoryRef, HistoryQuery>({
  ref: (r) => ({
    kind: 'history',
    scopeId: r.IpamScopeId,
    cidr: r.ResourceCidr,
    start: r.SampledStartTime,
    key: r._key,
  }),
  key: (ref) => ({ PK: historyPk(ref.scopeId, ref.cidr), SK: `${ref.start}#${ref.key}` }),
  query: (q) => ({ pk: historyPk(q.scopeId, q.cidr) }),
});
