/**
 * `npm start`: DynamoDB Local + the table + serverless-offline on 127.0.0.1:$PORT (default 3000).
 * Data is kept in local/.data (git-ignored); ALLOT_IN_MEMORY=1 keeps nothing. Ctrl-C stops it all.
 */
import { startLocalStack } from './stack';

const port = Number(process.env.PORT ?? 3000);
const inMemory = process.env.ALLOT_IN_MEMORY === '1';

console.log(`Starting DynamoDB Local (${inMemory ? 'in memory' : 'data in local/.data'}) and serverless-offline...`);
const stack = await startLocalStack({ port, inMemory, ...(process.env.ALLOT_VERBOSE ? { log: (l) => process.stdout.write(l) } : {}) });
console.log(`Allot API listening on ${stack.url}  (JSON API: POST ${stack.url}/v1/<Action>)`);
console.log(`DynamoDB Local on ${stack.ddbEndpoint}, table ${stack.tableName}. Press Ctrl-C to stop.`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping...');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
