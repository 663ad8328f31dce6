/**
 * The whole local stack: DynamoDB Local, the table from serverless.yml, and serverless-offline
 * serving every function on 127.0.0.1. Used by `npm start` and by the end-to-end tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, startDynamo } from './dynamo';
import { ensureTable } from './table';

export interface LocalStack {
  url: string;
  ddbEndpoint: string;
  tableName: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** HTTP port (0 = any free port). */
  port?: number;
  /** Keep no data (default: data under local/.data). */
  inMemory?: boolean;
  tableName?: string;
  /** Extra environment for the functions (e.g. ALLOT_REUSE_DELAY_SECONDS). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const waitForHttp = async (url: string, child: ChildProcess, output: () => string): Promise<void> => {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serverless-offline exited:\n${output()}`);
    try {
      const res = await fetch(`${url}/v1/DescribeIpams`, { method: 'POST', body: '{}' });
      if (res.status > 0) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`serverless-offline did not answer on ${url}:\n${output()}`);
};

export const startLocalStack = async (opts: StackOptions = {}): Promise<LocalStack> => {
  const dataDir = opts.inMemory ? undefined : `${ROOT}local/.data`;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const ddb = await startDynamo(dataDir ? { dataDir } : {});
  const tableName = opts.tableName ?? 'allot-local';
  try {
    await ensureTable(ddb.endpoint, tableName);
    const port = opts.port && opts.port > 0 ? opts.port : await freePort();
    const lambdaPort = await freePort();
    let output = '';
    const child = spawn(process.execPath, [`${ROOT}node_modules/osls/bin/serverless.js`, 'offline', 'start'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(port),
        LAMBDA_PORT: String(lambdaPort),
        TABLE_NAME: tableName,
        DYNAMODB_ENDPOINT: ddb.endpoint,
        AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        SLS_TELEMETRY_DISABLED: '1',
        // The EC2 endpoint accepts the local pair test/test (as other local AWS emulators do).
        ALLOT_LOCAL_CREDENTIALS: '1',
        ...opts.env,
      },
    });
    const collect = (d: Buffer) => {
      output += d.toString();
      opts.log?.(d.toString());
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const stopOffline = async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    };
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitForHttp(url, child, () => output);
    } catch (e) {
      await stopOffline();
      throw e;
    }
    return {
      url,
      ddbEndpoint: ddb.endpoint,
      tableName,
      stop: async () => {
        await stopOffline();
        await ddb.stop();
      },
    };
  } catch (e) {
    await ddb.stop();
    throw e;
  }
};
