/**
 * The README's local discovery walk-through, exactly as written, with the real AWS CLI against the
 * stack `npm start` brings up (local/start.ts, in memory, any free port) and the moto_server it runs.
 * Also the start-up screen's lines. Skipped with a message where `aws` or `moto_server` is missing
 * (failed under CI=true).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool, toolsPath } from '../helpers/tools';

const AWS = requireTool('aws', 'the AWS CLI', 'local-walkthrough.e2e');
const MOTO = requireTool('moto_server', "moto's EC2 emulator", 'local-walkthrough.e2e');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

let start: ChildProcess;
let screen = '';
let home: string;
let dataDir: string;

/** A clean environment: no DYNAMODB_ENDPOINT of the test tier, no profile, no metadata lookups. */
const cleanEnv = (extra: Record<string, string> = {}) => ({
  PATH: toolsPath(),
  HOME: home,
  AWS_CONFIG_FILE: join(home, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_MAX_ATTEMPTS: '1',
  ...extra,
});

/** Runs one README line (through sh, as a user would paste it). */
const sh = (line: string, vars: Record<string, string>): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile('sh', ['-c', line], { cwd: ROOT, env: cleanEnv(vars) }, (err, stdout, stderr) =>
      err ? reject(new Error(`${line}\n${stderr}`)) : resolve(stdout.trim()),
    );
  });

/** The first http://… URL on the screen line of `label`. */
const field = (label: string): string => {
  const line = screen.split('\n').find((l) => l.startsWith(`  ${label}`));
  return /http:\/\/127\.0\.0\.1:\d+/.exec(line ?? '')?.[0] ?? '';
};

describe.skipIf(!AWS || !MOTO)('README local discovery walk-through (npm start + moto + AWS CLI)', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'allot-walk-'));
    // Its own data folder, so a developer's running `npm start` is neither found nor disturbed.
    dataDir = mkdtempSync(join(tmpdir(), 'allot-walk-data-'));
    start = spawn(process.execPath, [TSX, 'local/start.ts'], {
      cwd: ROOT,
      env: {
        ...cleanEnv({ PORT: '0', ALLOT_IN_MEMORY: '1', ALLOT_DATA_DIR: dataDir }),
        HOME: process.env.HOME ?? home,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout?.on('data', (d: Buffer) => {
      screen += d.toString();
    });
    start.stderr?.on('data', (d: Buffer) => {
      screen += d.toString();
    });
    for (let i = 0; i < 900 && !screen.includes('Ctrl-C stops everything.'); i++) {
      if (start.exitCode !== null) throw new Error(`npm start exited:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!screen.includes('Ctrl-C stops everything.'))
      throw new Error(`npm start did not come up:\n${screen}`);
  }, 180_000);

  afterAll(async () => {
    if (!start || start.exitCode !== null) return;
    const gone = new Promise((r) => start.once('exit', r));
    start.kill('SIGINT');
    await gone;
  });

  it('prints the start-up block with endpoints, credentials, data, moto and discovery', () => {
    const url = field('EC2 endpoint');
    const moto = field('EC2 emulator');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(moto).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const block = screen.slice(screen.indexOf('Allot is running.')).split('\n').slice(1, 12);
    expect(block.slice(0, 5)).toEqual([
      `  EC2 endpoint ${url}   (aws ec2 … --endpoint-url ${url})`,
      `  JSON API     POST ${url}/v1/<Action>   (SigV4, service ec2)`,
      `  Console      ${url}/console/   (sign in with test / test, filled in for you)`,
      '  Credentials  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test act as account 000000000000',
      '  Issued keys  cannot be verified: ALLOT_CREDENTIAL_KEY is not set (only test/test works)',
    ]);
    expect(block[5]).toMatch(
      /^ {2}Data {9}in memory \(kept nowhere\); DynamoDB Local http:\/\/127\.0\.0\.1:\d+, table allot-local$/,
    );
    expect(block.slice(6, 9)).toEqual([
      `  EC2 emulator moto on ${moto}, account 000000000000: VPCs made there are discovered`,
      `  EC2 backend  ${moto}: create-vpc/create-subnet from pools create there; other EC2 actions are forwarded`,
      '  Discovery    no schedule locally: npm run discover, or POST /v1/RunDiscovery',
    ]);
    expect(block[10]).toMatch(/^Ready in \d+\.\d s\. Ctrl-C stops everything\.$/);
  });

  it('ends with the VPC made at moto as a resource CIDR of the IPAM', async () => {
    // Arrange: the settings the screen printed, as the README's export line sets them
    const vars = {
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      E: field('EC2 endpoint'),
      M: field('EC2 emulator'),
      ALLOT_DATA_DIR: dataDir,
    };

    // Act: the README's commands, verbatim
    const S = await sh(
      `aws ec2 create-ipam --endpoint-url $E --operating-regions RegionName=us-east-1 --query Ipam.PrivateDefaultScopeId --output text`,
      vars,
    );
    const vpc = await sh(
      `aws ec2 create-vpc --endpoint-url $M --cidr-block 10.20.0.0/16 --query Vpc.VpcId --output text`,
      vars,
    );
    await sh('npm run discover', vars);
    const out = await sh(
      `aws ec2 get-ipam-resource-cidrs --endpoint-url $E --ipam-scope-id $S --resource-type vpc --query "IpamResourceCidrs[?ResourceCidr=='10.20.0.0/16'].[ResourceId,ResourceCidr,ResourceOwnerId]" --output text`,
      { ...vars, S },
    );

    // Assert
    expect(out).toBe(`${vpc}\t10.20.0.0/16\t000000000000`);
    const quiet = screen.split('\n').filter((l) => /^\d\d:\d\d:\d\d {2}\w/.test(l));
    expect(quiet.map((l) => l.replace(/^\d\d:\d\d:\d\d/, 'hh:mm:ss').replace(/\d+ ms$/, 'n ms'))).toEqual([
      `hh:mm:ss  ${'CreateIpam'.padEnd(36)}  000000000000  200  n ms`,
      `hh:mm:ss  ${'GetIpamResourceCidrs'.padEnd(36)}  000000000000  200  n ms`,
    ]);
    expect(screen).not.toContain('"audit":"allot"');
  });
});
