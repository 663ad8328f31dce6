/** Local tables are made from serverless.yml's AllotTable, so local and deployed keys cannot drift. */
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { localClient } from '../../local/dynamo';
import { ensureTable, tableDefinition } from '../../local/table';
import { freshTable } from '../helpers/ddb';

const keys = (hash: string, range: string) => [
  { AttributeName: hash, KeyType: 'HASH' },
  { AttributeName: range, KeyType: 'RANGE' },
];

describe('tables from serverless.yml', () => {
  it('reads the key schema, attributes, indexes and billing mode of AllotTable', () => {
    expect(tableDefinition()).toEqual({
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'].map((n) => ({
        AttributeName: n,
        AttributeType: 'S',
      })),
      KeySchema: keys('PK', 'SK'),
      GlobalSecondaryIndexes: [
        { IndexName: 'GSI1', KeySchema: keys('GSI1PK', 'GSI1SK'), Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'GSI2', KeySchema: keys('GSI2PK', 'GSI2SK'), Projection: { ProjectionType: 'ALL' } },
      ],
    });
  });

  it('freshTable creates an ACTIVE table with exactly those keys and indexes', async () => {
    // Arrange / Act
    const { tableName, endpoint } = await freshTable('schema');
    const client = localClient(endpoint);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    client.destroy();

    // Assert
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual(keys('PK', 'SK'));
    expect(
      [...(Table?.AttributeDefinitions ?? [])].sort((a, b) =>
        String(a.AttributeName).localeCompare(String(b.AttributeName)),
      ),
    ).toEqual(
      ['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'PK', 'SK'].map((n) => ({
        AttributeName: n,
        AttributeType: 'S',
      })),
    );
    expect(
      (Table?.GlobalSecondaryIndexes ?? [])
        .map((g) => ({
          IndexName: g.IndexName,
          KeySchema: g.KeySchema,
          Projection: g.Projection,
          IndexStatus: g.IndexStatus,
        }))
        .sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName))),
    ).toEqual([
      {
        IndexName: 'GSI1',
        KeySchema: keys('GSI1PK', 'GSI1SK'),
        Projection: { ProjectionType: 'ALL' },
        IndexStatus: 'ACTIVE',
      },
      {
        IndexName: 'GSI2',
        KeySchema: keys('GSI2PK', 'GSI2SK'),
        Projection: { ProjectionType: 'ALL' },
        IndexStatus: 'ACTIVE',
      },
    ]);
  });

  it('ensureTable leaves an existing table and its items as they are', async () => {
    // Arrange
    const { tableName, endpoint, client } = await freshTable('again');
    await client.send(new PutCommand({ TableName: tableName, Item: { PK: 'p', SK: 's' } }));

    // Act
    await ensureTable(endpoint, tableName);

    // Assert
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { PK: 'p', SK: 's' } }));
    expect(Item).toEqual({ PK: 'p', SK: 's' });
  });

  it('ensureTable refuses a kept table made from another definition', async () => {
    // Arrange: a table keyed on PK alone, as an older serverless.yml might have made it
    const { endpoint } = await freshTable('base');
    const tableName = `legacy-${process.pid}-${Date.now().toString(36)}`;
    const client = localClient(endpoint);
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      }),
    );
    client.destroy();

    // Act / Assert
    await expect(ensureTable(endpoint, tableName)).rejects.toThrow(
      `table ${tableName} at ${endpoint} has other keys or indexes than serverless.yml`,
    );
  });
});
