/**
 * The functions serverless.yml declares, read as the framework does: its `functions` array merged,
 * with `${file(...)}` items (the generated API functions) read from their files.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type FunctionDef = { handler?: string; events?: { httpApi?: { method: string; path: string } }[] };

const read = (path: string): unknown => parse(readFileSync(path, 'utf8'), { logLevel: 'silent' });

export const declaredFunctions = (): Record<string, FunctionDef> => {
  const { functions } = read('serverless.yml') as { functions: unknown[] | Record<string, FunctionDef> };
  const items = Array.isArray(functions) ? functions : [functions];
  return Object.assign(
    {},
    ...items.map((item) => {
      const file = typeof item === 'string' ? /^\$\{file\(\.\/(.+)\)\}$/.exec(item)?.[1] : undefined;
      return file ? read(file) : item;
    }),
  ) as Record<string, FunctionDef>;
};
