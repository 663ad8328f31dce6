/**
 * Cost of replacing one discovery snapshot of N rows on DynamoDB Local: the chosen design (gzip
 * blob + pointer flip, core/ops/monitoring/run/snapshot.ts) against one item per row (BatchWriteItem).
 * Prints figures; never passes or fails. Run: npx tsx bench/discovery-snapshot.ts [rows]
 */
import { gzipSync } from 'node:zlib';
import { recordSnapshot } from '../core/ops/monitoring/run/snapshot';
import { defaultConfig, randomIds } from '../core/ports';
import { createDocumentClient, DynamoStore } from '../core/store/dynamo';
import { batchWrite } from '../core/store/dynamo/send';
import { startDynamo } from '../local/dynamo';
import { ensureTable } from '../local/table';

const N = Number(process.argv[2] ?? 10_000);
const at = new Date('2026-01-01T00:00:00Z');
const rows = Array.from({ length: N }, (_, i) => ({
  ResourceId: `eni-${i.toString(16).padStart(17, '0')}`,
  ResourceType: 'eni' as const,
  ResourceRegion: 'us-east-1',
  ResourceOwnerId: '111122223333',
  ResourceCidr: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`,
  IpSource: 'none' as const,
  ResourceTags: [{ Key: 'Name', Value: `node-${i}` }],
  VpcId: 'vpc-0123456789abcdef0',
  SubnetId: `subnet-${(i % 64).toString(16).padStart(17, '0')}`,
  AvailabilityZoneId: 'use1-az1',
  NetworkInterfaceAttachmentStatus: 'in-use' as const,
  SampleTime: at,
}));
const json = JSON.stringify({ rows, addresses: [] });
console.log(
  `rows ${N}: JSON ${(json.length / 1e6).toFixed(2)} MB, gzip ${(gzipSync(json).length / 1e6).toFixed(3)} MB`,
);

const ddb = await startDynamo();
try {
  await ensureTable(ddb.endpoint, 'bench');
  const client = createDocumentClient({ endpoint: ddb.endpoint, region: 'us-east-1' });
  const store = new DynamoStore({ client, tableName: 'bench' });
  const deps = { store, now: Date.now, ids: randomIds(), config: defaultConfig() };
  const sample = (t: Date) => ({
    account: {
      AccountId: '111122223333',
      DiscoveryRegion: 'us-east-1',
      LastAttemptedDiscoveryTime: t,
      LastSuccessfulDiscoveryTime: t,
    },
    resourceCidrs: rows,
    publicAddresses: [],
  });
  const target = { AccountId: '111122223333', Region: 'us-east-1' };
  await recordSnapshot(deps, 'rd-bench', target, sample(at));
  let t0 = performance.now();
  await recordSnapshot(deps, 'rd-bench', target, sample(new Date(at.getTime() + 300_000)));
  console.log(`blob + pointer flip: ${(performance.now() - t0).toFixed(0)} ms per replacement`);
  t0 = performance.now();
  await batchWrite(
    client,
    'bench',
    rows.map((r, i) => ({
      PutRequest: { Item: { PK: 'ROWS#bench', SK: String(i), ...r, SampleTime: at.toISOString() } },
    })),
  );
  console.log(
    `one item per row: ${(performance.now() - t0).toFixed(0)} ms, ${Math.ceil(N / 25)} BatchWriteItem requests, ${N} write units+`,
  );
} finally {
  await ddb.stop();
}
