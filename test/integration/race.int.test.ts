/**
 * Races on DynamoDB Local: many callers with separate clients (separate connections and node
 * caches, as separate Lambda containers would have) allocating from one pool at once.
 */
import { describe, expect, it } from 'vitest';
import { type Cidr, parseCidr } from '../../core/cidr';
import { isAllotError } from '../../core/errors';
import { allocateIpamPoolCidr } from '../../core/ops/allocation/allocate';
import { DynamoStore } from '../../core/store/dynamo';
import { freshTable } from '../helpers/ddb';
import { ipamWithPool, makeEnv } from '../helpers/env';

const end = (c: Cidr) => c.start + (1n << BigInt(32 - c.prefix)) - 1n;
const overlap = (a: Cidr, b: Cidr) => a.start <= end(b) && b.start <= end(a);

const setup = async (poolCidr: string) => {
  const t = await freshTable();
  const first = makeEnv(new DynamoStore({ client: t.client, tableName: t.tableName }));
  const { poolId } = await ipamWithPool(first, {}, poolCidr);
  const { createDocumentClient } = await import('../../core/store/dynamo');
  const clients = Array.from(
    { length: 8 },
    () =>
      new DynamoStore({
        client: createDocumentClient({ endpoint: t.endpoint, region: 'us-east-1' }),
        tableName: t.tableName,
      }),
  );
  const allocate = (i: number, input: object) => {
    const env = makeEnv(clients[i % clients.length]!);
    env.deps.random = Math.random;
    env.deps.ids = { next: (p, n = 17) => `${p}-${i.toString(16).padStart(n, '0')}` };
    return allocateIpamPoolCidr(env.deps, env.caller, { IpamPoolId: poolId, ...input }).then(
      (r) => ({
        ok: true as const,
        cidr: (r as { IpamPoolAllocation: { Cidr: string } }).IpamPoolAllocation.Cidr,
        result: r,
      }),
      (e: unknown) => {
        if (!isAllotError(e)) throw e;
        return { ok: false as const, code: e.code };
      },
    );
  };
  return { first, poolId, allocate };
};

describe('allocation races on DynamoDB Local', () => {
  it('64 concurrent mixed-size allocations: no overlap, and exactly what fits succeeds', async () => {
    const { first, poolId, allocate } = await setup('10.0.0.0/22');
    const sizes = Array.from({ length: 64 }, (_, i) => [26, 27, 28, 25][i % 4]!);
    const results = await Promise.all(sizes.map((p, i) => allocate(i, { NetmaskLength: p })));
    const won = results.flatMap((r, i) => (r.ok ? [{ cidr: parseCidr(r.cidr), p: sizes[i]! }] : []));
    const lost = results.flatMap((r, i) => (r.ok ? [] : [{ code: r.code, p: sizes[i]! }]));
    expect(new Set(lost.map((l) => l.code))).toEqual(
      lost.length > 0 ? new Set(['InsufficientCidrBlocks']) : new Set(),
    );
    const pool = parseCidr('10.0.0.0/22');
    for (const [i, a] of won.entries()) {
      expect(a.cidr.prefix).toBe(a.p);
      expect(a.cidr.start >= pool.start && end(a.cidr) <= end(pool)).toBe(true);
      for (const b of won.slice(i + 1)) expect(overlap(a.cidr, b.cidr)).toBe(false);
    }
    // Nothing failed while a block of its size was still free at the end.
    for (const l of lost) {
      const size = 1n << BigInt(32 - l.p);
      for (let s = pool.start; s <= end(pool); s += size) {
        expect(won.some((w) => overlap(w.cidr, { version: 4, start: s, prefix: l.p }))).toBe(true);
      }
    }
    const listed = (
      await first.call('GetIpamPoolAllocations', { IpamPoolId: poolId })
    ).IpamPoolAllocations.map((a: { Cidr: string }) => a.Cidr);
    expect(listed.sort()).toEqual(
      won
        .map(
          (w) =>
            results.find(
              (r) =>
                r.ok &&
                parseCidr(r.cidr).start === w.cidr.start &&
                parseCidr(r.cidr).prefix === w.cidr.prefix,
            )!,
        )
        .map((r) => (r as { cidr: string }).cidr)
        .sort(),
    );
  });

  it('64 concurrent /28s into a /24: exactly 16 succeed and tile the pool', async () => {
    const { allocate } = await setup('10.1.0.0/24');
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => allocate(i, { NetmaskLength: 28 })),
    );
    const won = results.flatMap((r) => (r.ok ? [r.cidr] : []));
    expect(won).toHaveLength(16);
    expect(won.sort((a, b) => (parseCidr(a).start < parseCidr(b).start ? -1 : 1))).toEqual(
      Array.from({ length: 16 }, (_, i) => `10.1.0.${i * 16}/28`),
    );
    expect(results.filter((r) => !r.ok).map((r) => (r as { code: string }).code)).toEqual(
      new Array(48).fill('InsufficientCidrBlocks'),
    );
  });

  it('concurrent requests with one ClientToken yield one allocation', async () => {
    const { first, poolId, allocate } = await setup('10.2.0.0/16');
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => allocate(i, { NetmaskLength: 24, ClientToken: 'same-token' })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const cidrs = new Set(results.map((r) => (r as { cidr: string }).cidr));
    expect(cidrs.size).toBe(1);
    const listed = (await first.call('GetIpamPoolAllocations', { IpamPoolId: poolId })).IpamPoolAllocations;
    expect(listed.map((a: { Cidr: string }) => a.Cidr)).toEqual([...cidrs]);
  });
});
