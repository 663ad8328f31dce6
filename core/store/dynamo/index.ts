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
export const createDocumentClient = (opts: { endpoint?: string; region: string }): DynamoDBDocumentClient => {
  const client = new DynamoDBClient({
    region: opts.region,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
};
