/**
 * The requests behind a commit and a purge. Every write asks for the item as it was when its
 * condition fails (ALL_OLD), which DynamoDB returns in the error (failures.ts).
 */
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from '../../records';
import { type LostRace, lostRace } from './failures';
import type { Item, TransactItem } from './node-items';

const ALL_OLD = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } as const;

const keyOf = (p: TransactItem): ItemKey => {
  const body = Object.values(p)[0] as { Key?: ItemKey; Item?: Item };
  return body.Key ?? { PK: String(body.Item?.PK), SK: String(body.Item?.SK) };
};

/** The first item a unit of work names twice (TransactWriteItems allows one action per item). */
export const repeatedItem = (params: TransactItem[]): string | undefined => {
  const seen = new Set<string>();
  for (const p of params) {
    const k = keyOf(p);
    const id = `${k.PK}|${k.SK}`;
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
};

const raceOr = (err: unknown): LostRace => {
  const race = lostRace(err);
  if (!race) throw err;
  return race;
};

/** One Put/Update/Delete through the single-item API: undefined when it held, else the lost race. */
export const sendWrite = async (
  client: DynamoDBDocumentClient,
  p: TransactItem,
): Promise<LostRace | undefined> => {
  try {
    if ('Put' in p) await client.send(new PutCommand({ ...p.Put, ...ALL_OLD } as PutCommandInput));
    else if ('Update' in p)
      await client.send(new UpdateCommand({ ...p.Update, ...ALL_OLD } as UpdateCommandInput));
    else if ('Delete' in p)
      await client.send(new DeleteCommand({ ...p.Delete, ...ALL_OLD } as DeleteCommandInput));
    else throw new Error('a lone ConditionCheck is not a single-item write');
    return undefined;
  } catch (err) {
    return raceOr(err);
  }
};

/** All writes in one TransactWriteItems: undefined when every condition held, else the lost race. */
export const sendTransaction = async (
  client: DynamoDBDocumentClient,
  params: TransactItem[],
): Promise<LostRace | undefined> => {
  const twice = repeatedItem(params);
  // DynamoDB would answer with a bare ValidationException; name the item for the developer.
  if (twice)
    throw new Error(`a unit of work writes ${twice} twice; TransactWriteItems allows one action per item`);
  const TransactItems = params.map((p) => {
    const [action, body] = Object.entries(p)[0]!;
    return { [action]: { ...body, ...ALL_OLD } };
  }) as TransactWriteCommandInput['TransactItems'];
  try {
    await client.send(new TransactWriteCommand({ TransactItems }));
    return undefined;
  } catch (err) {
    return raceOr(err);
  }
};

type RequestItems = BatchWriteCommandInput['RequestItems'];

type WriteRequest = NonNullable<RequestItems>[string][number];

/** BatchWriteItem, 25 requests at a time, retrying with backoff what DynamoDB leaves unprocessed. */
export const batchWrite = async (
  client: DynamoDBDocumentClient,
  table: string,
  requests: WriteRequest[],
): Promise<void> => {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: RequestItems = { [table]: requests.slice(i, i + 25) };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt >= 10) throw new Error(`BatchWriteItem left items unprocessed after ${attempt} attempts`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const res: { UnprocessedItems?: RequestItems } = await client.send(
        new BatchWriteCommand({ RequestItems: pending }),
      );
      pending = res.UnprocessedItems;
    }
  }
};

/** Unconditional deletes (a batch may not repeat an item). */
export const deleteKeys = async (
  client: DynamoDBDocumentClient,
  table: string,
  keys: ItemKey[],
): Promise<void> => {
  const unique = [...new Map(keys.map((k) => [`${k.PK}|${k.SK}`, k])).values()];
  await batchWrite(
    client,
    table,
    unique.map((Key) => ({ DeleteRequest: { Key } })),
  );
};

/** Every item of one partition (optionally a sort-key range), in sort-key order, strongly consistent. */
export const queryPartition = async (
  client: DynamoDBDocumentClient,
  table: string,
  pk: string,
  range?: [string, string],
): Promise<Item[]> => {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const res = await client.send(
      new QueryCommand({
        TableName: table,
        ConsistentRead: true,
        KeyConditionExpression: range ? '#pk = :pk AND #sk BETWEEN :from AND :to' : '#pk = :pk',
        ExpressionAttributeNames: range ? { '#pk': 'PK', '#sk': 'SK' } : { '#pk': 'PK' },
        ExpressionAttributeValues: range ? { ':pk': pk, ':from': range[0], ':to': range[1] } : { ':pk': pk },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
};
