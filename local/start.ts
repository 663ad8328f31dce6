/**
 * `npm start`: DynamoDB Local + the table allot-local + serverless-offline on 127.0.0.1:$PORT
 * (default 3000), and moto's EC2 emulator when `moto_server` is installed (discovery reads it).
 * Data is kept in local/.data (git-ignored); ALLOT_IN_MEMORY=1 keeps nothing. The screen shows
 * progress, then where everything is, then one line per request (local/log-lines.ts).
 * Ctrl-C (or SIGTERM) stops it all; a run that was killed outright is cleaned up by the next one.
 */
import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lineSplitter, routeLine } from './log-lines';
import { type Moto, onPath, startMotoServer } from './moto';
import { clearLeftovers, clearStart, recordStart } from './processes';
import { startupScreen } from './screen';
import { startLocalStack } from './stack';
import { clearStackState, writeStackState } from './stack-state';

const DATA_DIR = process.env.ALLOT_DATA_DIR ?? fileURLToPath(new URL('.data', import.meta.url));
const STATE_FILE = `${DATA_DIR}/npm-start.json`;

const port = Number(process.env.PORT ?? 3000);
const inMemory = process.env.ALLOT_IN_MEMORY === '1';
const verbose = process.env.ALLOT_VERBOSE === '1';
const accountId = process.env.ALLOT_LOCAL_ACCOUNT_ID ?? '000000000000';
const severalAccounts = process.env.ALLOT_ACCOUNT_ID_AS_ACCESS_KEY === '1';
const region = process.env.AWS_REGION ?? 'us-east-1';
const started = Date.now();
const since = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const step = (text: string) => console.log(`  ${text.padEnd(58)} ${since()}`);

mkdirSync(DATA_DIR, { recursive: true });
await clearLeftovers(STATE_FILE);
const logsDir = inMemory ? mkdtempSync(join(tmpdir(), 'allot-logs-')) : `${DATA_DIR}/logs`;
mkdirSync(logsDir, { recursive: true });
console.log(`Starting Allot (${inMemory ? 'in memory' : 'data in local/.data'})...`);

// moto's default account becomes the local account, so `aws ec2 create-vpc --endpoint-url <moto>`
// with any credentials makes a VPC that discovery of that account finds. With several accounts,
// moto keeps them apart by the x-moto-account-id header Allot's EC2 reader sends instead.
const motoBin = process.env.ALLOT_NO_MOTO === '1' ? undefined : onPath('moto_server');
const moto: Moto | undefined = motoBin
  ? await startMotoServer(motoBin, severalAccounts ? {} : { accountId })
  : undefined;
if (moto) step(`moto (EC2 emulator) on ${moto.endpoint}`);
// VPCs and subnets from pools are created in moto unless another EC2 endpoint is configured.
const backend = process.env.ALLOT_EC2_BACKEND || moto?.endpoint;

let ready = false;
const split = lineSplitter();
const show = (chunk: string) => {
  for (const line of split(chunk)) {
    const routed = routeLine(line, verbose);
    if (routed.file) appendFileSync(`${logsDir}/${routed.file}.log`, `${line}\n`);
    // serverless-offline's start-up banner (a box per route) only with ALLOT_VERBOSE=1.
    if (routed.screen !== undefined && (ready || verbose)) console.log(routed.screen);
  }
};
const stack = await startLocalStack({
  port,
  inMemory,
  dataDir: DATA_DIR,
  env: {
    ...(moto ? { ALLOT_DISCOVERY_EC2_ENDPOINT: moto.endpoint } : {}),
    ...(backend ? { ALLOT_EC2_BACKEND: backend } : {}),
  },
  log: show,
  progress: (part, detail) =>
    step(
      part === 'dynamodb'
        ? `DynamoDB Local on ${detail}`
        : part === 'table'
          ? `table ${detail}`
          : `functions bundled, API answering on ${detail}`,
    ),
});
ready = true;
recordStart(STATE_FILE, { owner: process.pid, ...stack.pids });
writeStackState(
  {
    pid: process.pid,
    url: stack.url,
    ddbEndpoint: stack.ddbEndpoint,
    tableName: stack.tableName,
    region,
    accountId,
    ...(moto ? { motoEndpoint: moto.endpoint } : {}),
  },
  `${DATA_DIR}/stack.json`,
);
console.log('');
for (const line of startupScreen({
  url: stack.url,
  accountId,
  accountIdAsAccessKey: severalAccounts,
  credentialKey: Boolean(process.env.ALLOT_CREDENTIAL_KEY),
  ...(inMemory ? {} : { dataDir: process.env.ALLOT_DATA_DIR ?? 'local/.data' }),
  ddbEndpoint: stack.ddbEndpoint,
  ddbIsolated: stack.ddbIsolated,
  tableName: stack.tableName,
  ...(moto ? { motoEndpoint: moto.endpoint } : {}),
  ...(backend ? { backend } : {}),
  logsDir: inMemory || process.env.ALLOT_DATA_DIR ? logsDir : 'local/.data/logs',
  seconds: (Date.now() - started) / 1000,
}))
  console.log(line);
console.log('');

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping serverless-offline, DynamoDB Local${moto ? ' and moto' : ''}...`);
  await stack.stop();
  await moto?.stop();
  clearStart(STATE_FILE);
  clearStackState(`${DATA_DIR}/stack.json`);
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
