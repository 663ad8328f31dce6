import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export { DynamoStore, type DynamoStoreOptions } from './store';

/** A document client; local endpoints get dummy credentials so no AWS account is needed. */
export const createDocumentClient = (opts: { endpoint?: string; region: string }): DynamoDBDocumentClient => {
  const client = new DynamoDBClient({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
};
