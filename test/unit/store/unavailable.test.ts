/**
 * A store that is down answers ServiceUnavailable (503 at the door, retryable), not a bare error
 * the door would turn into 500 InternalError: the probe's outages gave callers 1,160 of those.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentClient, DynamoStore } from '../../../core/store/dynamo';
import { isUnavailable } from '../../../core/store/dynamo/unavailable';
import { toWireError } from '../../../handlers/api/errors';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

const serve = async (answer: (res: import('node:http').ServerResponse) => void): Promise<string> => {
  const server = createServer((_req, res) => answer(res));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const storeAt = (endpoint: string) =>
  new DynamoStore({
    client: createDocumentClient({ endpoint, region: 'us-east-1', requestTimeoutMs: 300 }),
    tableName: 'allot-down',
  });

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'answered',
    (e: unknown) => {
      const w = toWireError(e);
      return [w.status, w.code];
    },
  );

describe('a store that is down', () => {
  it('answers ServiceUnavailable when nothing listens', async () => {
    const url = await serve(() => {});
    servers.pop()?.close(); // the port is free again: connections are refused
    await expect(outcome(storeAt(url).get({ kind: 'ipam', id: 'ipam-1' }))).resolves.toEqual([
      503,
      'ServiceUnavailable',
    ]);
  });

  it('answers ServiceUnavailable when the store never answers (a paused process)', async () => {
    const url = await serve(() => {}); // accepts, never answers
    await expect(outcome(storeAt(url).get({ kind: 'ipam', id: 'ipam-1' }))).resolves.toEqual([
      503,
      'ServiceUnavailable',
    ]);
  });

  it('answers ServiceUnavailable for a 500 from the store, and for a commit as for a read', async () => {
    const url = await serve((res) => {
      res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'x' }),
      );
    });
    const store = storeAt(url);
    await expect(outcome(store.get({ kind: 'ipam', id: 'ipam-1' }))).resolves.toEqual([
      503,
      'ServiceUnavailable',
    ]);
  });

  it('leaves what the adapter reads as answers, and bugs, alone', () => {
    expect(
      isUnavailable({ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } }),
    ).toBe(false);
    expect(isUnavailable({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(
      isUnavailable({
        name: 'TransactionCanceledException',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
      }),
    ).toBe(false);
    expect(
      isUnavailable({
        name: 'TransactionCanceledException',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }],
      }),
    ).toBe(true);
    expect(
      isUnavailable({ name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } }),
    ).toBe(true);
  });
});
