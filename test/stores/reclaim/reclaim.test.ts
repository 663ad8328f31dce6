/**
 * Event-triggered reclamation (F-ALLOC-08, F-FAC-03) on both stores: a deletion event releases
 * exactly what the resource holds, into the reuse delay; duplicate, late, partial and foreign
 * events release nothing else.
 */
import { describe, expect, it } from 'vitest';
import { allocateIpamPoolCidr } from '../../../core/ops/allocation/allocate';
import type { ResourceSpec } from '../../../core/ops/allocation/rules';
import { reclaimEvent } from '../../../core/ops/reclaim/run';
import { ACCOUNT, type Env, ipamWithPool, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

const vpc = (id: string, owner = ACCOUNT): ResourceSpec => ({
  ResourceType: 'vpc',
  ResourceId: id,
  ResourceRegion: 'us-east-1',
  ResourceOwner: owner,
});

const deleteVpc = (vpcId: string, account = ACCOUNT) => ({
  source: 'aws.ec2',
  'detail-type': 'AWS API Call via CloudTrail',
  account,
  detail: {
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DeleteVpc',
    recipientAccountId: account,
    requestParameters: { vpcId },
  },
});

const held = async (env: Env, poolId: string) =>
  (await env.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations.map(
    (a: { Cidr: string; ResourceId?: string }) => [a.Cidr, a.ResourceId ?? 'custom'],
  );

describe.each(storeFactories())('reclamation (%s store)', (_name, makeStore) => {
  const setup = async () => {
    const env = makeEnv(await makeStore(), { reuseDelayMs: { advanced: 60_000, free: 60_000 } });
    const { pool } = await ipamWithPool(env, {}, '10.0.0.0/16');
    const allocate = (spec: ResourceSpec, input: object) =>
      allocateIpamPoolCidr(env.deps, env.caller, { IpamPoolId: pool.IpamPoolId, ...input }, spec);
    return { env, poolId: pool.IpamPoolId as string, allocate };
  };

  it('DeleteVpc releases every CIDR of the VPC, into the reuse delay, and nothing else', async () => {
    const { env, poolId, allocate } = await setup();
    await allocate(vpc('vpc-1'), { NetmaskLength: 24 });
    await allocate(vpc('vpc-1'), { Cidr: '10.0.8.0/24' });
    await allocate(vpc('vpc-2'), { NetmaskLength: 24 });
    await env.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, Cidr: '10.0.9.0/24' });

    const report = await reclaimEvent(env.deps, deleteVpc('vpc-1'));
    expect([report.Resources, report.Released.map((r) => r.Cidr)]).toEqual([
      ['vpc-1'],
      ['10.0.0.0/24', '10.0.8.0/24'],
    ]);
    expect(await held(env, poolId)).toEqual([
      ['10.0.1.0/24', 'vpc-2'],
      ['10.0.9.0/24', 'custom'],
    ]);
    // Still cooling: the lowest free /24 skips 10.0.0.0/24 until the delay has passed (F-ALLOC-09).
    const next = await env.call('AllocateIpamPoolCidr', {
      IpamPoolId: poolId,
      NetmaskLength: 24,
      PreviewNextCidr: true,
    });
    expect(next.IpamPoolAllocation.Cidr).toBe('10.0.2.0/24');
    env.clock.now += 60_001;
    const later = await env.call('AllocateIpamPoolCidr', {
      IpamPoolId: poolId,
      NetmaskLength: 24,
      PreviewNextCidr: true,
    });
    expect(later.IpamPoolAllocation.Cidr).toBe('10.0.0.0/24');

    // The same event again, or late: nothing left to release.
    expect((await reclaimEvent(env.deps, deleteVpc('vpc-1'))).Released).toEqual([]);
  });

  it('a late event never releases space that now belongs to another resource', async () => {
    const { env, poolId, allocate } = await setup();
    env.deps.config.reuseDelayMs = { advanced: 0, free: 0 };
    await allocate(vpc('vpc-old'), { Cidr: '10.0.4.0/24' });
    expect((await reclaimEvent(env.deps, deleteVpc('vpc-old'))).Released.map((r) => r.Cidr)).toEqual([
      '10.0.4.0/24',
    ]);
    await allocate(vpc('vpc-new'), { Cidr: '10.0.4.0/24' });
    expect((await reclaimEvent(env.deps, deleteVpc('vpc-old'))).Released).toEqual([]);
    expect(await held(env, poolId)).toEqual([['10.0.4.0/24', 'vpc-new']]);
  });

  it('DisassociateVpcCidrBlock releases only the block named; failed calls and other accounts release nothing', async () => {
    const { env, poolId, allocate } = await setup();
    await allocate(vpc('vpc-1'), { Cidr: '10.0.0.0/24' });
    await allocate(vpc('vpc-1'), { Cidr: '10.0.1.0/24' });
    const disassociate = (extra: object = {}) => ({
      source: 'aws.ec2',
      'detail-type': 'AWS API Call via CloudTrail',
      detail: {
        eventName: 'DisassociateVpcCidrBlock',
        recipientAccountId: ACCOUNT,
        requestParameters: { associationId: 'vpc-cidr-assoc-1' },
        responseElements: {
          DisassociateVpcCidrBlockResponse: {
            vpcId: 'vpc-1',
            cidrBlockAssociation: { cidrBlock: '10.0.1.0/24' },
          },
        },
        ...extra,
      },
    });
    expect(
      (await reclaimEvent(env.deps, disassociate({ errorCode: 'Client.InvalidVpcID.NotFound' }))).Released,
    ).toEqual([]);
    expect((await reclaimEvent(env.deps, deleteVpc('vpc-1', OTHER_ACCOUNT))).Released).toEqual([]);
    expect((await reclaimEvent(env.deps, disassociate())).Released.map((r) => r.Cidr)).toEqual([
      '10.0.1.0/24',
    ]);
    expect(await held(env, poolId)).toEqual([['10.0.0.0/24', 'vpc-1']]);
  });

  it("Allot's own Resource Deleted event, and a caller-bound delivery that ignores the event's account", async () => {
    const { env, poolId, allocate } = await setup();
    await allocate({ ...vpc('eipalloc-1'), ResourceType: 'eip' }, { Cidr: '10.0.3.7/32' });
    const event = {
      source: 'allot.resources',
      'detail-type': 'Resource Deleted',
      detail: { resourceId: 'eipalloc-1' },
    };
    expect((await reclaimEvent(env.deps, event, OTHER_ACCOUNT)).Released).toEqual([]);
    expect((await reclaimEvent(env.deps, event, ACCOUNT)).Released.map((r) => r.Cidr)).toEqual([
      '10.0.3.7/32',
    ]);
    expect(await held(env, poolId)).toEqual([]);
  });
});
