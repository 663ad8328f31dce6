import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../core/ops/monitoring/analysis/evaluate';
import type {
  EvaluatedResourceCidr,
  PoolAllocationInput,
  PoolRulesInput,
  ResourceCidrInput,
} from '../../../core/ops/monitoring/analysis/types';
import { ACCOUNT, alloc, makePool, makeRow, OSAKA } from '../../helpers/fixtures';

const run = (
  resources: ResourceCidrInput[],
  allocations: PoolAllocationInput[] = [],
  pools: PoolRulesInput[] = [],
) =>
  new Map(evaluate({ resources, allocations, pools }).map((r) => [`${r.ResourceId} ${r.ResourceCidr}`, r]));
const overlap = (rows: Map<string, EvaluatedResourceCidr>, key: string) => rows.get(key)?.OverlapStatus;

describe('overlap exclusions (F-RES-05, F-STAT-06)', () => {
  it('an unmanaged subnet has no statuses and does not make its VPC overlap', () => {
    const rows = run([
      makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/16' }),
      makeRow({
        ResourceId: 'subnet-1',
        ResourceType: 'subnet',
        VpcId: 'vpc-1',
        ResourceCidr: '10.0.1.0/24',
      }),
    ]);
    expect(overlap(rows, 'vpc-1 10.0.0.0/16')).toBe('nonoverlapping');
    // F-STAT-07: omitted, not present-and-undefined, so the API shows no field.
    const subnet = rows.get('subnet-1 10.0.1.0/24')!;
    for (const field of ['ManagementState', 'ComplianceStatus', 'OverlapStatus'])
      expect(subnet).not.toHaveProperty(field);
  });

  it('a managed subnet inside its own VPC is nonoverlapping, and so is the VPC', () => {
    const rows = run(
      [
        makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/16' }),
        makeRow({
          ResourceId: 'subnet-1',
          ResourceType: 'subnet',
          VpcId: 'vpc-1',
          ResourceCidr: '10.0.1.0/24',
        }),
      ],
      [alloc('plan-pool', '10.0.1.0/24', 'subnet', 'subnet-1')],
    );
    expect(rows.get('subnet-1 10.0.1.0/24')).toMatchObject({
      ManagementState: 'managed',
      OverlapStatus: 'nonoverlapping',
    });
    expect(overlap(rows, 'vpc-1 10.0.0.0/16')).toBe('nonoverlapping');
  });

  it('a managed subnet overlapping another VPC is overlapping, and so is that VPC', () => {
    const rows = run(
      [
        makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/16' }),
        makeRow({
          ResourceId: 'subnet-1',
          ResourceType: 'subnet',
          VpcId: 'vpc-1',
          ResourceCidr: '10.0.1.0/25',
        }),
        makeRow({ ResourceId: 'vpc-2', ResourceCidr: '10.0.1.0/26', ResourceOwnerId: '444455556666' }),
      ],
      [alloc('plan-pool', '10.0.1.0/25', 'subnet', 'subnet-1')],
    );
    expect(overlap(rows, 'subnet-1 10.0.1.0/25')).toBe('overlapping');
    expect(overlap(rows, 'vpc-2 10.0.1.0/26')).toBe('overlapping');
  });

  it('a custom allocation (on-premises space) makes a VPC overlapping', () => {
    const rows = run(
      [
        makeRow({ ResourceId: 'vpc-1', ResourceCidr: '192.168.4.0/24' }),
        makeRow({ ResourceId: 'vpc-2', ResourceCidr: '192.169.0.0/24' }),
      ],
      [alloc('onprem', '192.168.0.0/16', 'custom')],
    );
    expect(overlap(rows, 'vpc-1 192.168.4.0/24')).toBe('overlapping');
    expect(overlap(rows, 'vpc-2 192.169.0.0/24')).toBe('nonoverlapping');
  });

  it("neither the row's own allocation, nor ipam-pool allocations, nor other resources' allocations are partners", () => {
    const rows = run(
      [makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24' })],
      [
        alloc('dev', '10.0.0.0/24', 'vpc', 'vpc-1'),
        alloc('top', '10.0.0.0/16', 'ipam-pool', 'dev'),
        alloc('other', '10.0.0.0/25', 'vpc', 'vpc-gone'),
      ],
    );
    expect(rows.get('vpc-1 10.0.0.0/24')).toMatchObject({
      ManagementState: 'managed',
      OverlapStatus: 'nonoverlapping',
    });
  });

  it('an ignored CIDR shows ignored in all three statuses and is no partner for anyone', () => {
    const rows = run(
      [
        makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24', Ignored: true }),
        makeRow({ ResourceId: 'vpc-2', ResourceCidr: '10.0.0.0/24' }),
      ],
      [alloc('dev', '10.0.0.0/24', 'vpc', 'vpc-1')],
    );
    expect(rows.get('vpc-1 10.0.0.0/24')).toMatchObject({
      ManagementState: 'ignored',
      ComplianceStatus: 'ignored',
      OverlapStatus: 'ignored',
      Violations: [],
    });
    expect(overlap(rows, 'vpc-2 10.0.0.0/24')).toBe('nonoverlapping');
  });

  it('two VPCs with the same CIDR are both overlapping, one managed or not (F-STAT-06)', () => {
    const rows = run(
      [
        makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24' }),
        makeRow({ ResourceId: 'vpc-2', ResourceCidr: '10.0.0.0/24' }),
      ],
      [alloc('dev', '10.0.0.0/24', 'vpc', 'vpc-1')],
    );
    expect([overlap(rows, 'vpc-1 10.0.0.0/24'), overlap(rows, 'vpc-2 10.0.0.0/24')]).toEqual([
      'overlapping',
      'overlapping',
    ]);
  });

  it('the same resource reported twice with the same CIDR does not overlap itself', () => {
    const row = makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24' });
    const out = evaluate({ resources: [row, { ...row }], allocations: [], pools: [] });
    expect(out.map((r) => r.OverlapStatus)).toEqual(['nonoverlapping', 'nonoverlapping']);
  });

  it('IPv4 and IPv6 never overlap each other, even for an IPv4-mapped IPv6 CIDR', () => {
    const rows = run([
      makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24' }),
      makeRow({ ResourceId: 'vpc-2', ResourceCidr: '::ffff:10.0.0.0/120' }),
      makeRow({ ResourceId: 'vpc-3', ResourceCidr: '2001:db8::/56' }),
      makeRow({ ResourceId: 'vpc-4', ResourceCidr: '2001:DB8:0:0::/64' }),
    ]);
    expect([...rows.values()].map((r) => r.OverlapStatus)).toEqual([
      'nonoverlapping',
      'nonoverlapping',
      'overlapping',
      'overlapping',
    ]);
  });

  it('an EIP in its own public IPv4 pool is nonoverlapping; one claiming another pool is not', () => {
    const rows = run([
      makeRow({
        ResourceId: 'ipv4pool-ec2-1',
        ResourceType: 'public-ipv4-pool',
        ResourceCidr: '198.51.100.0/24',
      }),
      makeRow({
        ResourceId: 'eipalloc-1',
        ResourceType: 'eip',
        ResourceCidr: '198.51.100.7/32',
        ParentResourceId: 'ipv4pool-ec2-1',
      }),
    ]);
    expect([...rows.values()].map((r) => r.OverlapStatus)).toEqual(['nonoverlapping', 'nonoverlapping']);
    const stray = run([
      makeRow({
        ResourceId: 'ipv4pool-ec2-1',
        ResourceType: 'public-ipv4-pool',
        ResourceCidr: '198.51.100.0/24',
      }),
      makeRow({
        ResourceId: 'eipalloc-2',
        ResourceType: 'eip',
        ResourceCidr: '198.51.100.9/32',
        ParentResourceId: 'ipv4pool-ec2-9',
      }),
    ]);
    expect([...stray.values()].map((r) => r.OverlapStatus)).toEqual(['overlapping', 'overlapping']);
  });

  it('ENIs and IPv6 pools have no statuses and are no partners (F-STAT-03)', () => {
    const rows = run([
      makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24' }),
      makeRow({ ResourceId: 'eni-1', ResourceType: 'eni', ResourceCidr: '10.0.0.9/32', VpcId: 'vpc-9' }),
      makeRow({ ResourceId: 'ipv6pool-ec2-1', ResourceType: 'ipv6-pool', ResourceCidr: '2001:db8::/48' }),
    ]);
    expect([...rows.values()].map((r) => [r.ManagementState, r.OverlapStatus])).toEqual([
      ['unmanaged', 'nonoverlapping'],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});

describe('compliance (F-RES-04, F-STAT-05)', () => {
  const check = (row: Partial<ResourceCidrInput>, pool: Partial<PoolRulesInput>) => {
    const r = makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24', ...row });
    const [out] = evaluate({
      resources: [r],
      allocations: [alloc('p', r.ResourceCidr, 'vpc', 'vpc-1')],
      pools: [makePool({ IpamPoolId: 'p', ...pool })],
    });
    return [out?.ComplianceStatus, out?.Violations.map((v) => v.Rule)];
  };

  it.each<[string, Partial<ResourceCidrInput>, Partial<PoolRulesInput>, [string, string[]]]>([
    ['no rules', {}, {}, ['compliant', []]],
    [
      '/23 with min /24 (block too large, F-RULE-02)',
      { ResourceCidr: '10.0.0.0/23' },
      { AllocationMinNetmaskLength: 24 },
      ['noncompliant', ['min-netmask-length']],
    ],
    [
      '/25 with max /24 (block too small)',
      { ResourceCidr: '10.0.0.0/25' },
      { AllocationMaxNetmaskLength: 24 },
      ['noncompliant', ['max-netmask-length']],
    ],
    [
      '/24 with min = max = /24',
      {},
      { AllocationMinNetmaskLength: 24, AllocationMaxNetmaskLength: 24 },
      ['compliant', []],
    ],
    [
      'missing required tag (F-RULE-04)',
      {},
      { AllocationResourceTags: [{ Key: 'env', Value: 'prod' }] },
      ['noncompliant', ['required-tag']],
    ],
    [
      'required tag with another value',
      { ResourceTags: [{ Key: 'env', Value: 'dev' }] },
      { AllocationResourceTags: [{ Key: 'env', Value: 'prod' }] },
      ['noncompliant', ['required-tag']],
    ],
    [
      'key-only tag rule met by any value',
      { ResourceTags: [{ Key: 'env', Value: 'dev' }] },
      { AllocationResourceTags: [{ Key: 'env' }] },
      ['compliant', []],
    ],
    [
      'region other than the locale (F-RULE-05)',
      { ResourceRegion: 'us-east-1' },
      { Locale: OSAKA },
      ['noncompliant', ['locale']],
    ],
    ['locale None is no rule', { ResourceRegion: 'us-east-1' }, { Locale: 'None' }, ['compliant', []]],
    [
      'owner outside the share (F-RULE-06)',
      { ResourceOwnerId: '999999999999' },
      { OwnerId: ACCOUNT, SharePrincipals: ['444455556666'] },
      ['noncompliant', ['share-principal']],
    ],
    [
      'owner is a share principal',
      { ResourceOwnerId: '444455556666' },
      { OwnerId: ACCOUNT, SharePrincipals: ['444455556666'] },
      ['compliant', []],
    ],
    [
      'several rules at once, in rule order',
      { ResourceCidr: '10.0.0.0/16', ResourceRegion: 'us-east-1' },
      {
        AllocationMinNetmaskLength: 20,
        AllocationResourceTags: [{ Key: 'team', Value: 'net' }],
        Locale: OSAKA,
      },
      ['noncompliant', ['min-netmask-length', 'required-tag', 'locale']],
    ],
  ])('%s', (_name, row, pool, expected) => {
    expect(check(row, pool)).toEqual(expected);
  });

  it("only the holding pool's rules apply, never a parent's (F-RULE-07)", () => {
    const [out] = evaluate({
      resources: [makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24' })],
      allocations: [
        alloc('top', '10.0.0.0/16', 'ipam-pool', 'child'),
        alloc('child', '10.0.0.0/24', 'vpc', 'vpc-1'),
      ],
      pools: [
        makePool({ IpamPoolId: 'top', AllocationResourceTags: [{ Key: 'env', Value: 'prod' }] }),
        makePool({ IpamPoolId: 'child' }),
      ],
    });
    expect(out).toMatchObject({ ComplianceStatus: 'compliant', IpamPoolId: 'child' });
  });

  it('a resource whose allocation has a different CIDR is unmanaged (F-STAT-04 step 3)', () => {
    const [out] = evaluate({
      resources: [makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24' })],
      allocations: [alloc('p', '10.0.0.0/25', 'vpc', 'vpc-1')],
      pools: [],
    });
    expect(out?.ManagementState).toBe('unmanaged');
  });
});

describe('IP usage (F-RES-06)', () => {
  it('VPC: union of its subnets, duplicates and other VPCs’ subnets not counted', () => {
    const rows = run([
      makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/24' }),
      makeRow({
        ResourceId: 'subnet-1',
        ResourceType: 'subnet',
        VpcId: 'vpc-1',
        ResourceCidr: '10.0.0.0/26',
      }),
      makeRow({
        ResourceId: 'subnet-1b',
        ResourceType: 'subnet',
        VpcId: 'vpc-1',
        ResourceCidr: '10.0.0.0/26',
      }),
      makeRow({
        ResourceId: 'subnet-2',
        ResourceType: 'subnet',
        VpcId: 'vpc-1',
        ResourceCidr: '10.0.0.64/26',
      }),
      makeRow({
        ResourceId: 'subnet-3',
        ResourceType: 'subnet',
        VpcId: 'vpc-2',
        ResourceCidr: '10.0.0.128/26',
      }),
    ]);
    expect(rows.get('vpc-1 10.0.0.0/24')?.IpUsage).toBe(0.5);
  });

  it('VPC with IPv6: per row and per family, exactly', () => {
    const rows = run([
      makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/16' }),
      makeRow({ ResourceId: 'vpc-1', ResourceCidr: '2001:db8::/56' }),
      makeRow({
        ResourceId: 'subnet-1',
        ResourceType: 'subnet',
        VpcId: 'vpc-1',
        ResourceCidr: '2001:db8::/64',
      }),
    ]);
    expect(rows.get('vpc-1 2001:db8::/56')?.IpUsage).toBe(1 / 256);
    expect(rows.get('vpc-1 10.0.0.0/16')?.IpUsage).toBe(0);
  });

  it.each<[string, string, number | undefined, number | undefined]>([
    ['IPv4 subnet with a count', '10.0.0.0/24', 64, 0.25],
    ['IPv4 subnet without a count', '10.0.0.0/24', undefined, undefined],
    ['IPv6 subnet: never computed, not 0', '2001:db8::/64', 10, undefined],
  ])('%s', (_name, cidr, inUse, expected) => {
    const [out] = evaluate({
      resources: [
        makeRow({
          ResourceId: 'subnet-1',
          ResourceType: 'subnet',
          ResourceCidr: cidr,
          ...(inUse === undefined ? {} : { InUseAddressCount: inUse }),
        }),
      ],
      allocations: [],
      pools: [],
    });
    expect(out?.IpUsage).toBe(expected);
  });

  it('public IPv4 pool: one EIP in a /24 is 1/256 (F-MET-11 example)', () => {
    const rows = run([
      makeRow({
        ResourceId: 'ipv4pool-ec2-1',
        ResourceType: 'public-ipv4-pool',
        ResourceCidr: '198.51.100.0/24',
      }),
      makeRow({
        ResourceId: 'eipalloc-1',
        ResourceType: 'eip',
        ResourceCidr: '198.51.100.7/32',
        ParentResourceId: 'ipv4pool-ec2-1',
      }),
    ]);
    expect(rows.get('ipv4pool-ec2-1 198.51.100.0/24')?.IpUsage).toBe(1 / 256);
    expect(rows.get('eipalloc-1 198.51.100.7/32')?.IpUsage).toBeUndefined();
  });

  it('rejects a CIDR with host bits set, naming the resource', () => {
    expect(() =>
      evaluate({
        resources: [makeRow({ ResourceId: 'vpc-x', ResourceCidr: '10.0.0.1/24' })],
        allocations: [],
        pools: [],
      }),
    ).toThrow(/vpc-x/);
  });
});
