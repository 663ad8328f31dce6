/** A fresh DynamoDB Local table (the serverless.yml definition) per call, so suites never share state. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../core/store/dynamo';
import { ensureTable } from '../../local/table';

let counter = 0;

export const freshTable = async (
  prefix = 'test',
): Promise<{ tableName: string; endpoint: string; client: DynamoDBDocumentClient }> => {
  const endpoint = inject('ddbEndpoint');
  const tableName = `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
  await ensureTable(endpoint, tableName);
  return { tableName, endpoint, client: createDocumentClient({ endpoint, region: 'us-east-1' }) };
};
