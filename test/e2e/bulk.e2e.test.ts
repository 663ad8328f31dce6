/**
 * `npm run import` and `npm run export` against the local stack over its JSON API: a dry run with
 * a verdict per row, an apply, a re-run that imports nothing twice, and an export that imports back.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSigner, signedJson } from '../../local/signed';
import type { LocalStack } from '../../local/stack';
import { testStack } from '../helpers/stack';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const ACCOUNT = '111122223333';
let stack: LocalStack;

const call = async (action: string, body: object) => {
  const res = await signedJson(stack.url, action, body, accountSigner(ACCOUNT));
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field
  return (await res.json()) as any;
};

const run = (script: string, args: string[]): Promise<string> =>
  new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [TSX, script, ...args, '--endpoint', stack.url, '--account', ACCOUNT],
      { cwd: ROOT },
      (err, stdout, stderr) => (err ? reject(new Error(`${stderr}${stdout}`)) : resolve(stdout)),
    ),
  );

beforeAll(async () => {
  stack = await testStack({
    tableName: 'allot-bulk',
    env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1' },
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('bulk import and export through the local stack', () => {
  it('dry-runs, applies, re-runs idempotently, and exports what imports back', async () => {
    const { Ipam } = await call('CreateIpam', {});
    const { IpamPool } = await call('CreateIpamPool', {
      IpamScopeId: Ipam.PrivateDefaultScopeId,
      AddressFamily: 'ipv4',
      TagSpecifications: [{ ResourceType: 'ipam-pool', Tags: [{ Key: 'Name', Value: 'corp' }] }],
    });
    const pool = IpamPool.IpamPoolId as string;
    await call('ProvisionIpamPoolCidr', { IpamPoolId: pool, Cidr: '10.0.0.0/16' });
    const dir = mkdtempSync(join(tmpdir(), 'allot-bulk-'));
    const file = join(dir, 'allocations.csv');
    writeFileSync(
      file,
      'pool,cidr,description,tags\ncorp,10.0.1.0/24,app,env=prod\ncorp,10.0.1.128/25,clash,\ncorp,10.0.2.0/24,,\n',
    );

    const dry = (await run('local/import.ts', [file])).trim().split('\n');
    expect(dry).toEqual([
      `2\tok\t10.0.1.0/24\t${pool}\t\t`,
      '3\tInvalidParameterValue\t\t\t\t10.0.1.128/25 overlaps 10.0.1.0/24 on line 2 of this file.',
      `4\tok\t10.0.2.0/24\t${pool}\t\t`,
      'Dry run (nothing written; --apply imports). 3 rows: 2 ok, 0 imported, 0 already imported, 1 refused',
    ]);
    const applied = (await run('local/import.ts', [file, '--apply'])).trim().split('\n');
    expect(applied.at(-1)).toBe('3 rows: 0 ok, 2 imported, 0 already imported, 1 refused');
    const again = (await run('local/import.ts', [file, '--apply'])).trim().split('\n');
    expect(again.at(-1)).toBe('3 rows: 0 ok, 0 imported, 2 already imported, 1 refused');

    const exported = await run('local/export.ts', [pool]);
    expect(exported).toBe(
      `pool,cidr,description,resource_id,resource_type,tags\r\n${pool},10.0.1.0/24,app,,,env=prod\r\n${pool},10.0.2.0/24,,,,\r\n`,
    );
    writeFileSync(file, exported);
    const back = (await run('local/import.ts', [file])).trim().split('\n');
    expect(back.at(-1)).toBe(
      'Dry run (nothing written; --apply imports). 2 rows: 0 ok, 0 imported, 2 already imported, 0 refused',
    );
  });
});
