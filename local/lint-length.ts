/**
 * Part of `npm run lint`: no function in core/ or handlers/ over 60 lines (issue: split long
 * functions by step, validation, placement, commit, rather than by line count). Counts the lines
 * of each function, method and arrow function body from its first to its last line; nested
 * functions count on their own and inside their parent.
 * Run: npx tsx local/lint-length.ts (exit 1 and one line per long function).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import ts from 'typescript';

export const MAX_LINES = 60;

export interface LongFunction {
  file: string;
  name: string;
  lines: number;
}

const nameOf = (node: ts.Node): string => {
  const named = node as { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
};

/** Functions of one source text longer than `max` lines. */
export const longFunctions = (file: string, source: string, max = MAX_LINES): LongFunction[] => {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: LongFunction[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > max) out.push({ file, name: nameOf(node), lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
};

if (process.argv[1]?.endsWith('lint-length.ts')) {
  const paths = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'core', 'handlers'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((p) => p.endsWith('.ts') && existsSync(p));
  const found = paths.flatMap((p) => longFunctions(p, readFileSync(p, 'utf8')));
  for (const f of found) console.error(`${f.file}: ${f.name} is ${f.lines} lines (at most ${MAX_LINES})`);
  console.log(`function length: ${paths.length} files, ${found.length} functions over ${MAX_LINES} lines`);
  process.exitCode = found.length > 0 ? 1 : 0;
}
