/**
 * The metric store and GetIpamMetricData (F-MET-14/16) on both stores: what each cycle records,
 * read back over time in periods, per series or as the MAX across series, for the owner only.
 */
import { describe, expect, it } from 'vitest';
import { isAllotError } from '../../../core/errors';
import { recordIpamMetrics } from '../../../core/ops/monitoring/metrics/figures';
import {
  type GetIpamMetricDataInput,
  getIpamMetricData,
} from '../../../core/ops/monitoring/metrics/get-metric-data';
import type { IpamRecord } from '../../../core/records';
import { makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(storeFactories())('metric data (%s store)', (_name, makeStore) => {
  /** An IPAM with two pools in its private scope and one in an extra scope, recorded three times. */
  const setup = async () => {
    const env = makeEnv(await makeStore());
    const { Ipam } = await env.call('CreateIpam', {});
    const pool = async (IpamScopeId: string, Cidr: string) => {
      const id = (await env.call('CreateIpamPool', { IpamScopeId, AddressFamily: 'ipv4' })).IpamPool
        .IpamPoolId as string;
      await env.call('ProvisionIpamPoolCidr', { IpamPoolId: id, Cidr });
      return id;
    };
    const a = await pool(Ipam.PrivateDefaultScopeId, '10.0.0.0/16');
    const b = await pool(Ipam.PrivateDefaultScopeId, '10.1.0.0/16');
    const extra = (await env.call('CreateIpamScope', { IpamId: Ipam.IpamId })).IpamScope
      .IpamScopeId as string;
    const c = await pool(extra, '10.0.0.0/8');
    const ipam = (await env.deps.store.get<IpamRecord>({ kind: 'ipam', id: Ipam.IpamId }))!;
    const t0 = env.clock.now;
    const record = (at: number) => recordIpamMetrics(env.deps, ipam, new Date(at));
    const allocate = (IpamPoolId: string, NetmaskLength: number) =>
      env.call('AllocateIpamPoolCidr', { IpamPoolId, NetmaskLength });
    await record(t0);
    await allocate(a, 24);
    await allocate(b, 20);
    await record(t0 + 5 * MIN);
    await allocate(a, 24);
    await record(t0 + 10 * MIN);
    const query = (input: GetIpamMetricDataInput, who = env.caller) =>
      getIpamMetricData(env.deps, who, { StartTime: iso(t0), EndTime: iso(t0 + 15 * MIN), ...input });
    return { env, Ipam, a, b, c, extra, t0, query };
  };

  it('F-MET-16: one series per pool, a value per period, in the stored order of time', async () => {
    const { Ipam, a, t0, query } = await setup();
    const out = await query({ MetricName: 'PercentAssigned', Dimensions: [{ Name: 'PoolID', Value: a }] });
    expect(out.MetricDataResults).toEqual([
      {
        Label: 'PercentAssigned',
        Dimensions: [
          { Name: 'AddressFamily', Value: 'IPv4' },
          { Name: 'Locale', Value: 'None' },
          { Name: 'PoolID', Value: a },
          { Name: 'ScopeID', Value: Ipam.PrivateDefaultScopeId },
        ],
        // 0, then one /24 of a /16 (0.390625 %), then two.
        Timestamps: [iso(t0), iso(t0 + 5 * MIN), iso(t0 + 10 * MIN)],
        Values: [0, 0.390625, 0.78125],
      },
    ]);
  });

  it('F-MET-16: longer periods apply the statistic; MAX across series follows the fullest pool', async () => {
    const { Ipam, a, t0, query } = await setup();
    const one = async (Stat: string) =>
      (
        await query({
          MetricName: 'PercentAssigned',
          Dimensions: [{ Name: 'PoolID', Value: a }],
          Period: 900,
          Stat,
        })
      ).MetricDataResults[0]!.Values;
    expect(await one('Average')).toEqual([0.390625]);
    expect(await one('Maximum')).toEqual([0.78125]);
    expect(await one('Minimum')).toEqual([0]);
    expect(await one('Sum')).toEqual([1.171875]);
    expect(await one('SampleCount')).toEqual([3]);
    // Pool b took a /20 of its /16 (6.25 %) at the second cycle; pool a never gets there.
    const max = await query({
      MetricName: 'PercentAssigned',
      Dimensions: [{ Name: 'ScopeID', Value: Ipam.PrivateDefaultScopeId }],
      AcrossSeries: 'MAX',
    });
    expect(max.MetricDataResults).toEqual([
      {
        Label: 'MAX(PercentAssigned)',
        Timestamps: [iso(t0), iso(t0 + 5 * MIN), iso(t0 + 10 * MIN)],
        Values: [0, 6.25, 6.25],
      },
    ]);
    // EndTime is exclusive: the point recorded at t0 + 10 min is left out.
    const late = await query({
      MetricName: 'PercentAssigned',
      Dimensions: [{ Name: 'PoolID', Value: a }],
      StartTime: iso(t0 + 5 * MIN),
      EndTime: iso(t0 + 10 * MIN),
    });
    expect(late.MetricDataResults[0]!.Values).toEqual([0.390625]);
  });

  it('F-MET-07/16: every scope is recorded, scope series include zeros, and only the owner reads them', async () => {
    const { Ipam, c, extra, query, env } = await setup();
    const inExtra = await query({
      MetricName: 'PercentAssigned',
      Dimensions: [{ Name: 'ScopeID', Value: extra }],
    });
    expect(
      inExtra.MetricDataResults.map((r) => r.Dimensions!.find((d) => d.Name === 'PoolID')!.Value),
    ).toEqual([c]);
    const overlap = await query({
      MetricName: 'OverlappingResourceCidrs',
      Dimensions: [
        { Name: 'ScopeID', Value: Ipam.PrivateDefaultScopeId },
        { Name: 'AddressFamily', Value: 'IPv6' },
      ],
    });
    expect(overlap.MetricDataResults.map((r) => [r.Timestamps.length, r.Values])).toEqual([[3, [0, 0, 0]]]);
    const other = await query({ MetricName: 'PercentAssigned' }, { ...env.caller, accountId: OTHER_ACCOUNT });
    expect(other.MetricDataResults).toEqual([]);
    const all = await query({ MetricName: 'PercentAssigned' });
    expect(all.MetricDataResults).toHaveLength(3);
  });

  it('rejects bad queries with EC2-style codes', async () => {
    const { t0, query } = await setup();
    const code = async (input: Partial<GetIpamMetricDataInput>) => {
      try {
        await query({ MetricName: 'PercentAssigned', ...input });
      } catch (e) {
        if (isAllotError(e)) return `${e.code}: ${e.message}`;
        throw e;
      }
      return 'ok';
    };
    expect(await code({ MetricName: undefined })).toBe(
      'MissingParameter: The request must contain the parameter MetricName.',
    );
    expect(await code({ Period: 90 })).toBe(
      'InvalidParameterValue: Period must be a positive multiple of 60 seconds; got 90.',
    );
    expect(await code({ Stat: 'p99' })).toBe(
      "InvalidParameterValue: Stat must be one of Average, Minimum, Maximum, Sum, SampleCount; got 'p99'.",
    );
    expect(await code({ EndTime: iso(t0) })).toBe(
      'InvalidParameterValue: StartTime must be earlier than EndTime.',
    );
    expect(await code({ EndTime: 'yesterday' })).toBe(
      "InvalidParameterValue: EndTime 'yesterday' is not a timestamp.",
    );
    expect(await code({ EndTime: iso(t0 + 1441 * MIN), Period: 60 })).toBe(
      'InvalidParameterValue: The query spans 1441 periods; at most 1440 are allowed (use a longer Period).',
    );
    expect(await code({ AcrossSeries: 'MIN' })).toBe(
      "InvalidParameterValue: AcrossSeries must be 'MAX'; got 'MIN'.",
    );
    expect(await code({ Dimensions: [{ Name: 'PoolID' }] })).toBe(
      'MissingParameter: The request must contain the parameter Dimensions.1.Value.',
    );
    expect(await code({ EndTime: iso(t0 + 1440 * MIN), Period: 60 })).toBe('ok');
  });
});
