import { describe, expect, it } from 'vitest';
import { defaultConfig, type Store, type Write } from '../../../core/ports';
import type { PoolRecord } from '../../../core/records';
import { ACCOUNT, ipamWithPool, makeEnv } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

/** Holds the first commit `pick` selects until `release()`; `reached()` resolves once it is held. */
const holdFirstCommit = (store: Store, pick: (writes: Write[]) => boolean) => {
  const commit = store.commit.bind(store);
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = false;
  store.commit = async (writes) => {
    if (!held && pick(writes)) {
      held = true;
      await gate;
    }
    return commit(writes);
  };
  return {
    release: () => release(),
    reached: async () => {
      while (!held) await new Promise((resolve) => setTimeout(resolve, 1));
    },
    restore: () => {
      store.commit = commit;
    },
  };
};

describe.each(storeFactories())('pools (%s store)', (_name, makeStore) => {
  const env = async () => makeEnv(await makeStore());

  it('F-POOL-01/02: a top-level pool in the private scope', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const { IpamPool } = await e.call('CreateIpamPool', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
      Description: 'Top-level pool',
      AllocationMinNetmaskLength: 16,
      AllocationMaxNetmaskLength: 28,
      AllocationDefaultNetmaskLength: 24,
      AllocationResourceTags: [{ Key: 'env', Value: 'prod' }],
      TagSpecifications: [{ ResourceType: 'ipam-pool', Tags: [{ Key: 'Name', Value: 'top' }] }],
    });
    expect(IpamPool).toEqual({
      IpamPoolId: 'ipam-pool-00000000000000001',
      IpamPoolArn: `arn:aws:ec2::${ACCOUNT}:ipam-pool/ipam-pool-00000000000000001`,
      OwnerId: ACCOUNT,
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      IpamScopeArn: `arn:aws:ec2::${ACCOUNT}:ipam-scope/${Ipam.PrivateDefaultScopeId}`,
      IpamScopeType: 'private',
      IpamArn: Ipam.IpamArn,
      IpamRegion: 'us-east-1',
      AddressFamily: 'ipv4',
      // No locale reads "None", as EC2 answers (F-TUT-CLI-04).
      Locale: 'None',
      PoolDepth: 1,
      State: 'create-complete',
      Description: 'Top-level pool',
      AutoImport: false,
      AllocationMinNetmaskLength: 16,
      AllocationMaxNetmaskLength: 28,
      AllocationDefaultNetmaskLength: 24,
      AllocationResourceTags: [{ Key: 'env', Value: 'prod' }],
      Tags: [{ Key: 'Name', Value: 'top' }],
    });
  });

  it('F-POOL-03: children inherit family and locale; conflicts are rejected; depth is counted', async () => {
    const e = await env();
    const { scopeId, poolId } = await ipamWithPool(e);
    const regional = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
        Locale: 'us-west-2',
      })
    ).IpamPool;
    expect([regional.Locale, regional.PoolDepth, regional.SourceIpamPoolId]).toEqual([
      'us-west-2',
      2,
      poolId,
    ]);
    const dev = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: regional.IpamPoolId,
        AddressFamily: 'ipv4',
      })
    ).IpamPool;
    expect([dev.Locale, dev.PoolDepth]).toEqual(['us-west-2', 3]);
    await e.expectError(
      'CreateIpamPool',
      {
        IpamScopeId: scopeId,
        SourceIpamPoolId: regional.IpamPoolId,
        AddressFamily: 'ipv4',
        Locale: 'us-east-1',
      },
      'InvalidParameterCombination',
    );
    await e.expectError(
      'CreateIpamPool',
      { IpamScopeId: scopeId, SourceIpamPoolId: poolId, AddressFamily: 'ipv6' },
      'InvalidParameterCombination',
    );
    await e.expectError(
      'CreateIpamPool',
      { IpamScopeId: scopeId, SourceIpamPoolId: 'ipam-pool-0000000000000dead', AddressFamily: 'ipv4' },
      'InvalidIpamPoolId.NotFound',
    );
  });

  it('F-POOL-04, F-QUOTA-04: pool depth is limited', async () => {
    const e = makeEnv(await makeStore(), {
      quotas: {
        ...defaultConfig().quotas,
        ipamsPerRegion: 1,
        scopesPerIpam: 5,
        poolsPerScope: 50,
        poolDepth: 3,
        cidrsPerPool: 50,
        amazonIpv6BlocksPerPool: 1,
      },
    });
    const { scopeId, poolId } = await ipamWithPool(e, {}, '');
    const p2 = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
      })
    ).IpamPool;
    const p3 = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: p2.IpamPoolId,
        AddressFamily: 'ipv4',
      })
    ).IpamPool;
    await e.expectError(
      'CreateIpamPool',
      { IpamScopeId: scopeId, SourceIpamPoolId: p3.IpamPoolId, AddressFamily: 'ipv4' },
      'ResourceLimitExceeded',
    );
  });

  it('F-QUOTA-03: pools per scope are limited', async () => {
    const e = makeEnv(await makeStore(), {
      quotas: {
        ...defaultConfig().quotas,
        ipamsPerRegion: 1,
        scopesPerIpam: 5,
        poolsPerScope: 2,
        poolDepth: 10,
        cidrsPerPool: 50,
        amazonIpv6BlocksPerPool: 1,
      },
    });
    const { Ipam } = await e.call('CreateIpam', {});
    await e.call('CreateIpamPool', { IpamScopeId: Ipam.PrivateDefaultScopeId, AddressFamily: 'ipv4' });
    await e.call('CreateIpamPool', { IpamScopeId: Ipam.PrivateDefaultScopeId, AddressFamily: 'ipv6' });
    await e.expectError(
      'CreateIpamPool',
      { IpamScopeId: Ipam.PrivateDefaultScopeId, AddressFamily: 'ipv4' },
      'ResourceLimitExceeded',
    );
  });

  it.each([
    [{ AddressFamily: 'ipv5' }, 'InvalidParameterValue'],
    [{ AddressFamily: undefined }, 'MissingParameter'],
    [{ Locale: 'eu-west-1' }, 'InvalidParameterValue'],
    [{ AutoImport: true }, 'InvalidParameterCombination'],
    [{ AllocationMinNetmaskLength: 25, AllocationMaxNetmaskLength: 24 }, 'InvalidParameterValue'],
    [{ AllocationMinNetmaskLength: 33 }, 'InvalidParameterValue'],
    [
      { AllocationMinNetmaskLength: 16, AllocationMaxNetmaskLength: 24, AllocationDefaultNetmaskLength: 28 },
      'InvalidParameterValue',
    ],
    [{ PubliclyAdvertisable: true }, 'InvalidParameterCombination'],
    [{ PublicIpSource: 'amazon' }, 'InvalidParameterCombination'],
  ])('F-POOL/F-RULE validation: %j → %s', async (extra, code) => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
    await e.expectError(
      'CreateIpamPool',
      { IpamScopeId: Ipam.PrivateDefaultScopeId, AddressFamily: 'ipv4', ...extra },
      code,
    );
  });

  it('F-RULE-02 (§25 item 2): min = default = max is allowed', async () => {
    const e = await env();
    const { pool } = await ipamWithPool(e, {
      AllocationMinNetmaskLength: 24,
      AllocationMaxNetmaskLength: 24,
      AllocationDefaultNetmaskLength: 24,
    });
    expect([pool.AllocationMinNetmaskLength, pool.AllocationMaxNetmaskLength]).toEqual([24, 24]);
  });

  it('F-POOL-07/08: public-scope options', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const v6 = (
      await e.call('CreateIpamPool', {
        IpamScopeId: Ipam.PublicDefaultScopeId,
        AddressFamily: 'ipv6',
        PubliclyAdvertisable: false,
      })
    ).IpamPool;
    expect([v6.AwsService, v6.PublicIpSource, v6.PubliclyAdvertisable]).toEqual(['ec2', 'byoip', false]);
    const v4 = (
      await e.call('CreateIpamPool', {
        IpamScopeId: Ipam.PublicDefaultScopeId,
        AddressFamily: 'ipv4',
        PublicIpSource: 'amazon',
        Locale: 'us-east-1',
      })
    ).IpamPool;
    expect([v4.PublicIpSource, v4.PubliclyAdvertisable]).toEqual(['amazon', undefined]);
    await e.expectError(
      'CreateIpamPool',
      { IpamScopeId: Ipam.PublicDefaultScopeId, AddressFamily: 'ipv4', PubliclyAdvertisable: true },
      'InvalidParameterCombination',
    );
  });

  it('F-POOL-11: modify rules, tags and description; locale stays', async () => {
    const e = await env();
    const { poolId } = await ipamWithPool(e, {
      AllocationDefaultNetmaskLength: 24,
      AllocationResourceTags: [{ Key: 'a', Value: '1' }],
    });
    const { IpamPool } = await e.call('ModifyIpamPool', {
      IpamPoolId: poolId,
      Description: 'changed',
      AllocationMinNetmaskLength: 20,
      ClearAllocationDefaultNetmaskLength: true,
      AddAllocationResourceTags: [{ Key: 'b', Value: '2' }],
      RemoveAllocationResourceTags: [{ Key: 'a', Value: '1' }],
    });
    expect([
      IpamPool.Description,
      IpamPool.AllocationMinNetmaskLength,
      IpamPool.AllocationDefaultNetmaskLength,
      IpamPool.AllocationResourceTags,
    ]).toEqual(['changed', 20, undefined, [{ Key: 'b', Value: '2' }]]);
    await e.expectError(
      'ModifyIpamPool',
      { IpamPoolId: poolId, AllocationMaxNetmaskLength: 19 },
      'InvalidParameterValue',
    );
    await e.expectError(
      'ModifyIpamPool',
      { IpamPoolId: poolId, AutoImport: true },
      'InvalidParameterCombination',
    );
  });

  it('F-POOL-12: describe by ids and filters', async () => {
    const e = await env();
    const { scopeId, poolId } = await ipamWithPool(e);
    const child = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
        Locale: 'us-west-2',
      })
    ).IpamPool;
    const ids = (r: { IpamPools: { IpamPoolId: string }[] }) => r.IpamPools.map((p) => p.IpamPoolId);
    expect(ids(await e.call('DescribeIpamPools', {}))).toEqual([poolId, child.IpamPoolId]);
    expect(
      ids(await e.call('DescribeIpamPools', { Filters: [{ Name: 'locale', Values: ['us-west-2'] }] })),
    ).toEqual([child.IpamPoolId]);
    expect(
      ids(
        await e.call('DescribeIpamPools', {
          Filters: [
            { Name: 'ipam-scope-id', Values: [scopeId] },
            { Name: 'pool-depth', Values: ['1'] },
          ],
        }),
      ),
    ).toEqual([poolId]);
    expect(ids(await e.call('DescribeIpamPools', { IpamPoolIds: [child.IpamPoolId] }))).toEqual([
      child.IpamPoolId,
    ]);
    const first = await e.call('DescribeIpamPools', { MaxResults: 5 });
    expect(first.NextToken).toBeUndefined();
    await e.expectError('DescribeIpamPools', { MaxResults: 4 }, 'InvalidParameterValue');
    await e.expectError('DescribeIpamPools', { NextToken: 'garbage' }, 'InvalidNextToken');
  });

  it('F-GEN-04: pagination walks every pool exactly once', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const made: string[] = [];
    for (let i = 0; i < 12; i++)
      made.push(
        (await e.call('CreateIpamPool', { IpamScopeId: Ipam.PrivateDefaultScopeId, AddressFamily: 'ipv4' }))
          .IpamPool.IpamPoolId,
      );
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await e.call('DescribeIpamPools', {
        MaxResults: 5,
        ...(token ? { NextToken: token } : {}),
      });
      expect(page.IpamPools.length).toBeLessThanOrEqual(5);
      seen.push(...page.IpamPools.map((p: { IpamPoolId: string }) => p.IpamPoolId));
      token = page.NextToken;
    } while (token);
    expect(seen).toEqual(made);
  });

  it('F-POOL-13: delete needs no CIDRs and no child pools', async () => {
    const e = await env();
    const { scopeId, poolId } = await ipamWithPool(e);
    await e.expectError('DeleteIpamPool', { IpamPoolId: poolId }, 'IncorrectState');
    await e.call('DeprovisionIpamPoolCidr', { IpamPoolId: poolId, Cidr: '10.0.0.0/8' });
    const child = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
      })
    ).IpamPool;
    await e.expectError('DeleteIpamPool', { IpamPoolId: poolId }, 'IncorrectState');
    await e.call('DeleteIpamPool', { IpamPoolId: child.IpamPoolId });
    expect((await e.call('DeleteIpamPool', { IpamPoolId: poolId })).IpamPool.State).toBe('delete-complete');
    await e.expectError('DescribeIpamPools', { IpamPoolIds: [poolId] }, 'InvalidIpamPoolId.NotFound');
  });

  /** Parent → child (with a CIDR from the parent) → a cascade delete of the child. */
  const cascadeRace = async () => {
    const e = await env();
    const { scopeId, poolId } = await ipamWithPool(e);
    const child = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        SourceIpamPoolId: poolId,
        AddressFamily: 'ipv4',
      })
    ).IpamPool;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: child.IpamPoolId, Cidr: '10.1.0.0/16' });
    const late = (source: string) =>
      e.call('CreateIpamPool', { IpamScopeId: scopeId, SourceIpamPoolId: source, AddressFamily: 'ipv4' });
    const poolIds = async () =>
      (await e.call('DescribeIpamPools', {})).IpamPools.map((p: { IpamPoolId: string }) => p.IpamPoolId);
    const poolCount = async () =>
      (await e.call('DescribeIpamScopes', { IpamScopeIds: [scopeId] })).IpamScopes[0].PoolCount;
    return { e, scopeId, poolId, child, late, poolIds, poolCount };
  };

  it('F-POOL-15: cascade delete removes the subtree and returns its space to the source', async () => {
    const { e, poolId, child, late, poolIds } = await cascadeRace();
    const grand = (await late(child.IpamPoolId)).IpamPool;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: grand.IpamPoolId, Cidr: '10.1.0.0/20' });
    await e.call('AllocateIpamPoolCidr', { IpamPoolId: grand.IpamPoolId, NetmaskLength: 24 });
    await e.call('DeleteIpamPool', { IpamPoolId: child.IpamPoolId, Cascade: true });
    expect(await poolIds()).toEqual([poolId]);
    expect((await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations).toEqual([]);
    const again = await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, Cidr: '10.1.0.0/16' });
    expect(again.IpamPoolAllocation.Cidr).toBe('10.1.0.0/16');
  });

  it('F-POOL-15: a child pool created while the cascade reads the subtree is deleted with it', async () => {
    const { e, poolId, child, late, poolIds, poolCount } = await cascadeRace();
    const store = e.deps.store;
    const list = store.list.bind(store);
    let created: string | undefined;
    // The first pool listing of the cascade answers from before a new child of the deleted pool.
    store.list = (async (q, limit, cursor) => {
      const page = await list(q, limit, cursor);
      if (q.kind === 'pool' && created === undefined) {
        created = 'pending';
        created = (await late(child.IpamPoolId)).IpamPool.IpamPoolId;
      }
      return page;
    }) as typeof store.list;
    await e.call('DeleteIpamPool', { IpamPoolId: child.IpamPoolId, Cascade: true });
    store.list = list;
    expect(created).toBe('ipam-pool-00000000000000003');
    expect(await poolIds()).toEqual([poolId]);
    expect(await poolCount()).toBe(1);
    // The parent holds no child and no allocation for the deleted child's CIDR.
    expect((await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations).toEqual([]);
    await e.call('DeprovisionIpamPoolCidr', { IpamPoolId: poolId, Cidr: '10.0.0.0/8' });
    expect((await e.call('DeleteIpamPool', { IpamPoolId: poolId })).IpamPool.State).toBe('delete-complete');
  });

  it('F-POOL-15: a child pool requested once the cascade has marked its source is refused', async () => {
    const { e, poolId, child, late, poolIds, poolCount } = await cascadeRace();
    const store = e.deps.store;
    const commit = store.commit.bind(store);
    let refused: string | undefined;
    store.commit = (async (writes) => {
      const res = await commit(writes);
      const w = writes[0];
      if (refused === undefined && w?.type === 'replace' && w.record.kind === 'pool' && res.ok) {
        refused = 'pending';
        refused = await e.expectError(
          'CreateIpamPool',
          { IpamScopeId: child.IpamScopeId, SourceIpamPoolId: child.IpamPoolId, AddressFamily: 'ipv4' },
          'IncorrectState',
        );
      }
      return res;
    }) as typeof store.commit;
    await e.call('DeleteIpamPool', { IpamPoolId: child.IpamPoolId, Cascade: true });
    store.commit = commit;
    expect(refused).toBe(
      `Source pool ${child.IpamPoolId} is in state 'delete-in-progress'; wait until it is complete.`,
    );
    expect(await poolIds()).toEqual([poolId]);
    expect(await poolCount()).toBe(1);
    expect((await late(poolId)).IpamPool.PoolDepth).toBe(2);
  });
  it('F-POOL-15: a child pool that read its source before the cascade marked it is refused at commit', async () => {
    const { e, poolId, child, late, poolIds, poolCount } = await cascadeRace();
    const store = e.deps.store;
    const commit = store.commit.bind(store);
    // Between the new child's read of its source and its commit, the cascade marks the source.
    store.commit = (async (writes) => {
      const w = writes[0];
      if (w?.type === 'create' && w.record.kind === 'pool') {
        const source = await store.get<PoolRecord>({ kind: 'pool', id: child.IpamPoolId });
        await commit([
          { type: 'replace', record: { ...source!, State: 'delete-in-progress' }, expectVersion: source!._v },
        ]);
      }
      return commit(writes);
    }) as typeof store.commit;
    const message = await e.expectError(
      'CreateIpamPool',
      { IpamScopeId: child.IpamScopeId, SourceIpamPoolId: child.IpamPoolId, AddressFamily: 'ipv4' },
      'IncorrectState',
    );
    store.commit = commit;
    expect(message).toBe(`Source pool ${child.IpamPoolId} is being deleted.`);
    await e.call('DeleteIpamPool', { IpamPoolId: child.IpamPoolId, Cascade: true });
    expect(await poolIds()).toEqual([poolId]);
    expect(await poolCount()).toBe(1);
    expect((await late(poolId)).IpamPool.PoolDepth).toBe(2);
  });
  it('F-POOL-15: a pool listing that lags behind (as an index can) leaves no child behind', async () => {
    const { e, poolId, child, late, poolIds, poolCount } = await cascadeRace();
    const grand = (await late(child.IpamPoolId)).IpamPool.IpamPoolId as string;
    const store = e.deps.store;
    const list = store.list.bind(store);
    let lagging = 2;
    // The first two pool listings do not show the newest child yet; the child counts do.
    store.list = (async (q, limit, cursor) => {
      const page = await list(q, limit, cursor);
      if (q.kind !== 'pool' || lagging === 0) return page;
      lagging--;
      return { ...page, items: page.items.filter((p) => (p as PoolRecord).IpamPoolId !== grand) };
    }) as typeof store.list;
    await e.call('DeleteIpamPool', { IpamPoolId: child.IpamPoolId, Cascade: true });
    store.list = list;
    expect(lagging).toBe(0);
    expect(await poolIds()).toEqual([poolId]);
    expect(await poolCount()).toBe(1);
  });

  /**
   * An allocation in the child that has read the pool and its space and commits while the
   * cascade runs: `at` says whether it commits just before or just after the cascade's first
   * removal of the child's space.
   */
  const allocationDuringCascade = async (at: 'before' | 'after') => {
    const { e, poolId, child } = await cascadeRace();
    const store = e.deps.store;
    const purgeSpace = store.purgeSpace.bind(store);
    const hold = holdFirstCommit(store, (writes) =>
      writes.some(
        (w) =>
          w.type === 'create' && w.record.kind === 'allocation' && w.record.IpamPoolId === child.IpamPoolId,
      ),
    );
    const allocation = e
      .call('AllocateIpamPoolCidr', { IpamPoolId: child.IpamPoolId, NetmaskLength: 24 })
      .then(
        (r) => r.IpamPoolAllocation.Cidr as string,
        (err: { code?: string }) => err.code ?? 'thrown',
      );
    await hold.reached();
    let first = true;
    store.purgeSpace = async (space) => {
      if (space === child.IpamPoolId && first) {
        first = false;
        if (at === 'before') {
          hold.release();
          await allocation;
        }
        await purgeSpace(space);
        if (at === 'after') {
          hold.release();
          await allocation;
        }
        return;
      }
      return purgeSpace(space);
    };
    await e.call('DeleteIpamPool', { IpamPoolId: child.IpamPoolId, Cascade: true });
    hold.restore();
    store.purgeSpace = purgeSpace;
    const left = await store.list({ kind: 'allocation', poolId: child.IpamPoolId }, 100);
    return { e, poolId, outcome: await allocation, left: left.items };
  };

  it('F-POOL-15: an allocation that commits while the cascade runs is removed with the pool', async () => {
    const { outcome, left } = await allocationDuringCascade('before');
    expect(outcome).toBe('10.1.0.0/24');
    expect(left).toEqual([]);
  });

  it('F-POOL-15: an allocation that commits after the cascade removed the space fails', async () => {
    const { e, poolId, outcome, left } = await allocationDuringCascade('after');
    expect(outcome).toBe('IncorrectState');
    expect(left).toEqual([]);
    expect((await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations).toEqual([]);
  });

  it('F-POOL-15: a CIDR provisioned to a pool the cascade has marked is refused, and the source keeps no claim', async () => {
    const { e, poolId, child } = await cascadeRace();
    const store = e.deps.store;
    const purge = store.purge.bind(store);
    // The provision has read the child and its source; it commits just before the child itself goes.
    const hold = holdFirstCommit(store, (writes) =>
      writes.some((w) => w.type === 'create' && w.record.kind === 'pool-cidr'),
    );
    const provision = e.expectError(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: child.IpamPoolId, Cidr: '10.2.0.0/16' },
      'IncorrectState',
    );
    await hold.reached();
    store.purge = async (refs) => {
      if (refs.some((r) => r.kind === 'pool')) {
        hold.release();
        await provision;
      }
      return purge(refs);
    };
    await e.call('DeleteIpamPool', { IpamPoolId: child.IpamPoolId, Cascade: true });
    hold.restore();
    store.purge = purge;
    expect(await provision).toBe(
      `Pool ${child.IpamPoolId} is in state 'delete-in-progress'; wait until it is complete.`,
    );
    expect((await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations).toEqual([]);
    expect((await store.list({ kind: 'pool-cidr', poolId: child.IpamPoolId }, 10)).items).toEqual([]);
  });
});
