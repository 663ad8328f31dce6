import { describe, expect, it } from 'vitest';
import { planCycle } from '../../../core/ops/monitoring/run/plan';
import { type RunIo, runCycle } from '../../../core/ops/monitoring/run/run';
import type { DiscoverySample, ReconcileInput, WorkItem } from '../../../core/ops/monitoring/run/types';
import { MemoryStore } from '../../../core/store/memory';
import { ACCOUNT, type Env, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';

const RD1 = 'ipam-res-disco-00000000000000001';
const RD2 = 'ipam-res-disco-00000000000000002';

const twoIpams = async (): Promise<Env> => {
  const e = makeEnv(new MemoryStore());
  await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
  await e.call('CreateIpam', {}, { accountId: OTHER_ACCOUNT, region: 'eu-west-1' });
  return e;
};

const sample = (item: WorkItem, at: Date, fail = false): DiscoverySample => ({
  account: {
    AccountId: item.AccountId,
    DiscoveryRegion: item.Region,
    LastAttemptedDiscoveryTime: at,
    ...(fail
      ? { FailureReason: { Code: 'throttling-failure' as const, Message: 'slow down' } }
      : { LastSuccessfulDiscoveryTime: at }),
  },
  resourceCidrs: fail
    ? []
    : [
        {
          ResourceId: `vpc-${item.Region}`,
          ResourceType: 'vpc',
          ResourceRegion: item.Region,
          ResourceOwnerId: item.AccountId,
          ResourceCidr: '10.0.0.0/16',
          IpSource: 'none',
          ResourceTags: [],
          SampleTime: at,
        },
      ],
  publicAddresses: [],
});

/** What the fake reconciliation says it did not import, per IPAM. */
const skippedIn = (ipamId: string) => ({
  IpamPoolId: `pool-of-${ipamId}`,
  Cidr: '10.0.0.0/24',
  ResourceId: 'vpc-a',
  Reason: 'cooling-down',
  Message: 'Space still in the release cool-down.',
});

/** A fake io: each read costs `costMs` of a budget of `budgetMs`; `failing` regions fail. */
const fakeIo = (
  e: Env,
  o: { budgetMs?: number; costMs?: number; failing?: string[]; throwing?: string[] } = {},
) => {
  let spent = 0;
  const reads: string[] = [];
  const reconciled: ReconcileInput[] = [];
  const io: RunIo = {
    async read(item) {
      reads.push(`${item.AccountId}/${item.Region}`);
      spent += o.costMs ?? 0;
      if (o.throwing?.includes(item.Region)) throw new Error('boom');
      return sample(item, new Date(e.deps.now()), o.failing?.includes(item.Region));
    },
    async reconcile(_deps, input) {
      reconciled.push(input);
      return { notImported: [skippedIn(input.ipamId)] };
    },
    remainingMs: () => (o.budgetMs ?? Number.POSITIVE_INFINITY) - spent,
    log: () => {},
  };
  return { io, reads, reconciled };
};

describe('discovery cycle', () => {
  it('plans one item per (RD, account, region) of every IPAM, home region first', async () => {
    const e = await twoIpams();
    const state = await planCycle(e.deps);
    expect(state.items).toEqual([
      { AccountId: ACCOUNT, Region: 'us-east-1', rdId: RD1, ipamIds: ['ipam-00000000000000001'] },
      { AccountId: ACCOUNT, Region: 'us-west-2', rdId: RD1, ipamIds: ['ipam-00000000000000001'] },
      { AccountId: OTHER_ACCOUNT, Region: 'eu-west-1', rdId: RD2, ipamIds: ['ipam-00000000000000002'] },
    ]);
    expect(state.pending).toEqual({
      'ipam-00000000000000001': {
        rdIds: [RD1],
        covered: [],
        monitored: [
          { AccountId: ACCOUNT, Region: 'us-east-1' },
          { AccountId: ACCOUNT, Region: 'us-west-2' },
        ],
      },
      'ipam-00000000000000002': {
        rdIds: [RD2],
        covered: [],
        monitored: [{ AccountId: OTHER_ACCOUNT, Region: 'eu-west-1' }],
      },
    });
    expect((await planCycle(e.deps, { owner: OTHER_ACCOUNT })).items.map((i) => i.Region)).toEqual([
      'eu-west-1',
    ]);
  });

  it('one failing or throwing target does not stop the others; only successes are covered', async () => {
    const e = await twoIpams();
    const { io, reads, reconciled } = fakeIo(e, { failing: ['us-west-2'], throwing: ['eu-west-1'] });
    const report = await runCycle(e.deps, io, await planCycle(e.deps), { concurrency: 2, reserveMs: 0 });
    expect(reads).toEqual([`${ACCOUNT}/us-east-1`, `${ACCOUNT}/us-west-2`, `${OTHER_ACCOUNT}/eu-west-1`]);
    expect(report).toEqual({
      read: 3,
      failed: 2,
      reconciled: ['ipam-00000000000000001', 'ipam-00000000000000002'],
      notImported: [skippedIn('ipam-00000000000000001'), skippedIn('ipam-00000000000000002')],
    });
    expect(reconciled.map((r) => [r.ipamId, r.covered, r.discovered.map((d) => d.ResourceId)])).toEqual([
      ['ipam-00000000000000001', [{ AccountId: ACCOUNT, Region: 'us-east-1' }], ['vpc-us-east-1']],
      ['ipam-00000000000000002', [], []],
    ]);
  });

  it('stops starting targets at the reserve and hands on the rest; the next invocation reconciles', async () => {
    const e = await twoIpams();
    const first = fakeIo(e, { budgetMs: 250, costMs: 100 });
    const r1 = await runCycle(e.deps, first.io, await planCycle(e.deps), { concurrency: 1, reserveMs: 100 });
    // 250 ms, 100 ms reserve: one read (then 150 left), a second (50 left), no third.
    expect(first.reads).toEqual([`${ACCOUNT}/us-east-1`, `${ACCOUNT}/us-west-2`]);
    expect(r1.reconciled).toEqual(['ipam-00000000000000001']);
    expect(r1.next?.items.map((i) => i.Region)).toEqual(['eu-west-1']);
    expect(r1.next?.hop).toBe(1);
    const second = fakeIo(e);
    const r2 = await runCycle(e.deps, second.io, JSON.parse(JSON.stringify(r1.next)), {
      concurrency: 4,
      reserveMs: 100,
    });
    expect(r2).toEqual({
      read: 1,
      failed: 0,
      reconciled: ['ipam-00000000000000002'],
      notImported: [skippedIn('ipam-00000000000000002')],
    });
    expect(second.reconciled[0]?.covered).toEqual([{ AccountId: OTHER_ACCOUNT, Region: 'eu-west-1' }]);
  });

  it('an IPAM split across invocations is reconciled once, with the pairs of both', async () => {
    const e = await twoIpams();
    const first = fakeIo(e, { budgetMs: 150, costMs: 100 });
    const r1 = await runCycle(e.deps, first.io, await planCycle(e.deps), { concurrency: 1, reserveMs: 60 });
    expect(first.reads).toEqual([`${ACCOUNT}/us-east-1`]);
    expect(r1.reconciled).toEqual([]);
    expect(r1.next?.pending['ipam-00000000000000001']?.covered).toEqual([
      { AccountId: ACCOUNT, Region: 'us-east-1' },
    ]);
    const none = await runCycle(e.deps, fakeIo(e, { budgetMs: 50 }).io, r1.next!, {
      concurrency: 1,
      reserveMs: 60,
    });
    expect(none).toEqual({
      read: 0,
      failed: 0,
      reconciled: [],
      notImported: [],
      next: { ...r1.next, hop: 2 },
    });
    const second = fakeIo(e);
    const r2 = await runCycle(e.deps, second.io, none.next!, { concurrency: 2, reserveMs: 60 });
    expect(r2).toEqual({
      read: 2,
      failed: 0,
      reconciled: ['ipam-00000000000000001', 'ipam-00000000000000002'],
      notImported: [skippedIn('ipam-00000000000000001'), skippedIn('ipam-00000000000000002')],
    });
    expect(second.reconciled[0]?.covered).toEqual([
      { AccountId: ACCOUNT, Region: 'us-east-1' },
      { AccountId: ACCOUNT, Region: 'us-west-2' },
    ]);
    expect(second.reconciled[0]?.discovered.map((d) => d.ResourceId)).toEqual([
      'vpc-us-east-1',
      'vpc-us-west-2',
    ]);
  });
});
