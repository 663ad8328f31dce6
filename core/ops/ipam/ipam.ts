/** IPAM lifecycle: F-IPAM-01..09, F-REGION-01..05, F-TIER-01..04, F-QUOTA-01. */

import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite, type Write } from '../../ports';
import type { IpamRecord, ResourceDiscoveryRecord, ScopeRecord, Tier } from '../../records';
import { defaultRecords } from '../discovery/common';
import { arn, dryRun, publicShape, regionName, type TagSpecification, tagsFor } from '../kit/common';
import { tokenGate } from '../kit/idempotency';
import { filterPredicate, listPage, type PageInput } from '../kit/listing';
import { loadEach, loadIpam, seenFrom, updateRecord } from '../kit/loads';
import { isolationLens } from '../organization/isolation';
import { createScopeSpace } from '../pool/scope-space';
import { deleteIpamData } from './delete';
import { ipamGuards, validateModification } from './rules';

export interface CreateIpamInput {
  DryRun?: boolean;
  Description?: string;
  OperatingRegions?: { RegionName?: string }[];
  TagSpecifications?: TagSpecification[];
  ClientToken?: string;
  Tier?: string;
  EnablePrivateGua?: boolean;
  MeteredAccount?: string;
}

const TIERS = ['free', 'advanced'];

export const regionList = (
  list: { RegionName?: string }[] | undefined,
  field: string,
  regions: readonly string[],
): string[] => {
  const names = (list ?? []).map((r) => regionName(r.RegionName, `${field}.RegionName`, regions));
  if (names.length > 50) fail('InvalidParameterValue', `${field} may hold at most 50 regions per request.`);
  return names;
};

/** What the request says on its own: regions, tier, metering, tags. */
const checkCreate = (input: CreateIpamInput, known: readonly string[]) => {
  const regions = regionList(input.OperatingRegions, 'OperatingRegions', known);
  const tier = (input.Tier ?? 'advanced') as Tier;
  if (!TIERS.includes(tier))
    fail('InvalidParameterValue', `Tier must be 'free' or 'advanced'; got '${input.Tier}'.`);
  const metered = input.MeteredAccount ?? 'ipam-owner';
  if (metered !== 'ipam-owner' && metered !== 'resource-owner') {
    fail('InvalidParameterValue', `MeteredAccount must be 'ipam-owner' or 'resource-owner'.`);
  }
  if (metered === 'resource-owner') {
    fail(
      'OperationNotPermitted',
      // F-COST-03
      "MeteredAccount 'resource-owner' requires an IPAM created by the organization's delegated IPAM admin.",
    );
  }
  return { regions, tier, tags: tagsFor('ipam', input.TagSpecifications) };
};

/** One of the two default scopes of a new IPAM. */
const defaultScope = (
  deps: Deps,
  caller: Caller,
  ipam: { IpamId: string; IpamArn: string },
  type: 'public' | 'private',
): ScopeRecord => {
  const id = deps.ids.next('ipam-scope');
  return {
    kind: 'scope',
    IpamScopeId: id,
    IpamScopeArn: arn(deps.config, caller.accountId, 'ipam-scope', id),
    IpamId: ipam.IpamId,
    IpamArn: ipam.IpamArn,
    IpamRegion: caller.region,
    OwnerId: caller.accountId,
    IpamScopeType: type,
    IsDefault: true,
    PoolCount: 0,
    State: 'create-complete',
    Tags: [],
    _v: 1,
    _created: deps.now(),
  };
};

/** The IPAM record and its two default scopes. */
const ipamRecords = (
  deps: Deps,
  caller: Caller,
  input: CreateIpamInput,
  req: ReturnType<typeof checkCreate>,
) => {
  const IpamId = deps.ids.next('ipam');
  const IpamArn = arn(deps.config, caller.accountId, 'ipam', IpamId);
  // The regions as listed, then the home region if it was not (as EC2 answers, F-TUT-CLI-02).
  const operating = [...req.regions, ...(req.regions.includes(caller.region) ? [] : [caller.region])];
  const pub = defaultScope(deps, caller, { IpamId, IpamArn }, 'public');
  const priv = defaultScope(deps, caller, { IpamId, IpamArn }, 'private');
  const ipam: IpamRecord = {
    kind: 'ipam',
    IpamId,
    IpamArn,
    OwnerId: caller.accountId,
    IpamRegion: caller.region,
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    OperatingRegions: [...new Set(operating)].map((RegionName) => ({ RegionName })),
    Tier: req.tier,
    EnablePrivateGua: input.EnablePrivateGua ?? false,
    MeteredAccount: 'ipam-owner',
    PublicDefaultScopeId: pub.IpamScopeId,
    PrivateDefaultScopeId: priv.IpamScopeId,
    ScopeCount: 2,
    DefaultResourceDiscoveryId: deps.ids.next('ipam-res-disco'),
    DefaultResourceDiscoveryAssociationId: deps.ids.next('ipam-res-disco-assoc'),
    ResourceDiscoveryAssociationCount: 1,
    State: 'create-complete',
    Tags: req.tags,
    _v: 1,
    _created: deps.now(),
  };
  return { ipam, pub, priv };
};

export const createIpam = async (
  deps: Deps,
  caller: Caller,
  input: CreateIpamInput,
): Promise<{ Ipam: object }> => {
  const req = checkCreate(input, deps.config.regions);
  const gate = await tokenGate<{ Ipam: object }>(deps, caller, 'CreateIpam', input);
  if (gate.replay) return gate.replay;
  dryRun(input);
  const { ipam, pub, priv } = ipamRecords(deps, caller, input, req);
  const result = { Ipam: publicShape(ipam) };
  // One IPAM per account and region (F-IPAM-03): a uniqueness guard in the same unit of work.
  const guard = {
    kind: 'unique' as const,
    Name: `ipam#${caller.accountId}#${caller.region}`,
    OwnerOf: ipam.IpamId,
  };
  const res = await deps.store.commit([
    { name: 'guard', type: 'create', record: { ...guard, _v: 1, _created: ipam._created } },
    ...[ipam, pub, priv, ...defaultRecords(deps, ipam)].map((record): Write => ({ type: 'create', record })),
    ...createScopeSpace(pub.IpamScopeId),
    ...createScopeSpace(priv.IpamScopeId),
    ...gate.write(result),
  ]);
  if (res.ok) return result;
  const replay = await gate.settle(res.failed);
  if (replay) return replay;
  if (failedWrite(res, 'guard')) {
    fail(
      'ResourceLimitExceeded',
      `You have reached the maximum number of IPAMs (${deps.config.quotas.ipamsPerRegion}) for account ${caller.accountId} in ${caller.region}.`,
    );
  }
  return fail('IncorrectState', 'The IPAM could not be created; retry the request.');
};

const IPAM_FIELDS = [
  'IpamId',
  'IpamArn',
  'OwnerId',
  'IpamRegion',
  'Description',
  'OperatingRegions',
  'Tier',
  'State',
  'ScopeCount',
  'EnablePrivateGua',
  'MeteredAccount',
  'PublicDefaultScopeId',
  'PrivateDefaultScopeId',
] as const;

export const describeIpams = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean; IpamIds?: string[] },
): Promise<{ Ipams: object[]; NextToken?: string }> => {
  const keep = filterPredicate(input.Filters, IPAM_FIELDS);
  dryRun(input);
  const lens = await isolationLens(deps, [caller.accountId]);
  const shown = (r: IpamRecord) => lens(r, r.OwnerId);
  if (input.IpamIds && input.IpamIds.length > 0) {
    const found = (await loadEach(input.IpamIds, (id) => loadIpam(deps, caller, id))).map(shown);
    return { Ipams: found.filter(keep).map((r) => publicShape(r)) };
  }
  const page = await listPage<IpamRecord>(
    deps.store,
    { kind: 'ipam', owner: caller.accountId },
    input,
    (r) => seenFrom(caller, r) && keep(shown(r)),
  );
  return {
    Ipams: page.items.map((r) => publicShape(shown(r))),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};

export interface ModifyIpamInput {
  DryRun?: boolean;
  IpamId?: string;
  Description?: string;
  AddOperatingRegions?: { RegionName?: string }[];
  RemoveOperatingRegions?: { RegionName?: string }[];
  Tier?: string;
  EnablePrivateGua?: boolean;
  MeteredAccount?: string;
}

export const modifyIpam = async (
  deps: Deps,
  caller: Caller,
  input: ModifyIpamInput,
): Promise<{ Ipam: object }> => {
  const add = regionList(input.AddOperatingRegions, 'AddOperatingRegions', deps.config.regions);
  const remove = regionList(input.RemoveOperatingRegions, 'RemoveOperatingRegions', deps.config.regions);
  if (input.Tier !== undefined && !TIERS.includes(input.Tier))
    fail('InvalidParameterValue', `Tier must be 'free' or 'advanced'.`);
  let first = true;
  const next = await updateRecord<IpamRecord>(
    deps,
    () => loadIpam(deps, caller, input.IpamId),
    async (ipam) => {
      const guards = await ipamGuards(deps, ipam);
      const changed = await validateModification(deps, ipam, guards, { ...input, add, remove });
      if (first) {
        dryRun(input);
        first = false;
      }
      // The default RD operates where its IPAM does (F-RD-01), changed in the same commit.
      const rd = await deps.store.get<ResourceDiscoveryRecord>({
        kind: 'resource-discovery',
        id: ipam.DefaultResourceDiscoveryId,
      });
      const sync: Write[] = rd
        ? [
            {
              type: 'replace',
              record: { ...rd, OperatingRegions: changed.OperatingRegions },
              expectVersion: rd._v,
            },
          ]
        : [];
      return { next: changed, with: sync };
    },
  );
  return { Ipam: publicShape(next) };
};

export const deleteIpam = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamId?: string; Cascade?: boolean },
): Promise<{ Ipam: object }> => {
  const ipam = await loadIpam(deps, caller, input.IpamId);
  const deleted = await deleteIpamData(deps, ipam, input.Cascade === true, () => dryRun(input));
  return { Ipam: publicShape(deleted) };
};
