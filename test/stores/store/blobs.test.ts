import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readSnapshots, recordSnapshot } from '../../../core/ops/monitoring/run/snapshot';
import type { Store } from '../../../core/ports';
import { MemoryStore } from '../../../core/store/memory';
import { makeEnv } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

describe.each(storeFactories())('blobs (%s store)', (name, makeStore) => {
  it('a blob reads back whole; a wrong part count or a deleted blob reads as absent', async () => {
    const store = await makeStore();
    // 1.07 MB of base64 gzips to ~0.81 MB (6 bits of entropy per byte): three 350 KB items.
    const body = randomBytes(800_000).toString('base64');
    const parts = await store.putBlob('k1', body);
    expect(parts).toBe(name === 'memory' ? 1 : 3);
    expect(await store.getBlob('k1', parts)).toBe(body);
    expect(await store.getBlob('k1', parts + 1)).toBeUndefined();
    await store.deleteBlob('k1');
    expect(await store.getBlob('k1', parts)).toBeUndefined();
    expect(await store.getBlob('never', 1)).toBeUndefined();
  });

  it('replacing a snapshot deletes the previous generation', async () => {
    const store = await makeStore();
    const e = makeEnv(store);
    const sample = (at: Date) => ({
      account: {
        AccountId: '111122223333',
        DiscoveryRegion: 'us-east-1',
        LastAttemptedDiscoveryTime: at,
        LastSuccessfulDiscoveryTime: at,
      },
      resourceCidrs: [
        {
          ResourceId: 'vpc-1',
          ResourceType: 'vpc' as const,
          ResourceRegion: 'us-east-1',
          ResourceOwnerId: '111122223333',
          ResourceCidr: '10.0.0.0/16',
          IpSource: 'none' as const,
          ResourceTags: [],
          SampleTime: at,
        },
      ],
      publicAddresses: [],
    });
    const t = { AccountId: '111122223333', Region: 'us-east-1' };
    await recordSnapshot(e.deps, 'rd-1', t, sample(new Date('2026-01-01T00:00:00Z')));
    await recordSnapshot(e.deps, 'rd-1', t, sample(new Date('2026-01-01T00:05:00Z')));
    expect(await store.getBlob('rd-1#us-east-1#111122223333#gen-00000000000000001', 1)).toBeUndefined();
    expect(await store.getBlob('rd-1#us-east-1#111122223333#gen-00000000000000002', 1)).toContain(
      '10.0.0.0/16',
    );
    if (store instanceof MemoryStore) expect(store.blobCount()).toBe(1);
  });

  it('a reader holding the old pointer while the old blob is deleted reads the new rows, never none', async () => {
    const store = await makeStore();
    const e = makeEnv(store);
    const t = { AccountId: '111122223333', Region: 'us-east-1' };
    const at = (iso: string, cidr: string) => {
      const d = new Date(iso);
      return {
        account: {
          AccountId: t.AccountId,
          DiscoveryRegion: t.Region,
          LastAttemptedDiscoveryTime: d,
          LastSuccessfulDiscoveryTime: d,
        },
        resourceCidrs: [
          {
            ResourceId: 'vpc-1',
            ResourceType: 'vpc' as const,
            ResourceRegion: t.Region,
            ResourceOwnerId: t.AccountId,
            ResourceCidr: cidr,
            IpSource: 'none' as const,
            ResourceTags: [],
            SampleTime: d,
          },
        ],
        publicAddresses: [],
      };
    };
    await recordSnapshot(e.deps, 'rd-1', t, at('2026-01-01T00:00:00Z', '10.0.0.0/16'));
    const stale = await store.list({ kind: 'snapshot', rdId: 'rd-1' }, 10);
    await recordSnapshot(e.deps, 'rd-1', t, at('2026-01-01T00:05:00Z', '10.1.0.0/16'));
    // The reader listed the records before the flip, and reads the blobs after the old one is gone.
    const lagging: Store = Object.assign(Object.create(store), { list: async () => stale });
    const snaps = await readSnapshots({ ...e.deps, store: lagging }, 'rd-1');
    expect(snaps.map((s) => s.rows.map((r) => r.ResourceCidr))).toEqual([['10.1.0.0/16']]);
  });
});
