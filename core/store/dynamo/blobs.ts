/**
 * Blobs (Store.putBlob): gzip, then parts of at most PART_BYTES in one partition, written with
 * BatchWriteItem (25 per request). DynamoDB caps an item at 400 KB, so a part leaves room for
 * its keys. Measured on DynamoDB Local (bench/discovery-snapshot.ts, 10,000 ENI rows): 4.09 MB of
 * JSON gzip to 0.12 MB, one item, and a replacement takes 316 ms; one item per row takes 400
 * BatchWriteItem requests and 5.5 s before deleting the rows not seen again.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { blobPartKey } from '../keys';
import type { Item } from './node-items';
import { batchWrite, deleteKeys, queryPartition } from './send';

export const PART_BYTES = 350_000;

/** Write every part; returns the part count. */
export const putBlob = async (
  client: DynamoDBDocumentClient,
  table: string,
  key: string,
  body: string,
): Promise<number> => {
  const zipped = gzipSync(Buffer.from(body, 'utf8'));
  const parts: Item[] = [];
  for (let at = 0, n = 0; at < zipped.length || n === 0; at += PART_BYTES, n++) {
    parts.push({ ...blobPartKey(key, n), data: new Uint8Array(zipped.subarray(at, at + PART_BYTES)) });
  }
  await batchWrite(
    client,
    table,
    parts.map((Item) => ({ PutRequest: { Item } })),
  );
  return parts.length;
};

const partsOf = (client: DynamoDBDocumentClient, table: string, key: string): Promise<Item[]> =>
  queryPartition(client, table, blobPartKey(key, 0).PK);

/** The whole blob, or undefined when it is absent or not all `parts` are there (being deleted). */
export const getBlob = async (
  client: DynamoDBDocumentClient,
  table: string,
  key: string,
  parts: number,
): Promise<string | undefined> => {
  const items = await partsOf(client, table, key);
  if (items.length !== parts) return undefined;
  const zipped = Buffer.concat(items.map((i) => Buffer.from(i.data as Uint8Array)));
  return gunzipSync(zipped).toString('utf8');
};

export const deleteBlob = async (
  client: DynamoDBDocumentClient,
  table: string,
  key: string,
): Promise<void> => {
  const items = await partsOf(client, table, key);
  await deleteKeys(
    client,
    table,
    items.map((i) => ({ PK: String(i.PK), SK: String(i.SK) })),
  );
};
