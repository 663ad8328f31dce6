/**
 * The DynamoDB adapter of the Store port: the only module that imports @aws-sdk/lib-dynamodb.
 * @example const store = new DynamoStore({ client: createDocumentClient({ region: 'us-east-1' }), tableName: 'allot' });
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export { DynamoStore, type DynamoStoreOptions, MAX_WRITES } from './store';

/**
 * A document client for the Store. Items hold plain strings and numbers (node starts live in the
 * sort key as hex, so no BigInt), records may have undefined optional fields (dropped), and class
 * instances are never stored. A local endpoint gets dummy credentials so no AWS account is needed.
 */
export const createDocumentClient = (opts: {
  endpoint?: string;
  region: string;
  /** Per-attempt timeout (default 5 s). */
  requestTimeoutMs?: number;
}): DynamoDBDocumentClient => {
  const client = new DynamoDBClient({
    region: opts.region,
    // A store that stops answering must cost a request seconds, not the function's whole timeout
    // (then ServiceUnavailable, unavailable.ts): 1 s to connect, 5 s per attempt, 3 attempts.
    requestHandler: {
      connectionTimeout: 1000,
      requestTimeout: opts.requestTimeoutMs ?? 5000,
      throwOnRequestTimeout: true,
    },
    maxAttempts: 3,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
};
