/**
 * The getting-started flow (F-TUT-GS without the VPC steps) with the real AWS CLI against the
 * local stack, exactly as the README shows it: `aws ec2 … --endpoint-url`. Skipped, with a
 * message, where `aws` is not installed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { testStack } from '../helpers/stack';
import { requireTool } from '../helpers/tools';

const AWS = requireTool('aws', 'the AWS CLI', 'ec2-cli.e2e');

let stack: LocalStack;
let home: string;

interface CliResult {
  code: number;
  // biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, checked field by field
  json: any;
  stderr: string;
}

/** Runs `aws ec2 <args>` with the local test/test pair and no config, profile or metadata lookups. */
const ec2 = (...args: string[]): Promise<CliResult> =>
  new Promise((resolve) => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
    };
    execFile(
      AWS!,
      ['ec2', ...args, '--endpoint-url', stack.url, '--output', 'json'],
      { env },
      (err, stdout, stderr) => {
        const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
        resolve({ code, json: stdout.trim() ? JSON.parse(stdout) : undefined, stderr });
      },
    );
  });

const ok = async (...args: string[]) => {
  const r = await ec2(...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.json;
};

const fails = async (code: string, ...args: string[]) => {
  const r = await ec2(...args);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain(`An error occurred (${code})`);
};

describe.skipIf(!AWS)('AWS CLI against the local stack', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'allot-cli-'));
    writeFileSync(join(home, 'config'), '');
    writeFileSync(join(home, 'credentials'), '');
    stack = await testStack({ tableName: 'allot-e2e-cli' });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('runs the getting-started flow from create-ipam to delete-ipam', async () => {
    const { Ipam } = await ok(
      'create-ipam',
      '--description',
      'My IPAM',
      '--operating-regions',
      'RegionName=us-east-1',
      'RegionName=us-west-2',
    );
    expect([Ipam.OwnerId, Ipam.ScopeCount, Ipam.OperatingRegions]).toEqual([
      '000000000000',
      2,
      [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }],
    ]);
    const described = await ok('describe-ipams', '--ipam-ids', Ipam.IpamId);
    const scope = described.Ipams[0].PrivateDefaultScopeId;
    expect(scope).toBe(Ipam.PrivateDefaultScopeId);

    const p0 = (
      await ok(
        'create-ipam-pool',
        '--ipam-scope-id',
        scope,
        '--address-family',
        'ipv4',
        '--description',
        'Top-level pool',
      )
    ).IpamPool.IpamPoolId;
    await ok('provision-ipam-pool-cidr', '--ipam-pool-id', p0, '--cidr', '10.0.0.0/8');
    const p1 = (
      await ok(
        'create-ipam-pool',
        '--ipam-scope-id',
        scope,
        '--source-ipam-pool-id',
        p0,
        '--locale',
        'us-east-1',
        '--address-family',
        'ipv4',
      )
    ).IpamPool.IpamPoolId;
    await ok('provision-ipam-pool-cidr', '--ipam-pool-id', p1, '--cidr', '10.0.0.0/16');
    const p2 = (
      await ok(
        'create-ipam-pool',
        '--ipam-scope-id',
        scope,
        '--source-ipam-pool-id',
        p1,
        '--locale',
        'us-east-1',
        '--address-family',
        'ipv4',
        '--description',
        'Development pool',
      )
    ).IpamPool.IpamPoolId;
    await ok('provision-ipam-pool-cidr', '--ipam-pool-id', p2, '--cidr', '10.0.0.0/24');
    const cidrs = await ok('get-ipam-pool-cidrs', '--ipam-pool-id', p2);
    expect(cidrs.IpamPoolCidrs.map((c: { Cidr: string; State: string }) => [c.Cidr, c.State])).toEqual([
      ['10.0.0.0/24', 'provisioned'],
    ]);
    const parent = await ok('get-ipam-pool-allocations', '--ipam-pool-id', p0);
    expect(
      parent.IpamPoolAllocations.map((a: Record<string, string>) => [a.Cidr, a.ResourceType, a.ResourceId]),
    ).toEqual([['10.0.0.0/16', 'ipam-pool', p1]]);

    const byMask = await ok('allocate-ipam-pool-cidr', '--ipam-pool-id', p2, '--netmask-length', '26');
    expect(byMask.IpamPoolAllocation.Cidr).toBe('10.0.0.0/26');
    const byCidr = await ok('allocate-ipam-pool-cidr', '--ipam-pool-id', p2, '--cidr', '10.0.0.192/26');
    expect(byCidr.IpamPoolAllocation.Cidr).toBe('10.0.0.192/26');
    const preview = await ok(
      'allocate-ipam-pool-cidr',
      '--ipam-pool-id',
      p2,
      '--netmask-length',
      '26',
      '--preview-next-cidr',
    );
    expect(preview.IpamPoolAllocation.Cidr).toBe('10.0.0.64/26');
    await fails(
      'InvalidParameterValue',
      'allocate-ipam-pool-cidr',
      '--ipam-pool-id',
      p2,
      '--netmask-length',
      '23',
    );
    await fails(
      'DryRunOperation',
      'allocate-ipam-pool-cidr',
      '--ipam-pool-id',
      p2,
      '--netmask-length',
      '26',
      '--dry-run',
    );
    await fails('IncorrectState', 'delete-ipam-pool', '--ipam-pool-id', p0);
    const held = await ok('get-ipam-pool-allocations', '--ipam-pool-id', p2);
    expect(held.IpamPoolAllocations.map((a: { Cidr: string }) => a.Cidr)).toEqual([
      '10.0.0.0/26',
      '10.0.0.192/26',
    ]);

    for (const a of held.IpamPoolAllocations as { Cidr: string; IpamPoolAllocationId: string }[]) {
      const out = await ok(
        'release-ipam-pool-allocation',
        '--ipam-pool-id',
        p2,
        '--cidr',
        a.Cidr,
        '--ipam-pool-allocation-id',
        a.IpamPoolAllocationId,
      );
      expect(out.Success).toBe(true);
    }
    for (const [id, cidr] of [
      [p2, '10.0.0.0/24'],
      [p1, '10.0.0.0/16'],
      [p0, '10.0.0.0/8'],
    ]) {
      const out = await ok('deprovision-ipam-pool-cidr', '--ipam-pool-id', id!, '--cidr', cidr!);
      expect(out.IpamPoolCidr.State).toBe('deprovisioned');
      await ok('delete-ipam-pool', '--ipam-pool-id', id!);
    }
    await ok('delete-ipam', '--ipam-id', Ipam.IpamId);
    expect((await ok('describe-ipams')).Ipams).toEqual([]);
    await fails('InvalidIpamId.NotFound', 'describe-ipams', '--ipam-ids', Ipam.IpamId);
    // About forty AWS CLI processes one after another: a Python start each, slow on a busy machine.
  }, 180_000);
});
