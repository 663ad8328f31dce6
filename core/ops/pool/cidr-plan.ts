/**
 * Resource-planning pools (F-POOL-10, F-PLAN-02/03). A planning pool's CIDR is one of its VPC's
 * CIDRs exactly, as discovered in the pool's scope: the VPC must have been discovered, and the
 * CIDR must equal one of its rows. It is not space of the scope: the VPC's CIDR usually came from
 * another pool of the same scope (or from outside IPAM), so the planning pool claims nothing in
 * the scope's top-level space. Instead a guard item per (scope, VPC, CIDR), written in the same
 * unit of work as the pool CIDR, keeps each VPC CIDR in at most one planning pool; the CIDRs of
 * one VPC never overlap each other, so exact-CIDR guards are enough. Deprovisioning (or a cascade
 * delete) deletes the guard.
 */

import { type Cidr, formatCidr, parseCidr } from '../../cidr';
import { fail } from '../../errors';
import { type Deps, failedWrite, type Write } from '../../ports';
import type { PoolCidrRecord, PoolRecord, UniqueRecord } from '../../records';
import { newPoolCidr } from '../allocation/pool-space';
import type { TokenGate } from '../kit/idempotency';
import { loadView } from '../monitoring/resources/view';

/** A planning pool itself (its subnet pools inherit SourceResource but take space from it). */
export const isPlanningPool = (p: PoolRecord): boolean =>
  p.SourceResource !== undefined && p.SourceIpamPoolId === undefined;

const guardName = (pool: PoolRecord, cidr: string): string =>
  `plan#${pool.IpamScopeId}#${pool.SourceResource!.ResourceId}#${cidr}`;

/** The write that frees a planning pool's CIDR for another planning pool (none for older data). */
export const planGuardRelease = async (deps: Deps, pool: PoolRecord, cidr: string): Promise<Write[]> => {
  const name = guardName(pool, cidr);
  return (await deps.store.get({ kind: 'unique', name }))
    ? [{ type: 'delete', ref: { kind: 'unique', name } }]
    : [];
};

/** F-POOL-10: refuse a CIDR that is not exactly one of the discovered VPC's CIDRs. */
export const checkPlannedCidr = async (
  deps: Deps,
  pool: PoolRecord,
  explicit: Cidr | undefined,
): Promise<Cidr> => {
  const src = pool.SourceResource!;
  const vpc = `VPC ${src.ResourceId} (${src.ResourceRegion}, account ${src.ResourceOwner})`;
  if (!explicit)
    fail(
      'InvalidParameterValue',
      // F-POOL-10
      `A resource-planning pool is provisioned with one of its VPC's CIDRs (Cidr), not a NetmaskLength.`,
    );
  const { rows } = await loadView(deps, pool.IpamScopeId);
  const cidrs = rows
    .filter(
      (r) =>
        r.ResourceType === 'vpc' &&
        r.ResourceId === src.ResourceId &&
        r.ResourceRegion === src.ResourceRegion &&
        r.ResourceOwnerId === src.ResourceOwner,
    )
    .map((r) => formatCidr(parseCidr(r.ResourceCidr)));
  if (cidrs.length === 0)
    fail(
      'InvalidParameterValue',
      // F-POOL-10
      `${vpc} has not been discovered in scope ${pool.IpamScopeId} yet; wait for the next discovery cycle.`,
    );
  const text = formatCidr(explicit!);
  if (!cidrs.includes(text))
    fail(
      'InvalidParameterValue',
      // F-POOL-10
      `${text} is not a CIDR of ${vpc}; a planning pool takes one of ${[...new Set(cidrs)].join(', ')} exactly.`,
    );
  return explicit!;
};

/**
 * Provision a planning pool's CIDR: the pool CIDR, its root node and the guard in one unit of
 * work (no claim in the scope). The caller has checked the CIDR and the DryRun.
 */
export const provisionPlanned = async <R>(
  deps: Deps,
  pool: PoolRecord,
  cidr: Cidr,
  cidrId: string,
  gate: TokenGate<R>,
  shape: (r: PoolCidrRecord) => R,
): Promise<R> => {
  const { record, writes } = newPoolCidr(deps, pool, cidrId, cidr);
  const text = record.Cidr;
  const guard: UniqueRecord = {
    kind: 'unique',
    Name: guardName(pool, text),
    OwnerOf: pool.IpamPoolId,
    _v: 1,
    _created: record._created,
  };
  const result = shape(record);
  const res = await deps.store.commit([
    { name: 'guard', type: 'create', record: guard },
    ...writes,
    ...gate.write(result),
  ]);
  if (res.ok) return result;
  const replay = await gate.settle(res.failed);
  if (replay) return replay;
  if (failedWrite(res, 'guard')) {
    const holder = await deps.store.get<UniqueRecord>({ kind: 'unique', name: guard.Name });
    return fail(
      'InvalidParameterValue',
      // F-POOL-10
      `${text} of ${pool.SourceResource!.ResourceId} is already planned by pool ${holder?.OwnerOf ?? 'another pool'}; a VPC CIDR belongs to one planning pool at a time.`,
    );
  }
  return fail(
    'IncorrectState',
    `Pool ${pool.IpamPoolId} changed while the CIDR was being provisioned; retry the request.`,
  );
};
