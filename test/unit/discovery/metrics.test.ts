import { describe, expect, it } from 'vitest';
import { share } from '../../../core/cidr';
import { evaluate } from '../../../core/ops/monitoring/analysis/evaluate';
import {
  poolMetricData,
  scopeMetricData,
  selectSeries,
  usageMetricData,
} from '../../../core/ops/monitoring/metrics/datapoints';
import {
  countByPool,
  countResourceCidrs,
  poolUtilization,
  scopeUtilization,
  toEmfLines,
} from '../../../core/ops/monitoring/metrics/utilization';
import { alloc, makeRow } from '../../helpers/fixtures';

describe('exact shares (F-STAT-01)', () => {
  it.each<[bigint, bigint, number]>([
    [1n, 65536n, 1 / 65536],
    [2n ** 64n, 2n ** 80n, 1 / 65536],
    [1n, 2n ** 128n, 2 ** -128],
    [1n, 3n, 1 / 3],
    [2n ** 128n - 1n, 2n ** 128n, 1],
    [0n, 5n, 0],
  ])('%s / %s', (num, den, expected) => {
    expect(share(num, den)).toBe(expected);
  });
});

describe('pool utilisation (F-MET-03)', () => {
  it('IPv6: a /48 with one /64 assigned is exactly 1/65536', () => {
    const u = poolUtilization({
      ProvisionedCidrs: ['2001:db8::/48'],
      Allocations: [{ Cidr: '2001:db8::/64', ResourceType: 'vpc' }],
    });
    expect(u).toEqual({
      provisioned: 2n ** 80n,
      allocatedToPools: 0n,
      assigned: 2n ** 64n,
      used: 2n ** 64n,
      available: 2n ** 80n - 2n ** 64n,
      share: 1 / 65536,
      PercentAllocated: 0,
      PercentAssigned: 100 / 65536,
      PercentAvailable: share(100n * (2n ** 80n - 2n ** 64n), 2n ** 80n),
    });
  });

  it('IPv4: child pools are "allocated", resources, custom and cool-down space "assigned"', () => {
    const u = poolUtilization({
      ProvisionedCidrs: ['10.0.0.0/16'],
      Allocations: [
        { Cidr: '10.0.0.0/18', ResourceType: 'ipam-pool' },
        { Cidr: '10.0.64.0/24', ResourceType: 'vpc' },
        { Cidr: '10.0.65.0/24', ResourceType: 'custom' },
      ],
      CoolingDownCidrs: ['10.0.66.0/24'],
    });
    expect(u).toMatchObject({
      provisioned: 65536n,
      allocatedToPools: 16384n,
      assigned: 768n,
      available: 48384n,
    });
    expect([u?.PercentAllocated, u?.PercentAssigned, u?.PercentAvailable]).toEqual([25, 1.171875, 73.828125]);
  });

  it('a pool with no provisioned CIDR publishes nothing', () => {
    expect(poolUtilization({ ProvisionedCidrs: [], Allocations: [] })).toBeUndefined();
    expect(poolMetricData({ IpamPoolId: 'p', IpamScopeId: 's', AddressFamily: 'ipv4' }, undefined)).toEqual(
      [],
    );
  });

  it('scope utilisation counts top-level pools only, per family', () => {
    expect(
      scopeUtilization([
        {
          AddressFamily: 'ipv4',
          ProvisionedCidrs: ['10.0.0.0/8'],
          Allocations: [{ Cidr: '10.0.0.0/9', ResourceType: 'ipam-pool' }],
        },
        {
          AddressFamily: 'ipv4',
          SourceIpamPoolId: 'top',
          ProvisionedCidrs: ['10.0.0.0/9'],
          Allocations: [{ Cidr: '10.0.0.0/10', ResourceType: 'vpc' }],
        },
        {
          AddressFamily: 'ipv6',
          ProvisionedCidrs: ['2001:db8::/48'],
          Allocations: [{ Cidr: '2001:db8::/64', ResourceType: 'custom' }],
        },
      ]),
    ).toEqual([
      { AddressFamily: 'ipv4', provisioned: 2n ** 24n, used: 2n ** 23n, share: 0.5 },
      { AddressFamily: 'ipv6', provisioned: 2n ** 80n, used: 2n ** 64n, share: 1 / 65536 },
    ]);
  });
});

const scopeRows = () =>
  evaluate({
    resources: [
      makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24' }),
      makeRow({ ResourceId: 'vpc-2', ResourceCidr: '10.0.0.0/24' }),
      makeRow({ ResourceId: 'vpc-3', ResourceCidr: '10.1.0.0/24', Ignored: true }),
      makeRow({ ResourceId: 'vpc-1', ResourceCidr: '2001:db8::/56' }),
      makeRow({
        ResourceId: 'subnet-1',
        ResourceType: 'subnet',
        VpcId: 'vpc-1',
        ResourceCidr: '10.0.0.0/26',
        InUseAddressCount: 16,
      }),
      makeRow({ ResourceId: 'eipalloc-1', ResourceType: 'eip', ResourceCidr: '198.51.100.1/32' }),
    ],
    allocations: [
      alloc('p', '10.0.0.0/24', 'vpc', 'vpc-1'),
      alloc('p6', '2001:db8::/56', 'vpc', 'vpc-1'),
      alloc('e', '198.51.100.1/32', 'eip', 'eipalloc-1'),
    ],
    pools: [{ IpamPoolId: 'p', AllocationMaxNetmaskLength: 20 }],
  });

describe('dashboard and scope counts (F-MON-04..07, F-MET-04)', () => {
  it('counts rows by type, management, compliance and overlap, overall and per family', () => {
    const c = countResourceCidrs(scopeRows());
    expect(c.all).toEqual({
      total: 6,
      byType: {
        vpc: 4,
        subnet: 1,
        eip: 1,
        'public-ipv4-pool': 0,
        'ipv6-pool': 0,
        eni: 0,
        'anycast-ip-list': 0,
      },
      managed: 3,
      unmanaged: 1,
      ignored: 1,
      notApplicable: 1,
      compliant: 2,
      noncompliant: 1,
      overlapping: 2,
      nonoverlapping: 2,
    });
    expect([c.IPv6.total, c.IPv6.managed, c.IPv6.compliant]).toEqual([1, 1, 1]);
  });

  it('per pool: only rows that pool manages (F-STAT-09)', () => {
    expect(Object.fromEntries(countByPool(scopeRows()))).toEqual({
      p: { compliant: 0, noncompliant: 1, overlapping: 1, nonoverlapping: 0 },
      p6: { compliant: 1, noncompliant: 0, overlapping: 0, nonoverlapping: 1 },
      e: { compliant: 1, noncompliant: 0, overlapping: 0, nonoverlapping: 1 },
    });
  });

  it('scope metric data: one series per family with F-MET-04 names', () => {
    const data = scopeMetricData('ipam-scope-1', scopeRows());
    expect(data.filter((d) => d.Dimensions.AddressFamily === 'IPv4').map((d) => [d.Name, d.Value])).toEqual([
      ['CompliantResourceCidrs', 1],
      ['NoncompliantResourceCidrs', 1],
      ['ManagedResourceCidrs', 2],
      ['UnmanagedResourceCidrs', 1],
      ['OverlappingResourceCidrs', 2],
    ]);
  });
});

describe('utilisation series (F-MET-08..11)', () => {
  it('selects 50 highest, 50 lowest, then pool-backed others by size, each once', () => {
    const cands = Array.from({ length: 200 }, (_, i) => ({
      id: `vpc-${String(i).padStart(3, '0')}`,
      usage: i / 200,
      pooled: i % 2 === 0 ? BigInt(i) : 0n,
      item: i,
    }));
    const picked = selectSeries(cands, 50).map((c) => c.item);
    expect(picked).toHaveLength(150);
    expect(new Set(picked).size).toBe(150);
    expect(picked.slice(0, 3)).toEqual([199, 198, 197]);
    expect(picked.slice(50, 53)).toEqual([0, 1, 2]);
    expect(picked.slice(100, 103)).toEqual([148, 146, 144]);
  });

  it('publishes VPC usage per family and IPv4 subnet usage as percentages, never IPv6 subnets', () => {
    const data = usageMetricData('ipam-scope-1', scopeRows());
    expect(
      data.map((d) => [
        d.Name,
        d.Dimensions.AddressFamily,
        d.Dimensions.SubnetID ?? d.Dimensions.VpcID,
        d.Value,
      ]),
    ).toEqual([
      ['VpcIPUsage', 'IPv4', 'vpc-1', 25],
      ['VpcIPUsage', 'IPv4', 'vpc-2', 0],
      ['VpcIPUsage', 'IPv4', 'vpc-3', 0],
      ['VpcIPUsage', 'IPv6', 'vpc-1', 0],
      ['SubnetIPUsage', 'IPv4', 'subnet-1', 25],
    ]);
  });
});

describe('EMF lines', () => {
  it('formats one line per dimension set with exact structure', () => {
    const lines = toEmfLines(
      [
        {
          Name: 'OverlappingResourceCidrs',
          Unit: 'Count',
          Value: 2,
          Dimensions: { ScopeID: 's-1', AddressFamily: 'IPv4' },
        },
        { Name: 'PercentAssigned', Unit: 'Percent', Value: 1.5, Dimensions: { PoolID: 'p-1' } },
        {
          Name: 'CompliantResourceCidrs',
          Unit: 'Count',
          Value: 1,
          Dimensions: { AddressFamily: 'IPv4', ScopeID: 's-1' },
        },
      ],
      { timestamp: 1700000000000 },
    );
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        _aws: {
          Timestamp: 1700000000000,
          CloudWatchMetrics: [
            {
              Namespace: 'Allot/IPAM',
              Dimensions: [['AddressFamily', 'ScopeID']],
              Metrics: [
                { Name: 'OverlappingResourceCidrs', Unit: 'Count' },
                { Name: 'CompliantResourceCidrs', Unit: 'Count' },
              ],
            },
          ],
        },
        AddressFamily: 'IPv4',
        ScopeID: 's-1',
        OverlappingResourceCidrs: 2,
        CompliantResourceCidrs: 1,
      },
      {
        _aws: {
          Timestamp: 1700000000000,
          CloudWatchMetrics: [
            {
              Namespace: 'Allot/IPAM',
              Dimensions: [['PoolID']],
              Metrics: [{ Name: 'PercentAssigned', Unit: 'Percent' }],
            },
          ],
        },
        PoolID: 'p-1',
        PercentAssigned: 1.5,
      },
    ]);
  });

  it('starts a new line for a repeated metric name and after 100 metrics', () => {
    const d = (Name: string) => ({ Name, Unit: 'Count' as const, Value: 1, Dimensions: { ScopeID: 's' } });
    expect(toEmfLines([d('A'), d('A')], { timestamp: 0 })).toHaveLength(2);
    expect(
      toEmfLines(
        Array.from({ length: 101 }, (_, i) => d(`M${i}`)),
        { timestamp: 0, namespace: 'X' },
      ),
    ).toHaveLength(2);
  });

  it('rejects values EMF cannot carry', () => {
    expect(() =>
      toEmfLines([{ Name: 'A', Unit: 'Count', Value: Number.NaN, Dimensions: {} }], { timestamp: 0 }),
    ).toThrow(/not finite/);
  });
});
