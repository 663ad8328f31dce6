/**
 * Authorization with IAM's semantics, through the real AWS CLI against the local stack: keys
 * issued with `npm run credentials` for a read-only auditor and a pool user, each refused what its
 * policy does not allow (UnauthorizedOperation with EC2's wording and an encoded message that
 * DecodeAuthorizationMessage turns back into the statement), DryRun answering only when allowed.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedJson } from '../../local/signed';
import type { LocalStack } from '../../local/stack';
import { type CliResult, runAws } from '../helpers/aws-cli';
import { testStack } from '../helpers/stack';
import { requireTool } from '../helpers/tools';

const AWS = requireTool('aws', 'the AWS CLI', 'iam-cli.e2e');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEY = randomBytes(32).toString('base64');
const ACCOUNT = '000000000000';

let stack: LocalStack;
let home: string;

interface Key {
  id: string;
  secret: string;
}

/** `npm run credentials -- …` against the stack's table, as an operator runs it. */
const credentials = (...args: string[]): Promise<string> =>
  new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'local/issue-credential.ts', ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ALLOT_CREDENTIAL_KEY: KEY,
          DYNAMODB_ENDPOINT: stack.ddbEndpoint,
          TABLE_NAME: stack.tableName,
          AWS_REGION: 'us-east-1',
        },
      },
      (err, stdout, stderr) => (err ? reject(new Error(`${stderr}${stdout}`)) : resolve(stdout)),
    ),
  );

const issue = async (...args: string[]): Promise<Key> => {
  const out = await credentials('issue', ACCOUNT, ...args);
  return {
    id: /AWS_ACCESS_KEY_ID=(\S+)/.exec(out)![1]!,
    secret: /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(out)![1]!,
  };
};

const aws = (key: Key | undefined, ...args: string[]): Promise<CliResult> =>
  runAws(
    AWS!,
    { home, url: stack.url, accessKeyId: key?.id ?? 'test', secretAccessKey: key?.secret ?? 'test' },
    ...args,
  );

const ok = async (key: Key | undefined, ...args: string[]) => {
  const r = await aws(key, ...args);
  expect([r.code, r.stderr]).toEqual([0, '']);
  return r.json;
};

/** The CLI's error line: code and message. */
const refused = async (key: Key | undefined, ...args: string[]) => {
  const r = await aws(key, ...args);
  expect(r.code).not.toBe(0);
  const m = /An error occurred \(([^)]+)\) when calling the \w+ operation: (.*)/s.exec(r.stderr);
  return { code: m?.[1], message: m?.[2]?.trim() ?? r.stderr };
};

describe.skipIf(!AWS)('IAM-style authorization with the AWS CLI', () => {
  let poolA = '';
  let poolB = '';
  let arnA = '';

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'allot-iam-'));
    writeFileSync(join(home, 'config'), '');
    stack = await testStack({
      tableName: 'allot-iam',
      env: { ALLOT_CREDENTIAL_KEY: KEY },
    });
    const scope = (await ok(undefined, 'ec2', 'create-ipam', '--operating-regions', 'RegionName=us-east-1'))
      .Ipam.PrivateDefaultScopeId;
    const pool = async (cidr: string) => {
      const p = (
        await ok(undefined, 'ec2', 'create-ipam-pool', '--ipam-scope-id', scope, '--address-family', 'ipv4')
      ).IpamPool;
      await ok(undefined, 'ec2', 'provision-ipam-pool-cidr', '--ipam-pool-id', p.IpamPoolId, '--cidr', cidr);
      return p;
    };
    const a = await pool('10.0.0.0/16');
    poolA = a.IpamPoolId;
    arnA = a.IpamPoolArn;
    poolB = (await pool('10.1.0.0/16')).IpamPoolId;
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('a read-only key reads everything and changes nothing; its refusal decodes to the request', async () => {
    const auditor = await issue('--user', 'auditor', '--policy', 'AllotIpamReadOnly');
    const pools = await ok(auditor, 'ec2', 'describe-ipam-pools');
    expect(pools.IpamPools.map((p: { IpamPoolId: string }) => p.IpamPoolId).sort()).toEqual(
      [poolA, poolB].sort(),
    );
    expect(
      (await ok(auditor, 'ec2', 'get-ipam-pool-cidrs', '--ipam-pool-id', poolA)).IpamPoolCidrs[0].Cidr,
    ).toBe('10.0.0.0/16');
    const denied = await refused(
      auditor,
      'ec2',
      'allocate-ipam-pool-cidr',
      '--ipam-pool-id',
      poolA,
      '--netmask-length',
      '24',
    );
    expect(denied.code).toBe('UnauthorizedOperation');
    expect(denied.message).toMatch(
      new RegExp(
        `^You are not authorized to perform this operation\\. User: arn:aws:iam::${ACCOUNT}:user/auditor is not authorized to perform: ec2:AllocateIpamPoolCidr on resource: arn:aws:ec2::${ACCOUNT}:ipam-pool/${poolA} because no identity-based policy allows the ec2:AllocateIpamPoolCidr action\\. Encoded authorization failure message: v1\\.[A-Za-z0-9_-]+$`,
      ),
    );
    // DryRun answers DryRunOperation only where the call would be allowed.
    expect((await refused(auditor, 'ec2', 'describe-ipams', '--dry-run')).code).toBe('DryRunOperation');
    expect(
      (await refused(auditor, 'ec2', 'delete-ipam-pool', '--ipam-pool-id', poolB, '--dry-run')).code,
    ).toBe('UnauthorizedOperation');
    // Nothing was allocated.
    expect(
      (await ok(undefined, 'ec2', 'get-ipam-pool-allocations', '--ipam-pool-id', poolA)).IpamPoolAllocations,
    ).toEqual([]);
    // The account's root decodes the message into the request and the missing permission.
    const encoded = denied.message.split('Encoded authorization failure message: ')[1]!;
    const res = await signedJson(
      stack.url,
      'DecodeAuthorizationMessage',
      { EncodedMessage: encoded },
      {
        accessKeyId: 'test',
        secretAccessKey: 'test',
        region: 'us-east-1',
      },
    );
    const decoded = JSON.parse(((await res.json()) as { DecodedMessage: string }).DecodedMessage);
    expect(decoded).toMatchObject({
      allowed: false,
      explicitDeny: false,
      context: {
        principal: { arn: `arn:aws:iam::${ACCOUNT}:user/auditor` },
        action: 'ec2:AllocateIpamPoolCidr',
        resource: `arn:aws:ec2::${ACCOUNT}:ipam-pool/${poolA}`,
      },
    });
    // A forged message is refused.
    const forged = await signedJson(
      stack.url,
      'DecodeAuthorizationMessage',
      { EncodedMessage: `${encoded.slice(0, -4)}AAAA` },
      {
        accessKeyId: 'test',
        secretAccessKey: 'test',
        region: 'us-east-1',
      },
    );
    expect([forged.status, ((await forged.json()) as { Error: { Code: string } }).Error.Code]).toEqual([
      400,
      'InvalidAuthorizationMessageException',
    ]);
  });

  it('a pool-user key allocates and releases in its pool only', async () => {
    const dev = await issue('--user', 'dev', '--policy', `AllotIpamPoolUser:${arnA}`);
    const got = (
      await ok(dev, 'ec2', 'allocate-ipam-pool-cidr', '--ipam-pool-id', poolA, '--netmask-length', '24')
    ).IpamPoolAllocation;
    expect(got.Cidr).toBe('10.0.0.0/24');
    const other = await refused(
      dev,
      'ec2',
      'allocate-ipam-pool-cidr',
      '--ipam-pool-id',
      poolB,
      '--netmask-length',
      '24',
    );
    expect(other.code).toBe('UnauthorizedOperation');
    expect(other.message).toContain(`on resource: arn:aws:ec2::${ACCOUNT}:ipam-pool/${poolB}`);
    expect(
      (
        await refused(
          dev,
          'ec2',
          'create-ipam-pool',
          '--ipam-scope-id',
          'ipam-scope-0123456789abcdef0',
          '--address-family',
          'ipv4',
        )
      ).code,
    ).toBe('UnauthorizedOperation');
    await ok(
      dev,
      'ec2',
      'release-ipam-pool-allocation',
      '--ipam-pool-id',
      poolA,
      '--cidr',
      '10.0.0.0/24',
      '--ipam-pool-allocation-id',
      got.IpamPoolAllocationId,
    );
    expect(
      (await ok(undefined, 'ec2', 'get-ipam-pool-allocations', '--ipam-pool-id', poolB)).IpamPoolAllocations,
    ).toEqual([]);
  });

  it('the root key of the account is allowed everything, as in IAM', async () => {
    const root = await issue();
    const got = (
      await ok(root, 'ec2', 'allocate-ipam-pool-cidr', '--ipam-pool-id', poolB, '--netmask-length', '28')
    ).IpamPoolAllocation;
    expect(got.Cidr).toBe('10.1.0.0/28');
  });
});
