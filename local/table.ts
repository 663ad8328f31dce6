/**
 * DynamoDB Local tables created from the very definition serverless.yml deploys
 * (resources.Resources.AllotTable.Properties), so local and deployed schemas cannot drift.
 */
import { readFileSync } from 'node:fs';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { parseDocument } from 'yaml';
import { localClient } from './dynamo';

export { localClient };

const SERVERLESS_YML = new URL('../serverless.yml', import.meta.url);

export type TableDefinition = Required<
  Pick<
    CreateTableCommandInput,
    'AttributeDefinitions' | 'KeySchema' | 'GlobalSecondaryIndexes' | 'BillingMode'
  >
>;

/**
 * The table's key schema, attributes, indexes and billing mode, read from serverless.yml.
 * `${...}` variables are plain strings to YAML and CloudFormation short tags (!GetAtt, !Join, ...)
 * only produce warnings, so the file parses as is; only the table's Properties are used.
 *
 * @example
 *   tableDefinition().KeySchema // [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }]
 */
export const tableDefinition = (): TableDefinition => {
  const doc = parseDocument(readFileSync(SERVERLESS_YML, 'utf8'), { logLevel: 'silent' });
  if (doc.errors.length > 0) throw new Error(`serverless.yml does not parse: ${doc.errors[0]?.message}`);
  const props = doc.getIn(['resources', 'Resources', 'AllotTable', 'Properties']) as
    | { toJSON(): Record<string, unknown> }
    | undefined;
  const p = props?.toJSON();
  if (!p?.KeySchema || !p.AttributeDefinitions || !p.GlobalSecondaryIndexes || !p.BillingMode) {
    throw new Error('serverless.yml: resources.Resources.AllotTable.Properties is incomplete');
  }
  return {
    AttributeDefinitions: p.AttributeDefinitions as TableDefinition['AttributeDefinitions'],
    KeySchema: p.KeySchema as TableDefinition['KeySchema'],
    GlobalSecondaryIndexes: p.GlobalSecondaryIndexes as TableDefinition['GlobalSecondaryIndexes'],
    BillingMode: p.BillingMode as TableDefinition['BillingMode'],
  };
};

const describe = async (client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> => {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (e) {
    if (e instanceof ResourceNotFoundException) return undefined;
    throw e;
  }
};

/** Key schema and index key schemas, to tell a kept local table made from an older definition. */
const shape = (t: Pick<TableDescription, 'KeySchema' | 'GlobalSecondaryIndexes'>) =>
  JSON.stringify([
    t.KeySchema?.map((k) => [k.AttributeName, k.KeyType]),
    (t.GlobalSecondaryIndexes ?? [])
      .map((g) => [g.IndexName, g.KeySchema?.map((k) => [k.AttributeName, k.KeyType])])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  ]);

/**
 * Create the table from `tableDefinition()` unless it exists, and wait until it is ACTIVE. An
 * existing table whose keys or indexes differ from serverless.yml is an error, not silently used.
 *
 * @example
 *   await ensureTable('http://127.0.0.1:8000', 'allot-local');
 */
export const ensureTable = async (endpoint: string, tableName: string): Promise<void> => {
  const def = tableDefinition();
  const client = localClient(endpoint);
  try {
    await createAndWait(client, endpoint, tableName, def);
  } finally {
    client.destroy();
  }
};

const createAndWait = async (
  client: DynamoDBClient,
  endpoint: string,
  tableName: string,
  def: TableDefinition,
) => {
  let table = await describe(client, tableName);
  if (!table) {
    try {
      await client.send(new CreateTableCommand({ TableName: tableName, ...def }));
    } catch (e) {
      if (!(e instanceof ResourceInUseException)) throw e; // created concurrently: fine
    }
  } else if (shape(table) !== shape(def)) {
    throw new Error(
      `table ${tableName} at ${endpoint} has other keys or indexes than serverless.yml; ` +
        'delete it (for `npm start`: remove local/.data) to recreate it',
    );
  }
  for (let i = 0; i < 300; i++) {
    table = await describe(client, tableName);
    if (table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
};

/** Delete the table; a table that does not exist is not an error. */
export const deleteTable = async (endpoint: string, tableName: string): Promise<void> => {
  const client = localClient(endpoint);
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  } finally {
    client.destroy();
  }
};
