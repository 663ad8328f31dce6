/**
 * GetIpamAddressHistory (F-HIST-10..14): which resources held exactly this CIDR in this scope,
 * and when. One Query (the records of the scope and CIDR), then the time window, the VPC filter,
 * newest first, and paging.
 */
import { formatCidr, hostBlock, parseCidr } from '../../../cidr';
import { fail } from '../../../errors';
import type { Caller, Deps } from '../../../ports';
import type { HistoryItemRecord } from '../../../records';
import { dryRun, required, timeOf } from '../../kit/common';
import { listAll, pageArray } from '../../kit/listing';
import { loadScope } from '../../kit/loads';

export interface GetIpamAddressHistoryInput {
  DryRun?: boolean;
  Cidr?: string;
  IpamScopeId?: string;
  VpcId?: string;
  StartTime?: string | Date;
  EndTime?: string | Date;
  MaxResults?: number;
  NextToken?: string;
}

const BOUNDS = { min: 1, max: 1000 };

/** A bare address is its own /32 or /128 (F-HIST-10). */
const exactCidr = (text: string): string =>
  formatCidr(text.includes('/') ? parseCidr(text) : hostBlock(text));

const order = (a: HistoryItemRecord, b: HistoryItemRecord) =>
  b.SampledStartTime.localeCompare(a.SampledStartTime) ||
  a.ResourceType.localeCompare(b.ResourceType) ||
  (a.ResourceId ?? '').localeCompare(b.ResourceId ?? '');

export const getIpamAddressHistory = async (
  deps: Deps,
  caller: Caller,
  input: GetIpamAddressHistoryInput,
): Promise<{ HistoryRecords: object[]; NextToken?: string }> => {
  const cidr = exactCidr(required(input.Cidr, 'Cidr'));
  const scope = await loadScope(deps, caller, required(input.IpamScopeId, 'IpamScopeId'), {
    anyRegion: true,
  });
  if (caller.region !== scope.IpamRegion) {
    fail(
      'InvalidParameterValue',
      // F-HIST-14
      `IP history is queried in the IPAM's home region ${scope.IpamRegion}.`,
    );
  }
  const end = timeOf(input.EndTime, 'EndTime') ?? deps.now();
  const start = timeOf(input.StartTime, 'StartTime') ?? end;
  if (start > end) fail('InvalidParameterValue', 'StartTime must not be later than EndTime.');
  dryRun(input);
  const all = await listAll<HistoryItemRecord>(deps.store, {
    kind: 'history',
    scopeId: scope.IpamScopeId,
    cidr,
  });
  // F-HIST-11: the record's interval overlaps the window.
  const hits = all
    .filter(
      (r) =>
        Date.parse(r.SampledStartTime) <= end &&
        (r.SampledEndTime === undefined || Date.parse(r.SampledEndTime) >= start) &&
        (input.VpcId === undefined || r.VpcId === input.VpcId),
    )
    .sort(order);
  const page = pageArray(
    hits,
    { ...input, MaxResults: input.MaxResults ?? 100 },
    `history#${scope.IpamScopeId}#${cidr}`,
    BOUNDS,
  );
  return {
    HistoryRecords: page.items.map(({ kind: _k, IpamScopeId: _s, _key, _v, _created, ttl: _t, ...r }) => r),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
