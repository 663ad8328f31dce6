/**
 * The harness of the guide's tutorials as end-to-end tests: the local stack (serverless-offline
 * over DynamoDB Local) with moto as its EC2 backend and discovery source, several accounts (a
 * 12-digit access key id signs as that account), and the real AWS CLI run exactly as the guide
 * writes each command. Without the AWS CLI or moto_server the suite skips (fails under CI=true).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { accountSigner, signedJson } from '../../local/signed';
import type { LocalStack } from '../../local/stack';
import { type CliResult, runAws } from './aws-cli';
import { type Moto, startMoto } from './moto';
import { testStack } from './stack';
import { requireTool } from './tools';

export interface Tutorial {
  stack: LocalStack;
  moto: Moto;
  /** `aws <args>` as `account` (region us-east-1 unless the args say `--region`). */
  aws(account: string, ...args: string[]): Promise<CliResult>;
  /** The same, which must succeed; its JSON output. */
  // biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, checked field by field
  ok(account: string, ...args: string[]): Promise<any>;
  /** The same, which must fail with `code`; the CLI's error line. */
  fails(code: string, account: string, ...args: string[]): Promise<string>;
  /** An Allot-only JSON action (the organization registry, RunDiscovery) as `account`. */
  // biome-ignore lint/suspicious/noExplicitAny: the action's JSON answer, checked field by field
  json(action: string, body: object, account: string): Promise<any>;
  /**
   * `account` joins `mgmt`'s organization with its consent: invited (RegisterOrganizationAccount),
   * it accepts as itself (`aws organizations accept-handshake`), then moves under `parentId`.
   */
  join(account: string, mgmt: string, parentId?: string): Promise<void>;
  /**
   * The guide's "wait until": polls `get-ipam-pool-cidrs` as `account` until `cidr` leaves
   * `pending`; its entry (a live one before an earlier failed one). `args` adds e.g. `--region`.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, checked field by field
  waitCidr(account: string, pool: string, cidr: string, pending: string, ...args: string[]): Promise<any>;
  stop(): Promise<void>;
}

/** The tools a tutorial needs, or undefined (the suite then skips with a message). */
export const tutorialTools = (suite: string) => {
  const aws = requireTool('aws', 'the AWS CLI', suite);
  const moto = requireTool('moto_server', "moto's EC2 emulator", suite);
  return aws && moto ? { aws } : undefined;
};

export const startTutorial = async (suite: string, env: Record<string, string> = {}): Promise<Tutorial> => {
  const cli = tutorialTools(suite)!.aws;
  const moto = (await startMoto(suite))!;
  const home = mkdtempSync(join(tmpdir(), 'allot-tut-'));
  writeFileSync(join(home, 'config'), '');
  writeFileSync(join(home, 'credentials'), '');
  const stack = await testStack({
    tableName: `allot-${suite}`,
    env: {
      ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1',
      ALLOT_EC2_BACKEND: moto.endpoint,
      ALLOT_DISCOVERY_EC2_ENDPOINT: moto.endpoint,
      ...env,
    },
  });
  const aws = (account: string, ...args: string[]) =>
    runAws(cli, { home, url: stack.url, accessKeyId: account }, ...args);
  const tutorial: Tutorial = {
    stack,
    moto,
    aws,
    async ok(account, ...args) {
      const r = await aws(account, ...args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return r.json;
    },
    async fails(code, account, ...args) {
      const r = await aws(account, ...args);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`An error occurred (${code})`);
      return r.stderr.trim();
    },
    async json(action, body, account) {
      const res = await signedJson(stack.url, action, body, accountSigner(account));
      const answer = await res.json();
      expect([res.status, answer]).toEqual([200, expect.anything()]);
      return answer;
    },
    async join(account, mgmt, parentId) {
      const { Handshake } = await tutorial.json('RegisterOrganizationAccount', { AccountId: account }, mgmt);
      await tutorial.ok(account, 'organizations', 'accept-handshake', '--handshake-id', Handshake.Id);
      if (parentId)
        await tutorial.json('MoveAccount', { AccountId: account, DestinationParentId: parentId }, mgmt);
    },
    async waitCidr(account, pool, cidr, pending, ...args) {
      for (let i = 0; i < 20; i++) {
        const { IpamPoolCidrs } = await tutorial.ok(
          account,
          'ec2',
          'get-ipam-pool-cidrs',
          ...args,
          '--ipam-pool-id',
          pool,
        );
        const found = IpamPoolCidrs.filter((c: { Cidr: string }) => c.Cidr === cidr);
        const last = found.find((c: { State: string }) => c.State !== 'failed-provision') ?? found[0];
        if (last && last.State !== pending) return last;
      }
      throw new Error(`${cidr} stayed ${pending}`);
    },
    async stop() {
      await stack.stop();
      await moto.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
  return tutorial;
};
