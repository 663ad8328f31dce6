/**
 * ModifyIpamResourceCidr (F-RES-02, F-RES-07): mark a resource CIDR ignored or monitored, and move
 * a VPC CIDR to another private scope. Ignoring takes
 * effect at once: the row's statuses become `ignored`, the rest of the scope is evaluated again
 * without it, and any space allocated to it goes back to its pool (F-ALLOC-08, with the reuse
 * delay). Auto-import skips it while it stays ignored (F-IMPORT-07).
 */
import { cidrIdentity, tryParseCidr } from '../../../cidr';
import { fail } from '../../../errors';
import type { Caller, Deps } from '../../../ports';
import type { IpamRecord, ScopeMoveRecord, ScopeRecord } from '../../../records';
import { dryRun, required } from '../../kit/common';
import { loadScope } from '../../kit/loads';
import { reclaimResource } from '../../reclaim/reclaim';
import { toInput } from './evaluate-scope';
import { resourceCidrShape } from './get-resource-cidrs';
import { reevaluateScope } from './reevaluate';
import { loadView, type ViewRow } from './view';

export interface ModifyIpamResourceCidrInput {
  DryRun?: boolean;
  ResourceId?: string;
  ResourceCidr?: string;
  ResourceRegion?: string;
  CurrentIpamScopeId?: string;
  DestinationIpamScopeId?: string;
  Monitored?: boolean;
}

/**
 * Records where the VPC CIDR goes; reconciliation moves it (with its subnets) at the next cycle,
 * or once its allocation in the default private scope is released (the deferred move). Moving
 * back to the default private scope drops the record.
 */
const recordMove = async (deps: Deps, ipamId: string, row: ViewRow, to: ScopeRecord) => {
  const ref = { kind: 'scope-move' as const, ipamId, resourceId: row.ResourceId, cidr: row.ResourceCidr };
  const existing = await deps.store.get<ScopeMoveRecord>(ref);
  const ipam = await deps.store.get<IpamRecord>({ kind: 'ipam', id: ipamId });
  if (to.IpamScopeId === ipam?.PrivateDefaultScopeId) {
    if (existing) await deps.store.commit([{ type: 'delete', ref }]);
    return;
  }
  const record: ScopeMoveRecord = {
    kind: 'scope-move',
    IpamId: ipamId,
    ResourceId: row.ResourceId,
    ResourceCidr: row.ResourceCidr,
    IpamScopeId: to.IpamScopeId,
    _v: (existing?._v ?? 0) + 1,
    _created: existing?._created ?? deps.now(),
  };
  const res = await deps.store.commit([
    existing ? { type: 'replace', record, expectVersion: existing._v } : { type: 'create', record },
  ]);
  if (!res.ok)
    fail('IncorrectState', `A move of ${row.ResourceCidr} was recorded meanwhile; retry the request.`);
};

/** The scope the CIDR is in, and the scope it moves to (private scopes of one IPAM only, F-RES-07). */
const scopesOf = async (
  deps: Deps,
  caller: Caller,
  input: ModifyIpamResourceCidrInput,
  monitored: boolean,
) => {
  const scope = await loadScope(deps, caller, required(input.CurrentIpamScopeId, 'CurrentIpamScopeId'));
  const moveTo =
    input.DestinationIpamScopeId !== undefined && input.DestinationIpamScopeId !== scope.IpamScopeId
      ? await loadScope(deps, caller, input.DestinationIpamScopeId)
      : undefined;
  if (
    moveTo &&
    (scope.IpamScopeType !== 'private' ||
      moveTo.IpamScopeType !== 'private' ||
      moveTo.IpamId !== scope.IpamId)
  ) {
    fail(
      'OperationNotPermitted',
      // F-RES-07
      'Resource CIDRs move only between private scopes of the same IPAM.',
    );
  }
  if (scope.IpamScopeType === 'public' && !monitored) {
    // F-RES-02
    fail('OperationNotPermitted', 'Resource CIDRs in a public scope cannot be ignored.');
  }
  return { scope, moveTo };
};

type Row = { ResourceId: string; ResourceCidr: string; ResourceRegion: string };

export const modifyIpamResourceCidr = async (
  deps: Deps,
  caller: Caller,
  input: ModifyIpamResourceCidrInput,
): Promise<{ IpamResourceCidr: object }> => {
  const id = required(input.ResourceId, 'ResourceId');
  const text = required(input.ResourceCidr, 'ResourceCidr');
  const region = required(input.ResourceRegion, 'ResourceRegion');
  const monitored = required(input.Monitored, 'Monitored');
  const { scope, moveTo } = await scopesOf(deps, caller, input, monitored);
  const block = tryParseCidr(text) ?? fail('InvalidParameterValue', `'${text}' is not a CIDR.`);
  const same = (r: Row) =>
    r.ResourceId === id &&
    r.ResourceRegion === region &&
    cidrIdentity(tryParseCidr(r.ResourceCidr)!) === cidrIdentity(block);
  const notFound = () =>
    fail(
      'InvalidIpamResourceCidr.NotFound',
      `Resource CIDR ${text} of ${id} in ${region} is not in scope ${scope.IpamScopeId}.`,
    );
  const row = (await loadView(deps, scope.IpamScopeId)).rows.find(same) ?? notFound();
  if (moveTo && row.ResourceType !== 'vpc') {
    fail(
      'OperationNotPermitted',
      // F-RES-07
      'Only VPC CIDRs can be moved between scopes; their subnets follow.',
    );
  }
  dryRun(input);
  if (moveTo) await recordMove(deps, scope.IpamId, row, moveTo);
  if (!monitored && row.ManagementState === 'managed') {
    await reclaimResource(deps, {
      ResourceId: id,
      Cidr: row.ResourceCidr,
      ResourceOwner: row.ResourceOwnerId,
    });
  }
  const saved = await reevaluateScope(deps, scope.IpamScopeId, (rows) =>
    rows.map((r) => {
      const base = toInput(r);
      if (!same(r)) return base;
      const { Ignored: _, ...rest } = base;
      return monitored ? rest : { ...rest, Ignored: true };
    }),
  );
  if (!saved) return fail('IncorrectState', `Scope ${scope.IpamScopeId} is being evaluated; try again.`);
  return {
    IpamResourceCidr: resourceCidrShape(scope.IpamId, scope.IpamScopeId, saved.find(same) ?? notFound()),
  };
};
