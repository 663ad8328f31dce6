/** `npx serverless package` must succeed without AWS credentials (osls + serverless-esbuild). */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allotOperations, operations } from '../../core/ops/registry';
import { buildConsole } from '../../local/build-console';
import { declaredFunctions } from '../helpers/serverless';
import { requireTool } from '../helpers/tools';

const CFN_LINT = requireTool('cfn-lint', 'cfn-lint (CloudFormation linter)', 'package.e2e');

describe('serverless package', () => {
  it('builds the deployment artifact and template with no AWS credentials', async () => {
    await buildConsole(); // `npm run package` does this first
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
    // package.individually: one zip per function, named after it (the JSON API: one per room).
    expect(existsSync(join(out, 'ApiIpams.zip'))).toBe(true);
    const template = JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8'));
    // CloudFormation's limit of a stack: 500 resources (rooms of actions and no Lambda versions).
    expect(Object.keys(template.Resources).length).toBeLessThanOrEqual(500);
    expect(
      Object.values(template.Resources).filter(
        (r) => (r as { Type: string }).Type === 'AWS::Lambda::Version',
      ),
    ).toEqual([]);
    const table = template.Resources.AllotTable.Properties;
    expect([
      table.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled,
      table.DeletionProtectionEnabled,
      table.BillingMode,
    ]).toEqual([true, true, 'PAY_PER_REQUEST']);
    // One Lambda per function of serverless.yml, and a JSON route for every core operation.
    const declared = Object.keys(declaredFunctions());
    expect(declared).toEqual(expect.arrayContaining(['Ec2Query', 'Discover', 'Reclaim', 'ApiPools']));
    const routes = Object.values(
      template.Resources as Record<string, { Type: string; Properties: { RouteKey?: string } }>,
    )
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties.RouteKey as string);
    expect(routes).toEqual(
      expect.arrayContaining(
        [...Object.keys(operations), ...Object.keys(allotOperations)].map((op) => `POST /v1/${op}`),
      ),
    );
    const functions = Object.entries(template.Resources).filter(
      ([, r]) => (r as { Type: string }).Type === 'AWS::Lambda::Function',
    );
    expect(functions.map(([id]) => id).sort()).toEqual(declared.map((f) => `${f}LambdaFunction`).sort());
    expect(
      new Set(functions.map(([, f]) => (f as { Properties: { Runtime: string } }).Properties.Runtime)),
    ).toEqual(new Set(['nodejs22.x']));
    // The facade's role: EC2 writes for VPCs, subnets and tags only, assumable from this account.
    const facade = template.Resources.FacadeRole.Properties;
    expect([facade.RoleName, facade.Policies[0].PolicyDocument.Statement[0].Action]).toEqual([
      'AllotFacadeRole',
      [
        'ec2:CreateVpc',
        'ec2:DeleteVpc',
        'ec2:AssociateVpcCidrBlock',
        'ec2:DisassociateVpcCidrBlock',
        'ec2:CreateSubnet',
        'ec2:DeleteSubnet',
        'ec2:CreateTags',
        'ec2:DeleteTags',
        'ec2:DescribeVpcs',
        'ec2:DescribeSubnets',
        'ec2:AllocateAddress',
        'ec2:ReleaseAddress',
        'ec2:AssociateAddress',
        'ec2:DisassociateAddress',
        'ec2:DescribeAddresses',
        'ec2:DescribeInstances',
        'ec2:DescribeNetworkInterfaces',
      ],
    ]);
    const [, query] = functions.find(([id]) => id === 'Ec2QueryLambdaFunction')!;
    const vars = (query as { Properties: { Environment: { Variables: Record<string, string> } } }).Properties
      .Environment.Variables;
    expect([vars.ALLOT_EC2_BACKEND, vars.ALLOT_FACADE_ROLE_NAME]).toEqual(['aws', 'AllotFacadeRole']);
    // The console's files come from their own function on GET /console and /console/{proxy+}.
    expect(routes).toEqual(expect.arrayContaining(['GET /console', 'GET /console/{proxy+}']));
    expect(existsSync(join(out, 'Console.zip'))).toBe(true);
    if (CFN_LINT) {
      // W3005 (a DependsOn already implied by a Ref) is in the framework's own HTTP API routes.
      const template = join(out, 'cloudformation-template-update-stack.json');
      const lint = spawnSync(CFN_LINT, ['-t', template, '-i', 'W3005'], { encoding: 'utf8' });
      expect([lint.status, lint.stdout]).toEqual([0, '']);
    }
    rmSync(out, { recursive: true, force: true });
  }, 180_000);
});
