/**
 * DynamoDB Local holds the whole table without credentials, and its jar cannot bind an address:
 * the local stack runs it in a network namespace of its own, reached only through 127.0.0.1.
 * The probe found it listening on every interface.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { localClient, startDynamo } from '../../local/dynamo';

const outcome = (port: number, host: string): Promise<string> =>
  new Promise((resolve) => {
    const s = connect(port, host);
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });

/** Local addresses (hex, as /proc shows them) of the sockets listening on `port`. */
const listenersOn = (port: number): string[] =>
  ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && Number.parseInt(f[1]?.split(':')[1] ?? '', 16) === port)
      .map((f) => f[1]!.split(':')[0]!),
  );

const external = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i && !i.internal)
  .map((i) => i!.address);

describe('DynamoDB Local on loopback only', () => {
  it('answers through 127.0.0.1 and refuses every other address of this machine', async () => {
    const ddb = await startDynamo();
    try {
      expect(ddb.isolated).toBe(true);
      const client = localClient(ddb.endpoint);
      expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      client.destroy();
      // Every listener on its port in this machine's network is on 127.0.0.1 (none on 0.0.0.0 or ::).
      expect(listenersOn(ddb.port)).toEqual(['0100007F']);
      const reached = await Promise.all(external.map(async (ip) => [ip, await outcome(ddb.port, ip)]));
      expect(reached.filter(([, r]) => r === 'connected')).toEqual([]);
    } finally {
      await ddb.stop();
    }
  });
});
