/**
 * All or nothing between IPAM and the EC2 backend (F-ALLOC-13). A resource created from a pool is
 * first a *pending* resource allocation: the claim, the allocation record without `ResourceId`
 * and a pending entry, in one transaction. Then the backend creates the resource, and the
 * allocation is bound to the resource id (the pending entry deleted) in one more transaction.
 * - The backend refuses: the space is released in the same request, without reuse delay.
 * - The outcome is unknown (backend unreachable, process killed): the pending entry stays; after
 *   GRACE_MS the sweep asks the backend whether a resource holds the CIDR, and binds it or
 *   releases the space. So nothing leaks and nothing is double-booked.
 */
import { formatCidr, parseCidr } from '../../cidr';
import { AllotError, fail, isAllotError } from '../../errors';
import type { Caller, Deps, Ec2Backend, Write } from '../../ports';
import type { AllocationRecord, PendingResourceRecord, PoolRecord, Tag } from '../../records';
import { allocateIpamPoolCidr, resourceRef } from '../allocation/allocate';
import { releaseAllocation } from '../allocation/release';
import { listAll } from '../kit/listing';

/** How long a request may take before its pending allocation is the sweep's to settle. */
export const GRACE_MS = 5 * 60_000;

/** The backend, or a clear refusal naming what to configure. */
export const backendOf = (deps: Deps): Ec2Backend =>
  deps.backend ??
  fail(
    'UnsupportedOperation',
    'No EC2 backend is configured, so VPCs and subnets cannot be created here: install moto (pip install "moto[server]") before npm start, or set ALLOT_EC2_BACKEND to an EC2 endpoint.',
  );

/** Space held for a resource being created. */
export interface Reservation {
  pool: PoolRecord;
  record: AllocationRecord;
}

export interface ReserveInput {
  poolId: string;
  cidr?: string;
  netmask?: number;
  type: 'vpc' | 'subnet';
  tags: Tag[];
  /** The VPC a subnet or an added CIDR block belongs to. */
  vpcId?: string;
  dryRun?: boolean;
}

/** Claims the space under every pool rule, as a pending resource allocation of the caller. */
export const reserve = async (deps: Deps, caller: Caller, r: ReserveInput): Promise<Reservation> => {
  const { IpamPoolAllocation } = await allocateIpamPoolCidr(
    deps,
    caller,
    {
      IpamPoolId: r.poolId,
      ...(r.cidr !== undefined ? { Cidr: r.cidr } : {}),
      ...(r.netmask !== undefined ? { NetmaskLength: r.netmask } : {}),
      ...(r.dryRun ? { DryRun: true } : {}),
    },
    {
      ResourceType: r.type,
      ResourceId: '',
      ResourceRegion: caller.region,
      ResourceOwner: caller.accountId,
      ResourceTags: r.tags,
      Creating: { Until: deps.now() + GRACE_MS, ...(r.vpcId ? { VpcId: r.vpcId } : {}) },
    },
  );
  const cidr = (IpamPoolAllocation as { Cidr: string }).Cidr;
  const [pool, record] = await Promise.all([
    deps.store.get<PoolRecord>({ kind: 'pool', id: r.poolId }),
    deps.store.get<AllocationRecord>({ kind: 'allocation', poolId: r.poolId, cidr }),
  ]);
  if (!pool || !record)
    return fail('IncorrectState', `Pool ${r.poolId} changed while the CIDR was reserved.`);
  return { pool, record };
};

/** The pool-related members VPC and subnet requests share (EC2 names them alike). */
export interface PoolMembers {
  DryRun?: boolean;
  CidrBlock?: string;
  Ipv4IpamPoolId?: string;
  Ipv4NetmaskLength?: number;
  Ipv6IpamPoolId?: string;
  Ipv6NetmaskLength?: number;
  Ipv6CidrBlock?: string;
}

/** Reserves the IPv4 and IPv6 blocks a request asks for (the first given back if the second fails). */
export const reserveBoth = async (
  deps: Deps,
  caller: Caller,
  input: PoolMembers,
  r: { type: 'vpc' | 'subnet'; tags: Tag[]; vpcId?: string },
): Promise<{ v4?: Reservation; v6?: Reservation }> => {
  const one = (poolId: string | undefined, cidr: string | undefined, netmask: number | undefined) =>
    poolId
      ? reserve(deps, caller, {
          ...r,
          poolId,
          dryRun: input.DryRun === true,
          ...(cidr !== undefined ? { cidr } : {}),
          ...(netmask !== undefined ? { netmask } : {}),
        })
      : Promise.resolve(undefined);
  const v4 = await one(input.Ipv4IpamPoolId, input.CidrBlock, input.Ipv4NetmaskLength);
  try {
    const v6 = await one(input.Ipv6IpamPoolId, input.Ipv6CidrBlock, input.Ipv6NetmaskLength);
    return { ...(v4 ? { v4 } : {}), ...(v6 ? { v6 } : {}) };
  } catch (e) {
    if (v4) await unreserve(deps, [v4]);
    throw e;
  }
};

const dropPending = (id: string, expectVersion?: number): Write => ({
  type: 'delete',
  ref: { kind: 'pending-resource', allocationId: id },
  ...(expectVersion !== undefined ? { expectVersion } : {}),
});

/** Gives reserved space back at once (the resource was never created). */
export const unreserve = async (deps: Deps, held: Reservation[]): Promise<void> => {
  for (const { pool, record } of held)
    await releaseAllocation(deps, pool, record, [dropPending(record.IpamPoolAllocationId)], {
      neverUsed: true,
    });
};

/** Binds the reservation to the resource the backend created; false if the space went meanwhile. */
export const bind = async (deps: Deps, held: Reservation, resourceId: string): Promise<boolean> => {
  const bound: AllocationRecord = { ...held.record, ResourceId: resourceId };
  const res = await deps.store.commit([
    { type: 'replace', record: bound, expectVersion: held.record._v },
    ...resourceRef(bound),
    dropPending(held.record.IpamPoolAllocationId, 1),
  ]);
  return res.ok;
};

/** Is this a refusal (nothing was created), rather than an unknown outcome? */
export const refused = (e: unknown): e is AllotError => isAllotError(e) && e.code !== 'ServiceUnavailable';

/**
 * Runs a backend step for reserved space: a refusal releases the space and is passed on; an
 * unknown outcome leaves it pending for the sweep and answers ServiceUnavailable (retryable).
 */
export const attempt = async <T>(deps: Deps, held: Reservation[], step: () => Promise<T>): Promise<T> => {
  try {
    return await step();
  } catch (e) {
    if (refused(e)) {
      await unreserve(deps, held);
      throw e;
    }
    throw new AllotError(
      'ServiceUnavailable',
      'The EC2 backend did not answer; the request may or may not have taken effect. Check with a describe call, then retry.',
    );
  }
};

type Found = { id: string } | 'none' | 'unknown';

const canonical = (text: string | undefined): string | undefined => {
  try {
    return text === undefined ? undefined : formatCidr(parseCidr(text));
  } catch {
    return undefined;
  }
};

/** Does one of these associations (or a subnet) carry the CIDR? */
const holdsCidr = (cidr: string, sets: unknown[]): boolean =>
  sets.some((c) => {
    const a = c as { CidrBlock?: string; Ipv6CidrBlock?: string };
    return canonical(a.CidrBlock ?? a.Ipv6CidrBlock) === canonical(cidr);
  });

/** Which resource, if any, the backend shows holding a pending entry's CIDR. */
const lookUp = async (backend: Ec2Backend, p: PendingResourceRecord): Promise<Found> => {
  const target = { accountId: p.ResourceOwner, region: p.ResourceRegion };
  try {
    if (p.ResourceType === 'subnet') {
      const { Subnets = [] } = await backend.call(target, 'DescribeSubnets', {
        ...(p.VpcId ? { Filters: [{ Name: 'vpc-id', Values: [p.VpcId] }] } : {}),
      });
      const s = (Subnets as Record<string, unknown>[]).find((x) =>
        holdsCidr(p.Cidr, [x, ...((x.Ipv6CidrBlockAssociationSet as unknown[]) ?? [])]),
      );
      return s ? { id: String(s.SubnetId) } : 'none';
    }
    const { Vpcs = [] } = await backend.call(target, 'DescribeVpcs', p.VpcId ? { VpcIds: [p.VpcId] } : {});
    const v = (Vpcs as Record<string, unknown>[]).find((x) =>
      holdsCidr(p.Cidr, [
        ...((x.CidrBlockAssociationSet as unknown[]) ?? []),
        ...((x.Ipv6CidrBlockAssociationSet as unknown[]) ?? []),
      ]),
    );
    return v ? { id: String(v.VpcId) } : 'none';
  } catch (e) {
    // A VPC named by a pending association that is gone holds nothing.
    if (isAllotError(e) && e.code.startsWith('InvalidVpcID')) return 'none';
    return 'unknown';
  }
};

/** Settles one expired pending entry; what happened to it. */
const settle = async (deps: Deps, backend: Ec2Backend, p: PendingResourceRecord) => {
  const [pool, record] = await Promise.all([
    deps.store.get<PoolRecord>({ kind: 'pool', id: p.IpamPoolId }),
    deps.store.get<AllocationRecord>({ kind: 'allocation', poolId: p.IpamPoolId, cidr: p.Cidr }),
  ]);
  if (!pool || !record || record.IpamPoolAllocationId !== p.IpamPoolAllocationId) {
    // The pool went with Cascade, or the space was released: only the entry is left.
    await deps.store.commit([dropPending(p.IpamPoolAllocationId)]);
    return 'dropped' as const;
  }
  const found = await lookUp(backend, p);
  if (found === 'unknown') return 'kept' as const;
  if (found === 'none') {
    await unreserve(deps, [{ pool, record }]);
    return 'released' as const;
  }
  return (await bind(deps, { pool, record }, found.id)) ? ('bound' as const) : ('kept' as const);
};

export interface SweepReport {
  bound: string[];
  released: string[];
}

/**
 * Settles every pending entry older than its grace period: binds it to the resource the backend
 * shows holding its CIDR, or releases the space. Runs before each facade creation and in the
 * scheduled job; entries of requests still running are left alone.
 */
export const sweepPending = async (deps: Deps): Promise<SweepReport> => {
  const report: SweepReport = { bound: [], released: [] };
  if (!deps.backend) return report;
  const now = deps.now();
  for (const p of await listAll<PendingResourceRecord>(deps.store, { kind: 'pending-resource' })) {
    if (p.Until > now) continue;
    const outcome = await settle(deps, deps.backend, p);
    if (outcome === 'bound') report.bound.push(`${p.IpamPoolId} ${p.Cidr}`);
    if (outcome === 'released') report.released.push(`${p.IpamPoolId} ${p.Cidr}`);
  }
  return report;
};
