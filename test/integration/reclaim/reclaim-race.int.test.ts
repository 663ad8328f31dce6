/**
 * Reclamation races on DynamoDB Local, each caller with its own client and node cache (separate
 * Lambda containers): a release racing a new allocation of the same space, and duplicate events
 * delivered at once.
 */
import { describe, expect, it } from 'vitest';
import { isAllotError } from '../../../core/errors';
import { allocateIpamPoolCidr } from '../../../core/ops/allocation/allocate';
import { reclaimEvent } from '../../../core/ops/reclaim/run';
import { createDocumentClient, DynamoStore } from '../../../core/store/dynamo';
import { freshTable } from '../../helpers/ddb';
import { ACCOUNT, type Env, ipamWithPool, makeEnv } from '../../helpers/env';

const deleteVpc = (vpcId: string) => ({
  source: 'allot.resources',
  'detail-type': 'Resource Deleted',
  detail: { resourceId: vpcId, accountId: ACCOUNT },
});

const setup = async () => {
  const t = await freshTable();
  const first = makeEnv(new DynamoStore({ client: t.client, tableName: t.tableName }), {
    reuseDelayMs: { advanced: 0, free: 0 },
  });
  const { poolId } = await ipamWithPool(first, {}, '10.0.0.0/16');
  let n = 0;
  /** A caller in its own "container": own client, own caches, own ids. */
  const container = (): Env => {
    const env = makeEnv(
      new DynamoStore({
        client: createDocumentClient({ endpoint: t.endpoint, region: 'us-east-1' }),
        tableName: t.tableName,
      }),
      { reuseDelayMs: { advanced: 0, free: 0 } },
    );
    const me = ++n;
    env.deps.ids = { next: (p, d = 17) => `${p}-${me.toString(16).padStart(d, '0')}` };
    return env;
  };
  const allocate = (env: Env, vpcId: string, cidr: string) =>
    allocateIpamPoolCidr(
      env.deps,
      env.caller,
      { IpamPoolId: poolId, Cidr: cidr },
      { ResourceType: 'vpc', ResourceId: vpcId, ResourceRegion: 'us-east-1', ResourceOwner: ACCOUNT },
    ).then(
      () => 'allocated',
      (e: unknown) => {
        if (isAllotError(e)) return e.code;
        throw e;
      },
    );
  const held = async () =>
    (await first.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations.map(
      (a: { Cidr: string; ResourceId: string }) => `${a.Cidr} ${a.ResourceId}`,
    );
  return { first, container, allocate, held };
};

describe('reclamation races on DynamoDB Local', () => {
  it('a release racing a new allocation of the same space: never both hold it', async () => {
    const { first, container, allocate, held } = await setup();
    const cidrs = Array.from({ length: 16 }, (_, i) => `10.0.${i}.0/24`);
    for (const [i, c] of cidrs.entries()) expect(await allocate(first, `vpc-old-${i}`, c)).toBe('allocated');
    // Every old VPC is deleted while a new VPC asks for its exact CIDR, from separate containers.
    const outcomes = await Promise.all(
      cidrs.map(async (c, i) => {
        const [released, asked] = await Promise.all([
          reclaimEvent(container().deps, deleteVpc(`vpc-old-${i}`)),
          allocate(container(), `vpc-new-${i}`, c),
        ]);
        return { released: released.Released.map((r) => r.Cidr), asked };
      }),
    );
    // The release always happens; the new VPC either came after it or found the space taken.
    expect(outcomes.every((o) => o.released.length === 1)).toBe(true);
    for (const o of outcomes) expect(['allocated', 'InsufficientCidrBlocks']).toContain(o.asked);
    const winners = outcomes.flatMap((o, i) =>
      o.asked === 'allocated' ? [`10.0.${i}.0/24 vpc-new-${i}`] : [],
    );
    expect(await held()).toEqual(winners);
  });

  it('eight copies of one deletion event at once release the space exactly once', async () => {
    const { first, container, allocate, held } = await setup();
    expect(await allocate(first, 'vpc-dup', '10.0.7.0/24')).toBe('allocated');
    expect(await allocate(first, 'vpc-dup', '10.0.9.0/24')).toBe('allocated');
    const reports = await Promise.all(
      Array.from({ length: 8 }, () => reclaimEvent(container().deps, deleteVpc('vpc-dup'))),
    );
    expect(reports.flatMap((r) => r.Released.map((x) => x.Cidr)).sort()).toEqual([
      '10.0.7.0/24',
      '10.0.9.0/24',
    ]);
    expect(await held()).toEqual([]);
    // Nothing is left behind in the space tree: the whole /20 holding both blocks is free again.
    expect(await allocate(first, 'vpc-after', '10.0.0.0/20')).toBe('allocated');
  });
});
