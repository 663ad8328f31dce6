/**
 * Describe/list plumbing: MaxResults bounds and opaque NextTokens (F-GEN-04), and EC2 filters
 * (F-GEN-05): `Name` is a kebab-case field path (`ipam-pool-id`, `operating-regions.region-name`),
 * `tag:<key>` or `tag-key`; values are OR-ed with `*`/`?` wildcards, filters are AND-ed.
 */
import { fail } from '../../errors';
import type { Store } from '../../ports';
import type { AnyRecord, ListQuery } from '../../records';
import { matchesWildcard } from './wildcard';

export interface Filter {
  Name?: string;
  Values?: string[];
}

export interface PageInput {
  MaxResults?: number;
  NextToken?: string;
  Filters?: Filter[];
}

const pascal = (kebab: string): string =>
  kebab
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join('');

const valuesAt = (value: unknown, path: string[]): unknown[] => {
  if (path.length === 0) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, path));
  if (value === null || typeof value !== 'object') return [];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
};

/** EC2's limits on one filter: 200 values, each of at most 256 characters (a tag value's limit). */
const MAX_FILTER_VALUES = 200;
const MAX_FILTER_VALUE_LENGTH = 256;
const MAX_FILTERS = 50;

/** A predicate for the filters; `fields` are the filterable top-level members of the shape. */
export const filterPredicate = (filters: Filter[] | undefined, fields: readonly string[]) => {
  if ((filters?.length ?? 0) > MAX_FILTERS)
    fail('InvalidParameterValue', `A request may have at most ${MAX_FILTERS} filters.`);
  const tests = (filters ?? []).map((f) => {
    const name = f.Name ?? '';
    const patterns = f.Values ?? [];
    if (patterns.length === 0)
      fail('InvalidParameterValue', `The filter '${name}' must have at least one value.`);
    if (patterns.length > MAX_FILTER_VALUES)
      fail('InvalidParameterValue', `The filter '${name}' has more than ${MAX_FILTER_VALUES} values.`);
    for (const p of patterns)
      if (p.length > MAX_FILTER_VALUE_LENGTH)
        fail(
          'InvalidParameterValue',
          `A value of the filter '${name}' is longer than ${MAX_FILTER_VALUE_LENGTH} characters.`,
        );
    const any = (vals: unknown[]) =>
      vals.some((v) => v !== undefined && patterns.some((p) => matchesWildcard(p, String(v))));
    if (name === 'tag-key') return (r: Record<string, unknown>) => any(valuesAt(r.Tags, ['Key']));
    if (name.startsWith('tag:')) {
      const key = name.slice(4);
      return (r: Record<string, unknown>) =>
        any(
          ((r.Tags as { Key: string; Value?: string }[] | undefined) ?? [])
            .filter((t) => t.Key === key)
            .map((t) => t.Value ?? ''),
        );
    }
    const path = name.split('.').map(pascal);
    if (!fields.includes(path[0]!)) fail('InvalidParameterValue', `The filter '${name}' is invalid.`);
    return (r: Record<string, unknown>) => any(valuesAt(r, path));
  });
  return (r: object): boolean => tests.every((t) => t(r as Record<string, unknown>));
};

export const pageSize = (max: number | undefined, bounds: { min: number; max: number }): number => {
  if (max === undefined) return bounds.max;
  if (!Number.isInteger(max) || max < bounds.min || max > bounds.max) {
    fail('InvalidParameterValue', `MaxResults must be from ${bounds.min} to ${bounds.max}; got ${max}.`);
  }
  return max;
};

export const DEFAULT_BOUNDS = { min: 5, max: 1000 };
export const ALLOCATION_BOUNDS = { min: 1000, max: 100000 };

const encodeToken = (q: ListQuery, cursor: string): string =>
  Buffer.from(JSON.stringify({ q, c: cursor }), 'utf8').toString('base64url');

const decodeToken = (q: ListQuery, token: string): string => {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { q: unknown; c: unknown };
    if (JSON.stringify(parsed.q) === JSON.stringify(q) && typeof parsed.c === 'string') return parsed.c;
  } catch {
    // fall through
  }
  return fail('InvalidNextToken', 'The NextToken is not valid for this request.');
};

/**
 * One page of records matching `keep`, reading the index in chunks until the page is full.
 * @example await listPage(store, { kind: 'pool', owner }, input, (r) => true, DEFAULT_BOUNDS)
 */
export const listPage = async <T extends AnyRecord>(
  store: Store,
  q: ListQuery,
  input: PageInput,
  keep: (r: T) => boolean,
  bounds = DEFAULT_BOUNDS,
): Promise<{ items: T[]; NextToken?: string }> => {
  const size = pageSize(input.MaxResults, bounds);
  let cursor = input.NextToken ? decodeToken(q, input.NextToken) : undefined;
  const items: T[] = [];
  do {
    const page = await store.list<T>(q, size - items.length, cursor);
    items.push(...page.items.filter(keep));
    cursor = page.cursor;
  } while (cursor !== undefined && items.length < size);
  return cursor === undefined ? { items } : { items, NextToken: encodeToken(q, cursor) };
};

/** Pagination over an already materialised, bounded list (e.g. an account's scopes). */
export const pageArray = <T>(
  items: T[],
  input: PageInput,
  scope: string,
  bounds = DEFAULT_BOUNDS,
): { items: T[]; NextToken?: string } => {
  const size = pageSize(input.MaxResults, bounds);
  const q = { kind: 'ipam', owner: scope } as ListQuery;
  const offset = input.NextToken ? Number(decodeToken(q, input.NextToken)) : 0;
  if (!Number.isInteger(offset) || offset < 0)
    fail('InvalidNextToken', 'The NextToken is not valid for this request.');
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? encodeToken(q, String(offset + size)) : undefined;
  return next ? { items: slice, NextToken: next } : { items: slice };
};

/**
 * Every record of a list query, page by page (internal reads: evaluation, reclamation, history).
 * @example const pools = await listAll<PoolRecord>(deps.store, { kind: 'pool', scopeId });
 */
export const listAll = async <T extends AnyRecord>(store: Store, q: ListQuery): Promise<T[]> => {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<T>(q, 1000, cursor);
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
};
