/**
 * Subnets from pools (F-PLAN-05, F-FAC-01/02): CreateSubnet with `Ipv4IpamPoolId` /
 * `Ipv4NetmaskLength` (or the IPv6 pair) reserves the block under the pool's rules, creates the
 * subnet in the EC2 backend with it and binds the allocation to the subnet, all or nothing
 * (pending.ts). DeleteSubnet releases the subnet's allocations once the backend confirms.
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
  reserveBoth,
  sweepPending,
  unreserve,
} from './pending';

export interface CreateSubnetInput extends PoolMembers {
  VpcId?: string;
  TagSpecifications?: TagSpecification[];
  [other: string]: unknown;
}

export const createSubnet = async (deps: Deps, caller: Caller, input: CreateSubnetInput) => {
  const backend = backendOf(deps);
  if (!input.Ipv4IpamPoolId && !input.Ipv6IpamPoolId) return backend.call(caller, 'CreateSubnet', input);
  const vpcId = input.VpcId ?? fail('MissingParameter', 'The request must contain the parameter VpcId.');
  // The VPC must exist (and be the caller's) before space is claimed for its subnet.
  await backend.call(caller, 'DescribeVpcs', { VpcIds: [vpcId] });
  await sweepPending(deps);
  const tags = tagsFor('subnet', input.TagSpecifications);
  const { v4, v6 } = await reserveBoth(deps, caller, input, { type: 'subnet', tags, vpcId });
  const held = [v4, v6].filter((h): h is Reservation => h !== undefined);
  const { Ipv4IpamPoolId, Ipv4NetmaskLength, Ipv6IpamPoolId, Ipv6NetmaskLength, ...rest } = input;
  const created = await attempt(deps, held, () =>
    backend.call(caller, 'CreateSubnet', {
      ...rest,
      ...(v4 ? { CidrBlock: v4.record.Cidr } : {}),
      ...(v6 ? { Ipv6CidrBlock: v6.record.Cidr } : {}),
    }),
  );
  const subnet = created.Subnet as Record<string, unknown> & { SubnetId: string };
  for (const h of held) {
    if (await bind(deps, h, subnet.SubnetId)) continue;
    await backend.call(caller, 'DeleteSubnet', { SubnetId: subnet.SubnetId }).catch(() => undefined);
    await unreserve(
      deps,
      held.filter((x) => x !== h),
    );
    fail('IncorrectState', `The reserved CIDR ${h.record.Cidr} was released meanwhile; retry the request.`);
  }
  return { Subnet: subnet };
};

export const deleteSubnet = async (
  deps: Deps,
  caller: Caller,
  input: { SubnetId?: string; DryRun?: boolean },
) => {
  const answer = await backendOf(deps).call(caller, 'DeleteSubnet', input);
  if (input.SubnetId && !input.DryRun)
    await reclaimResource(deps, { ResourceId: input.SubnetId, ResourceOwner: caller.accountId });
  return answer;
};
