/**
 * moto's EC2 emulator for end-to-end discovery tests: `moto_server` on 127.0.0.1 and a free port,
 * and EC2 clients that act as a given account (moto reads the `x-moto-account-id` header).
 * `startMoto(suite)` resolves to undefined when moto_server is not installed, so suites can skip.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../../local/dynamo';
import { localEc2Client } from '../../outbound/ec2/clients';
import { requireTool } from './tools';

export interface Moto {
  endpoint: string;
  stop(): Promise<void>;
}

/** moto_server's path; missing, the suite skips (or fails under CI=true: see tools.ts). */
export const motoServerPath = (suite: string): string | undefined =>
  requireTool('moto_server', "moto's EC2 emulator", suite);

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

export const startMoto = async (suite: string): Promise<Moto | undefined> => {
  const bin = motoServerPath(suite);
  if (!bin) return undefined;
  const port = await freePort();
  const child = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  await ready(endpoint, child);
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

/** An EC2 client acting as `account` in `region` of the emulator. */
export const motoEc2 = localEc2Client;
