/**
 * F-TUT-OVL: the seminar deck's status acceptance matrix (FEATURES-monitoring §15.15), evaluated
 * in-process over the deck's pool tree.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../core/ops/monitoring/analysis/evaluate';
import type {
  EvaluatedResourceCidr,
  ScopeEvaluationInput,
} from '../../../core/ops/monitoring/analysis/types';
import { countByPool } from '../../../core/ops/monitoring/metrics/utilization';
import { alloc, makePool, makeRow, OSAKA } from '../../helpers/fixtures';

// F-TUT-OVL-01: the pool tree. Child pools' CIDRs are ipam-pool allocations of their parents;
// they never take part in overlap (F-STAT-06).
const treeAllocations = [
  alloc('top-level-global-pool', '10.0.0.0/14', 'ipam-pool', 'osaka-pool'),
  alloc('top-level-global-pool', '10.4.0.0/14', 'ipam-pool', 'tokyo-pool'),
  alloc('osaka-pool', '10.0.0.0/16', 'ipam-pool', 'osaka-dev'),
  alloc('osaka-pool', '10.1.0.0/16', 'ipam-pool', 'osaka-prod'),
  alloc('tokyo-pool', '10.5.0.0/16', 'ipam-pool', 'tokyo-prod'),
  alloc('tokyo-pool', '10.4.0.0/16', 'ipam-pool', 'tokyo-dev'),
];
const pools = [
  makePool({ IpamPoolId: 'top-level-global-pool' }),
  makePool({ IpamPoolId: 'osaka-pool', Locale: OSAKA }),
  // osaka-dev: nothing larger than a /20 (min netmask 20), so VPC D's /16 breaks a rule.
  makePool({ IpamPoolId: 'osaka-dev', Locale: OSAKA, AllocationMinNetmaskLength: 20 }),
  // osaka-prod: only VPCs tagged env=prod; VPC B lacks the tag.
  makePool({
    IpamPoolId: 'osaka-prod',
    Locale: OSAKA,
    AllocationResourceTags: [{ Key: 'env', Value: 'prod' }],
  }),
  makePool({ IpamPoolId: 'tokyo-pool', Locale: 'ap-northeast-1' }),
  makePool({ IpamPoolId: 'tokyo-dev', Locale: 'ap-northeast-1' }),
  makePool({ IpamPoolId: 'tokyo-prod', Locale: 'ap-northeast-1' }),
];

const matrix = (): ScopeEvaluationInput => ({
  resources: [
    makeRow({
      ResourceId: 'vpc-a',
      ResourceCidr: '10.1.0.0/24',
      ResourceTags: [{ Key: 'env', Value: 'prod' }],
    }),
    makeRow({ ResourceId: 'vpc-b', ResourceCidr: '10.1.1.0/24' }),
    makeRow({ ResourceId: 'vpc-c', ResourceCidr: '172.16.0.0/24' }),
    makeRow({ ResourceId: 'vpc-d', ResourceCidr: '10.0.0.0/16' }),
    makeRow({ ResourceId: 'vpc-e', ResourceCidr: '10.0.0.0/20' }),
    makeRow({ ResourceId: 'vpc-f', ResourceCidr: '172.31.0.0/16', ResourceOwnerId: '111111111111' }),
    makeRow({ ResourceId: 'vpc-g', ResourceCidr: '172.31.0.0/16', ResourceOwnerId: '222222222222' }),
    makeRow({
      ResourceId: 'subnet-f1',
      ResourceType: 'subnet',
      ResourceCidr: '172.31.0.0/20',
      VpcId: 'vpc-f',
      ResourceOwnerId: '111111111111',
      InUseAddressCount: 0,
    }),
    makeRow({
      ResourceId: 'subnet-f2',
      ResourceType: 'subnet',
      ResourceCidr: '172.31.16.0/20',
      VpcId: 'vpc-f',
      ResourceOwnerId: '111111111111',
      InUseAddressCount: 0,
    }),
  ],
  allocations: [
    ...treeAllocations,
    alloc('osaka-prod', '10.1.0.0/24', 'vpc', 'vpc-a'),
    alloc('osaka-prod', '10.1.1.0/24', 'vpc', 'vpc-b'),
    alloc('osaka-dev', '10.0.0.0/16', 'vpc', 'vpc-d'),
  ],
  pools,
});

const byId = (rows: EvaluatedResourceCidr[]) => new Map(rows.map((r) => [r.ResourceId, r]));
const statuses = (r: EvaluatedResourceCidr | undefined) => [
  r?.ManagementState,
  r?.ComplianceStatus,
  r?.OverlapStatus,
];

describe('F-TUT-OVL status acceptance matrix', () => {
  const rows = byId(evaluate(matrix()));

  // F-TUT-OVL-02
  it.each([
    ['vpc-a', 'managed', 'compliant', 'nonoverlapping'],
    ['vpc-b', 'managed', 'noncompliant', 'nonoverlapping'],
    ['vpc-c', 'unmanaged', 'unmanaged', 'nonoverlapping'],
    ['vpc-d', 'managed', 'noncompliant', 'overlapping'],
    ['vpc-e', 'unmanaged', 'unmanaged', 'overlapping'],
    ['vpc-f', 'unmanaged', 'unmanaged', 'overlapping'],
    ['vpc-g', 'unmanaged', 'unmanaged', 'overlapping'],
    ['subnet-f1', undefined, undefined, undefined],
    ['subnet-f2', undefined, undefined, undefined],
  ])('F-TUT-OVL-02: %s is %s / %s / %s', (id, management, compliance, overlap) => {
    expect(statuses(rows.get(id))).toEqual([management, compliance, overlap]);
  });

  it('F-TUT-OVL-02: names the broken rules and the pool holding each allocation', () => {
    expect(rows.get('vpc-b')?.Violations.map((v) => v.Rule)).toEqual(['required-tag']);
    expect(rows.get('vpc-d')?.Violations.map((v) => v.Rule)).toEqual(['min-netmask-length']);
    expect(rows.get('vpc-d')?.IpamPoolId).toBe('osaka-dev');
    expect(rows.get('vpc-c')?.IpamPoolId).toBeUndefined();
  });

  it("F-TUT-OVL-02: F's subnets show 0 % usage; F is 1/8 covered by them", () => {
    expect(rows.get('subnet-f1')?.IpUsage).toBe(0);
    expect(rows.get('subnet-f2')?.IpUsage).toBe(0);
    expect(rows.get('vpc-f')?.IpUsage).toBe(0.125);
    expect(rows.get('vpc-g')?.IpUsage).toBe(0);
  });

  it("F-TUT-OVL-02 / F-STAT-09: osaka-prod's summary is 1 compliant, 1 noncompliant, 2 nonoverlapping", () => {
    expect(countByPool([...rows.values()]).get('osaka-prod')).toEqual({
      compliant: 1,
      noncompliant: 1,
      overlapping: 0,
      nonoverlapping: 2,
    });
  });

  it('F-TUT-OVL-03: a duplicate unmanaged VPC H makes both A and H overlapping', () => {
    const input = matrix();
    const after = byId(
      evaluate({
        ...input,
        resources: [...input.resources, makeRow({ ResourceId: 'vpc-h', ResourceCidr: '10.1.0.0/24' })],
      }),
    );
    expect(statuses(after.get('vpc-a'))).toEqual(['managed', 'compliant', 'overlapping']);
    expect(statuses(after.get('vpc-h'))).toEqual(['unmanaged', 'unmanaged', 'overlapping']);
  });

  it('F-TUT-OVL-04: ignoring H shows ignored three times and A returns to nonoverlapping', () => {
    const input = matrix();
    const h = makeRow({ ResourceId: 'vpc-h', ResourceCidr: '10.1.0.0/24', Ignored: true });
    const after = byId(evaluate({ ...input, resources: [...input.resources, h] }));
    expect(statuses(after.get('vpc-h'))).toEqual(['ignored', 'ignored', 'ignored']);
    expect(statuses(after.get('vpc-a'))).toEqual(['managed', 'compliant', 'nonoverlapping']);
  });

  it('F-TUT-OVL-05: once E lives in another scope, D is nonoverlapping and E is evaluated alone', () => {
    const input = matrix();
    const e = input.resources.find((r) => r.ResourceId === 'vpc-e')!;
    const here = byId(evaluate({ ...input, resources: input.resources.filter((r) => r !== e) }));
    const there = evaluate({ resources: [e], allocations: [], pools: [] });
    expect(statuses(here.get('vpc-d'))).toEqual(['managed', 'noncompliant', 'nonoverlapping']);
    expect(statuses(there[0])).toEqual(['unmanaged', 'unmanaged', 'nonoverlapping']);
  });

  it('F-TUT-OVL-06: a VPC on the same /24 as an on-premises custom allocation is overlapping', () => {
    const input = matrix();
    const vpc = makeRow({
      ResourceId: 'vpc-i',
      ResourceCidr: '10.4.0.0/24',
      ResourceRegion: 'ap-northeast-1',
    });
    const after = byId(
      evaluate({
        ...input,
        resources: [...input.resources, vpc],
        allocations: [...input.allocations, alloc('tokyo-dev', '10.4.0.0/24', 'custom')],
      }),
    );
    expect(statuses(after.get('vpc-i'))).toEqual(['unmanaged', 'unmanaged', 'overlapping']);
  });
});
