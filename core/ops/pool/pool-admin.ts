/** ModifyIpamPool (F-POOL-11) and DeleteIpamPool (F-POOL-13, F-POOL-15). */
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type { PoolRecord, Tag } from '../../records';
import { resourceTags, validateRules } from '../allocation/rules';
import { dryRun, required } from '../kit/common';
import { loadPool, updateRecord } from '../kit/loads';
import { reevaluateScope } from '../monitoring/resources/reevaluate';
import { markSubtree, releaseSourceClaims } from './cascade';
import { poolShape } from './pool';
import { purgePools } from './purge';

export interface ModifyIpamPoolInput {
  DryRun?: boolean;
  IpamPoolId?: string;
  Description?: string;
  AutoImport?: boolean;
  AllocationMinNetmaskLength?: number;
  AllocationMaxNetmaskLength?: number;
  AllocationDefaultNetmaskLength?: number;
  ClearAllocationDefaultNetmaskLength?: boolean;
  AddAllocationResourceTags?: { Key?: string; Value?: string }[];
  RemoveAllocationResourceTags?: { Key?: string; Value?: string }[];
}

const sameTag = (a: Tag, b: Tag) => a.Key === b.Key && (a.Value ?? '') === (b.Value ?? '');

export const modifyIpamPool = async (
  deps: Deps,
  caller: Caller,
  input: ModifyIpamPoolInput,
): Promise<{ IpamPool: object }> => {
  required(input.IpamPoolId, 'IpamPoolId');
  if (input.ClearAllocationDefaultNetmaskLength && input.AllocationDefaultNetmaskLength !== undefined) {
    fail(
      'InvalidParameterCombination',
      'AllocationDefaultNetmaskLength and ClearAllocationDefaultNetmaskLength cannot be used together.',
    );
  }
  const add = resourceTags(input.AddAllocationResourceTags, 'AddAllocationResourceTags');
  const remove = resourceTags(input.RemoveAllocationResourceTags, 'RemoveAllocationResourceTags');
  const next = await updateRecord<PoolRecord>(
    deps,
    () => loadPool(deps, caller, input.IpamPoolId),
    (pool) => {
      const changed: PoolRecord = { ...pool, State: 'modify-complete' };
      if (input.Description !== undefined) changed.Description = input.Description;
      if (input.AutoImport !== undefined) {
        if (input.AutoImport && !pool.Locale)
          // F-IMPORT-01
          fail('InvalidParameterCombination', 'AutoImport requires a pool with a locale.');
        changed.AutoImport = input.AutoImport;
      }
      if (input.AllocationMinNetmaskLength !== undefined)
        changed.AllocationMinNetmaskLength = input.AllocationMinNetmaskLength;
      if (input.AllocationMaxNetmaskLength !== undefined)
        changed.AllocationMaxNetmaskLength = input.AllocationMaxNetmaskLength;
      if (input.AllocationDefaultNetmaskLength !== undefined)
        changed.AllocationDefaultNetmaskLength = input.AllocationDefaultNetmaskLength;
      if (input.ClearAllocationDefaultNetmaskLength) delete changed.AllocationDefaultNetmaskLength;
      validateRules(changed);
      const kept = pool.AllocationResourceTags.filter((t) => !remove.some((r) => sameTag(r, t)));
      changed.AllocationResourceTags = [...kept, ...add.filter((a) => !kept.some((k) => sameTag(k, a)))];
      dryRun(input);
      return { next: changed };
    },
  );
  // F-POOL-11: compliance of the resources the pool manages follows its rules at once.
  const rulesEdited =
    [input.AllocationMinNetmaskLength, input.AllocationMaxNetmaskLength].some((v) => v !== undefined) ||
    add.length + remove.length > 0;
  if (rulesEdited) await reevaluateScope(deps, next.IpamScopeId);
  return { IpamPool: poolShape(next) };
};

/** The counts a pool's removal takes back: its scope's pool count, its source pool's child count. */
const counters = (pool: PoolRecord, pools = 1): Write[] => [
  { type: 'counter', ref: { kind: 'scope', id: pool.IpamScopeId }, field: 'PoolCount', delta: -pools },
  ...(pool.SourceIpamPoolId
    ? [
        {
          type: 'counter' as const,
          ref: { kind: 'pool' as const, id: pool.SourceIpamPoolId },
          field: '_childCount' as const,
          delta: -1,
        },
      ]
    : []),
];

/** An empty pool goes in one unit of work, conditioned on still being empty. */
const deleteEmpty = async (deps: Deps, pool: PoolRecord, input: { DryRun?: boolean }): Promise<void> => {
  if (pool._cidrCount > 0)
    fail(
      'IncorrectState',
      `Pool ${pool.IpamPoolId} still has ${pool._cidrCount} provisioned CIDR(s); deprovision them first.`,
    );
  if (pool._childCount > 0)
    fail(
      'IncorrectState',
      `Pool ${pool.IpamPoolId} still has ${pool._childCount} child pool(s); delete them first.`,
    );
  dryRun(input);
  const res = await deps.store.commit([
    {
      type: 'delete',
      ref: { kind: 'pool', id: pool.IpamPoolId },
      requireZero: ['_cidrCount', '_childCount'],
    },
    ...counters(pool),
  ]);
  if (!res.ok)
    fail('IncorrectState', `Pool ${pool.IpamPoolId} changed while it was being deleted; retry the request.`);
  await deps.store.purgeSpace(pool.IpamPoolId);
};

/** A cascade (F-POOL-15): mark the subtree, give its space back to the source, remove it all. */
const deleteCascade = async (deps: Deps, pool: PoolRecord, input: { DryRun?: boolean }): Promise<void> => {
  if (pool.IpamScopeType === 'public' && !pool.SourceResource) {
    fail(
      'IncorrectState',
      // F-POOL-15
      'Cascade delete is allowed only for private-scope pools and resource-planning pools.',
    );
  }
  dryRun(input);
  const subtree = await markSubtree(deps, pool);
  await releaseSourceClaims(deps, pool);
  await purgePools(deps, subtree);
  await deps.store.commit(counters(pool, subtree.length));
  // The resources those pools managed are unmanaged now (F-STAT-08).
  await reevaluateScope(deps, pool.IpamScopeId);
};

export const deleteIpamPool = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamPoolId?: string; Cascade?: boolean },
): Promise<{ IpamPool: object }> => {
  required(input.IpamPoolId, 'IpamPoolId');
  const pool = await loadPool(deps, caller, input.IpamPoolId);
  await (input.Cascade ? deleteCascade : deleteEmpty)(deps, pool, input);
  return { IpamPool: poolShape({ ...pool, State: 'delete-complete' }) };
};
