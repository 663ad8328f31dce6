/**
 * `npm run lint` enforces the map of the house: the layer check refuses an import that points up
 * or sideways, and Biome refuses process.env outside the config module and AWS SDK, middy or
 * Lambda types in core outside the DynamoDB adapter. Both are shown failing on probe files, and
 * passing on the real tree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { violations } from '../../../local/lint-layers';

const probe = (path: string, source: string) => violations([{ path, source }]);

describe('the layer check', () => {
  it('passes on every file of core, handlers and outbound', () => {
    const paths = execFileSync('git', ['ls-files', 'core', 'handlers', 'outbound'], { encoding: 'utf8' })
      .split('\n')
      .filter((p) => p.endsWith('.ts') && existsSync(p));
    expect(paths.length).toBeGreaterThan(150);
    expect(violations(paths.map((path) => ({ path, source: readFileSync(path, 'utf8') })))).toEqual([]);
  });

  it.each([
    [
      'core/ops/allocation/x.ts',
      '../pool/purge',
      'core/ops/allocation imports core/ops/pool, which is above it (an upward import)',
    ],
    [
      'core/space/x.ts',
      '../records',
      'core/space and core/records are side by side and may not import each other',
    ],
    [
      'core/records/x.ts',
      '../ports',
      'core/records imports core/ports, which is above it (an upward import)',
    ],
    [
      'core/ops/kit/x.ts',
      '../../store/memory',
      'core/ops/kit imports the adapters (core/store); use the ports',
    ],
    [
      'core/ops/monitoring/analysis/x.ts',
      '../../../ports',
      'core/ops/monitoring/analysis may not import core/ports',
    ],
    ['core/store/memory/x.ts', '../../ops/kit/loads', 'core/store may not import core/ops/kit'],
    ['outbound/ec2/x.ts', '../../handlers/runtime/config', 'outbound may not import handlers'],
    [
      'core/ops/kit/x.ts',
      '../../../handlers/api/door',
      'core imports handlers/api/door.ts, which is outside core',
    ],
  ])('%s importing %s is refused', (path, spec, reason) => {
    expect(probe(path, `import { x } from '${spec}';\n`)).toEqual([{ file: path, spec, reason }]);
  });

  it.each([
    ['core/ops/pool/x.ts', '../allocation/allocate'],
    ['core/ops/ipam/x.ts', '../../records'],
    ['core/ops/monitoring/analysis/x.ts', '../../../cidr'],
    ['core/store/dynamo/x.ts', '../../ports'],
    ['handlers/api/x.ts', '../../core/ops/registry'],
    ['outbound/ec2/x.ts', '../../core/cidr'],
  ])('%s importing %s is allowed', (path, spec) => {
    expect(probe(path, `import type { x } from '${spec}';\nexport { y } from '${spec}';\n`)).toEqual([]);
  });

  it('refuses a file in a folder the table does not know, and imports of tools and tests', () => {
    expect(probe('core/newroom/x.ts', "import { a } from '../cidr';\n")).toEqual([
      {
        file: 'core/newroom/x.ts',
        spec: '../cidr',
        reason:
          'core/newroom/x.ts is in no room of the layer table (local/lint-layers.ts): add its folder there',
      },
    ]);
    expect(probe('handlers/api/x.ts', "import { startLocalStack } from '../../local/stack';\n")).toEqual([
      {
        file: 'handlers/api/x.ts',
        spec: '../../local/stack',
        reason: 'handlers imports local/stack.ts, a tool or test file (local/, test/, bench/)',
      },
    ]);
  });

  it('reads side-effect, type-only and dynamic imports and re-exports too', () => {
    expect(probe('core/ops/kit/x.ts', "import '../pool/purge';\n")).toEqual([
      {
        file: 'core/ops/kit/x.ts',
        spec: '../pool/purge',
        reason: 'core/ops/kit imports core/ops/pool, which is above it (an upward import)',
      },
    ]);
    expect(
      probe('core/cidr/x.ts', "export * from '../ports';\nconst m = import('../space/node');\n"),
    ).toEqual([
      {
        file: 'core/cidr/x.ts',
        spec: '../ports',
        reason: 'core/cidr imports core/ports, which is above it (an upward import)',
      },
      {
        file: 'core/cidr/x.ts',
        spec: '../space/node',
        reason: 'core/cidr imports core/space, which is above it (an upward import)',
      },
    ]);
  });
});

describe('Biome rules of the boundaries', () => {
  const biome = resolve('node_modules/.bin/biome');
  const lintProbes = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'allot-lint-'));
    try {
      copyFileSync('biome.json', join(dir, 'biome.json'));
      for (const [path, source] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), source);
      }
      const r = spawnSync(biome, ['lint', '--max-diagnostics=50', ...Object.keys(files)], {
        cwd: dir,
        encoding: 'utf8',
      });
      const found = [...`${r.stdout}${r.stderr}`.matchAll(/^(\S+\.ts):\d+:\d+ (lint\/\S+)/gm)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
      return { status: r.status, found: found.sort() };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('refuses process.env and AWS clients in core, and process.env anywhere but the config module', () => {
    const env = 'export const v = process.env.TABLE_NAME;\n';
    const destructured = 'const { env: e } = process;\nexport const v = e.TABLE_NAME;\n';
    const sdk =
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const c = DynamoDBClient;\n";
    const lambda = "import type { Context } from 'aws-lambda';\nexport type C = Context;\n";
    const ddb =
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport const d = DynamoDBDocumentClient;\n";
    const result = lintProbes({
      'core/ops/kit/env.ts': env,
      'core/ops/kit/destructured.ts': destructured,
      'core/ops/kit/sdk.ts': sdk,
      'core/space/lambda.ts': lambda,
      'handlers/api/env.ts': env,
      'outbound/ec2/env.ts': env,
      'handlers/runtime/config.ts': env,
      'core/store/dynamo/sdk.ts': sdk,
      'handlers/api/lambda.ts': lambda,
      'handlers/api/ddb.ts': ddb,
    });
    expect(result.status).toBe(1);
    expect(result.found).toEqual([
      'core/ops/kit/destructured.ts lint/style/noRestrictedGlobals',
      'core/ops/kit/env.ts lint/style/noProcessEnv',
      'core/ops/kit/env.ts lint/style/noRestrictedGlobals',
      'core/ops/kit/sdk.ts lint/style/noRestrictedImports',
      'core/space/lambda.ts lint/style/noRestrictedImports',
      'handlers/api/ddb.ts lint/style/noRestrictedImports',
      'handlers/api/env.ts lint/style/noProcessEnv',
      'handlers/api/env.ts lint/style/noRestrictedGlobals',
      'outbound/ec2/env.ts lint/style/noProcessEnv',
      'outbound/ec2/env.ts lint/style/noRestrictedGlobals',
    ]);
  });
});
