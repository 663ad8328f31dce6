/**
 * AllocateIpamPoolCidr (F-ALLOC-02..06, F-ALLOC-13) and the resource allocations behind integrated
 * resource creation (F-ALLOC-01). Validation follows the order of F-ALLOC-04; the claim and the
 * allocation record (and the ClientToken) are one atomic unit of work.
 */
import { BITS, blockOf, type Cidr, contains, familyOf, formatCidr, parseCidr } from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import { type AllocationRecord, isGlobalPool, type PoolRecord, type Tag } from '../../records';
import { dryRun, intInRange, publicShape, required, type TagSpecification, tagsFor } from '../kit/common';
import { tokenGate } from '../kit/idempotency';
import { requireComplete, requireLocaleRegion } from '../kit/loads';
import { loadVisiblePool, mayUsePool, poolNotFound } from '../sharing/grants';
import { claim } from './allocator';
import { overlapMessage } from './conflict';
import { rootsOf } from './pool-space';
import { checkNetmask, checkResource, type ResourceSpec } from './rules';

export interface AllocateInput {
  DryRun?: boolean;
  IpamPoolId?: string;
  Cidr?: string;
  NetmaskLength?: number;
  ClientToken?: string;
  Description?: string;
  PreviewNextCidr?: boolean;
  AllowedCidrs?: string[];
  DisallowedCidrs?: string[];
  TagSpecifications?: TagSpecification[];
}

type Result = { IpamPoolAllocation: object };

export const allocationShape = (a: AllocationRecord): object => publicShape(a, ['IpamPoolId']);

/** A resource still being created: its pending entry, which the binding or the sweep settles. */
const pendingEntry = (a: AllocationRecord, resource: ResourceSpec | undefined): Write[] =>
  resource?.Creating
    ? [
        {
          type: 'create',
          record: {
            kind: 'pending-resource',
            IpamPoolId: a.IpamPoolId,
            Cidr: a.Cidr,
            IpamPoolAllocationId: a.IpamPoolAllocationId,
            ResourceType: resource.ResourceType as 'vpc' | 'subnet',
            ResourceOwner: a.ResourceOwner,
            ResourceRegion: resource.ResourceRegion,
            ...(resource.Creating.VpcId ? { VpcId: resource.Creating.VpcId } : {}),
            Until: resource.Creating.Until,
            _v: 1,
            _created: a._created,
          },
        },
      ]
    : [];

/** The resource index entry of a resource allocation (reclamation looks allocations up by it). */
export const resourceRef = (a: AllocationRecord): Write[] =>
  a.ResourceId === undefined
    ? []
    : [
        {
          type: 'create',
          record: {
            kind: 'resource-ref',
            ResourceId: a.ResourceId,
            IpamPoolId: a.IpamPoolId,
            Cidr: a.Cidr,
            IpamPoolAllocationId: a.IpamPoolAllocationId,
            ResourceOwner: a.ResourceOwner,
            _v: 1,
            _created: a._created,
          },
        },
      ];

/** What the request says on its own (before the token gate, so a bad request is never replayed). */
const checkRequest = (input: AllocateInput): Tag[] => {
  required(input.IpamPoolId, 'IpamPoolId');
  const filtersGiven = (input.AllowedCidrs?.length ?? 0) > 0 || (input.DisallowedCidrs?.length ?? 0) > 0;
  if (input.Cidr !== undefined && input.NetmaskLength !== undefined) {
    fail('InvalidParameterCombination', 'Specify either Cidr or NetmaskLength, not both.');
  }
  if (input.Cidr !== undefined && filtersGiven) {
    fail(
      'InvalidParameterCombination',
      // F-ALLOC-05
      'AllowedCidrs and DisallowedCidrs can only be used with NetmaskLength.',
    );
  }
  return tagsFor('ipam-pool-allocation', input.TagSpecifications);
};

/** F-ALLOC-04 step 1: the pool exists, is usable, and the caller may allocate from it. */
const usablePool = async (deps: Deps, caller: Caller, poolId: string): Promise<PoolCidrs> => {
  // One read brings the pool and its CIDRs (from a short-lived cache when warm; see DynamoStore).
  const { pool, cidrs } = await deps.store.getPool(poolId, { cached: true });
  if (!pool) return fail('InvalidIpamPoolId.NotFound', `The IPAM pool ID '${poolId}' does not exist.`);
  // F-RULE-06: the owner, or a share principal (one grant read); anybody else sees no pool.
  if (!(await mayUsePool(deps, caller, pool, { cached: true }))) poolNotFound(poolId);
  requireComplete(pool, `Pool ${pool.IpamPoolId}`);
  return { pool, cidrs };
};

type PoolCidrs = Awaited<ReturnType<Deps['store']['getPool']>> & { pool: PoolRecord };

/** Steps 2-8 of F-ALLOC-04: region, provisioned space, the size asked for, the rules, the fit. */
const placement = (
  caller: Caller,
  input: AllocateInput,
  { pool, cidrs }: PoolCidrs,
  resource?: ResourceSpec,
) => {
  // Step 2: region context and, for resources, the resource's region (F-GEN-07, F-RULE-05).
  if (!resource) requireLocaleRegion(pool, caller);
  // §20 item 9: a global pool serves anycast IP lists only.
  if (isGlobalPool(pool) && resource?.ResourceType !== 'anycast-ip-list')
    fail(
      'OperationNotPermitted',
      `Pool ${pool.IpamPoolId} is a global-services pool: it serves anycast IP lists only.`,
    );
  // Step 3: provisioned space.
  const roots = rootsOf(pool, cidrs);
  if (roots.length === 0) fail('InsufficientCidrBlocks', `Pool ${pool.IpamPoolId} has no provisioned CIDRs.`);
  // Step 4: family, and the size to allocate (F-ALLOC-03).
  const version = familyOf(pool.AddressFamily);
  const explicit = input.Cidr !== undefined ? parseCidr(input.Cidr, version) : undefined;
  const asked = intInRange(input.NetmaskLength, 'NetmaskLength', 0, BITS[version]);
  const prefix =
    explicit?.prefix ??
    asked ??
    pool.AllocationDefaultNetmaskLength ??
    fail(
      'MissingParameter',
      // F-ALLOC-03
      `Specify Cidr or NetmaskLength: pool ${pool.IpamPoolId} has no default netmask length.`,
    );
  const parse = (list: string[] | undefined) => (list ?? []).map((t) => parseCidr(t, version));
  const allowed = parse(input.AllowedCidrs);
  const disallowed = parse(input.DisallowedCidrs);
  // Step 5: netmask rules. Step 6: resource rules.
  // Auto-import ignores the rules (F-IMPORT-03): the row is then evaluated noncompliant instead.
  if (!resource?.Import) checkNetmask(pool, prefix);
  if (resource && !resource.Import) checkResource(pool, resource);
  // Step 7/8: inside the pool, free (checked by the claim itself).
  if (explicit && !roots.some((r) => contains(r.cidr, explicit))) {
    fail(
      'InvalidParameterValue',
      `${formatCidr(explicit)} is not inside any CIDR provisioned to pool ${pool.IpamPoolId}.`,
    );
  }
  if (!explicit && roots.every((r) => r.cidr.prefix > prefix)) {
    fail(
      'InvalidParameterValue',
      `A /${prefix} is larger than every CIDR provisioned to pool ${pool.IpamPoolId}.`,
    );
  }
  return { pool, roots, explicit, prefix, allowed, disallowed };
};

type Placement = ReturnType<typeof placement>;

const noSpace = (deps: Deps, caller: Caller, p: Placement): Promise<string> | string =>
  p.explicit
    ? overlapMessage(deps, caller, p.pool, p.explicit)
    : `There is no free /${p.prefix} in pool ${p.pool.IpamPoolId}${p.allowed.length + p.disallowed.length > 0 ? ' within the allowed CIDRs' : ''}.`;

/** The allocation record of a claimed block (pending, without ResourceId, while its resource is created). */
const newAllocation = (a: {
  pool: PoolRecord;
  id: string;
  block: Cidr;
  input: AllocateInput;
  resource: ResourceSpec | undefined;
  caller: Caller;
  tags: Tag[];
  now: number;
}): AllocationRecord => ({
  kind: 'allocation',
  IpamPoolId: a.pool.IpamPoolId,
  IpamPoolAllocationId: a.id,
  Cidr: formatCidr(a.block),
  ...(a.input.Description !== undefined ? { Description: a.input.Description } : {}),
  ResourceType: a.resource?.ResourceType ?? 'custom',
  ...(a.resource && !a.resource.Creating ? { ResourceId: a.resource.ResourceId } : {}),
  ...(a.resource ? { ResourceRegion: a.resource.ResourceRegion } : {}),
  ResourceOwner: a.resource?.ResourceOwner ?? a.caller.accountId,
  Tags: a.tags,
  _v: 1,
  _created: a.now,
});

/** Custom allocation (F-ALLOC-02); `resource` turns it into a resource allocation (F-ALLOC-01). */
export const allocateIpamPoolCidr = async (
  deps: Deps,
  caller: Caller,
  input: AllocateInput,
  resource?: ResourceSpec,
): Promise<Result> => {
  const tags = checkRequest(input);
  const gate = await tokenGate<Result>(deps, caller, 'AllocateIpamPoolCidr', input);
  if (gate.replay) return gate.replay;
  const at = placement(caller, input, await usablePool(deps, caller, input.IpamPoolId!), resource);
  if (!input.PreviewNextCidr) dryRun(input);
  const id = deps.ids.next('ipam-pool-alloc', 32);
  const now = deps.now();
  let result: Result | undefined;
  const build = (block: Cidr) =>
    newAllocation({ pool: at.pool, id, block, input, resource, caller, tags, now });
  const res = await claim(
    { store: deps.store, random: deps.random },
    {
      roots: at.roots.map((r) => r.root),
      prefix: at.prefix,
      ...(at.explicit ? { block: at.explicit } : {}),
      ...(at.allowed.length > 0 ? { allowed: at.allowed.map(blockOf) } : {}),
      ...(at.disallowed.length > 0 ? { disallowed: at.disallowed.map(blockOf) } : {}),
      value: id,
      now,
      preview: input.PreviewNextCidr === true,
      ...(resource?.Lowest ? { strategy: 'lowest' as const } : {}),
      extra: (block) => {
        const record = build(block);
        result = { IpamPoolAllocation: allocationShape(record) };
        return [
          { type: 'create', record },
          ...gate.write(result),
          ...resourceRef(record),
          ...pendingEntry(record, resource),
          ...(resource?.Also?.(record) ?? []),
        ];
      },
    },
  );
  if (res.ok && input.PreviewNextCidr) {
    dryRun(input);
    return { IpamPoolAllocation: { Cidr: formatCidr(res.block) } };
  }
  if (res.ok) return result!;
  const replay = res.reason === 'extra' ? await gate.settle(res.failed) : undefined;
  if (replay) return replay;
  // The view of the pool may be a second old: a pool deleted meanwhile is the better answer.
  requireComplete(await loadVisiblePool(deps, caller, at.pool.IpamPoolId), `Pool ${at.pool.IpamPoolId}`);
  return fail('InsufficientCidrBlocks', await noSpace(deps, caller, at));
};
