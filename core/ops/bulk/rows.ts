/**
 * Rows of an allocation import: the CSV header names the columns (any order, case-insensitive),
 * each record becomes a normalized row or a per-row error, and rows of one file that overlap each
 * other are refused before any store is read. Pure: the store checks come after.
 */
import { createHash } from 'node:crypto';
import { type Cidr, formatCidr, overlaps, parseCidr } from '../../cidr';
import type { ErrorCode } from '../../errors';
import type { CsvRecord } from './csv';

/** The columns an import reads; `pool` is a pool id (ipam-pool-…) or a path of Name tags. */
export const COLUMNS = ['pool', 'cidr', 'description', 'resource_id', 'resource_type', 'tags'] as const;
export type Column = (typeof COLUMNS)[number];

/** A row that parsed: the CIDR normalized, tags as key/value pairs in file order. */
export interface ImportRow {
  line: number;
  pool: string;
  cidr: Cidr;
  description: string;
  resourceId: string;
  resourceType: string;
  tags: { Key: string; Value: string }[];
}

/** A row that did not parse, or did not pass a check: its line, an EC2-style code and why. */
export interface RowError {
  line: number;
  code: ErrorCode;
  message: string;
}

const errorOf = (line: number, code: RowError['code'], message: string): RowError => ({
  line,
  code,
  message,
});

/** Map header names to column positions; unknown columns are an error so a typo is not ignored. */
export const readHeader = (header: CsvRecord): Partial<Record<Column, number>> | RowError => {
  const at: Partial<Record<Column, number>> = {};
  for (const [i, raw] of header.fields.entries()) {
    const name = raw.trim().toLowerCase().replace(/[\s-]/g, '_') as Column;
    if (!COLUMNS.includes(name)) {
      return errorOf(
        header.line,
        'InvalidParameterValue',
        `Unknown column "${raw}"; the columns are ${COLUMNS.join(', ')}.`,
      );
    }
    at[name] = i;
  }
  if (at.pool === undefined || at.cidr === undefined) {
    return errorOf(header.line, 'MissingParameter', 'The header must name the columns pool and cidr.');
  }
  return at;
};

/**
 * Tags as `key=value` pairs separated by `;` (a CSV field already allows commas, but `;` keeps
 * the field unquoted in the common case). A pair without `=` is a key with an empty value.
 * @example parseTags('env=dev;team=net') // [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'net' }]
 */
export const parseTags = (text: string): { Key: string; Value: string }[] =>
  text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? { Key: p, Value: '' } : { Key: p.slice(0, eq).trim(), Value: p.slice(eq + 1).trim() };
    });

/** One record into a row, or the reason it is not one. */
export const readRow = (rec: CsvRecord, at: Partial<Record<Column, number>>): ImportRow | RowError => {
  const get = (c: Column): string => (at[c] === undefined ? '' : (rec.fields[at[c]] ?? '').trim());
  const pool = get('pool');
  if (pool === '') return errorOf(rec.line, 'MissingParameter', 'The pool is empty.');
  let cidr: Cidr;
  try {
    cidr = parseCidr(get('cidr'));
  } catch (e) {
    return errorOf(rec.line, 'InvalidParameterValue', (e as Error).message);
  }
  return {
    line: rec.line,
    pool,
    cidr,
    description: get('description'),
    resourceId: get('resource_id'),
    resourceType: get('resource_type'),
    tags: parseTags(get('tags')),
  };
};

/**
 * Rows of one file that overlap an earlier row: the later row is refused, naming the earlier one.
 * Rows in different pools may overlap (pools of different scopes may hold the same space); the
 * pool is compared as written, which the store checks refine.
 */
export const conflictsWithinFile = (rows: readonly ImportRow[]): RowError[] => {
  const errors: RowError[] = [];
  const byPool = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const seen = byPool.get(row.pool) ?? [];
    const hit = seen.find((s) => overlaps(s.cidr, row.cidr));
    if (hit) {
      errors.push(
        errorOf(
          row.line,
          'InvalidParameterValue',
          `${formatCidr(row.cidr)} overlaps ${formatCidr(hit.cidr)} on line ${hit.line} of this file.`,
        ),
      );
    } else byPool.set(row.pool, [...seen, row]);
  }
  return errors;
};

/**
 * The ClientToken of a row: a hash of its normalized content, so re-running the same file finds
 * the allocation it made instead of making another (the line number is left out on purpose:
 * moving a row in the file must not import it twice).
 * @example rowToken(row) // 'allot-import-3f2a…' (64 characters at most, as EC2 allows)
 */
export const rowToken = (row: ImportRow): string => {
  const tags = row.tags.map((t) => `${t.Key}=${t.Value}`).join(';');
  const basis = [
    row.pool,
    formatCidr(row.cidr),
    row.description,
    row.resourceId,
    row.resourceType,
    tags,
  ].join('\u0000');
  return `allot-import-${createHash('sha256').update(basis).digest('hex').slice(0, 48)}`;
};
