/**
 * moto's EC2 emulator on 127.0.0.1 and a free port: the local EC2 that discovery reads (and the
 * end-to-end tests drive). `accountId` makes every request moto's that account (MOTO_ACCOUNT_ID),
 * so VPCs made with the AWS CLI and any credentials land in the account `npm start` acts as.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { freePort } from './dynamo';

export interface Moto {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const ready = async (endpoint: string, child: ChildProcess): Promise<void> => {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('moto_server did not start within 15 s');
};

/** Starts `bin` (moto_server's path) and resolves once it answers. */
export const startMotoServer = async (bin: string, o: { accountId?: string } = {}): Promise<Moto> => {
  const port = await freePort();
  const env = { ...process.env, ...(o.accountId ? { MOTO_ACCOUNT_ID: o.accountId } : {}) };
  const child = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', env });
  const endpoint = `http://127.0.0.1:${port}`;
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await ready(endpoint, child);
  return {
    endpoint,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

/** The path of `name` on PATH, or undefined. */
export const onPath = (name: string): string | undefined => {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
};
