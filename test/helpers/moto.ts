/**
 * moto's EC2 emulator for end-to-end discovery tests: `moto_server` on 127.0.0.1 and a free port,
 * and EC2 clients that act as a given account (moto reads the `x-moto-account-id` header).
 * `startMoto(suite)` resolves to undefined when moto_server is not installed, so suites can skip.
 */
import { type Moto, startMotoServer } from '../../local/moto';
import { localEc2Client } from '../../outbound/ec2/clients';
import { requireTool } from './tools';

export type { Moto };

/** moto_server's path; missing, the suite skips (or fails under CI=true: see tools.ts). */
export const motoServerPath = (suite: string): string | undefined =>
  requireTool('moto_server', "moto's EC2 emulator", suite);

export const startMoto = async (suite: string): Promise<Moto | undefined> => {
  const bin = motoServerPath(suite);
  return bin ? startMotoServer(bin) : undefined;
};

/** An EC2 client acting as `account` in `region` of the emulator. */
export const motoEc2 = localEc2Client;
