/**
 * The sweep must agree with the definition of F-STAT-06 checked pair by pair.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Block, formatCidr, sizeOf } from '../../../core/cidr';
import { evaluate } from '../../../core/ops/monitoring/analysis/evaluate';
import { overlapFlags } from '../../../core/ops/monitoring/analysis/overlap';
import type {
  PoolAllocationInput,
  ResourceCidrInput,
  ResourceType,
} from '../../../core/ops/monitoring/analysis/types';

const IDS = ['a', 'b', 'c', 'd', 'e'];

/** Blocks in a space of 2^bits addresses (10.0.0.0/… or 2001:db8::/…), so collisions happen. */
const blockIn = (bits: number) =>
  fc
    .record({
      v6: fc.boolean(),
      prefix: fc.integer({ min: 32 - bits, max: 32 }),
      slot: fc.nat(2 ** bits - 1),
    })
    .map(({ v6, prefix, slot }): Block => {
      const version = v6 ? 6 : 4;
      const p = version === 4 ? prefix : prefix + 96;
      const n = sizeOf(version, p);
      const base = version === 4 ? 0x0a000000n : 0x20010db8n << 96n;
      const start = base + ((BigInt(slot) * n) % 2n ** BigInt(bits));
      return { version, start, end: start + n - 1n, prefix: p };
    });
const block = blockIn(4);

const meets = (a: Block, b: Block) => a.version === b.version && a.start <= b.end && b.start <= a.end;

describe('overlap sweep = pairwise definition', () => {
  // Large groups (> 16 rows of one resource or parent) are indexed instead of scanned: cover both.
  it.each([
    ['small groups', IDS, 0, 14, 500, 4],
    ['large groups', IDS.slice(0, 3), 60, 90, 200, 9],
  ] as const)(
    'overlapFlags matches a brute-force check, %s (own id, parent and child excluded; customs count)',
    (_name, ids, minRows, maxRows, numRuns, bits) => {
      const row = fc.record({
        id: fc.constantFrom(...ids),
        parent: fc.option(fc.constantFrom(...ids), { nil: undefined }),
        block: blockIn(bits),
      });
      const partner = fc.record({
        id: fc.option(fc.constantFrom(...ids), { nil: undefined }),
        block: blockIn(bits),
      });
      fc.assert(
        fc.property(
          fc.array(row, { minLength: minRows, maxLength: maxRows }),
          fc.array(partner, { maxLength: 30 }),
          (rows, partners) => {
            const parentOf = (r: (typeof rows)[number]) => (r.parent === r.id ? undefined : r.parent);
            const brute = rows.map(
              (r, i) =>
                rows.some(
                  (o, j) =>
                    j !== i &&
                    o.id !== r.id &&
                    parentOf(r) !== o.id &&
                    parentOf(o) !== r.id &&
                    meets(r.block, o.block),
                ) || partners.some((p) => p.id !== r.id && meets(r.block, p.block)),
            );
            expect(overlapFlags(rows, partners)).toEqual(brute);
          },
        ),
        { numRuns },
      );
    },
  );

  it('evaluate marks exactly the applicable, non-ignored rows with a partner as overlapping', () => {
    const types: ResourceType[] = ['vpc', 'subnet', 'eip', 'public-ipv4-pool', 'eni'];
    const resource = fc.record({
      id: fc.constantFrom(...IDS),
      type: fc.constantFrom(...types),
      parent: fc.option(fc.constantFrom(...IDS), { nil: undefined }),
      block,
      ignored: fc.boolean(),
      managed: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(resource, { maxLength: 12 }),
        fc.array(block, { maxLength: 3 }),
        (specs, customs) => {
          const resources: ResourceCidrInput[] = specs.map((s) => ({
            ResourceId: s.id,
            ResourceType: s.type,
            ResourceCidr: formatCidr(s.block),
            ResourceRegion: 'us-east-1',
            ResourceOwnerId: '111122223333',
            Ignored: s.ignored,
            ...(s.parent === undefined ? {} : { ParentResourceId: s.parent }),
          }));
          const allocations: PoolAllocationInput[] = [
            ...specs
              .filter((s) => s.managed)
              .map((s) => ({
                IpamPoolId: 'p',
                Cidr: formatCidr(s.block),
                ResourceType: 'vpc' as const,
                ResourceId: s.id,
              })),
            ...customs.map((b) => ({
              IpamPoolId: 'p',
              Cidr: formatCidr(b),
              ResourceType: 'custom' as const,
            })),
          ];
          const out = evaluate({ resources, allocations, pools: [] });
          // Managed when some allocation names this resource and exactly this CIDR (duplicates included).
          const isManaged = (i: number) =>
            specs.some(
              (o) =>
                o.managed &&
                o.id === specs[i]!.id &&
                o.block.start === specs[i]!.block.start &&
                o.block.prefix === specs[i]!.block.prefix,
            );
          const applicable = (i: number) =>
            !specs[i]!.ignored &&
            (['vpc', 'eip', 'public-ipv4-pool'].includes(specs[i]!.type) ||
              (specs[i]!.type === 'subnet' && isManaged(i)));
          const parentOf = (i: number) => (specs[i]!.parent === specs[i]!.id ? undefined : specs[i]!.parent);
          specs.forEach((s, i) => {
            const expected = s.ignored
              ? 'ignored'
              : !applicable(i)
                ? undefined
                : specs.some(
                      (o, j) =>
                        j !== i &&
                        applicable(j) &&
                        o.id !== s.id &&
                        parentOf(i) !== o.id &&
                        parentOf(j) !== s.id &&
                        meets(s.block, o.block),
                    ) || customs.some((c) => meets(s.block, c))
                  ? 'overlapping'
                  : 'nonoverlapping';
            expect(out[i]?.OverlapStatus).toBe(expected);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
