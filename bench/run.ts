/**
 * `npm run bench`: figures, not pass/fail. Starts its own DynamoDB Local (in memory), prints each
 * measurement, and ends with one JSON line beginning {"bench":"allot".
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { startDynamo } from '../local/dynamo';
import { ensureTable } from '../local/table';
import { benchImport } from './bulk';
import { benchConsole } from './console';
import { benchDynamo } from './ddb';
import type { benchDiscovery as BenchDiscovery } from './discovery';
import { benchEndpoint } from './endpoint';
import type { benchInProcess as BenchInProcess } from './inproc';

const log = (s: string) => console.log(s);

/**
 * The in-process figures are taken on the core as it is deployed: bundled by esbuild with the
 * options serverless-esbuild uses (ESM, no minify, no keepNames). tsx, which runs this script,
 * wraps every function it creates in a naming helper (keepNames) that the Lambda bundle does
 * not have, and that alone cost the allocator about a tenth of its speed.
 */
const bundled = async (): Promise<{
  benchInProcess: typeof BenchInProcess;
  benchDiscovery: typeof BenchDiscovery;
}> => {
  const outdir = fileURLToPath(new URL('../node_modules/.cache/allot-bench', import.meta.url));
  await build({
    entryPoints: ['inproc.ts', 'discovery.ts'].map((f) => fileURLToPath(new URL(f, import.meta.url))),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  const load = (name: string) => import(pathToFileURL(`${outdir}/${name}.mjs`).href);
  return {
    benchInProcess: (await load('inproc')).benchInProcess,
    benchDiscovery: (await load('discovery')).benchDiscovery,
  };
};

const main = async () => {
  const { benchInProcess, benchDiscovery } = await bundled();
  log('in-process allocator (core over the in-memory store, as bundled for Lambda)...');
  const inproc = await benchInProcess();
  log(`  IPv4: ${inproc.inproc_v4_allocs_per_s} allocations/s filling a /8 with 65,536 /24s`);
  log(`  IPv6: ${inproc.inproc_v6_allocs_per_s} allocations/s for 1,000,000 /64s`);
  const ddb = await startDynamo();
  try {
    await ensureTable(ddb.endpoint, 'allot-bench');
    log(`DynamoDB Local on ${ddb.endpoint}...`);
    const d = await benchDynamo(ddb.endpoint, 'allot-bench', (s) => log(`  ${s}`));
    log('bulk import of 10,000 rows (operation layer on DynamoDB Local, chunks of 250)...');
    const bulk = await benchImport(ddb.endpoint, 'allot-bench');
    log(
      `  ${bulk.import_10k_rows_s} s in all, of which the dry run of the whole file ${bulk.import_10k_dry_run_s} s`,
    );
    log('discovery evaluation (in-process)...');
    const discovery = await benchDiscovery();
    log(`  100,000 resource CIDRs in one scope: ${discovery.discovery_eval_100k_ms} ms`);
    return { inproc, d: { ...d, ...bulk }, discovery };
  } finally {
    await ddb.stop();
  }
};

/** The front door starts its own stack (and DynamoDB Local) once the first one is stopped. */
const all = async () => {
  const { inproc, d, discovery } = await main();
  log('the front door: the EC2 SDK through the local stack (serverless-offline)...');
  const endpoint = await benchEndpoint((s) => log(`  ${s}`));
  log('the console: a pool of 10,000 allocations in headless Chromium (local stack)...');
  const consoleFigures = await benchConsole(log);
  console.log(
    JSON.stringify({ bench: 'allot', ...inproc, ...d, ...endpoint, ...discovery, ...consoleFigures }),
  );
};

await all();
