/**
 * Provisioned pool CIDRs: F-PCIDR-01..11, F-V6-02/03. Provisioning claims the CIDR in the space it
 * comes from (the source pool, where it becomes an `ipam-pool` allocation, or the scope's
 * top-level space) in the same unit of work that records the CIDR and creates its root node.
 */
import { BITS, type Cidr, contains, familyOf, formatCidr, parseCidr } from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type {
  AllocationRecord,
  CidrProof,
  PoolCidrPastRecord,
  PoolCidrRecord,
  PoolRecord,
} from '../../records';
import { claim } from '../allocation/allocator';
import { newPoolCidr, poolRoots, type rootKey } from '../allocation/pool-space';
import { checkNetmask } from '../allocation/rules';
import { dryRun, intInRange, publicShape, required } from '../kit/common';
import { type TokenGate, tokenGate } from '../kit/idempotency';
import { loadPool, recheckComplete, requireComplete } from '../kit/loads';
import { hasProofInput, type ProofInput } from '../proof/verify';
import { checkPlannedCidr, isPlanningPool, provisionPlanned } from './cidr-plan';
import { checkByoipPrefix, topLevelPlan } from './cidr-top';

export interface ProvisionInput extends ProofInput {
  DryRun?: boolean;
  IpamPoolId?: string;
  Cidr?: string;
  NetmaskLength?: number;
  ClientToken?: string;
}

type Result = { IpamPoolCidr: object };

export const cidrShape = (r: PoolCidrRecord | PoolCidrPastRecord): object =>
  publicShape(r, ['IpamPoolId', 'ttl']);

/** The pool and the block asked for: a CIDR, or a size; within the pool's CIDR quota. */
const target = async (deps: Deps, caller: Caller, input: ProvisionInput) => {
  const pool = await loadPool(deps, caller, input.IpamPoolId);
  requireComplete(pool, `Pool ${pool.IpamPoolId}`);
  const version = familyOf(pool.AddressFamily);
  const explicit = input.Cidr !== undefined ? parseCidr(input.Cidr, version) : undefined;
  const prefix = explicit?.prefix ?? intInRange(input.NetmaskLength, 'NetmaskLength', 0, BITS[version])!;
  if (pool._cidrCount >= deps.config.quotas.cidrsPerPool) {
    fail(
      'ResourceLimitExceeded',
      // F-PCIDR-10
      `Pool ${pool.IpamPoolId} already has ${pool._cidrCount} CIDRs; the maximum is ${deps.config.quotas.cidrsPerPool}.`,
    );
  }
  return { pool, explicit, prefix };
};

type Target = Awaited<ReturnType<typeof target>>;

/** Claims the block where the plan says (the source pool, or the scope's space) with the new CIDR. */
const claimFor = async (
  deps: Deps,
  { pool, explicit, prefix }: Target,
  plan: ProvisionPlan,
  gate: TokenGate<Result>,
) => {
  const cidrId = deps.ids.next('ipam-pool-cidr', 32);
  let result: Result | undefined;
  const res = await claim(
    { store: deps.store, random: deps.random },
    {
      roots: plan.roots,
      prefix,
      ...(explicit ? { block: explicit } : {}),
      ...(plan.allowed ? { allowed: plan.allowed } : {}),
      value: plan.value(cidrId),
      now: deps.now(),
      extra: (block: Cidr) => {
        const fresh = newPoolCidr(deps, pool, cidrId, block, plan.value(cidrId), plan.proof);
        // F-EIP-04: an Amazon-provided IPv4 block is answered before its CIDR is shown.
        const { Cidr: _hidden, ...shown } = cidrShape(fresh.record) as { Cidr: string };
        result = { IpamPoolCidr: plan.proof?.method === 'amazon' ? shown : cidrShape(fresh.record) };
        return [...plan.extra(block, fresh.record.Cidr), ...fresh.writes, ...gate.write(result)];
      },
    },
  );
  if (res.ok) return result!;
  if (res.reason === 'extra') {
    const replay = await gate.settle(res.failed);
    if (replay) return replay;
    await recheckComplete(deps, { kind: 'pool', id: pool.IpamPoolId }, `Pool ${pool.IpamPoolId}`);
    fail(
      'IncorrectState',
      `Pool ${pool.IpamPoolId} changed while the CIDR was being provisioned; retry the request.`,
    );
  }
  return fail(
    'InsufficientCidrBlocks',
    explicit
      ? `The CIDR ${formatCidr(explicit)} is not available: it overlaps space already provisioned or allocated (cidr-not-available).`
      : `No free /${prefix} is available for pool ${pool.IpamPoolId} (cidr-not-available).`,
  );
};

export const provisionIpamPoolCidr = async (
  deps: Deps,
  caller: Caller,
  input: ProvisionInput,
): Promise<Result> => {
  required(input.IpamPoolId, 'IpamPoolId');
  if (input.Cidr !== undefined && input.NetmaskLength !== undefined) {
    fail('InvalidParameterCombination', 'Specify either Cidr or NetmaskLength, not both.');
  }
  if (input.Cidr === undefined && input.NetmaskLength === undefined)
    fail('MissingParameter', 'The request must contain Cidr or NetmaskLength.');
  const gate = await tokenGate<Result>(deps, caller, 'ProvisionIpamPoolCidr', input);
  if (gate.replay) return gate.replay;
  const t = await target(deps, caller, input);
  if (isPlanningPool(t.pool)) {
    const cidr = await checkPlannedCidr(deps, t.pool, t.explicit);
    dryRun(input);
    const id = deps.ids.next('ipam-pool-cidr', 32);
    return provisionPlanned(deps, t.pool, cidr, id, gate, (r: PoolCidrRecord) => ({
      IpamPoolCidr: cidrShape(r),
    }));
  }
  if (hasProofInput(input) && (t.pool.IpamScopeType !== 'public' || t.pool.SourceIpamPoolId))
    fail(
      'InvalidParameterCombination',
      // F-BYOIP-02, -06
      'VerificationMethod, CidrAuthorizationContext and the verification token apply only to top-level pools in the public scope.',
    );
  checkByoipPrefix(t.pool, t.prefix);
  const plan = t.pool.SourceIpamPoolId
    ? await childPlan(deps, caller, t.pool, t.explicit, t.prefix)
    : await topLevelPlan(deps, caller, t.pool, t.explicit, t.prefix, input);
  dryRun(input);
  return claimFor(deps, t, plan, gate);
};

export interface ProvisionPlan {
  roots: ReturnType<typeof rootKey>[];
  allowed?: { start: bigint; end: bigint }[];
  value: (cidrId: string) => string;
  extra: (block: Cidr, text: string) => Write[];
  /** What the CIDR must still prove before it is provisioned (BYOIP at the top, F-BYOIP-09). */
  proof?: CidrProof;
}

/** F-PCIDR-04: space from the source pool, recorded there as an `ipam-pool` allocation. */
const childPlan = async (
  deps: Deps,
  caller: Caller,
  pool: PoolRecord,
  explicit: Cidr | undefined,
  prefix: number,
): Promise<ProvisionPlan> => {
  const parent = await loadPool(deps, caller, pool.SourceIpamPoolId);
  const roots = await poolRoots(deps, parent);
  if (roots.length === 0)
    fail('InsufficientCidrBlocks', `Source pool ${parent.IpamPoolId} has no provisioned CIDRs.`);
  if (explicit && !roots.some((r) => contains(r.cidr, explicit))) {
    fail(
      'InsufficientCidrBlocks',
      `${formatCidr(explicit)} is not inside the CIDRs provisioned to source pool ${parent.IpamPoolId}.`,
    );
  }
  if (!explicit && roots.every((r) => r.cidr.prefix > prefix)) {
    fail(
      'InvalidParameterValue',
      `A /${prefix} is larger than every CIDR of source pool ${parent.IpamPoolId}.`,
    );
  }
  checkNetmask(parent, prefix);
  const allocationId = deps.ids.next('ipam-pool-alloc', 32);
  return {
    roots: roots.map((r) => r.root),
    value: () => allocationId,
    extra: (_block, text) => {
      const alloc: AllocationRecord = {
        kind: 'allocation',
        IpamPoolId: parent.IpamPoolId,
        IpamPoolAllocationId: allocationId,
        Cidr: text,
        ResourceId: pool.IpamPoolId,
        ResourceType: 'ipam-pool',
        // No ResourceRegion: EC2 shows a child pool's allocation without one (F-TUT-CLI-07).
        ResourceOwner: caller.accountId,
        Tags: [],
        _v: 1,
        _created: deps.now(),
      };
      return [{ type: 'create', record: alloc }];
    },
  };
};
