/**
 * Part of `npm run lint`: the specification's rule ids (F-POOL-10 …) belong in code comments, not
 * in what users read. Refuses any string or template literal in core/ or handlers/ that contains
 * one, since such literals end up in error messages, reasons and answers.
 * Run: npx tsx local/lint-messages.ts (exit 1 and one line per literal).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import ts from 'typescript';

const SPEC_ID = /\bF-[A-Z][A-Z0-9]*-\d+/;

export interface SpecIdInText {
  file: string;
  line: number;
  text: string;
}

const LITERALS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
]);

/** String and template literals of one source text that name a spec id. */
export const specIdsInStrings = (file: string, source: string): SpecIdInText[] => {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: SpecIdInText[] = [];
  const visit = (node: ts.Node) => {
    if (LITERALS.has(node.kind) && SPEC_ID.test(node.getText(sf))) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      out.push({ file, line, text: node.getText(sf) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
};

if (process.argv[1]?.endsWith('lint-messages.ts')) {
  const paths = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'core', 'handlers'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((p) => p.endsWith('.ts') && existsSync(p));
  const found = paths.flatMap((p) => specIdsInStrings(p, readFileSync(p, 'utf8')));
  for (const f of found)
    console.error(`${f.file}:${f.line}: a spec id in a string (keep it in a comment): ${f.text}`);
  console.log(`messages: ${paths.length} files, ${found.length} strings naming spec ids`);
  process.exitCode = found.length > 0 ? 1 : 0;
}
