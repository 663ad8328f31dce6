/**
 * Resource discoveries (F-RD-02..11, F-REGION-07, F-OUX): create, describe, modify, delete. One RD
 * per account and region, counting the default RD of an IPAM there (F-RD-03): both hold the same
 * uniqueness guard as CreateIpam.
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { ResourceDiscoveryRecord } from '../../records';
import { arn, dryRun, regionName, required, type TagSpecification, tagsFor } from '../kit/common';
import { tokenGate } from '../kit/idempotency';
import { filterPredicate, type PageInput, pageArray } from '../kit/listing';
import { updateRecord } from '../kit/loads';
import { isolationLens } from '../organization/isolation';
import { checkExclusionChange } from '../organization/membership';
import { applyExclusions } from '../organization/ou-exclusions';
import { loadOwnRd, rdShape, rdsOfCaller } from './common';
import { shareDeletes } from './share';

type Regions = { RegionName?: string }[] | undefined;
const MAX_REGIONS = 50;

const regionList = (list: Regions, field: string, regions: readonly string[]): string[] => {
  if ((list ?? []).length > MAX_REGIONS)
    fail('InvalidParameterValue', `${field} takes at most ${MAX_REGIONS} regions.`);
  return (list ?? []).map((r) => regionName(r.RegionName, `${field}.RegionName`, regions));
};

export interface CreateRdInput {
  DryRun?: boolean;
  Description?: string;
  OperatingRegions?: Regions;
  TagSpecifications?: TagSpecification[];
  ClientToken?: string;
}

export const createIpamResourceDiscovery = async (deps: Deps, caller: Caller, input: CreateRdInput) => {
  const regions = regionList(input.OperatingRegions, 'OperatingRegions', deps.config.regions);
  const tags = tagsFor('ipam-resource-discovery', input.TagSpecifications);
  const gate = await tokenGate<{ IpamResourceDiscovery: object }>(
    deps,
    caller,
    'CreateIpamResourceDiscovery',
    input,
  );
  if (gate.replay) return gate.replay;
  dryRun(input);
  const id = deps.ids.next('ipam-res-disco');
  const now = deps.now();
  const rd: ResourceDiscoveryRecord = {
    kind: 'resource-discovery',
    IpamResourceDiscoveryId: id,
    IsDefault: false,
    IpamResourceDiscoveryArn: arn(deps.config, caller.accountId, 'ipam-resource-discovery', id),
    OwnerId: caller.accountId,
    IpamResourceDiscoveryRegion: caller.region,
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    OperatingRegions: [...new Set([caller.region, ...regions])].map((RegionName) => ({ RegionName })),
    OrganizationalUnitExclusions: [],
    State: 'create-complete',
    Tags: tags,
    _v: 1,
    _created: now,
  };
  const result = { IpamResourceDiscovery: rdShape(rd) };
  const guard = `ipam#${caller.accountId}#${caller.region}`;
  const res = await deps.store.commit([
    { type: 'create', record: { kind: 'unique', Name: guard, OwnerOf: id, _v: 1, _created: now } },
    { type: 'create', record: rd },
    ...gate.write(result),
  ]);
  if (res.ok) return result;
  const replay = await gate.settle(res.failed);
  if (replay) return replay;
  return fail(
    'ResourceLimitExceeded',
    // F-RD-03
    `Account ${caller.accountId} already has a resource discovery in ${caller.region} (an IPAM's default one counts).`,
  );
};

const FIELDS = [
  'IpamResourceDiscoveryId',
  'IpamResourceDiscoveryArn',
  'OwnerId',
  'IpamResourceDiscoveryRegion',
  'Description',
  'State',
  'IsDefault',
] as const;

export const describeIpamResourceDiscoveries = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean; IpamResourceDiscoveryIds?: string[] },
) => {
  const keep = filterPredicate(input.Filters, FIELDS);
  dryRun(input);
  const rds = await rdsOfCaller(deps, caller);
  const lens = await isolationLens(
    deps,
    rds.map((r) => r.OwnerId),
  );
  const ids = input.IpamResourceDiscoveryIds ?? [];
  for (const id of ids) {
    if (!rds.some((r) => r.IpamResourceDiscoveryId === id))
      fail('InvalidIpamResourceDiscoveryId.NotFound', `The resource discovery ID '${id}' does not exist.`);
  }
  const shown = rds
    .filter((r) => ids.length === 0 || ids.includes(r.IpamResourceDiscoveryId))
    .map((r) => rdShape(lens(r, r.OwnerId)))
    .filter(keep);
  const page = pageArray(shown, input, `rds#${caller.accountId}`);
  return { IpamResourceDiscoveries: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};

export interface ModifyRdInput {
  DryRun?: boolean;
  IpamResourceDiscoveryId?: string;
  Description?: string;
  AddOperatingRegions?: Regions;
  RemoveOperatingRegions?: Regions;
  AddOrganizationalUnitExclusions?: { OrganizationsEntityPath?: string }[];
  RemoveOrganizationalUnitExclusions?: { OrganizationsEntityPath?: string }[];
}

export const modifyIpamResourceDiscovery = async (deps: Deps, caller: Caller, input: ModifyRdInput) => {
  const id = required(input.IpamResourceDiscoveryId, 'IpamResourceDiscoveryId');
  const add = regionList(input.AddOperatingRegions, 'AddOperatingRegions', deps.config.regions);
  const remove = regionList(input.RemoveOperatingRegions, 'RemoveOperatingRegions', deps.config.regions);
  const rd = await loadOwnRd(deps, caller, id);
  if (rd.IsDefault && add.length + remove.length > 0)
    fail(
      'OperationNotPermitted',
      'The default resource discovery has the operating regions of its IPAM; change them with ModifyIpam.',
    );
  await checkExclusionChange(
    deps,
    caller,
    input.AddOrganizationalUnitExclusions,
    input.RemoveOrganizationalUnitExclusions,
  );
  dryRun(input);
  const next = await updateRecord<ResourceDiscoveryRecord>(
    deps,
    () => loadOwnRd(deps, caller, id),
    (rd) => {
      if (remove.includes(rd.IpamResourceDiscoveryRegion))
        fail(
          'InvalidParameterValue',
          // F-REGION-07
          `The home region ${rd.IpamResourceDiscoveryRegion} cannot be removed.`,
        );
      const regions = [...rd.OperatingRegions.map((r) => r.RegionName), ...add].filter(
        (r) => !remove.includes(r),
      );
      return {
        next: {
          ...rd,
          ...(input.Description !== undefined ? { Description: input.Description } : {}),
          OperatingRegions: [...new Set(regions)].map((RegionName) => ({ RegionName })),
          OrganizationalUnitExclusions: applyExclusions(
            rd.OrganizationalUnitExclusions,
            input.AddOrganizationalUnitExclusions,
            input.RemoveOrganizationalUnitExclusions,
          ),
          State: 'modify-complete',
        },
      };
    },
  );
  return { IpamResourceDiscovery: rdShape(next) };
};

export const deleteIpamResourceDiscovery = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamResourceDiscoveryId?: string },
) => {
  const id = required(input.IpamResourceDiscoveryId, 'IpamResourceDiscoveryId');
  const rd = await loadOwnRd(deps, caller, id);
  if (rd.IsDefault)
    // F-RD-10
    fail('IncorrectState', 'The default resource discovery goes only with its IPAM.');
  dryRun(input);
  // Associations stay, and show ResourceDiscoveryStatus=not-found from now on (F-RD-10, F-RDA-04).
  const res = await deps.store.commit([
    { type: 'delete', ref: { kind: 'resource-discovery', id }, expectVersion: rd._v },
    { type: 'delete', ref: { kind: 'unique', name: `ipam#${rd.OwnerId}#${rd.IpamResourceDiscoveryRegion}` } },
  ]);
  if (!res.ok) fail('IncorrectState', `Resource discovery ${id} changed meanwhile; retry the request.`);
  // Its shares go too; until then they point at nothing and grant nothing.
  for (const d of await shareDeletes(deps, id)) await deps.store.commit([d]);
  return { IpamResourceDiscovery: { ...rdShape(rd), State: 'delete-complete' } };
};
