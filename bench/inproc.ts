/**
 * In-process allocator throughput: the core claim path over the in-memory store (same node
 * conditions and plans as DynamoDB, no I/O). Prints figures; never pass/fail.
 */
import { claim } from '../core/ops/allocation/allocator';
import { emptyNode, type NodeKey } from '../core/space/node';
import { MemoryStore } from '../core/store/memory';

const fill = async (root: NodeKey, prefix: number, count: number): Promise<number> => {
  const store = new MemoryStore();
  await store.commit([{ type: 'node', write: { kind: 'put', node: emptyNode(root), expectVersion: null } }]);
  const deps = { store };
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const res = await claim(deps, { roots: [root], prefix, value: `a${i}`, extra: () => [], now: 0 });
    if (!res.ok) throw new Error(`allocation ${i} failed: ${res.reason}`);
  }
  return count / ((performance.now() - started) / 1000);
};

export const benchInProcess = async (): Promise<{
  inproc_v4_allocs_per_s: number;
  inproc_v6_allocs_per_s: number;
}> => {
  // Warm-up in throwaway pools first, so the figures are of JIT-compiled code (as in a warm
  // Lambda) rather than of the interpreter's first seconds.
  await fill({ space: 'warm-v4', version: 4, start: 0xac000000n, prefix: 12 }, 24, 4_096);
  await fill({ space: 'warm-v6', version: 6, start: 0xfd000000n << 96n, prefix: 40 }, 64, 4_096);
  const v4 = await fill({ space: 'bench-v4', version: 4, start: 0x0a000000n, prefix: 8 }, 24, 65_536);
  const v6 = await fill(
    { space: 'bench-v6', version: 6, start: 0x20010db8n << 96n, prefix: 40 },
    64,
    1_000_000,
  );
  return { inproc_v4_allocs_per_s: Math.round(v4), inproc_v6_allocs_per_s: Math.round(v6) };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  benchInProcess().then((r) => console.log(JSON.stringify(r)));
}
