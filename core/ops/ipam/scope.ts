/** Scopes: F-SCOPE-01..09, F-QUOTA-02, F-EXT-02/03 (configuration only). */

import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite } from '../../ports';
import { DELETING, type IpamRecord, type ScopeRecord } from '../../records';
import { arn, dryRun, publicShape, required, type TagSpecification, tagsFor } from '../kit/common';
import { type TokenGate, tokenGate } from '../kit/idempotency';
import { filterPredicate, type PageInput, pageArray } from '../kit/listing';
import {
  loadEach,
  loadIpam,
  loadScope,
  recheckComplete,
  requireComplete,
  seenFrom,
  updateRecord,
} from '../kit/loads';
import { isolationLens } from '../organization/isolation';
import { createScopeSpace } from '../pool/scope-space';
import { scopeSpaceDeletes } from './delete';

interface ExternalAuthority {
  Type?: string;
  ExternalResourceIdentifier?: string;
}

/** F-EXT-02: `<version>.identity.account.<entity_realm>.<entity_id>`. */
const externalAuthority = (cfg: ExternalAuthority): ExternalAuthority => {
  if (cfg.Type !== 'infoblox')
    fail('InvalidParameterValue', `ExternalAuthorityConfiguration.Type must be 'infoblox'.`);
  const parts = (cfg.ExternalResourceIdentifier ?? '').split('.');
  if (
    parts.length !== 5 ||
    parts[1] !== 'identity' ||
    parts[2] !== 'account' ||
    parts.some((p) => p === '')
  ) {
    fail(
      'InvalidParameterValue',
      'ExternalResourceIdentifier must look like <version>.identity.account.<entity_realm>.<entity_id>.',
    );
  }
  return { Type: cfg.Type, ExternalResourceIdentifier: cfg.ExternalResourceIdentifier };
};

export interface CreateIpamScopeInput {
  DryRun?: boolean;
  IpamId?: string;
  Description?: string;
  TagSpecifications?: TagSpecification[];
  ClientToken?: string;
  ExternalAuthorityConfiguration?: ExternalAuthority;
}

type Created = { IpamScope: object };

/** The scope, its top-level space and the IPAM's scope count, or the refusal. */
const commitScope = async (deps: Deps, scope: ScopeRecord, gate: TokenGate<Created>): Promise<Created> => {
  const result = { IpamScope: publicShape(scope) };
  const res = await deps.store.commit([
    { type: 'create', record: scope },
    {
      name: 'count',
      type: 'counter',
      ref: { kind: 'ipam', id: scope.IpamId },
      field: 'ScopeCount',
      delta: 1,
      limit: deps.config.quotas.scopesPerIpam,
      // A cascading DeleteIpam lists the scopes once the IPAM is marked: none may be added after.
      unlessState: DELETING,
    },
    ...createScopeSpace(scope.IpamScopeId),
    ...gate.write(result),
  ]);
  if (res.ok) return result;
  const replay = await gate.settle(res.failed);
  if (replay) return replay;
  if (failedWrite(res, 'count')) {
    await recheckComplete(deps, { kind: 'ipam', id: scope.IpamId }, `IPAM ${scope.IpamId}`);
    fail(
      'ResourceLimitExceeded',
      `The IPAM already has the maximum of ${deps.config.quotas.scopesPerIpam} scopes.`,
    );
  }
  return fail('IncorrectState', 'The scope could not be created; retry the request.');
};

export const createIpamScope = async (
  deps: Deps,
  caller: Caller,
  input: CreateIpamScopeInput,
): Promise<Created> => {
  required(input.IpamId, 'IpamId');
  const tags = tagsFor('ipam-scope', input.TagSpecifications);
  const ext = input.ExternalAuthorityConfiguration
    ? externalAuthority(input.ExternalAuthorityConfiguration)
    : undefined;
  const gate = await tokenGate<Created>(deps, caller, 'CreateIpamScope', input);
  if (gate.replay) return gate.replay;
  const ipam = await loadIpam(deps, caller, input.IpamId);
  requireComplete(ipam, `IPAM ${ipam.IpamId}`);
  if (ipam.Tier === 'free')
    // F-TIER-02
    fail('OperationNotPermitted', 'Additional private scopes require the advanced tier.');
  dryRun(input);
  const id = deps.ids.next('ipam-scope');
  return commitScope(
    deps,
    {
      kind: 'scope',
      IpamScopeId: id,
      IpamScopeArn: arn(deps.config, caller.accountId, 'ipam-scope', id),
      IpamId: ipam.IpamId,
      IpamArn: ipam.IpamArn,
      IpamRegion: ipam.IpamRegion,
      OwnerId: caller.accountId,
      IpamScopeType: 'private',
      IsDefault: false,
      ...(input.Description !== undefined ? { Description: input.Description } : {}),
      PoolCount: 0,
      State: 'create-complete',
      Tags: tags,
      ...(ext ? { ExternalAuthorityConfiguration: ext } : {}),
      _v: 1,
      _created: deps.now(),
    },
    gate,
  );
};

const SCOPE_FIELDS = [
  'IpamScopeId',
  'IpamScopeArn',
  'IpamArn',
  'IpamRegion',
  'IpamScopeType',
  'IsDefault',
  'Description',
  'State',
  'OwnerId',
  'PoolCount',
] as const;

export const describeIpamScopes = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean; IpamScopeIds?: string[] },
): Promise<{ IpamScopes: object[]; NextToken?: string }> => {
  const keep = filterPredicate(input.Filters, SCOPE_FIELDS);
  dryRun(input);
  const lens = await isolationLens(deps, [caller.accountId]);
  const shown = (r: ScopeRecord) => lens(r, r.OwnerId);
  if (input.IpamScopeIds && input.IpamScopeIds.length > 0) {
    const found = (await loadEach(input.IpamScopeIds, (id) => loadScope(deps, caller, id))).map(shown);
    return { IpamScopes: found.filter(keep).map((r) => publicShape(r)) };
  }
  // Scopes are indexed per IPAM, and an account has at most one IPAM per region (F-QUOTA-01).
  const ipams = (
    await deps.store.list<IpamRecord>({ kind: 'ipam', owner: caller.accountId }, 1000)
  ).items.filter((i) => seenFrom(caller, i));
  const all: ScopeRecord[] = [];
  for (const ipam of ipams) {
    all.push(
      ...(await deps.store.list<ScopeRecord>({ kind: 'scope', ipamId: ipam.IpamId }, 1000)).items.map(shown),
    );
  }
  const page = pageArray(all.filter(keep), input, `scopes#${caller.accountId}`);
  return {
    IpamScopes: page.items.map((r) => publicShape(r)),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};

export interface ModifyIpamScopeInput {
  DryRun?: boolean;
  IpamScopeId?: string;
  Description?: string;
  ExternalAuthorityConfiguration?: ExternalAuthority;
  RemoveExternalAuthorityConfiguration?: boolean;
}

export const modifyIpamScope = async (
  deps: Deps,
  caller: Caller,
  input: ModifyIpamScopeInput,
): Promise<{ IpamScope: object }> => {
  required(input.IpamScopeId, 'IpamScopeId');
  if (input.ExternalAuthorityConfiguration && input.RemoveExternalAuthorityConfiguration) {
    fail(
      'InvalidParameterCombination',
      'ExternalAuthorityConfiguration and RemoveExternalAuthorityConfiguration cannot be used together.',
    );
  }
  const ext = input.ExternalAuthorityConfiguration
    ? externalAuthority(input.ExternalAuthorityConfiguration)
    : undefined;
  const next = await updateRecord<ScopeRecord>(
    deps,
    () => loadScope(deps, caller, input.IpamScopeId),
    async (scope) => {
      if (ext && scope.IpamScopeType === 'public') {
        fail(
          'InvalidParameterCombination',
          // F-EXT-03
          'An external authority can only be configured on a private scope.',
        );
      }
      if (ext && (await loadIpam(deps, caller, scope.IpamId)).Tier !== 'advanced') {
        // F-EXT-03
        fail('OperationNotPermitted', 'External authorities require the advanced tier.');
      }
      dryRun(input);
      const changed: ScopeRecord = { ...scope, State: 'modify-complete' };
      if (input.Description !== undefined) changed.Description = input.Description;
      if (ext) changed.ExternalAuthorityConfiguration = ext;
      if (input.RemoveExternalAuthorityConfiguration) delete changed.ExternalAuthorityConfiguration;
      return { next: changed };
    },
  );
  return { IpamScope: publicShape(next) };
};

export const deleteIpamScope = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamScopeId?: string },
): Promise<{ IpamScope: object }> => {
  required(input.IpamScopeId, 'IpamScopeId');
  const scope = await loadScope(deps, caller, input.IpamScopeId);
  if (scope.IsDefault)
    fail('IncorrectState', `Scope ${scope.IpamScopeId} is a default scope; it is deleted with its IPAM.`);
  if (scope.PoolCount > 0)
    fail(
      'IncorrectState',
      `Scope ${scope.IpamScopeId} still has ${scope.PoolCount} pool(s); delete them first.`,
    );
  dryRun(input);
  const res = await deps.store.commit([
    { type: 'delete', ref: { kind: 'scope', id: scope.IpamScopeId }, requireZero: ['PoolCount'] },
    { type: 'counter', ref: { kind: 'ipam', id: scope.IpamId }, field: 'ScopeCount', delta: -1 },
    ...(await scopeSpaceDeletes(deps, scope.IpamScopeId)),
  ]);
  if (!res.ok)
    fail(
      'IncorrectState',
      `Scope ${scope.IpamScopeId} changed while it was being deleted; retry the request.`,
    );
  return { IpamScope: publicShape({ ...scope, State: 'delete-complete' }) };
};
