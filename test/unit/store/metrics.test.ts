/** The metric store's items and queries on the table (F-MET-16), with the document client mocked. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../../core/ports';
import { DynamoStore } from '../../../core/store/dynamo';

const ddb = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const store = () => new DynamoStore({ client, tableName: 'allot' });

const point = (Timestamp: number, Value: number): MetricPoint => ({
  Account: '111122223333',
  Namespace: 'Allot/IPAM',
  MetricName: 'PercentAssigned',
  Dimensions: { ScopeID: 's', PoolID: 'p' },
  Unit: 'Percent',
  Timestamp,
  Value,
  expires: Timestamp + 86_400_000,
});

beforeEach(() => {
  ddb.reset();
});

describe('DynamoStore metric store', () => {
  it('writes each point under its series partition and the series once, both with the TTL in seconds', async () => {
    ddb.on(BatchWriteCommand).resolves({ $metadata: {} });
    await store().putMetrics([point(1_000, 1.5), point(301_000, 2)]);
    const items = ddb
      .commandCalls(BatchWriteCommand)
      .flatMap((c) => c.args[0].input.RequestItems!.allot!.map((r) => r.PutRequest!.Item));
    const dims = '[["PoolID","p"],["ScopeID","s"]]';
    expect(items).toEqual([
      {
        PK: 'METRICS#111122223333#Allot/IPAM#PercentAssigned',
        SK: dims,
        Account: '111122223333',
        Namespace: 'Allot/IPAM',
        MetricName: 'PercentAssigned',
        Dimensions: { ScopeID: 's', PoolID: 'p' },
        Unit: 'Percent',
        ttl: 86_701,
      },
      {
        PK: `METRIC#111122223333#Allot/IPAM#PercentAssigned#${dims}`,
        SK: 'T#0000000001000',
        V: 1.5,
        ttl: 86_401,
      },
      {
        PK: `METRIC#111122223333#Allot/IPAM#PercentAssigned#${dims}`,
        SK: 'T#0000000301000',
        V: 2,
        ttl: 86_701,
      },
    ]);
  });

  it('reads a time range with one key condition, following every page', async () => {
    const pk = 'METRIC#111122223333#Allot/IPAM#PercentAssigned#[["PoolID","p"],["ScopeID","s"]]';
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        $metadata: {},
        Items: [{ PK: pk, SK: 'T#0000000001000', V: 1.5 }],
        LastEvaluatedKey: { PK: pk },
      })
      .resolvesOnce({ $metadata: {}, Items: [{ PK: pk, SK: 'T#0000000301000', V: 2 }] });
    const { Account, Namespace, MetricName, Dimensions, Unit } = point(0, 0);
    const got = await store().metricPoints({ Account, Namespace, MetricName, Dimensions, Unit }, 0, 599_999);
    expect(got).toEqual([
      { Timestamp: 1_000, Value: 1.5 },
      { Timestamp: 301_000, Value: 2 },
    ]);
    const first = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(first.KeyConditionExpression).toBe('#pk = :pk AND #sk BETWEEN :from AND :to');
    expect(first.ExpressionAttributeValues).toEqual({
      ':pk': pk,
      ':from': 'T#0000000000000',
      ':to': 'T#0000000599999',
    });
    expect(ddb.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({ PK: pk });
  });
});
