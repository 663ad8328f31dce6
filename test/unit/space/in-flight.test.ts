/**
 * Concurrent allocations in one process (one store instance) do not race each other: each search
 * skips the blocks the others are committing, so 32 callers take 32 consecutive blocks with no
 * failed commit. Across processes, conditional writes still decide (test/integration races).
 */
import { describe, expect, it } from 'vitest';
import type { CommitResult, Write } from '../../../core/ports';
import { MemoryStore } from '../../../core/store/memory';
import { ipamWithPool, makeEnv } from '../../helpers/env';

describe('claims in flight in one process', () => {
  it('32 concurrent allocations take the first 32 blocks in order, and no commit fails', async () => {
    const store = new MemoryStore();
    const commit = store.commit.bind(store);
    const outcomes: boolean[] = [];
    store.commit = async (writes: Write[]): Promise<CommitResult> => {
      // Let every caller search before any commits, as concurrent requests over a network would.
      await new Promise((resolve) => setTimeout(resolve, 1));
      const res = await commit(writes);
      if (writes.some((w) => w.name === 'claim')) outcomes.push(res.ok);
      return res;
    };
    const env = makeEnv(store);
    const { poolId } = await ipamWithPool(env, {}, '10.0.0.0/16');
    outcomes.length = 0;
    const got = await Promise.all(
      Array.from({ length: 32 }, () =>
        env.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 }),
      ),
    );
    expect(
      got
        .map((r) => r.IpamPoolAllocation.Cidr)
        .sort((a: string, b: string) => Number(a.split('.')[2]) - Number(b.split('.')[2])),
    ).toEqual(Array.from({ length: 32 }, (_, i) => `10.0.${i}.0/24`));
    expect(outcomes).toEqual(Array.from({ length: 32 }, () => true));
  });
});
