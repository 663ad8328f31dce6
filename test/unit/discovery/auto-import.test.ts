import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../../core/cidr';
import {
  type AutoImportPool,
  type ExistingAllocation,
  selectImports,
} from '../../../core/ops/monitoring/analysis/auto-import';
import type { ResourceCidrInput } from '../../../core/ops/monitoring/analysis/types';
import { makeRow, OSAKA } from '../../helpers/fixtures';

const makeImportPool = (overrides: Partial<AutoImportPool> = {}): AutoImportPool => ({
  IpamPoolId: 'ipam-pool-dev',
  AutoImport: true,
  Locale: OSAKA,
  AddressFamily: 'ipv4',
  ProvisionedCidrs: ['10.0.0.0/16'],
  ...overrides,
});

const vpc = (ResourceId: string, ResourceCidr: string, more: Partial<ResourceCidrInput> = {}) =>
  makeRow({ ResourceId, ResourceCidr, ...more });

const outcome = (
  pool: AutoImportPool,
  candidates: ResourceCidrInput[],
  allocations: ExistingAllocation[] = [],
  cooling: string[] = [],
) => {
  const r = selectImports(pool, candidates, allocations, cooling);
  return {
    imported: r.imports.map((i) => `${i.resource.ResourceId} ${i.cidr}`),
    skipped: Object.fromEntries(
      r.skipped.map((s) => [`${s.resource.ResourceId} ${s.resource.ResourceCidr}`, s.reason]),
    ),
  };
};

describe('auto-import selection (F-IMPORT)', () => {
  it('F-IMPORT-04: an allocated /26 blocks importing the /23 that contains it', () => {
    expect(
      outcome(
        makeImportPool(),
        [vpc('vpc-big', '10.0.0.0/23'), vpc('vpc-small', '10.0.0.0/26')],
        [{ Cidr: '10.0.0.0/26', ResourceType: 'vpc', ResourceId: 'vpc-small' }],
      ),
    ).toEqual({
      imported: [],
      skipped: { 'vpc-small 10.0.0.0/26': 'already-managed', 'vpc-big 10.0.0.0/23': 'overlaps-allocation' },
    });
  });

  it('F-IMPORT-04: custom allocations and child pools block too', () => {
    const got = outcome(
      makeImportPool(),
      [vpc('vpc-1', '10.0.4.0/24'), vpc('vpc-2', '10.0.8.0/24')],
      [
        { Cidr: '10.0.4.0/22', ResourceType: 'custom' },
        { Cidr: '10.0.8.0/21', ResourceType: 'ipam-pool', ResourceId: 'ipam-pool-child' },
      ],
    );
    expect(got.imported).toEqual([]);
    expect(got.skipped).toEqual({
      'vpc-1 10.0.4.0/24': 'overlaps-allocation',
      'vpc-2 10.0.8.0/24': 'overlaps-allocation',
    });
  });

  it('F-IMPORT-05: of overlapping candidates only the largest is imported', () => {
    expect(
      outcome(makeImportPool(), [
        vpc('vpc-1', '10.0.1.0/24'),
        vpc('vpc-2', '10.0.0.0/22'),
        vpc('vpc-3', '10.0.2.0/25'),
      ]),
    ).toEqual({
      imported: ['vpc-2 10.0.0.0/22'],
      skipped: {
        'vpc-1 10.0.1.0/24': 'overlaps-larger-candidate',
        'vpc-3 10.0.2.0/25': 'overlaps-larger-candidate',
      },
    });
  });

  it('F-IMPORT-05 read literally: a blocked largest candidate still keeps the smaller one out', () => {
    const got = outcome(
      makeImportPool(),
      [vpc('vpc-big', '10.0.0.0/22'), vpc('vpc-in', '10.0.2.0/24')],
      [{ Cidr: '10.0.0.0/26', ResourceType: 'custom' }],
    );
    expect(got).toEqual({
      imported: [],
      skipped: {
        'vpc-big 10.0.0.0/22': 'overlaps-allocation',
        'vpc-in 10.0.2.0/24': 'overlaps-larger-candidate',
      },
    });
  });

  it('F-IMPORT-06: of identical candidates exactly one is imported, whatever their order', () => {
    const a = vpc('vpc-0b', '10.0.0.0/24');
    const b = vpc('vpc-0a', '10.0.0.0/24', { ResourceOwnerId: '444455556666' });
    const c = vpc('vpc-0c', '10.0.0.0/24');
    for (const order of [
      [a, b, c],
      [c, b, a],
      [b, c, a],
    ]) {
      const got = selectImports(makeImportPool(), order, []);
      expect(got.imports).toHaveLength(1);
      expect(got.skipped.map((s) => s.reason)).toEqual(['identical-candidate', 'identical-candidate']);
      // deterministic tie-break (lowest ResourceId); F-IMPORT-06 only promises "one of them".
      expect(got.imports[0]?.resource.ResourceId).toBe('vpc-0a');
    }
  });

  it('F-IMPORT-07: an ignored CIDR is never imported and does not shadow others', () => {
    expect(
      outcome(makeImportPool(), [
        vpc('vpc-ign', '10.0.0.0/20', { Ignored: true }),
        vpc('vpc-1', '10.0.1.0/24'),
      ]),
    ).toEqual({
      imported: ['vpc-1 10.0.1.0/24'],
      skipped: { 'vpc-ign 10.0.0.0/20': 'ignored' },
    });
  });

  it('F-IMPORT-01/02: only pools with a locale, only candidates of that locale, family and provisioned space', () => {
    const candidates = [
      vpc('vpc-ok', '10.0.1.0/24'),
      vpc('vpc-region', '10.0.2.0/24', { ResourceRegion: 'us-east-1' }),
      vpc('vpc-out', '10.1.0.0/24'),
      vpc('vpc-half', '10.0.0.0/15'),
      vpc('vpc-v6', '2001:db8::/56'),
      vpc('subnet-1', '10.0.3.0/24', { ResourceType: 'subnet' }),
    ];
    expect(outcome(makeImportPool(), candidates)).toEqual({
      imported: ['vpc-ok 10.0.1.0/24'],
      skipped: {
        'vpc-region 10.0.2.0/24': 'other-locale',
        'vpc-out 10.1.0.0/24': 'outside-pool',
        'vpc-half 10.0.0.0/15': 'outside-pool',
        'vpc-v6 2001:db8::/56': 'other-family',
        'subnet-1 10.0.3.0/24': 'not-importable-type',
      },
    });
    expect(outcome(makeImportPool({ Locale: undefined }), [vpc('vpc-ok', '10.0.1.0/24')]).skipped).toEqual({
      'vpc-ok 10.0.1.0/24': 'pool-without-locale',
    });
    expect(outcome(makeImportPool({ AutoImport: false }), [vpc('vpc-ok', '10.0.1.0/24')]).skipped).toEqual({
      'vpc-ok 10.0.1.0/24': 'pool-auto-import-disabled',
    });
  });

  it('F-IMPORT-03: imports regardless of rules, with the resource type, ID, owner and region', () => {
    const got = selectImports(
      makeImportPool({ ProvisionedCidrs: ['198.51.100.0/24'] }),
      [
        makeRow({
          ResourceId: 'ipv4pool-ec2-1',
          ResourceType: 'public-ipv4-pool',
          ResourceCidr: '198.51.100.0/26',
        }),
      ],
      [],
    );
    expect(got.imports[0]?.allocation).toEqual({
      IpamPoolId: 'ipam-pool-dev',
      Cidr: '198.51.100.0/26',
      ResourceType: 'ec2-public-ipv4-pool',
      ResourceId: 'ipv4pool-ec2-1',
      ResourceOwner: '111122223333',
      ResourceRegion: OSAKA,
    });
  });

  it('F-ALLOC-09: space in the release cool-down is not imported yet', () => {
    expect(outcome(makeImportPool(), [vpc('vpc-1', '10.0.1.0/24')], [], ['10.0.1.0/24']).skipped).toEqual({
      'vpc-1 10.0.1.0/24': 'cooling-down',
    });
  });

  it('imports are disjoint, inside the pool, clear of allocations, and every candidate is accounted for', () => {
    const cidr = fc
      .record({ prefix: fc.integer({ min: 20, max: 26 }), slot: fc.nat(1023) })
      .map(({ prefix, slot }) => {
        const n = 2 ** (32 - prefix);
        const start = 0x0a000000 + ((slot * n) % 2 ** 12);
        return `10.0.${(start >> 8) & 0xff}.${start & 0xff}/${prefix}`;
      });
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), cidr, ignored: fc.boolean() }), {
          maxLength: 12,
        }),
        fc.array(cidr, { maxLength: 3 }),
        (cands, allocated) => {
          const rows = cands.map((c) => vpc(`vpc-${c.id}`, c.cidr, { Ignored: c.ignored }));
          const allocs = allocated.map((Cidr) => ({ Cidr, ResourceType: 'custom' as const }));
          const r = selectImports(makeImportPool({ ProvisionedCidrs: ['10.0.0.0/20'] }), rows, allocs);
          expect(r.imports.length + r.skipped.length).toBe(rows.length);
          const blocks = r.imports.map((i) => parseBlock(i.cidr));
          const hit = (a: { start: bigint; end: bigint }, b: { start: bigint; end: bigint }) =>
            a.start <= b.end && b.start <= a.end;
          for (const [i, b] of blocks.entries()) {
            for (const [j, o] of blocks.entries()) if (i !== j) expect(hit(b, o)).toBe(false);
            for (const a of allocated) expect(hit(b, parseBlock(a))).toBe(false);
          }
          expect(r.imports.every((i) => !i.resource.Ignored)).toBe(true);
        },
      ),
    );
  });
});
