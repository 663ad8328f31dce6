/** Pools: F-POOL-01..16 (create, describe, modify, delete), F-QUOTA-03/04. */

import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite, type Write } from '../../ports';
import { DELETING, type IpamRecord, type PoolRecord, type SourceResource } from '../../records';
import { resourceTags, validateRules } from '../allocation/rules';
import { arn, dryRun, publicShape, required, type TagSpecification, tagsFor } from '../kit/common';
import { tokenGate } from '../kit/idempotency';
import { filterPredicate, listPage, type PageInput } from '../kit/listing';
import { loadIpam, loadPool, loadScope, recheckComplete, requireComplete } from '../kit/loads';
import { isolationLens } from '../organization/isolation';
import { resolveLocale } from './locale';

export interface CreateIpamPoolInput {
  DryRun?: boolean;
  IpamScopeId?: string;
  Locale?: string;
  SourceIpamPoolId?: string;
  Description?: string;
  AddressFamily?: string;
  AutoImport?: boolean;
  PubliclyAdvertisable?: boolean;
  AllocationMinNetmaskLength?: number;
  AllocationMaxNetmaskLength?: number;
  AllocationDefaultNetmaskLength?: number;
  AllocationResourceTags?: { Key?: string; Value?: string }[];
  TagSpecifications?: TagSpecification[];
  ClientToken?: string;
  AwsService?: string;
  PublicIpSource?: string;
  SourceResource?: SourceResource;
}

const publicOptions = (input: CreateIpamPoolInput, scopeType: 'public' | 'private'): Partial<PoolRecord> => {
  if (scopeType === 'private') {
    if (input.AwsService || input.PublicIpSource || input.PubliclyAdvertisable !== undefined) {
      fail(
        'InvalidParameterCombination',
        'AwsService, PublicIpSource and PubliclyAdvertisable apply only to pools in the public scope.',
      );
    }
    return {};
  }
  const service = (input.AwsService ?? 'ec2') as PoolRecord['AwsService'];
  if (service !== 'ec2' && service !== 'global-services')
    fail('InvalidParameterValue', `AwsService must be 'ec2' or 'global-services'.`);
  const source = (input.PublicIpSource ?? 'byoip') as PoolRecord['PublicIpSource'];
  if (source !== 'amazon' && source !== 'byoip')
    fail('InvalidParameterValue', `PublicIpSource must be 'amazon' or 'byoip'.`);
  if (input.PubliclyAdvertisable !== undefined && !(input.AddressFamily === 'ipv6' && source === 'byoip')) {
    fail(
      'InvalidParameterCombination',
      'PubliclyAdvertisable can be set only for IPv6 pools with PublicIpSource byoip (F-POOL-08).',
    );
  }
  return {
    AwsService: service,
    PublicIpSource: source,
    ...(input.AddressFamily === 'ipv6' && source === 'byoip'
      ? { PubliclyAdvertisable: input.PubliclyAdvertisable ?? true }
      : {}),
  };
};

export const createIpamPool = async (
  deps: Deps,
  caller: Caller,
  input: CreateIpamPoolInput,
): Promise<{ IpamPool: object }> => {
  required(input.IpamScopeId, 'IpamScopeId');
  const family = required(input.AddressFamily, 'AddressFamily');
  if (family !== 'ipv4' && family !== 'ipv6')
    fail('InvalidParameterValue', `AddressFamily must be 'ipv4' or 'ipv6'; got '${family}'.`);
  const tags = tagsFor('ipam-pool', input.TagSpecifications);
  const ruleTags = resourceTags(input.AllocationResourceTags, 'AllocationResourceTags');
  validateRules({ ...input, AddressFamily: family as PoolRecord['AddressFamily'] });
  if (input.SourceIpamPoolId && input.SourceResource) {
    fail(
      'InvalidParameterCombination',
      'A pool takes its space from a source pool or a source resource, not both.',
    );
  }
  const gate = await tokenGate<{ IpamPool: object }>(deps, caller, 'CreateIpamPool', input);
  if (gate.replay) return gate.replay;
  const scope = await loadScope(deps, caller, input.IpamScopeId);
  requireComplete(scope, `Scope ${scope.IpamScopeId}`);
  const ipam: IpamRecord = await loadIpam(deps, caller, scope.IpamId);
  if (ipam.Tier === 'free' && scope.IpamScopeType === 'private') {
    fail('OperationNotPermitted', 'Pools in private scopes require the advanced tier (F-TIER-02).');
  }
  const extra = publicOptions(input, scope.IpamScopeType);
  let depth = 1;
  let source: SourceResource | undefined = input.SourceResource;
  let parent: PoolRecord | undefined;
  if (input.SourceIpamPoolId) {
    parent = await loadPool(deps, caller, input.SourceIpamPoolId);
    requireComplete(parent, `Source pool ${parent.IpamPoolId}`);
    if (parent.IpamScopeId !== scope.IpamScopeId) {
      fail(
        'InvalidParameterValue',
        `Source pool ${parent.IpamPoolId} is in another scope (${parent.IpamScopeId}).`,
      );
    }
    if (parent.AddressFamily !== family) {
      fail(
        'InvalidParameterCombination',
        `A child pool has its source pool's address family (${parent.AddressFamily}).`,
      );
    }
    depth = parent.PoolDepth + 1;
    if (depth > deps.config.quotas.poolDepth) {
      fail(
        'ResourceLimitExceeded',
        `Pool depth would be ${depth}; the maximum is ${deps.config.quotas.poolDepth} (F-QUOTA-04).`,
      );
    }
    source = parent.SourceResource;
  }
  const locale = resolveLocale(ipam, scope, family, input, parent, source);
  if (input.AutoImport && !locale)
    fail('InvalidParameterCombination', 'AutoImport requires a pool with a locale (F-IMPORT-01).');
  dryRun(input);
  const id = deps.ids.next('ipam-pool');
  const pool: PoolRecord = {
    kind: 'pool',
    IpamPoolId: id,
    IpamPoolArn: arn(deps.config, caller.accountId, 'ipam-pool', id),
    OwnerId: caller.accountId,
    _ipamId: ipam.IpamId,
    IpamScopeId: scope.IpamScopeId,
    IpamScopeArn: scope.IpamScopeArn,
    IpamScopeType: scope.IpamScopeType,
    IpamArn: ipam.IpamArn,
    IpamRegion: ipam.IpamRegion,
    ...(parent ? { SourceIpamPoolId: parent.IpamPoolId } : {}),
    ...(source
      ? { SourceResource: { ...source, ResourceOwner: source.ResourceOwner ?? caller.accountId } }
      : {}),
    AddressFamily: family as PoolRecord['AddressFamily'],
    ...(locale ? { Locale: locale } : {}),
    PoolDepth: depth,
    State: 'create-complete',
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    AutoImport: input.AutoImport ?? false,
    ...(input.AllocationMinNetmaskLength !== undefined
      ? { AllocationMinNetmaskLength: input.AllocationMinNetmaskLength }
      : {}),
    ...(input.AllocationMaxNetmaskLength !== undefined
      ? { AllocationMaxNetmaskLength: input.AllocationMaxNetmaskLength }
      : {}),
    ...(input.AllocationDefaultNetmaskLength !== undefined
      ? { AllocationDefaultNetmaskLength: input.AllocationDefaultNetmaskLength }
      : {}),
    AllocationResourceTags: ruleTags,
    ...extra,
    Tags: tags,
    _cidrCount: 0,
    _childCount: 0,
    _v: 1,
    _created: deps.now(),
  };
  const result = { IpamPool: poolShape(pool) };
  const writes: Write[] = [
    { type: 'create', record: pool },
    {
      name: 'scope-count',
      type: 'counter',
      ref: { kind: 'scope', id: scope.IpamScopeId },
      field: 'PoolCount',
      delta: 1,
      limit: deps.config.quotas.poolsPerScope,
      // A cascading DeleteIpam lists the scope's pools once it is marked: none may be added after.
      unlessState: DELETING,
    },
    ...(parent
      ? [
          {
            name: 'source-count',
            type: 'counter' as const,
            ref: { kind: 'pool' as const, id: parent.IpamPoolId },
            field: '_childCount' as const,
            delta: 1,
            // A cascade delete marks the subtree first: a child created after that would outlive it.
            unlessState: DELETING,
          },
        ]
      : []),
    ...gate.write(result),
  ];
  const res = await deps.store.commit(writes);
  if (res.ok) return result;
  const replay = await gate.settle(res.failed);
  if (replay) return replay;
  if (failedWrite(res, 'scope-count')) {
    await recheckComplete(deps, { kind: 'scope', id: scope.IpamScopeId }, `Scope ${scope.IpamScopeId}`);
    fail(
      'ResourceLimitExceeded',
      `The scope already has the maximum of ${deps.config.quotas.poolsPerScope} pools (F-QUOTA-03).`,
    );
  }
  if (parent && failedWrite(res, 'source-count'))
    fail('IncorrectState', `Source pool ${parent.IpamPoolId} is being deleted.`);
  return fail(
    'IncorrectState',
    'The pool could not be created because its scope or source pool changed; retry the request.',
  );
};

export const POOL_FIELDS = [
  'IpamPoolId',
  'IpamScopeId',
  'IpamPoolArn',
  'OwnerId',
  'IpamScopeArn',
  'IpamScopeType',
  'IpamArn',
  'IpamRegion',
  'SourceIpamPoolId',
  'SourceResource',
  'AddressFamily',
  'Locale',
  'PoolDepth',
  'State',
  'Description',
  'AutoImport',
  'PubliclyAdvertisable',
  'AwsService',
  'PublicIpSource',
  'AllocationMinNetmaskLength',
  'AllocationMaxNetmaskLength',
  'AllocationDefaultNetmaskLength',
  'AllocationResourceTags',
] as const;

/** A pool as the API shows it: without a locale it reads "None", as EC2 answers (F-POOL-05). */
export const poolShape = (p: PoolRecord): Record<string, unknown> =>
  publicShape(p.Locale === undefined ? { ...p, Locale: 'None' } : p);

export const describeIpamPools = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean; IpamPoolIds?: string[] },
): Promise<{ IpamPools: object[]; NextToken?: string }> => {
  const match = filterPredicate(input.Filters, POOL_FIELDS);
  dryRun(input);
  const lens = await isolationLens(deps, [caller.accountId]);
  const shown = (p: PoolRecord) => lens(p, p.OwnerId);
  const matches = (p: PoolRecord) => match(poolShape(p));
  if (input.IpamPoolIds && input.IpamPoolIds.length > 0) {
    const found: PoolRecord[] = [];
    for (const id of input.IpamPoolIds) found.push(shown(await loadPool(deps, caller, id)));
    return { IpamPools: found.filter(matches).map(poolShape) };
  }
  const page = await listPage<PoolRecord>(deps.store, { kind: 'pool', owner: caller.accountId }, input, (p) =>
    matches(shown(p)),
  );
  return {
    IpamPools: page.items.map((p) => poolShape(shown(p))),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
