/**
 * DynamoDB Local tables created from the very definition serverless.yml deploys
 * (resources.Resources.AllotTable.Properties), so local and deployed schemas cannot drift.
 */
import { readFileSync } from 'node:fs';
import {
  type CreateTableCommandInput,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { parseDocument } from 'yaml';

const SERVERLESS_YML = new URL('../serverless.yml', import.meta.url);

type TableProps = Pick<CreateTableCommandInput, 'AttributeDefinitions' | 'KeySchema' | 'GlobalSecondaryIndexes' | 'BillingMode'>;

/** The table's key schema, attributes, indexes and billing mode from serverless.yml. */
export const tableDefinition = (): TableProps => {
  // CloudFormation short tags (!GetAtt, !Join, !Ref) are kept as plain values: only Properties matter.
  const doc = parseDocument(readFileSync(SERVERLESS_YML, 'utf8'), {
    customTags: ['GetAtt', 'Join', 'Ref', 'Sub'].flatMap((t) => [
      { tag: `!${t}`, resolve: (v: unknown) => v },
      { tag: `!${t}`, collection: 'seq' as const, resolve: (v: unknown) => v },
    ]),
  });
  const props = (doc.toJS() as { resources: { Resources: { AllotTable: { Properties: Record<string, unknown> } } } }).resources.Resources
    .AllotTable.Properties;
  return {
    AttributeDefinitions: props.AttributeDefinitions as TableProps['AttributeDefinitions'],
    KeySchema: props.KeySchema as TableProps['KeySchema'],
    GlobalSecondaryIndexes: props.GlobalSecondaryIndexes as TableProps['GlobalSecondaryIndexes'],
    BillingMode: props.BillingMode as TableProps['BillingMode'],
  };
};

export const localClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** Create the table if it does not exist and wait until it is ACTIVE. */
export const ensureTable = async (endpoint: string, tableName: string): Promise<void> => {
  const client = localClient(endpoint);
  try {
    const t = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (t.Table?.TableStatus === 'ACTIVE') return;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
    await client.send(new CreateTableCommand({ TableName: tableName, ...tableDefinition() }));
  }
  for (let i = 0; i < 100; i++) {
    const t = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (t.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
};

export const deleteTable = async (endpoint: string, tableName: string): Promise<void> => {
  await localClient(endpoint).send(new DeleteTableCommand({ TableName: tableName }));
};
