/**
 * GetIpamResourceCidrs (F-RES-08): the scope's resource CIDRs as the last reconciliation
 * evaluated them, with their management, compliance and overlap status and IP usage. One read of
 * the scope's view; filters and paging in memory.
 */

import type { Caller, Deps } from '../../../ports';
import type { Tag } from '../../../records';
import { dryRun, required } from '../../kit/common';
import { type Filter, filterPredicate, pageArray } from '../../kit/listing';
import { loadScope } from '../../kit/loads';
import { loadView, type ViewRow } from './view';

const FIELDS = [
  'IpamPoolId',
  'ResourceRegion',
  'ResourceOwnerId',
  'ResourceId',
  'ResourceName',
  'ResourceCidr',
  'ResourceType',
  'ComplianceStatus',
  'ManagementState',
  'OverlapStatus',
  'VpcId',
  'AvailabilityZoneId',
] as const;

export interface GetIpamResourceCidrsInput {
  DryRun?: boolean;
  Filters?: Filter[];
  MaxResults?: number;
  NextToken?: string;
  IpamScopeId?: string;
  IpamPoolId?: string;
  ResourceId?: string;
  ResourceType?: string;
  ResourceTag?: { Key?: string; Value?: string };
  ResourceOwner?: string;
}

/** A stored row as the API's `IpamResourceCidr`. */
export const resourceCidrShape = (ipamId: string, scopeId: string, r: ViewRow): object => ({
  IpamId: ipamId,
  IpamScopeId: scopeId,
  ...Object.fromEntries(FIELDS.flatMap((f) => (r[f] !== undefined ? [[f, r[f]]] : []))),
  ResourceTags: r.ResourceTags ?? [],
  ...(r.IpUsage !== undefined ? { IpUsage: r.IpUsage } : {}),
});

const hasTag = (tags: Tag[] | undefined, want: { Key?: string; Value?: string }) =>
  (tags ?? []).some((t) => t.Key === want.Key && (want.Value === undefined || t.Value === want.Value));

export const getIpamResourceCidrs = async (
  deps: Deps,
  caller: Caller,
  input: GetIpamResourceCidrsInput,
): Promise<{ IpamResourceCidrs: object[]; NextToken?: string }> => {
  const scope = await loadScope(deps, caller, required(input.IpamScopeId, 'IpamScopeId'));
  const keep = filterPredicate(input.Filters, FIELDS);
  dryRun(input);
  const { rows } = await loadView(deps, scope.IpamScopeId);
  const chosen = rows.filter(
    (r) =>
      (input.IpamPoolId === undefined || r.IpamPoolId === input.IpamPoolId) &&
      (input.ResourceId === undefined || r.ResourceId === input.ResourceId) &&
      (input.ResourceType === undefined || r.ResourceType === input.ResourceType) &&
      (input.ResourceOwner === undefined || r.ResourceOwnerId === input.ResourceOwner) &&
      (input.ResourceTag === undefined || hasTag(r.ResourceTags, input.ResourceTag)) &&
      keep(r),
  );
  const page = pageArray(chosen, input, `resource-cidrs#${scope.IpamScopeId}`);
  return {
    IpamResourceCidrs: page.items.map((r) => resourceCidrShape(scope.IpamId, scope.IpamScopeId, r)),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
