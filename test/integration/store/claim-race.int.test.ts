/**
 * The 'claim' fast path under contention on DynamoDB Local: 64 concurrent claims from 8 stores
 * with their own clients (as 8 Lambda containers would be) on overlapping positions of one node.
 * Half travel alone (UpdateItem), half with a record in a TransactWriteItems.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Write } from '../../../core/ports';
import { ancestorsOf } from '../../../core/space/geometry';
import { emptyNode, type NodeKey } from '../../../core/space/node';
import { createDocumentClient, DynamoStore } from '../../../core/store/dynamo';
import { freshTable } from '../../helpers/ddb';
import { makeAllocation } from '../../helpers/fixtures';

const POSITIONS = [2, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15];
const overlap = (p: number, q: number): boolean =>
  p === q || ancestorsOf(p).includes(q) || ancestorsOf(q).includes(p);

describe('concurrent claims on one node (DynamoDB Local)', () => {
  let stores: DynamoStore[];
  beforeAll(async () => {
    const t = await freshTable('store-race');
    stores = Array.from(
      { length: 8 },
      () =>
        new DynamoStore({
          client: createDocumentClient({ endpoint: t.endpoint, region: 'us-east-1' }),
          tableName: t.tableName,
        }),
    );
  });

  it.each([1, 2, 3])(
    'round %d: winners never overlap, every loser overlaps a winner, the node adds up',
    async (round) => {
      // Arrange
      const key: NodeKey = { space: `race-${round}`, version: 4, start: 0x0a000000n, prefix: 8 };
      expect(
        await stores[0]!.commit([
          { type: 'node', write: { kind: 'put', node: emptyNode(key, 0), expectVersion: null } },
        ]),
      ).toEqual({ ok: true });
      const attempts = Array.from({ length: 64 }, (_, i) => ({
        i,
        pos: POSITIONS[(i * 7 + round) % POSITIONS.length]!,
        value: `claim-${round}-${i}`,
      }));

      // Act
      const results = await Promise.all(
        attempts.map(({ i, pos, value }) => {
          const writes: Write[] = [{ type: 'node', write: { kind: 'claim', key, pos, value } }];
          if (i % 2 === 1)
            writes.push({
              type: 'create',
              record: makeAllocation(`10.${i}.0.0/16`, { IpamPoolId: `race-${round}` }),
            });
          return stores[i % stores.length]!.commit(writes);
        }),
      );

      // Assert
      const won = attempts.filter((_, i) => results[i]!.ok);
      const lost = attempts.filter((_, i) => !results[i]!.ok);
      for (const [k, a] of won.entries())
        for (const b of won.slice(k + 1)) expect(overlap(a.pos, b.pos), `${a.pos} and ${b.pos}`).toBe(false);
      for (const l of lost)
        expect(
          won.some((w) => overlap(w.pos, l.pos)),
          `lost ${l.pos}`,
        ).toBe(true);
      for (const r of results) if (!r.ok) expect(r.failed.map((w) => w.type)).toEqual(['node']);
      // One winner under position 2, one at each of 12..15 (their disjoint groups).
      expect(won.filter((w) => w.pos < 12).length).toBeGreaterThanOrEqual(1);
      expect(
        won
          .filter((w) => w.pos >= 12)
          .map((w) => w.pos)
          .sort(),
      ).toEqual([12, 13, 14, 15]);

      const stored = await stores[0]!.readNode(key, true);
      expect(stored?.v).toBe(1 + won.length);
      expect(Object.fromEntries(stored?.b ?? [])).toEqual(
        Object.fromEntries(won.map((w) => [w.pos, w.value])),
      );
      const counts = new Map<number, number>();
      for (const w of won) for (const a of ancestorsOf(w.pos)) counts.set(a, (counts.get(a) ?? 0) + 1);
      expect(Object.fromEntries(stored?.u ?? [])).toEqual(Object.fromEntries(counts));
    },
  );
});
