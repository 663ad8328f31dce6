/**
 * What a resource discovery found (F-RD-04, F-RD-06, F-PIP-10): GetIpamDiscoveredResourceCidrs,
 * GetIpamDiscoveredAccounts, GetIpamDiscoveredPublicAddresses, read from the latest snapshots.
 * Rows come in snapshot order (account, then as read); timestamps are ISO 8601.
 */

import type { Caller, Deps } from '../../../ports';
import { dryRun, publicShape, regionName, required } from '../../kit/common';
import { filterPredicate, type PageInput, pageArray } from '../../kit/listing';
import { requireRdPermission } from '../../sharing/share-permissions';
import { readSnapshots, snapshotRecords } from './snapshot';
import { loadRdForCaller } from './targets';

interface DiscoveredInput extends PageInput {
  DryRun?: boolean;
  IpamResourceDiscoveryId?: string;
}

const CIDR_FIELDS = [
  'IpamResourceDiscoveryId',
  'ResourceRegion',
  'ResourceId',
  'ResourceOwnerId',
  'ResourceCidr',
  'IpSource',
  'ResourceType',
  'ResourceTags',
  'IpUsage',
  'VpcId',
  'SubnetId',
  'NetworkInterfaceAttachmentStatus',
  'SampleTime',
  'AvailabilityZoneId',
] as const;

const ACCOUNT_FIELDS = [
  'AccountId',
  'DiscoveryRegion',
  'FailureReason',
  'LastAttemptedDiscoveryTime',
  'LastSuccessfulDiscoveryTime',
  'OrganizationalUnitId',
] as const;

const ADDRESS_FIELDS = [
  'IpamResourceDiscoveryId',
  'AddressRegion',
  'Address',
  'AddressOwnerId',
  'AddressAllocationId',
  'AssociationStatus',
  'AddressType',
  'Service',
  'ServiceResource',
  'VpcId',
  'SubnetId',
  'PublicIpv4PoolId',
  'NetworkInterfaceId',
  'NetworkInterfaceDescription',
  'InstanceId',
  'Tags',
  'NetworkBorderGroup',
  'SecurityGroups',
  'SecurityGroupRules',
  'SampleTime',
] as const;

/** Only the API members, dates as ISO strings. */
const pick = (row: object, fields: readonly string[]): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(publicShape(row))) {
    if (fields.includes(k)) out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
};

/** The RD's id and the region's name, once the caller may read this RD with `action` (F-PIP-11). */
const start = async (
  deps: Deps,
  caller: Caller,
  input: DiscoveredInput,
  action: string,
  [regionField, region]: [string, string | undefined],
) => {
  const rdId = required(input.IpamResourceDiscoveryId, 'IpamResourceDiscoveryId');
  const name = regionName(region, regionField, deps.config.regions);
  await loadRdForCaller(deps, caller, rdId);
  await requireRdPermission(deps, caller, rdId, action);
  dryRun(input);
  return { rdId, name };
};

export const getIpamDiscoveredResourceCidrs = async (
  deps: Deps,
  caller: Caller,
  input: DiscoveredInput & { ResourceRegion?: string },
): Promise<{ IpamDiscoveredResourceCidrs: object[]; NextToken?: string }> => {
  const { rdId, name } = await start(deps, caller, input, 'GetIpamDiscoveredResourceCidrs', [
    'ResourceRegion',
    input.ResourceRegion,
  ]);
  const keep = filterPredicate(input.Filters, CIDR_FIELDS);
  const rows = (await readSnapshots(deps, rdId, name)).flatMap((s) =>
    s.rows.map((r) => pick(r, CIDR_FIELDS)),
  );
  const page = pageArray(rows.filter(keep), input, `cidrs#${rdId}#${name}`);
  return {
    IpamDiscoveredResourceCidrs: page.items,
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};

export const getIpamDiscoveredAccounts = async (
  deps: Deps,
  caller: Caller,
  input: DiscoveredInput & { DiscoveryRegion?: string },
): Promise<{ IpamDiscoveredAccounts: object[]; NextToken?: string }> => {
  const { rdId, name } = await start(deps, caller, input, 'GetIpamDiscoveredAccounts', [
    'DiscoveryRegion',
    input.DiscoveryRegion,
  ]);
  const keep = filterPredicate(input.Filters, ACCOUNT_FIELDS);
  const rows = (await snapshotRecords(deps, rdId, name)).map((r) => pick(r, ACCOUNT_FIELDS));
  const page = pageArray(rows.filter(keep), input, `accounts#${rdId}#${name}`);
  return { IpamDiscoveredAccounts: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};

export const getIpamDiscoveredPublicAddresses = async (
  deps: Deps,
  caller: Caller,
  input: DiscoveredInput & { AddressRegion?: string },
): Promise<{ IpamDiscoveredPublicAddresses: object[]; OldestSampleTime?: string; NextToken?: string }> => {
  const { rdId, name } = await start(deps, caller, input, 'GetIpamDiscoveredPublicAddresses', [
    'AddressRegion',
    input.AddressRegion,
  ]);
  const keep = filterPredicate(input.Filters, ADDRESS_FIELDS);
  const rows = (await readSnapshots(deps, rdId, name)).flatMap((s) =>
    s.addresses.map((a) => pick(a, ADDRESS_FIELDS)),
  );
  const page = pageArray(rows.filter(keep), input, `addresses#${rdId}#${name}`);
  const times = page.items.map((a) => String(a.SampleTime)).sort();
  return {
    IpamDiscoveredPublicAddresses: page.items,
    ...(times[0] ? { OldestSampleTime: times[0] } : {}),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
