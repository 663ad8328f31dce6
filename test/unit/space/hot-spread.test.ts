/**
 * The hot-pool strategy: after losing a race, a process settles on one region (2^8 blocks) a
 * random number of regions past the lowest free block and fills it lowest-first, so concurrent
 * processes stop competing for the same next block and the same node item. The habit belongs to
 * the store instance (one process's view); another process still starts lowest-first.
 */
import { describe, expect, it } from 'vitest';
import { formatCidr, parseCidr } from '../../../core/cidr';
import { claim } from '../../../core/ops/allocation/allocator';
import type { CommitResult, Write } from '../../../core/ports';
import { emptyNode, type NodeKey } from '../../../core/space/node';
import { MemoryStore } from '../../../core/store/memory';

/** One process's view of a shared store; it can be told to lose its next race. */
class Process {
  loseNext = false;
  constructor(private readonly shared: MemoryStore) {}
  readNode = (k: NodeKey) => this.shared.readNode(k);
  peekNode = (k: NodeKey) => this.shared.peekNode(k);
  commit = async (writes: Write[]): Promise<CommitResult> => {
    if (this.loseNext && writes.some((w) => w.type === 'node')) {
      this.loseNext = false;
      return { ok: false, failed: writes.filter((w) => w.type === 'node'), nodes: [] };
    }
    return this.shared.commit(writes);
  };
}

describe('hot pools', () => {
  it('a process that lost a race fills a region of its own, lowest-first; others are unaffected', async () => {
    const shared = new MemoryStore();
    const c = parseCidr('10.0.0.0/8');
    const root: NodeKey = { space: 'pool-hot', version: 4, start: c.start, prefix: c.prefix };
    await shared.commit([
      { type: 'node', write: { kind: 'put', node: emptyNode(root), expectVersion: null } },
    ]);
    const a = new Process(shared);
    const b = new Process(shared);
    let n = 0;
    const take = async (p: Process, random = () => 0) => {
      const res = await claim(
        { store: p, random },
        { roots: [root], prefix: 24, value: `v${n++}`, extra: () => [], now: 0 },
      );
      return res.ok ? formatCidr(res.block) : res.reason;
    };
    expect(await take(a)).toBe('10.0.0.0/24');
    // A loses its next race: it retries 5 regions (/16s) past the lowest free block, and stays there.
    a.loseNext = true;
    expect(await take(a, () => 5 / 128)).toBe('10.5.0.0/24');
    expect(await take(a, () => 0.99)).toBe('10.5.1.0/24');
    expect(await take(a, () => 0.99)).toBe('10.5.2.0/24');
    // B has lost nothing: still lowest-first.
    expect(await take(b)).toBe('10.0.1.0/24');
  });
});
