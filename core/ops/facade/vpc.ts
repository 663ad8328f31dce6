/**
 * VPCs from pools (F-FAC-01/02/04, F-ALLOC-01/13): CreateVpc, AssociateVpcCidrBlock,
 * DisassociateVpcCidrBlock, DeleteVpc. A pool-backed CIDR is reserved under every pool rule, the
 * resource is created in the EC2 backend with exactly that CIDR, and the allocation is bound to
 * the VPC (pending.ts keeps this all or nothing). Requests without an IPAM pool go to the backend
 * unchanged. Deleting through Allot releases the VPC's allocations as soon as the backend confirms.
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import { type TagSpecification, tagsFor } from '../kit/common';
import { reclaimResource } from '../reclaim/reclaim';
import {
  attempt,
  backendOf,
  bind,
  type PoolMembers,
  type Reservation,
  reserve,
  reserveBoth,
  sweepPending,
  unreserve,
} from './pending';

export interface CreateVpcInput extends PoolMembers {
  Ipv6Pool?: string;
  AmazonProvidedIpv6CidrBlock?: boolean;
  InstanceTenancy?: string;
  TagSpecifications?: TagSpecification[];
  [other: string]: unknown;
}

type Vpc = Record<string, unknown> & { VpcId: string };

/** F-FAC-02: what the request says on its own, before any space is claimed. */
const checkCreate = (input: CreateVpcInput) => {
  if (input.Ipv6IpamPoolId && input.CidrBlock === undefined && !input.Ipv4IpamPoolId)
    fail(
      'MissingParameter',
      'A VPC needs an IPv4 CIDR block: give CidrBlock or Ipv4IpamPoolId along with Ipv6IpamPoolId.',
    );
  if (input.Ipv4IpamPoolId && input.CidrBlock !== undefined && input.Ipv4NetmaskLength !== undefined)
    fail(
      'InvalidParameterCombination',
      'Specify either CidrBlock or Ipv4NetmaskLength with Ipv4IpamPoolId, not both.',
    );
  if (input.Ipv6IpamPoolId && (input.AmazonProvidedIpv6CidrBlock || input.Ipv6Pool))
    fail(
      'InvalidParameterCombination',
      'Ipv6IpamPoolId cannot be combined with AmazonProvidedIpv6CidrBlock or Ipv6Pool.',
    );
};

/** The IPv6 association as EC2 shows one from an IPAM pool: `Ipv6Pool` is the pool id. */
export const ipv6Association = (assoc: Record<string, unknown>, held: Reservation, region: string) => ({
  AssociationId: assoc.AssociationId,
  Ipv6CidrBlock: held.record.Cidr,
  Ipv6CidrBlockState: { State: 'associating' },
  NetworkBorderGroup: region,
  Ipv6Pool: held.pool.IpamPoolId,
});

/** Adds the reserved IPv6 block to the new VPC; a refusal takes the VPC back out, so nothing is left. */
const addIpv6 = async (deps: Deps, caller: Caller, vpc: Vpc, held: Reservation[], v6: Reservation) => {
  const backend = backendOf(deps);
  try {
    const { Ipv6CidrBlockAssociation, CidrBlockAssociation } = await backend.call(
      caller,
      'AssociateVpcCidrBlock',
      { VpcId: vpc.VpcId, Ipv6CidrBlock: v6.record.Cidr, Ipv6Pool: v6.pool.IpamPoolId },
    );
    return (Ipv6CidrBlockAssociation ?? CidrBlockAssociation) as Record<string, unknown>;
  } catch (e) {
    await backend.call(caller, 'DeleteVpc', { VpcId: vpc.VpcId }).catch(() => undefined);
    return attempt(deps, held, () => Promise.reject(e));
  }
};

/** Binds every reservation to the VPC; if one lost its space meanwhile, the VPC is taken back out. */
const bindAll = async (deps: Deps, caller: Caller, held: Reservation[], vpcId: string) => {
  for (const h of held) {
    if (await bind(deps, h, vpcId)) continue;
    await backendOf(deps)
      .call(caller, 'DeleteVpc', { VpcId: vpcId })
      .catch(() => undefined);
    await unreserve(
      deps,
      held.filter((x) => x !== h),
    );
    fail('IncorrectState', `The reserved CIDR ${h.record.Cidr} was released meanwhile; retry the request.`);
  }
};

export const createVpc = async (deps: Deps, caller: Caller, input: CreateVpcInput) => {
  const backend = backendOf(deps);
  if (!input.Ipv4IpamPoolId && !input.Ipv6IpamPoolId) return backend.call(caller, 'CreateVpc', input);
  checkCreate(input);
  await sweepPending(deps);
  const tags = tagsFor('vpc', input.TagSpecifications);
  const { v4, v6 } = await reserveBoth(deps, caller, input, { type: 'vpc', tags });
  const held = [v4, v6].filter((h): h is Reservation => h !== undefined);
  const { Ipv4IpamPoolId, Ipv4NetmaskLength, Ipv6IpamPoolId, Ipv6NetmaskLength, Ipv6CidrBlock, ...rest } =
    input;
  const created = await attempt(deps, held, () =>
    backend.call(caller, 'CreateVpc', { ...rest, CidrBlock: v4?.record.Cidr ?? input.CidrBlock }),
  );
  const vpc = created.Vpc as Vpc;
  const assoc = v6 ? await addIpv6(deps, caller, vpc, held, v6) : undefined;
  await bindAll(deps, caller, held, vpc.VpcId);
  return {
    Vpc: {
      ...vpc,
      // EC2 answers a new VPC as pending, whatever the backend says a moment later.
      State: 'pending',
      ...(assoc && v6 ? { Ipv6CidrBlockAssociationSet: [ipv6Association(assoc, v6, caller.region)] } : {}),
    },
  };
};

export interface AssociateInput extends PoolMembers {
  VpcId?: string;
  [other: string]: unknown;
}

/** One more CIDR block for a VPC, from a pool (or, without one, straight to the backend). */
export const associateVpcCidrBlock = async (deps: Deps, caller: Caller, input: AssociateInput) => {
  const backend = backendOf(deps);
  const poolId = input.Ipv4IpamPoolId ?? input.Ipv6IpamPoolId;
  if (!poolId) return backend.call(caller, 'AssociateVpcCidrBlock', input);
  if (input.Ipv4IpamPoolId && input.Ipv6IpamPoolId)
    fail('InvalidParameterCombination', 'Associate one CIDR block at a time: an IPv4 or an IPv6 pool.');
  const vpcId = input.VpcId ?? fail('MissingParameter', 'The request must contain the parameter VpcId.');
  // The VPC must exist (and be the caller's) before space is claimed for it.
  await backend.call(caller, 'DescribeVpcs', { VpcIds: [vpcId] });
  await sweepPending(deps);
  const v6 = input.Ipv6IpamPoolId !== undefined;
  const cidr = v6 ? input.Ipv6CidrBlock : input.CidrBlock;
  const netmask = v6 ? input.Ipv6NetmaskLength : input.Ipv4NetmaskLength;
  const held = await reserve(deps, caller, {
    poolId,
    type: 'vpc',
    tags: [],
    vpcId,
    dryRun: input.DryRun === true,
    ...(cidr !== undefined ? { cidr } : {}),
    ...(netmask !== undefined ? { netmask } : {}),
  });
  const ask = v6
    ? { VpcId: vpcId, Ipv6CidrBlock: held.record.Cidr, Ipv6Pool: poolId }
    : { VpcId: vpcId, CidrBlock: held.record.Cidr };
  const answer = await attempt(deps, [held], () => backend.call(caller, 'AssociateVpcCidrBlock', ask));
  if (!(await bind(deps, held, vpcId)))
    fail(
      'IncorrectState',
      `The reserved CIDR ${held.record.Cidr} was released meanwhile; retry the request.`,
    );
  const assoc = (answer.Ipv6CidrBlockAssociation ?? answer.CidrBlockAssociation) as Record<string, unknown>;
  return v6
    ? { VpcId: vpcId, Ipv6CidrBlockAssociation: ipv6Association(assoc, held, caller.region) }
    : { VpcId: vpcId, CidrBlockAssociation: { ...assoc, CidrBlockState: { State: 'associating' } } };
};

/** Removes a CIDR block; the allocation it held goes back to its pool once the backend confirms. */
export const disassociateVpcCidrBlock = async (
  deps: Deps,
  caller: Caller,
  input: { AssociationId?: string; [other: string]: unknown },
) => {
  const answer = await backendOf(deps).call(caller, 'DisassociateVpcCidrBlock', input);
  const assoc = (answer.Ipv6CidrBlockAssociation ?? answer.CidrBlockAssociation) as
    | { CidrBlock?: string; Ipv6CidrBlock?: string }
    | undefined;
  const cidr = assoc?.Ipv6CidrBlock ?? assoc?.CidrBlock;
  const vpcId = answer.VpcId as string | undefined;
  if (vpcId && cidr)
    await reclaimResource(deps, { ResourceId: vpcId, Cidr: cidr, ResourceOwner: caller.accountId });
  if (cidr?.includes(':') && answer.CidrBlockAssociation) {
    const { CidrBlockAssociation: a, ...rest } = answer as { CidrBlockAssociation: Record<string, unknown> };
    return {
      ...rest,
      Ipv6CidrBlockAssociation: {
        AssociationId: a.AssociationId,
        Ipv6CidrBlock: cidr,
        Ipv6CidrBlockState: { State: 'disassociating' },
      },
    };
  }
  return answer;
};

/** Deletes the VPC in the backend, then releases every allocation it held, in the same request. */
export const deleteVpc = async (deps: Deps, caller: Caller, input: { VpcId?: string; DryRun?: boolean }) => {
  const answer = await backendOf(deps).call(caller, 'DeleteVpc', input);
  if (input.VpcId && !input.DryRun)
    await reclaimResource(deps, { ResourceId: input.VpcId, ResourceOwner: caller.accountId });
  return answer;
};
