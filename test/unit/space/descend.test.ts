/**
 * The fast descent of `search` (one step per level, no backtracking) must give exactly what the
 * full walk gives, or step aside: checked on random trees built by claims and releases, with
 * reuse delays that have or have not passed and parent hints left stale by claims.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cidr, formatCidr } from '../../../core/cidr';
import { claim, release } from '../../../core/ops/allocation/allocator';
import { emptyNode, type NodeKey } from '../../../core/space/node';
import { search, walkSearch } from '../../../core/space/search';
import { MemoryStore } from '../../../core/store/memory';

const root: NodeKey = { space: 'pool-d', version: 4, start: 0x0a000000n, prefix: 8 };

/** What a search outcome says, in comparable text. */
const outcome = (o: ReturnType<typeof search>) => ({
  found: o.found.map((c) => `${formatCidr(c.block)} via ${c.path.map((n) => n.key.prefix).join('>')}`),
  need: o.need ? `${o.need.start}/${o.need.prefix}` : undefined,
  stale: o.stale.length,
  expired: o.expired.map((p) => p.length),
});

describe('fast descent', () => {
  it('agrees with the full walk on random trees', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ p: fc.integer({ min: 9, max: 30 }), release: fc.nat(3), cool: fc.boolean() }), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 8, max: 32 }),
        fc.integer({ min: 0, max: 20 }),
        async (steps, askPrefix, now) => {
          const store = new MemoryStore();
          await store.commit([
            { type: 'node', write: { kind: 'put', node: emptyNode(root), expectVersion: null } },
          ]);
          const claims: { block: Cidr; value: string }[] = [];
          let i = 0;
          for (const s of steps) {
            const value = `v${i++}`;
            const res = await claim(
              { store },
              { roots: [root], prefix: s.p, value, extra: () => [], now: 0 },
            );
            if (res.ok) claims.push({ block: res.block, value });
            // Release an earlier claim now and then: at once, or into a reuse delay ending at 10.
            if (s.release === 0 && claims.length > 0) {
              const gone = claims.splice(i % claims.length, 1)[0]!;
              await release(
                { store },
                {
                  root,
                  block: gone.block,
                  value: gone.value,
                  extra: [],
                  ...(s.cool ? { coolUntil: 10 } : {}),
                },
              );
            }
          }
          const top = (await store.readNode(root))!;
          const lookup = (k: NodeKey) => store.peekNode(k);
          const req = { version: 4 as const, prefix: askPrefix, now };
          expect(outcome(search(top, req, lookup))).toEqual(outcome(walkSearch(top, req, lookup)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
