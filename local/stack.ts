/**
 * The whole local stack: DynamoDB Local, the table from serverless.yml, and serverless-offline
 * serving every function of serverless.yml on 127.0.0.1. Used by `npm start` and the e2e tests.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildConsole } from './build-console';
import { freePort, type LocalDynamo, startDynamo } from './dynamo';
import { spawnOffline, waitForHttp } from './offline';
import { isAlive } from './processes';
import { ensureTable } from './table';

export interface LocalStack {
  /** Base URL of the API, e.g. http://127.0.0.1:3000 (POST `${url}/v1/<Action>`). */
  url: string;
  port: number;
  ddbEndpoint: string;
  /** DynamoDB Local is reachable through 127.0.0.1 only. */
  ddbIsolated: boolean;
  tableName: string;
  /**
   * DynamoDB Local's JVM and serverless-offline's node process (the leader of its own group);
   * `dynamo` is 0 when the stack runs over a DynamoDB it did not start (`dynamoEndpoint`).
   */
  pids: { dynamo: number; offline: number };
  stop(): Promise<void>;
}

export interface StackOptions {
  /** HTTP port; 0 or absent = any free port. */
  port?: number;
  /** Keep no data (default: DynamoDB Local's file in `dataDir`). */
  inMemory?: boolean;
  /** Where DynamoDB Local keeps its file when not in memory (default local/.data). */
  dataDir?: string;
  /**
   * A DynamoDB Local that is already running (the test run's shared one): the stack creates its
   * table there instead of starting a JVM of its own, and `stop()` leaves it running.
   */
  dynamoEndpoint?: string;
  /** Table name (default allot-local); the functions get it as TABLE_NAME. */
  tableName?: string;
  /** Extra environment for the functions, e.g. { ALLOT_REUSE_DELAY_SECONDS: '0' }. */
  env?: Record<string, string>;
  /** Receives serverless-offline's output as it comes (default: kept for error messages only). */
  log?: (chunk: string) => void;
  /** Told as each part is up: 'dynamodb' (with its endpoint), 'table', 'api' (with its URL). */
  progress?: (part: 'dynamodb' | 'table' | 'api', detail: string) => void;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** serverless-esbuild's work folders of running stacks, one each (git-ignored; see serverless.yml). */
const ESBUILD_ROOT = '.build';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/** Waits a little: a killed process's listening socket can outlive it by a second or two. */
const assertPortFree = async (port: number): Promise<void> => {
  for (let i = 0; i < 50; i++) {
    if (await portFree(port)) return;
    await sleep(200);
  }
  throw new Error(`port ${port} on 127.0.0.1 is in use (another npm start? PORT=... picks another)`);
};

type Dynamo = Pick<LocalDynamo, 'endpoint' | 'isolated' | 'pid' | 'stop'>;

const ownDynamo = (port: number, dataDir: string | undefined): Promise<Dynamo> =>
  startDynamo({ port, ...(dataDir ? { dataDir } : {}) });

/** A DynamoDB someone else started: its isolation is not ours to vouch for, nor its end. */
const borrowedDynamo = async (endpoint: string): Promise<Dynamo> => ({
  endpoint,
  isolated: false,
  pid: 0,
  stop: async () => undefined,
});

/** Build folders of stacks whose owning process is gone (killed before it could clean up). */
const removeStaleBuilds = () => {
  let names: string[] = [];
  try {
    names = readdirSync(`${ROOT}${ESBUILD_ROOT}`);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = /^stack-(\d+)-/.exec(name)?.[1];
    if (owner && !isAlive(Number(owner)))
      rmSync(`${ROOT}${ESBUILD_ROOT}/${name}`, { recursive: true, force: true });
  }
};

/**
 * Start DynamoDB Local (creating the table from serverless.yml) and serverless-offline side by
 * side (the bundling takes longest); resolves once the HTTP API answers. `stop()` ends
 * serverless-offline, then DynamoDB Local.
 *
 * @example
 *   const stack = await startLocalStack({ port: 0, inMemory: true });
 *   await fetch(`${stack.url}/v1/DescribeIpams`, { method: 'POST', body: '{}' });
 *   await stack.stop();
 */
export const startLocalStack = async (opts: StackOptions = {}): Promise<LocalStack> => {
  const tableName = opts.tableName ?? 'allot-local';
  const port = opts.port && opts.port > 0 ? opts.port : await freePort();
  if (opts.port && opts.port > 0) await assertPortFree(port);
  const dataDir = opts.inMemory ? undefined : (opts.dataDir ?? `${ROOT}local/.data`);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  removeStaleBuilds();
  const buildDir = `${ESBUILD_ROOT}/stack-${process.pid}-${port}`;
  const removeBuild = () => rmSync(`${ROOT}${buildDir}`, { recursive: true, force: true });

  // DynamoDB Local's JVM starts while serverless-offline bundles: the endpoint is known up front.
  const ddbPort = opts.dynamoEndpoint ? 0 : await freePort();
  const endpoint = opts.dynamoEndpoint ?? `http://127.0.0.1:${ddbPort}`;
  const ddbStarting = opts.dynamoEndpoint ? borrowedDynamo(endpoint) : ownDynamo(ddbPort, dataDir);
  ddbStarting.catch(() => undefined); // awaited below; this only keeps it from being "unhandled"
  // The local stack is its own edge: only its own names and origins (handlers/api/edge.ts).
  const edge = {
    ALLOT_ALLOWED_HOSTS: `127.0.0.1:${port},localhost:${port}`,
    ALLOT_ALLOWED_ORIGINS: `http://127.0.0.1:${port},http://localhost:${port}`,
  };
  const env = { ...edge, ...opts.env };
  // The console's files are read by its function at each request: built before it can be asked.
  await buildConsole();
  const offline = await spawnOffline({ port, tableName, endpoint, buildDir, env, log: opts.log });
  const url = `http://127.0.0.1:${port}`;
  try {
    const ddb = await ddbStarting;
    opts.progress?.('dynamodb', ddb.endpoint);
    await ensureTable(ddb.endpoint, tableName);
    opts.progress?.('table', tableName);
    await waitForHttp(url, offline);
    opts.progress?.('api', url);
    return {
      url,
      port,
      ddbEndpoint: ddb.endpoint,
      ddbIsolated: ddb.isolated,
      tableName,
      pids: { dynamo: ddb.pid, offline: offline.pid },
      stop: async () => {
        await offline.stop();
        await ddb.stop();
        removeBuild();
      },
    };
  } catch (e) {
    await offline.stop();
    await (await ddbStarting.catch(() => undefined))?.stop();
    removeBuild();
    throw e;
  }
};
