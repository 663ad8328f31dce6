/**
 * How DynamoStore maps a unit of work onto requests and lost races onto values, with the
 * document client mocked (the same behaviour against DynamoDB Local is in the contract suite).
 */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Write } from '../../../core/ports';
import { DynamoStore } from '../../../core/store/dynamo';
import { nodeToItem } from '../../../core/store/dynamo/node-items';
import { recordToItem } from '../../../core/store/dynamo/record-items';
import { indexed, makeAllocation, makeNode, makePool, nodeKey } from '../../helpers/fixtures';

const ddb = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const store = () => new DynamoStore({ client, tableName: 'allot' });
const meta = { $metadata: {} };

const claim = (pos: number, key = nodeKey()): Write => ({
  type: 'node',
  write: { kind: 'claim', key, pos, value: `a${pos}` },
});
const createPool: Write = { type: 'create', record: makePool() };

beforeEach(() => {
  ddb.reset();
});

describe('DynamoStore.commit', () => {
  it('sends one write as a single conditional request asking for ALL_OLD', async () => {
    ddb.on(UpdateCommand).resolves({});
    expect(await store().commit([claim(5)])).toEqual({ ok: true });
    const [call] = ddb.commandCalls(UpdateCommand);
    expect(call?.args[0].input).toMatchObject({
      ConditionExpression: expect.stringContaining('attribute_not_exists(#b5)'),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('sends several writes as one transaction, ALL_OLD on every item', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    expect(await store().commit([claim(5), createPool])).toEqual({ ok: true });
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((i) => Object.keys(i))).toEqual([['Update'], ['Put']]);
    expect(items.map((i) => Object.values(i)[0]?.ReturnValuesOnConditionCheckFailure)).toEqual([
      'ALL_OLD',
      'ALL_OLD',
    ]);
  });

  it('answers a lone check with a consistent read', async () => {
    ddb.on(GetCommand).resolves({ Item: recordToItem(makePool(), 2) });
    const s = store();
    expect(
      await s.commit([{ type: 'check', ref: { kind: 'pool', id: 'ipam-pool-1' }, expectVersion: 2 }]),
    ).toEqual({ ok: true });
    const stale: Write[] = [{ type: 'check', ref: { kind: 'pool', id: 'ipam-pool-1' }, expectVersion: 1 }];
    expect(indexed(await s.commit(stale), stale)).toEqual({ ok: false, failed: [0], nodes: [] });
    expect(ddb.commandCalls(GetCommand).map((c) => c.args[0].input.ConsistentRead)).toEqual([true, true]);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('returns the fresh node of a lost single claim and caches it', async () => {
    const fresh = makeNode({ v: 8, b: { 2: 'other' }, u: { 1: 1 } });
    ddb.on(UpdateCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: marshall(nodeToItem(fresh, 8)),
      }),
    );
    const s = store();
    const writes = [claim(5)];
    expect(indexed(await s.commit(writes), writes)).toEqual({ ok: false, failed: [0], nodes: [fresh] });
    expect(s.peekNode(nodeKey())).toEqual(fresh);
  });

  it('maps cancellation reasons to the failed writes and their fresh nodes', async () => {
    const fresh = makeNode({ v: 3, b: { 4: 'other' }, u: { 2: 1, 1: 1 } });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'ConditionalCheckFailed', Item: marshall(nodeToItem(fresh, 3)) },
          { Code: 'ConditionalCheckFailed' },
          { Code: 'None' },
        ],
      }),
    );
    const writes = [claim(4), claim(5, nodeKey({ prefix: 16 })), createPool];
    expect(indexed(await store().commit(writes), writes)).toEqual({
      ok: false,
      failed: [0, 1],
      nodes: [fresh],
    });
  });

  it('a conflict with another transaction fails nothing in particular, so the caller retries', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'conflict',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
      }),
    );
    expect(await store().commit([claim(5), createPool])).toEqual({ ok: false, failed: [], nodes: [] });
  });

  it('throws anything else and forgets the nodes it touched', async () => {
    const s = store();
    ddb.on(GetCommand).resolves({ Item: nodeToItem(makeNode({ v: 1 }), 1) });
    await s.readNode(nodeKey());
    ddb.on(UpdateCommand).rejects(new Error('socket hang up'));
    await expect(s.commit([claim(5)])).rejects.toThrow('socket hang up');
    expect(s.peekNode(nodeKey())).toBeUndefined();
  });

  it('refuses two writes on one item, which DynamoDB would reject', async () => {
    await expect(store().commit([claim(4), claim(5)])).rejects.toThrow(
      /writes SPACE#ipam-pool-1#4\|NODE#0a000000\/008 twice/,
    );
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses more than 100 writes', async () => {
    const writes = Array.from(
      { length: 101 },
      (_, i): Write => claim(1, nodeKey({ start: BigInt(i) << 24n })),
    );
    await expect(store().commit(writes)).rejects.toThrow(RangeError);
  });

  it("routes a lone node 'put' to PutItem and 'delete' to DeleteItem", async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
    const s = store();
    expect(
      await s.commit([{ type: 'node', write: { kind: 'put', node: makeNode(), expectVersion: 1 } }]),
    ).toEqual({ ok: true });
    expect(
      await s.commit([{ type: 'node', write: { kind: 'delete', key: nodeKey(), expectVersion: 2 } }]),
    ).toEqual({ ok: true });
    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input.ConditionExpression)).toEqual([
      '#v = :expect',
    ]);
    expect(ddb.commandCalls(DeleteCommand).map((c) => c.args[0].input.ExpressionAttributeValues)).toEqual([
      { ':expect': 2 },
    ]);
  });
});

describe('DynamoStore.readNode', () => {
  it('serves cached views unless asked for a fresh read', async () => {
    ddb.on(GetCommand).resolves({ Item: nodeToItem(makeNode({ v: 1 }), 1) });
    const s = store();
    await s.readNode(nodeKey());
    await s.readNode(nodeKey());
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
    await s.readNode(nodeKey(), true);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(2);
  });

  it('reads every time with the cache disabled', async () => {
    ddb.on(GetCommand).resolves({});
    const s = new DynamoStore({ client, tableName: 'allot', nodeCacheTtlMs: 0 });
    expect(await s.readNode(nodeKey())).toBeUndefined();
    expect(await s.readNode(nodeKey())).toBeUndefined();
    expect(ddb.commandCalls(GetCommand)).toHaveLength(2);
  });
});

describe('DynamoStore.list', () => {
  const items = ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'].map((c) => recordToItem(makeAllocation(c), 1));

  it('reads one past the page, so a full last page has no cursor', async () => {
    // DynamoDB returns a LastEvaluatedKey whenever it stops at Limit, even at the partition's end.
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        ...meta,
        Items: items.slice(0, 3),
        LastEvaluatedKey: { PK: items[2]!.PK, SK: items[2]!.SK },
      })
      .resolvesOnce({ ...meta, Items: [] });
    const page = await store().list({ kind: 'allocation', poolId: 'ipam-pool-1' }, 3);
    expect(page.cursor).toBeUndefined();
    expect(page.items.map((r) => (r as { Cidr: string }).Cidr)).toEqual([
      '10.0.0.0/24',
      '10.0.1.0/24',
      '10.0.2.0/24',
    ]);
    expect(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.Limit)).toEqual([4, 1]);
  });

  it('keeps reading when DynamoDB stops short of the page (1 MB), and resumes after the last item returned', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: items.slice(0, 1), LastEvaluatedKey: { PK: items[0]!.PK, SK: items[0]!.SK } })
      .resolvesOnce({ Items: items.slice(1, 3) });
    const s = store();
    const page = await s.list({ kind: 'allocation', poolId: 'ipam-pool-1' }, 1);
    expect(page.items).toHaveLength(1);
    expect(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.Limit)).toEqual([2, 1]);
    ddb.reset();
    ddb.on(QueryCommand).resolves({ Items: items.slice(1, 3) });
    await s.list({ kind: 'allocation', poolId: 'ipam-pool-1' }, 5, page.cursor);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ExclusiveStartKey).toEqual({
      PK: items[0]!.PK,
      SK: items[0]!.SK,
    });
  });
});
