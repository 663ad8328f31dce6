/**
 * CreateTags, DeleteTags and DescribeTags on IPAM resources (core/ops/tags), with backend ids
 * forwarded to a fake EC2 backend, all or nothing.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT, ipamWithPool, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { FakeEc2 } from '../../helpers/fake-ec2';
import { storeFactories } from '../../helpers/stores';

const other = { accountId: OTHER_ACCOUNT };

describe.each(storeFactories())('tags of IPAM resources (%s store)', (_name, makeStore) => {
  const env = async () => {
    const e = makeEnv(await makeStore());
    const made = await ipamWithPool(e);
    const { IpamResourceDiscoveries } = await e.call('DescribeIpamResourceDiscoveries', {});
    return { e, ...made, rd: IpamResourceDiscoveries[0].IpamResourceDiscoveryId as string };
  };
  const tagsOf = async (e: Awaited<ReturnType<typeof env>>['e'], filters: object[] = []) =>
    (await e.call('DescribeTags', { Filters: filters })).Tags;

  it('tags an IPAM, a scope, a pool and a resource discovery; replaces by key; DescribeTags lists and filters', async () => {
    const { e, ipam, scopeId, poolId, rd } = await env();
    await e.call('CreateTags', {
      Resources: [ipam.IpamId, scopeId, poolId, rd],
      Tags: [{ Key: 'team', Value: 'net' }],
    });
    await e.call('CreateTags', {
      Resources: [poolId],
      Tags: [{ Key: 'team', Value: 'core' }, { Key: 'env' }],
    });
    expect(await tagsOf(e)).toEqual(
      [
        { Key: 'team', ResourceId: ipam.IpamId, ResourceType: 'ipam', Value: 'net' },
        { Key: 'env', ResourceId: poolId, ResourceType: 'ipam-pool', Value: '' },
        { Key: 'team', ResourceId: poolId, ResourceType: 'ipam-pool', Value: 'core' },
        { Key: 'team', ResourceId: rd, ResourceType: 'ipam-resource-discovery', Value: 'net' },
        { Key: 'team', ResourceId: scopeId, ResourceType: 'ipam-scope', Value: 'net' },
      ].sort((a, b) => a.ResourceId.localeCompare(b.ResourceId) || a.Key.localeCompare(b.Key)),
    );
    const { IpamPools } = await e.call('DescribeIpamPools', { IpamPoolIds: [poolId] });
    expect(IpamPools[0].Tags).toEqual([
      { Key: 'team', Value: 'core' },
      { Key: 'env', Value: '' },
    ]);
    expect(
      await tagsOf(e, [
        { Name: 'resource-type', Values: ['ipam-pool'] },
        { Name: 'key', Values: ['team'] },
      ]),
    ).toEqual([{ Key: 'team', ResourceId: poolId, ResourceType: 'ipam-pool', Value: 'core' }]);
    const page = await e.call('DescribeTags', { MaxResults: 5 });
    expect([page.Tags.length, page.NextToken]).toEqual([5, undefined]);
    expect(await tagsOf(e, [{ Name: 'value', Values: ['n*'] }])).toHaveLength(3);
  });

  it('DeleteTags: by key, by key and value, or all of a resource', async () => {
    const { e, poolId } = await env();
    await e.call('CreateTags', {
      Resources: [poolId],
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
        { Key: 'c', Value: '3' },
      ],
    });
    await e.call('DeleteTags', { Resources: [poolId], Tags: [{ Key: 'a' }, { Key: 'b', Value: 'other' }] });
    expect((await tagsOf(e)).map((t: { Key: string }) => t.Key)).toEqual(['b', 'c']);
    await e.call('DeleteTags', { Resources: [poolId], Tags: [{ Key: 'b', Value: '2' }] });
    expect((await tagsOf(e)).map((t: { Key: string }) => t.Key)).toEqual(['c']);
    await e.call('DeleteTags', { Resources: [poolId] });
    expect(await tagsOf(e)).toEqual([]);
  });

  it('refuses bad input with EC2 codes and writes nothing; another account sees no resource', async () => {
    const { e, poolId, ipam } = await env();
    const tag = [{ Key: 'k', Value: 'v' }];
    await e.expectError(
      'CreateTags',
      { Resources: [poolId], Tags: tag },
      'InvalidIpamPoolId.NotFound',
      other,
    );
    await e.expectError(
      'CreateTags',
      { Resources: [ipam.IpamId], Tags: tag },
      'InvalidIpamId.NotFound',
      other,
    );
    expect(await tagsOf(e as never)).toEqual([]);
    await e.expectError(
      'CreateTags',
      { Resources: [poolId], Tags: [{ Key: 'aws:x', Value: 'v' }] },
      'InvalidParameterValue',
    );
    await e.expectError(
      'CreateTags',
      { Resources: [poolId], Tags: [{ Key: '', Value: 'v' }] },
      'InvalidParameterValue',
    );
    await e.expectError('CreateTags', { Resources: [], Tags: tag }, 'MissingParameter');
    await e.expectError('CreateTags', { Resources: [poolId] }, 'MissingParameter');
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await e.expectError('CreateTags', { Resources: [poolId], Tags: many }, 'TagLimitExceeded');
    // One unknown id among good ones: nothing is written.
    await e.expectError(
      'CreateTags',
      { Resources: [poolId, 'ipam-pool-0000000000000dead'], Tags: tag },
      'InvalidIpamPoolId.NotFound',
    );
    await e.expectError('CreateTags', { Resources: [poolId], Tags: tag, DryRun: true }, 'DryRunOperation');
    expect(await tagsOf(e)).toEqual([]);
    // Without an EC2 backend, ids that are not IPAM's are not valid here.
    await e.expectError('CreateTags', { Resources: [poolId, 'vpc-123'], Tags: tag }, 'InvalidID');
    expect(await tagsOf(e)).toEqual([]);
  });

  it('forwards backend ids in one call; the backend refusing leaves the IPAM tags unchanged', async () => {
    const { e, poolId } = await env();
    const ec2 = new FakeEc2();
    const seen: object[] = [];
    e.deps.backend = {
      call: async (t, action, input) => {
        seen.push({ action, account: t.accountId, input });
        return ec2.call(t, 'DescribeVpcs', {}).then(() => ({}));
      },
    };
    const tag = [{ Key: 'team', Value: 'net' }];
    await e.call('CreateTags', { Resources: [poolId, 'vpc-1', 'subnet-2'], Tags: tag });
    expect(seen).toEqual([
      { action: 'CreateTags', account: ACCOUNT, input: { Resources: ['vpc-1', 'subnet-2'], Tags: tag } },
    ]);
    expect((await tagsOf(e)).map((t: { ResourceId: string }) => t.ResourceId)).toEqual([poolId]);
    e.deps.backend = ec2;
    ec2.failNext('DeleteTags', 'refuse');
    await e.expectError('DeleteTags', { Resources: [poolId, 'vpc-1'] }, 'InvalidParameterValue');
    expect((await tagsOf(e)).map((t: { Key: string }) => t.Key)).toEqual(['team']);
  });
});
