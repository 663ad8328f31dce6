/**
 * `npm run bench`: figures, not pass/fail. Starts its own DynamoDB Local (in memory), prints each
 * measurement, and ends with one JSON line beginning {"bench":"allot".
 */
import { startDynamo } from '../local/dynamo';
import { ensureTable } from '../local/table';
import { benchDynamo } from './ddb';
import { benchDiscovery } from './discovery';
import { benchInProcess } from './inproc';

const log = (s: string) => console.log(s);

const main = async () => {
  log('in-process allocator (core over the in-memory store)...');
  const inproc = await benchInProcess();
  log(`  IPv4: ${inproc.inproc_v4_allocs_per_s} allocations/s filling a /8 with 65,536 /24s`);
  log(`  IPv6: ${inproc.inproc_v6_allocs_per_s} allocations/s for 1,000,000 /64s`);
  const ddb = await startDynamo();
  try {
    await ensureTable(ddb.endpoint, 'allot-bench');
    log(`DynamoDB Local on ${ddb.endpoint}...`);
    const d = await benchDynamo(ddb.endpoint, 'allot-bench', (s) => log(`  ${s}`));
    log('discovery evaluation (in-process)...');
    const discovery = await benchDiscovery();
    log(`  100,000 resource CIDRs in one scope: ${discovery.discovery_eval_100k_ms} ms`);
    console.log(JSON.stringify({ bench: 'allot', ...inproc, ...d, ...discovery }));
  } finally {
    await ddb.stop();
  }
};

await main();
