/**
 * The layer check of `npm run lint`: every import of core/, handlers/, outbound/ and console/ must point
 * down the map below. Biome checks what a glob can say (no process.env outside the config module,
 * no AWS SDK, middy or Lambda types in core outside the DynamoDB adapter; biome.json), but not the
 * direction of relative imports: `'../pool/purge'` names its target relative to the importer, so
 * a glob cannot tell an upward import from a downward one at every depth. This resolves each
 * import to a file and looks both rooms up.
 *
 * Run: npx tsx local/lint-layers.ts (exit 1 and one line per violation).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

/**
 * Rooms of core from the bottom up: a room may import the rooms before it in its chain, never
 * after. Rooms on one line (space and records) do not import each other. The monitoring analysis
 * and the IAM evaluator (core/ops/access) are pure, with their imports listed in ASIDE, and the
 * adapters in core/store stand aside: they implement the ports and nothing else in core may reach
 * them.
 */
export const CHAIN: readonly (readonly string[])[] = [
  ['core/errors.ts'],
  ['core/cidr'],
  ['core/space', 'core/records'],
  ['core/ports'],
  ['core/ops/kit'],
  ['core/ops/access'],
  ['core/ops/organization'],
  ['core/ops/sharing'],
  ['core/ops/discovery'],
  ['core/ops/allocation'],
  ['core/ops/reclaim'],
  ['core/ops/monitoring/analysis'],
  ['core/ops/monitoring/run'],
  ['core/ops/monitoring/history'],
  ['core/ops/monitoring/resources'],
  ['core/ops/monitoring/metrics'],
  ['core/ops/proof'],
  ['core/ops/pool'],
  ['core/ops/ipam'],
  ['core/ops/bulk'],
  ['core/ops/tags'],
  ['core/ops/facade'],
  ['core/ops/public'],
  ['core/ops/registry.ts'],
];

/** Rooms outside the chain, with exactly what each may import (a room always imports itself). */
export const ASIDE: Record<string, readonly string[]> = {
  'core/ops/monitoring/analysis': ['core/errors.ts', 'core/cidr'],
  // The IAM evaluator is pure: errors, addresses (IpAddress) and the kit's wildcard matcher only.
  'core/ops/access': ['core/errors.ts', 'core/cidr', 'core/ops/kit'],
  'core/store': ['core/errors.ts', 'core/cidr', 'core/space', 'core/records', 'core/ports'],
  outbound: ['core'],
  // The web console is a client of the public API: of the code, only the address library.
  console: ['core/errors.ts', 'core/cidr'],
  handlers: ['core', 'outbound'],
};

const ROOMS = [...CHAIN.flat(), ...Object.keys(ASIDE)].sort((a, b) => b.length - a.length);

/** The room a file belongs to: the longest room that is the file or a folder holding it. */
export const roomOf = (file: string): string | undefined =>
  ROOMS.find((r) => file === r || file.startsWith(`${r}/`));

const rank = (room: string): number => CHAIN.findIndex((rooms) => rooms.includes(room));

/** Why `from` may not import `to`, or undefined when it may. */
export const refusal = (from: string, to: string): string | undefined => {
  const a = roomOf(from);
  const b = roomOf(to);
  if (!a) return `${from} is in no room of the layer table (local/lint-layers.ts): add its folder there`;
  if (a === b) return undefined;
  if (from.startsWith('core/') && !to.startsWith('core/')) return `core imports ${to}, which is outside core`;
  if (!b) return `${a} imports ${to}, a tool or test file (local/, test/, bench/)`;
  const aside = ASIDE[a];
  if (aside)
    return aside.some((r) => b === r || b.startsWith(`${r}/`)) ? undefined : `${a} may not import ${b}`;
  if (b === 'core/store' || b.startsWith('core/store/'))
    return `${a} imports the adapters (${b}); use the ports`;
  if (rank(b) < 0) return `${a} imports ${b}, which is not below it`;
  if (rank(b) === rank(a)) return `${a} and ${b} are side by side and may not import each other`;
  return rank(b) > rank(a) ? `${a} imports ${b}, which is above it (an upward import)` : undefined;
};

/** The project file a relative specifier names, or undefined for a package. */
const resolve = (file: string, spec: string, exists: (p: string) => boolean): string | undefined => {
  if (!spec.startsWith('.')) return undefined;
  const base = normalize(join(dirname(file), spec));
  return [`${base}.ts`, `${base}/index.ts`, base].find(exists) ?? `${base}.ts`;
};

export interface Violation {
  file: string;
  spec: string;
  reason: string;
}

/** Every import of the files that breaks the map. */
export const violations = (
  files: { path: string; source: string }[],
  exists: (p: string) => boolean = existsSync,
): Violation[] =>
  files.flatMap(({ path, source }) =>
    // TypeScript's own scan: static, side-effect, type-only and dynamic imports, and re-exports.
    ts.preProcessFile(source, true, true).importedFiles.flatMap(({ fileName: spec }) => {
      const target = resolve(path, spec, exists);
      const reason = target && refusal(path, target);
      return reason ? [{ file: path, spec, reason }] : [];
    }),
  );

if (process.argv[1]?.endsWith('lint-layers.ts')) {
  const paths = execFileSync(
    'git',
    ['ls-files', '-co', '--exclude-standard', 'core', 'handlers', 'outbound', 'console'],
    {
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter((p) => p.endsWith('.ts') && existsSync(p));
  const found = violations(paths.map((path) => ({ path, source: readFileSync(path, 'utf8') })));
  for (const v of found) console.error(`${v.file}: '${v.spec}': ${v.reason}`);
  console.log(`layers: ${paths.length} files, ${found.length} violations`);
  process.exitCode = found.length > 0 ? 1 : 0;
}
