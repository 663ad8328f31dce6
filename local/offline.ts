/**
 * serverless-offline (osls) serving every function of serverless.yml on 127.0.0.1, built by
 * serverless-esbuild exactly as for a deployment, with the local stack's environment.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './dynamo';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVERLESS_BIN = `${ROOT}node_modules/osls/bin/serverless.js`;
/** Refuses doubled Authorization headers before serverless-offline folds them into one. */
const EDGE_GUARD = `${ROOT}local/edge-guard.mjs`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Offline {
  pid: number;
  output(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

const killGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
};

/** serverless-offline in its own process group (detached), so stop() ends all it spawned too. */
export const spawnOffline = async (o: {
  port: number;
  tableName: string;
  /** DynamoDB Local's endpoint, handed to the functions as DYNAMODB_ENDPOINT. */
  endpoint: string;
  /** serverless-esbuild's work folder, relative to the repository (see serverless.yml). */
  buildDir: string;
  env?: Record<string, string>;
  log?: (chunk: string) => void;
}): Promise<Offline> => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(o.port),
    LAMBDA_PORT: String(await freePort()),
    ALLOT_ESBUILD_DIR: o.buildDir,
    TABLE_NAME: o.tableName,
    DYNAMODB_ENDPOINT: o.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // Nothing local may reach for real AWS: no instance metadata, no profile, no session.
    AWS_EC2_METADATA_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    // The EC2 endpoint accepts the local pair test/test (as other local AWS emulators do).
    ALLOT_LOCAL_CREDENTIALS: '1',
    // No EC2 backend unless the stack names one (moto): serverless.yml's default is the real EC2.
    ALLOT_EC2_BACKEND: 'none',
    ...o.env,
  };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      EDGE_GUARD,
      SERVERLESS_BIN,
      'offline',
      'start',
      '--stage',
      'local',
      `--param=tableName=${o.tableName}`,
    ],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  const pid = child.pid ?? 0;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  const killOnExit = () => killGroup(pid, 'SIGKILL'); // if our process ends without stop()
  process.once('exit', killOnExit);
  let output = '';
  const collect = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
    o.log?.(d.toString());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid,
    output: () => output,
    exited,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (!exited()) {
        killGroup(pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5000);
        await gone;
        clearTimeout(timer);
      }
      killGroup(pid, 'SIGKILL'); // whatever of its group outlived it (esbuild's service)
    },
  };
};

/** Any HTTP answer (hapi's 404 for GET /) means serverless-offline is listening. */
export const waitForHttp = async (url: string, offline: Offline): Promise<void> => {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (offline.exited()) throw new Error(`serverless-offline exited:\n${offline.output()}`);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`serverless-offline did not answer on ${url} within 180 s:\n${offline.output()}`);
};
