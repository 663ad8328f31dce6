/**
 * CreateIpamPool (F-POOL-01..10, F-QUOTA-03/04), in steps: the request on its own, where the pool
 * sits (scope, tier, source pool or resource, depth, locale), the record, and the commit that
 * counts it against its scope and source pool.
 */
import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite, type Write } from '../../ports';
import {
  DELETING,
  type IpamRecord,
  type PoolRecord,
  type ScopeRecord,
  type SourceResource,
} from '../../records';
import { resourceTags, validateRules } from '../allocation/rules';
import { arn, dryRun, required, type TagSpecification, tagsFor } from '../kit/common';
import { type TokenGate, tokenGate } from '../kit/idempotency';
import { loadIpam, loadPool, loadScope, recheckComplete, requireComplete } from '../kit/loads';
import { resolveLocale } from './locale';
import { poolShape } from './pool';
import { checkGlobalLocale, inheritPublic } from './public-kind';

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

type Family = PoolRecord['AddressFamily'];
type Result = { IpamPool: object };

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
      // F-POOL-08
      'PubliclyAdvertisable can be set only for IPv6 pools with PublicIpSource byoip.',
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

/** What the request says on its own, before anything is read. */
const checkRequest = (input: CreateIpamPoolInput) => {
  required(input.IpamScopeId, 'IpamScopeId');
  const family = required(input.AddressFamily, 'AddressFamily');
  if (family !== 'ipv4' && family !== 'ipv6')
    fail('InvalidParameterValue', `AddressFamily must be 'ipv4' or 'ipv6'; got '${family}'.`);
  const tags = tagsFor('ipam-pool', input.TagSpecifications);
  const ruleTags = resourceTags(input.AllocationResourceTags, 'AllocationResourceTags');
  validateRules({ ...input, AddressFamily: family as Family });
  if (input.SourceIpamPoolId && input.SourceResource) {
    fail(
      'InvalidParameterCombination',
      'A pool takes its space from a source pool or a source resource, not both.',
    );
  }
  return { family: family as Family, tags, ruleTags };
};

/** The source pool of a child pool: complete, in the same scope and family, within the depth quota. */
const sourcePool = async (deps: Deps, caller: Caller, id: string, scope: ScopeRecord, family: Family) => {
  const parent = await loadPool(deps, caller, id);
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
  const depth = parent.PoolDepth + 1;
  if (depth > deps.config.quotas.poolDepth) {
    fail(
      'ResourceLimitExceeded',
      // F-QUOTA-04
      `Pool depth would be ${depth}; the maximum is ${deps.config.quotas.poolDepth}.`,
    );
  }
  return { parent, depth };
};

/** Where the pool sits: its scope and IPAM (tier), its source, depth and locale. */
const placement = async (deps: Deps, caller: Caller, input: CreateIpamPoolInput, family: Family) => {
  const scope = await loadScope(deps, caller, input.IpamScopeId!);
  requireComplete(scope, `Scope ${scope.IpamScopeId}`);
  const ipam: IpamRecord = await loadIpam(deps, caller, scope.IpamId);
  if (ipam.Tier === 'free' && scope.IpamScopeType === 'private') {
    // F-TIER-02
    fail('OperationNotPermitted', 'Pools in private scopes require the advanced tier.');
  }
  const asked = publicOptions(input, scope.IpamScopeType);
  const { parent, depth } = input.SourceIpamPoolId
    ? await sourcePool(deps, caller, input.SourceIpamPoolId, scope, family)
    : { parent: undefined, depth: 1 };
  const extra = inheritPublic(input, asked, parent);
  const source: SourceResource | undefined = parent ? parent.SourceResource : input.SourceResource;
  const locale = resolveLocale(ipam, scope, family, input, parent, source);
  checkGlobalLocale(extra, locale);
  if (input.AutoImport && !locale)
    // F-IMPORT-01
    fail('InvalidParameterCombination', 'AutoImport requires a pool with a locale.');
  return { scope, ipam, extra, parent, depth, source, locale };
};

type Placement = Awaited<ReturnType<typeof placement>>;
type Checked = ReturnType<typeof checkRequest>;

const optional = <K extends keyof CreateIpamPoolInput>(input: CreateIpamPoolInput, keys: K[]) =>
  Object.fromEntries(keys.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));

const poolRecord = (deps: Deps, caller: Caller, input: CreateIpamPoolInput, at: Placement, req: Checked) => {
  const { scope, ipam, parent, source, locale } = at;
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
    AddressFamily: req.family,
    ...(locale ? { Locale: locale } : {}),
    PoolDepth: at.depth,
    State: 'create-complete',
    ...optional(input, ['Description']),
    AutoImport: input.AutoImport ?? false,
    ...optional(input, [
      'AllocationMinNetmaskLength',
      'AllocationMaxNetmaskLength',
      'AllocationDefaultNetmaskLength',
    ]),
    AllocationResourceTags: req.ruleTags,
    ...at.extra,
    Tags: req.tags,
    _cidrCount: 0,
    _childCount: 0,
    _v: 1,
    _created: deps.now(),
  };
  return pool;
};

/** The pool with its scope's pool count and its source pool's child count, or the refusal. */
const commitPool = async (deps: Deps, pool: PoolRecord, at: Placement, gate: TokenGate<Result>) => {
  const { scope, parent } = at;
  const result = { IpamPool: poolShape(pool) };
  // A cascade delete marks the scope, or the source pool's subtree, first: these counter writes
  // refuse a marked record, so nothing created after the mark can outlive it.
  const count = (
    name: string,
    ref: Extract<Write, { type: 'counter' }>['ref'],
    field: 'PoolCount' | '_childCount',
    limit?: number,
  ): Write => ({
    name,
    type: 'counter',
    ref,
    field,
    delta: 1,
    ...(limit !== undefined ? { limit } : {}),
    unlessState: DELETING,
  });
  const res = await deps.store.commit([
    { type: 'create', record: pool },
    count(
      'scope-count',
      { kind: 'scope', id: scope.IpamScopeId },
      'PoolCount',
      deps.config.quotas.poolsPerScope,
    ),
    ...(parent ? [count('source-count', { kind: 'pool', id: parent.IpamPoolId }, '_childCount')] : []),
    ...gate.write(result),
  ]);
  if (res.ok) return result;
  const replay = await gate.settle(res.failed);
  if (replay) return replay;
  if (failedWrite(res, 'scope-count')) {
    await recheckComplete(deps, { kind: 'scope', id: scope.IpamScopeId }, `Scope ${scope.IpamScopeId}`);
    fail(
      'ResourceLimitExceeded',
      // F-QUOTA-03
      `The scope already has the maximum of ${deps.config.quotas.poolsPerScope} pools.`,
    );
  }
  if (parent && failedWrite(res, 'source-count'))
    fail('IncorrectState', `Source pool ${parent.IpamPoolId} is being deleted.`);
  return fail(
    'IncorrectState',
    'The pool could not be created because its scope or source pool changed; retry the request.',
  );
};

export const createIpamPool = async (
  deps: Deps,
  caller: Caller,
  input: CreateIpamPoolInput,
): Promise<Result> => {
  const req = checkRequest(input);
  const gate = await tokenGate<Result>(deps, caller, 'CreateIpamPool', input);
  if (gate.replay) return gate.replay;
  const at = await placement(deps, caller, input, req.family);
  dryRun(input);
  return commitPool(deps, poolRecord(deps, caller, input, at, req), at, gate);
};
