import { describe, expect, it } from 'vitest';
import { ACCOUNT, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

describe.each(storeFactories())('IPAMs and scopes (%s store)', (_name, makeStore) => {
  const env = async () => makeEnv(await makeStore());

  it('F-IPAM-01/02: creates an IPAM with default scopes; the home region joins the listed operating regions last', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {
      Description: 'My IPAM',
      OperatingRegions: [{ RegionName: 'us-west-2' }],
      TagSpecifications: [{ ResourceType: 'ipam', Tags: [{ Key: 'env', Value: 'test' }] }],
    });
    expect(Ipam).toEqual({
      IpamId: 'ipam-00000000000000001',
      IpamArn: `arn:aws:ec2::${ACCOUNT}:ipam/ipam-00000000000000001`,
      OwnerId: ACCOUNT,
      IpamRegion: 'us-east-1',
      Description: 'My IPAM',
      // As EC2 answers in F-TUT-CLI-02: the home region is added even though it was not listed.
      OperatingRegions: [{ RegionName: 'us-west-2' }, { RegionName: 'us-east-1' }],
      Tier: 'advanced',
      EnablePrivateGua: false,
      MeteredAccount: 'ipam-owner',
      PublicDefaultScopeId: 'ipam-scope-00000000000000001',
      PrivateDefaultScopeId: 'ipam-scope-00000000000000002',
      ScopeCount: 2,
      DefaultResourceDiscoveryId: 'ipam-res-disco-00000000000000001',
      DefaultResourceDiscoveryAssociationId: 'ipam-res-disco-assoc-00000000000000001',
      ResourceDiscoveryAssociationCount: 1,
      State: 'create-complete',
      Tags: [{ Key: 'env', Value: 'test' }],
    });
    const { IpamScopes } = await e.call('DescribeIpamScopes', {});
    expect(
      IpamScopes.map((s: { IpamScopeType: string; IsDefault: boolean }) => [s.IpamScopeType, s.IsDefault]),
    ).toEqual([
      ['public', true],
      ['private', true],
    ]);
  });

  it('F-QUOTA-01: one IPAM per account and region', async () => {
    const e = await env();
    await e.call('CreateIpam', {});
    await e.expectError('CreateIpam', {}, 'ResourceLimitExceeded');
    const other = await e.call('CreateIpam', {}, { region: 'eu-west-1' });
    expect(other.Ipam.IpamRegion).toBe('eu-west-1');
  });

  it('F-GEN-03: ClientToken replays the original IPAM; different parameters are a mismatch', async () => {
    const e = await env();
    const first = await e.call('CreateIpam', { ClientToken: 'tok-1', Description: 'a' });
    const again = await e.call('CreateIpam', { ClientToken: 'tok-1', Description: 'a' });
    expect(again).toEqual(first);
    await e.expectError(
      'CreateIpam',
      { ClientToken: 'tok-1', Description: 'b' },
      'IdempotentParameterMismatch',
    );
  });

  it('F-GEN-02: DryRun answers DryRunOperation and writes nothing', async () => {
    const e = await env();
    await e.expectError('CreateIpam', { DryRun: true }, 'DryRunOperation');
    expect((await e.call('DescribeIpams', {})).Ipams).toEqual([]);
  });

  it.each([
    [{ Tier: 'gold' }, 'InvalidParameterValue'],
    [{ OperatingRegions: [{ RegionName: 'mars-1' }] }, 'InvalidParameterValue'],
    [{ MeteredAccount: 'resource-owner' }, 'OperationNotPermitted'],
    [
      { TagSpecifications: [{ ResourceType: 'ipam-pool', Tags: [{ Key: 'a', Value: 'b' }] }] },
      'InvalidParameterValue',
    ],
  ])('rejects CreateIpam %j with %s', async (input, code) => {
    const e = await env();
    await e.expectError('CreateIpam', input, code);
  });

  it('F-IPAM-05: DescribeIpams by id, by filter, and not other accounts', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {
      TagSpecifications: [{ ResourceType: 'ipam', Tags: [{ Key: 'team', Value: 'net' }] }],
    });
    await e.call('CreateIpam', {}, { accountId: OTHER_ACCOUNT });
    expect(
      (await e.call('DescribeIpams', { IpamIds: [Ipam.IpamId] })).Ipams.map(
        (i: { IpamId: string }) => i.IpamId,
      ),
    ).toEqual([Ipam.IpamId]);
    expect(
      (await e.call('DescribeIpams', { Filters: [{ Name: 'tag:team', Values: ['net'] }] })).Ipams,
    ).toHaveLength(1);
    expect(
      (await e.call('DescribeIpams', { Filters: [{ Name: 'tag:team', Values: ['other'] }] })).Ipams,
    ).toHaveLength(0);
    await e.expectError('DescribeIpams', { IpamIds: ['ipam-0123456789abcdef0'] }, 'InvalidIpamId.NotFound');
    await e.expectError('DescribeIpams', { IpamIds: [Ipam.IpamId] }, 'InvalidIpamId.NotFound', {
      accountId: OTHER_ACCOUNT,
    });
    await e.expectError(
      'DescribeIpams',
      { Filters: [{ Name: 'no-such-field', Values: ['x'] }] },
      'InvalidParameterValue',
    );
  });

  it('F-REGION-03: adds and removes operating regions; never the home region or one in use', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const added = await e.call('ModifyIpam', {
      IpamId: Ipam.IpamId,
      AddOperatingRegions: [{ RegionName: 'us-west-2' }, { RegionName: 'eu-west-1' }],
    });
    expect(added.Ipam.OperatingRegions).toEqual([
      { RegionName: 'us-east-1' },
      { RegionName: 'us-west-2' },
      { RegionName: 'eu-west-1' },
    ]);
    await e.expectError(
      'ModifyIpam',
      { IpamId: Ipam.IpamId, RemoveOperatingRegions: [{ RegionName: 'us-east-1' }] },
      'InvalidParameterValue',
    );
    const { IpamPool } = await e.call('CreateIpamPool', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
      Locale: 'us-west-2',
    });
    const msg = await e.expectError(
      'ModifyIpam',
      { IpamId: Ipam.IpamId, RemoveOperatingRegions: [{ RegionName: 'us-west-2' }] },
      'IncorrectState',
    );
    expect(msg).toContain(IpamPool.IpamPoolId);
    const removed = await e.call('ModifyIpam', {
      IpamId: Ipam.IpamId,
      RemoveOperatingRegions: [{ RegionName: 'eu-west-1' }],
    });
    expect(removed.Ipam.OperatingRegions).toEqual([{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }]);
  });

  it('F-TIER-03/04: downgrade is blocked by private pools and extra scopes; upgrade always works', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const { IpamScope } = await e.call('CreateIpamScope', { IpamId: Ipam.IpamId });
    const msg = await e.expectError(
      'ModifyIpam',
      { IpamId: Ipam.IpamId, Tier: 'free' },
      'OperationNotPermitted',
    );
    expect(msg).toContain(IpamScope.IpamScopeId);
    await e.call('DeleteIpamScope', { IpamScopeId: IpamScope.IpamScopeId });
    expect((await e.call('ModifyIpam', { IpamId: Ipam.IpamId, Tier: 'free' })).Ipam.Tier).toBe('free');
    await e.expectError('CreateIpamScope', { IpamId: Ipam.IpamId }, 'OperationNotPermitted');
    await e.expectError(
      'CreateIpamPool',
      { IpamScopeId: Ipam.PrivateDefaultScopeId, AddressFamily: 'ipv4' },
      'OperationNotPermitted',
    );
    expect((await e.call('ModifyIpam', { IpamId: Ipam.IpamId, Tier: 'advanced' })).Ipam.Tier).toBe(
      'advanced',
    );
  });

  it('F-SCOPE-03/05, F-QUOTA-02: extra private scopes up to five; defaults and non-empty scopes cannot be deleted', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push((await e.call('CreateIpamScope', { IpamId: Ipam.IpamId, Description: `s${i}` })).IpamScope);
    expect(made.map((s) => [s.IpamScopeType, s.IsDefault, s.Description])).toEqual([
      ['private', false, 's0'],
      ['private', false, 's1'],
      ['private', false, 's2'],
    ]);
    await e.expectError('CreateIpamScope', { IpamId: Ipam.IpamId }, 'ResourceLimitExceeded');
    expect((await e.call('DescribeIpams', {})).Ipams[0].ScopeCount).toBe(5);
    await e.expectError('DeleteIpamScope', { IpamScopeId: Ipam.PrivateDefaultScopeId }, 'IncorrectState');
    await e.call('CreateIpamPool', { IpamScopeId: made[0].IpamScopeId, AddressFamily: 'ipv4' });
    await e.expectError('DeleteIpamScope', { IpamScopeId: made[0].IpamScopeId }, 'IncorrectState');
    const deleted = await e.call('DeleteIpamScope', { IpamScopeId: made[1].IpamScopeId });
    expect(deleted.IpamScope.State).toBe('delete-complete');
    expect((await e.call('DescribeIpams', {})).Ipams[0].ScopeCount).toBe(4);
    await e.expectError(
      'DeleteIpamScope',
      { IpamScopeId: made[1].IpamScopeId },
      'InvalidIpamScopeId.NotFound',
    );
  });

  it('F-SCOPE-06, F-EXT-02/03: external authority on private scopes only, validated', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const ext = { Type: 'infoblox', ExternalResourceIdentifier: '1.identity.account.realm.entity' };
    const mod = await e.call('ModifyIpamScope', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      ExternalAuthorityConfiguration: ext,
      Description: 'ib',
    });
    expect(mod.IpamScope.ExternalAuthorityConfiguration).toEqual(ext);
    expect(mod.IpamScope.Description).toBe('ib');
    await e.expectError(
      'ModifyIpamScope',
      { IpamScopeId: Ipam.PublicDefaultScopeId, ExternalAuthorityConfiguration: ext },
      'InvalidParameterCombination',
    );
    await e.expectError(
      'ModifyIpamScope',
      {
        IpamScopeId: Ipam.PrivateDefaultScopeId,
        ExternalAuthorityConfiguration: { Type: 'infoblox', ExternalResourceIdentifier: 'bad' },
      },
      'InvalidParameterValue',
    );
    const removed = await e.call('ModifyIpamScope', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      RemoveExternalAuthorityConfiguration: true,
    });
    expect(removed.IpamScope.ExternalAuthorityConfiguration).toBeUndefined();
  });

  it('F-IPAM-07: delete without cascade needs an empty IPAM', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const { IpamPool } = await e.call('CreateIpamPool', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
    });
    await e.expectError('DeleteIpam', { IpamId: Ipam.IpamId }, 'IncorrectState');
    await e.call('DeleteIpamPool', { IpamPoolId: IpamPool.IpamPoolId });
    expect((await e.call('DeleteIpam', { IpamId: Ipam.IpamId })).Ipam.State).toBe('delete-complete');
    expect((await e.call('DescribeIpams', {})).Ipams).toEqual([]);
    expect((await e.call('CreateIpam', {})).Ipam.IpamRegion).toBe('us-east-1');
  });

  /** An IPAM with a private pool (CIDR and allocation) and a hook on the store's pool listings. */
  const cascadeRace = async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const { IpamPool } = await e.call('CreateIpamPool', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
    });
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: '10.0.0.0/16' });
    await e.call('AllocateIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, NetmaskLength: 24 });
    const store = e.deps.store;
    const list = store.list.bind(store);
    /** Runs `act` once, right after the first listing of the scope's pools (the cascade's check, before any mark). */
    const onPoolListing = (scopeId: string, act: () => Promise<unknown>) => {
      let done = false;
      store.list = (async (q, limit, cursor) => {
        const page = await list(q, limit, cursor);
        if (q.kind === 'pool' && 'scopeId' in q && q.scopeId === scopeId && !done) {
          done = true;
          await act();
        }
        return page;
      }) as typeof store.list;
    };
    const restore = () => {
      store.list = list;
    };
    return { e, Ipam, onPoolListing, restore };
  };

  it('F-IPAM-08: cascade delete removes private pools with their CIDRs and allocations; refused with public pools', async () => {
    const { e, Ipam } = await cascadeRace();
    const pub = await e.call('CreateIpamPool', {
      IpamScopeId: Ipam.PublicDefaultScopeId,
      AddressFamily: 'ipv4',
    });
    await e.expectError('DeleteIpam', { IpamId: Ipam.IpamId, Cascade: true }, 'IncorrectState');
    await e.call('DeleteIpamPool', { IpamPoolId: pub.IpamPool.IpamPoolId });
    expect((await e.call('DeleteIpam', { IpamId: Ipam.IpamId, Cascade: true })).Ipam.State).toBe(
      'delete-complete',
    );
    expect((await e.call('DescribeIpams', {})).Ipams).toEqual([]);
    expect((await e.call('DescribeIpamPools', {})).IpamPools).toEqual([]);
    expect((await e.call('DescribeIpamPoolAllocations', {})).IpamPoolAllocations).toEqual([]);
  });

  it('F-IPAM-08: a pool created while the cascade checks the IPAM is deleted with it', async () => {
    const { e, Ipam, onPoolListing, restore } = await cascadeRace();
    let late = '';
    onPoolListing(Ipam.PrivateDefaultScopeId, async () => {
      late = (
        await e.call('CreateIpamPool', { IpamScopeId: Ipam.PrivateDefaultScopeId, AddressFamily: 'ipv4' })
      ).IpamPool.IpamPoolId;
    });
    expect((await e.call('DeleteIpam', { IpamId: Ipam.IpamId, Cascade: true })).Ipam.State).toBe(
      'delete-complete',
    );
    restore();
    expect(late).toBe('ipam-pool-00000000000000002');
    expect((await e.call('DescribeIpamPools', {})).IpamPools).toEqual([]);
    expect((await e.call('DescribeIpamScopes', {})).IpamScopes).toEqual([]);
  });

  it('F-IPAM-08: a pool or scope that read its IPAM before the cascade marked it is refused at commit', async () => {
    const { e, Ipam, onPoolListing, restore } = await cascadeRace();
    const store = e.deps.store;
    const commit = store.commit.bind(store);
    const purgeSpace = store.purgeSpace.bind(store);
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
    let creates: Promise<string[]> | undefined;
    // Both creates read their scope or IPAM first; the cascade's three marks (IPAM, two scopes)
    // land next; then the creates commit; the cascade removes nothing until they have answered.
    onPoolListing(Ipam.PrivateDefaultScopeId, async () => {
      let waiting = 0;
      let marks = 0;
      store.commit = (async (writes) => {
        const w = writes[0];
        if (w?.type === 'create' && (w.record.kind === 'pool' || w.record.kind === 'scope')) {
          waiting++;
          while (marks < 3) await tick();
        }
        if (w?.type === 'replace') while (waiting < 2) await tick();
        const res = await commit(writes);
        if (w?.type === 'replace' && res.ok) marks++;
        return res;
      }) as typeof store.commit;
      creates = Promise.all([
        e.expectError(
          'CreateIpamPool',
          { IpamScopeId: Ipam.PrivateDefaultScopeId, AddressFamily: 'ipv4' },
          'IncorrectState',
        ),
        e.expectError('CreateIpamScope', { IpamId: Ipam.IpamId }, 'IncorrectState'),
      ]);
      store.purgeSpace = async (space) => {
        await creates;
        return purgeSpace(space);
      };
    });
    expect((await e.call('DeleteIpam', { IpamId: Ipam.IpamId, Cascade: true })).Ipam.State).toBe(
      'delete-complete',
    );
    restore();
    store.commit = commit;
    store.purgeSpace = purgeSpace;
    expect(await creates).toEqual([
      `Scope ${Ipam.PrivateDefaultScopeId} is in state 'delete-in-progress'; wait until it is complete.`,
      `IPAM ${Ipam.IpamId} is in state 'delete-in-progress'; wait until it is complete.`,
    ]);
    expect((await e.call('DescribeIpamPools', {})).IpamPools).toEqual([]);
    expect((await e.call('DescribeIpamScopes', {})).IpamScopes).toEqual([]);
  });

  it('F-IPAM-08: a public pool created after the check refuses the cascade and leaves the IPAM as it was', async () => {
    const { e, Ipam, onPoolListing, restore } = await cascadeRace();
    onPoolListing(Ipam.PublicDefaultScopeId, () =>
      e.call('CreateIpamPool', { IpamScopeId: Ipam.PublicDefaultScopeId, AddressFamily: 'ipv4' }),
    );
    const message = await e.expectError(
      'DeleteIpam',
      { IpamId: Ipam.IpamId, Cascade: true },
      'IncorrectState',
    );
    restore();
    expect(message).toBe(
      'Cascade delete is refused while the public scope has pools: ipam-pool-00000000000000002.',
    );
    expect((await e.call('DescribeIpams', {})).Ipams.map((i: { State: string }) => i.State)).toEqual([
      'create-complete',
    ]);
    expect(
      (await e.call('DescribeIpamScopes', {})).IpamScopes.map((s: { State: string }) => s.State),
    ).toEqual(['create-complete', 'create-complete']);
    const pools = (await e.call('DescribeIpamPools', {})).IpamPools.map((p: { State: string }) => p.State);
    expect(pools).toEqual(['create-complete', 'create-complete']);
    const more = await e.call('CreateIpamPool', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
    });
    expect(more.IpamPool.State).toBe('create-complete');
  });

  it('F-IPAM-08/09: associations go with the cascade even when listed late, and none can be added to it', async () => {
    const { e, Ipam, onPoolListing, restore } = await cascadeRace();
    const rd = async (region: string) =>
      (await e.call('CreateIpamResourceDiscovery', {}, { region })).IpamResourceDiscovery
        .IpamResourceDiscoveryId;
    const early = (
      await e.call('AssociateIpamResourceDiscovery', {
        IpamId: Ipam.IpamId,
        IpamResourceDiscoveryId: await rd('us-west-2'),
      })
    ).IpamResourceDiscoveryAssociation.IpamResourceDiscoveryAssociationId;
    const lateRd = await rd('eu-west-1');
    const store = e.deps.store;
    const list = store.list.bind(store);
    const commit = store.commit.bind(store);
    let hidden = 2;
    let marked = false;
    let refused: Promise<string> | undefined;
    onPoolListing(Ipam.PrivateDefaultScopeId, async () => {
      // The first two association listings lag behind and miss the early association.
      store.list = (async (q, limit, cursor) => {
        const page = await list(q, limit, cursor);
        if (q.kind !== 'rd-association' || hidden === 0) return page;
        hidden--;
        return {
          ...page,
          items: page.items.filter(
            (a) =>
              (a as { IpamResourceDiscoveryAssociationId: string }).IpamResourceDiscoveryAssociationId !==
              early,
          ),
        };
      }) as typeof store.list;
      // A new association reads the IPAM now and commits once the cascade has marked it.
      store.commit = (async (writes) => {
        if (writes.some((w) => w.type === 'create' && w.record.kind === 'rd-association'))
          while (!marked) await new Promise((resolve) => setTimeout(resolve, 1));
        const res = await commit(writes);
        if (writes[0]?.type === 'replace' && writes[0].record.kind === 'ipam' && res.ok) marked = true;
        return res;
      }) as typeof store.commit;
      refused = e.expectError(
        'AssociateIpamResourceDiscovery',
        { IpamId: Ipam.IpamId, IpamResourceDiscoveryId: lateRd },
        'IncorrectState',
      );
    });
    expect((await e.call('DeleteIpam', { IpamId: Ipam.IpamId, Cascade: true })).Ipam.State).toBe(
      'delete-complete',
    );
    const message = await refused;
    restore();
    store.commit = commit;
    expect(message).toBe(`IPAM ${Ipam.IpamId} is in state 'delete-in-progress'; wait until it is complete.`);
    expect(hidden).toBe(0);
    expect(await store.get({ kind: 'rd-association', id: early })).toBeUndefined();
    expect(
      (await e.call('DescribeIpamResourceDiscoveryAssociations', {})).IpamResourceDiscoveryAssociations,
    ).toEqual([]);
    // The RDs themselves stay with their owner (F-RDA-05).
    expect((await e.call('DescribeIpamResourceDiscoveries', {})).IpamResourceDiscoveries).toHaveLength(2);
  });
});
