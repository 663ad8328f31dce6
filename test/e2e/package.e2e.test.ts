/** `npx serverless package` must succeed without AWS credentials (osls + serverless-esbuild). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allotOperations, operations } from '../../core/ops/registry';
import { declaredFunctions } from '../helpers/serverless';

describe('serverless package', () => {
  it('builds the deployment artifact and template with no AWS credentials', () => {
    const out = mkdtempSync(join(tmpdir(), 'allot-pkg-'));
    const env: NodeJS.ProcessEnv = { ...process.env, SLS_TELEMETRY_DISABLED: '1' };
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    delete env.AWS_PROFILE;
    execFileSync(process.execPath, ['node_modules/osls/bin/serverless.js', 'package', '--package', out], {
      env,
      stdio: 'pipe',
      timeout: 120_000,
    });
    // package.individually: one zip per function, named after it.
    expect(existsSync(join(out, 'CreateIpam.zip'))).toBe(true);
    const template = JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8'));
    const table = template.Resources.AllotTable.Properties;
    expect([
      table.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled,
      table.DeletionProtectionEnabled,
      table.BillingMode,
    ]).toEqual([true, true, 'PAY_PER_REQUEST']);
    // One Lambda per function of serverless.yml, and a JSON function for every core operation.
    const declared = Object.keys(declaredFunctions());
    expect(declared).toEqual(
      expect.arrayContaining([
        'Ec2Query',
        'Discover',
        'Reclaim',
        ...Object.keys(operations),
        ...Object.keys(allotOperations),
      ]),
    );
    const functions = Object.entries(template.Resources).filter(
      ([, r]) => (r as { Type: string }).Type === 'AWS::Lambda::Function',
    );
    expect(functions.map(([id]) => id).sort()).toEqual(declared.map((f) => `${f}LambdaFunction`).sort());
    expect(
      new Set(functions.map(([, f]) => (f as { Properties: { Runtime: string } }).Properties.Runtime)),
    ).toEqual(new Set(['nodejs22.x']));
    rmSync(out, { recursive: true, force: true });
  }, 180_000);
});
