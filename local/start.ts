/**
 * `npm start`: DynamoDB Local + the table allot-local + serverless-offline on 127.0.0.1:$PORT
 * (default 3000). Data is kept in local/.data (git-ignored); ALLOT_IN_MEMORY=1 keeps nothing.
 * Ctrl-C (or SIGTERM) stops it all; a run that was killed outright is cleaned up by the next one.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clearLeftovers, clearStart, recordStart } from './processes';
import { startLocalStack } from './stack';

const DATA_DIR = fileURLToPath(new URL('.data', import.meta.url));
const STATE_FILE = `${DATA_DIR}/npm-start.json`;

const port = Number(process.env.PORT ?? 3000);
const inMemory = process.env.ALLOT_IN_MEMORY === '1';
const started = Date.now();

mkdirSync(DATA_DIR, { recursive: true });
await clearLeftovers(STATE_FILE);
console.log(
  `Starting DynamoDB Local (${inMemory ? 'in memory' : 'data in local/.data'}) and serverless-offline...`,
);
// serverless-offline's start-up banner (a box per route) only with ALLOT_VERBOSE=1; once the API is
// up, its output (one line per request, handler errors) always shows.
let showOutput = process.env.ALLOT_VERBOSE === '1';
const stack = await startLocalStack({
  port,
  inMemory,
  dataDir: DATA_DIR,
  log: (chunk) => showOutput && process.stdout.write(chunk),
});
showOutput = true;
recordStart(STATE_FILE, { owner: process.pid, ...stack.pids });
console.log(`Allot API listening on ${stack.url}`);
console.log(`  POST ${stack.url}/v1/<Action>; DynamoDB Local ${stack.ddbEndpoint}, table ${stack.tableName}`);
console.log(`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Press Ctrl-C to stop.`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping serverless-offline and DynamoDB Local...`);
  await stack.stop();
  clearStart(STATE_FILE);
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
