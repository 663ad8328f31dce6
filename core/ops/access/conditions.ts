/**
 * The Condition element: every operator must hold (AND), every key of an operator must hold
 * (AND), and a key holds when the request's value matches one of the policy's values (OR); a
 * negated operator holds when it matches none of them (NOR). Key names compare
 * case-insensitively, values as their operator says.
 *
 * A key missing from the request (or an empty list): a positive operator fails and a negated one
 * holds; `IfExists` holds; `ForAllValues:` holds and `ForAnyValue:` fails, `IfExists` or not (an
 * AWS answer on re:Post: `ForAnyValue:StringEqualsIfExists` refuses a request without the key).
 * With `ForAnyValue:` one request value must hold, with `ForAllValues:` every one. A multivalued
 * key needs a set operator: without one its condition fails, negated or not (IAM's docs: such
 * keys "require a condition set operator").
 *
 * A policy variable that cannot be resolved (or an Arn operator's value with fewer than six
 * segments) makes its value match nothing; under a negated operator it makes the key fail (IAM: an unresolved variable "might cause the entire statement
 * to be invalid"), so a missing `${aws:username}` never satisfies `StringNotEquals`.
 */
import { matchesWildcard } from '../kit/wildcard';
import { malformed } from './grammar';
import { isArnPattern, matchesArn } from './match';
import { type BaseOperator, type Operator, readOperator } from './operators';
import type { ConditionBlock, ConditionValue } from './policy';
import { compareOrdered, inRange, readDate, readNumber, readRange, sameBytes } from './values';
import { type Pattern, resolve } from './variables';

/** A request's condition keys by lower-cased name; multivalued keys were given as lists. */
export type Context = ReadonlyMap<string, { values: string[]; multi: boolean }>;

/** The request context as the evaluator reads it; undefined and empty lists are missing keys. */
export const contextOf = (record: Record<string, string | string[] | undefined>): Context => {
  const out = new Map<string, { values: string[]; multi: boolean }>();
  for (const [key, value] of Object.entries(record)) {
    const name = key.toLowerCase();
    if (value === undefined || out.has(name) || (Array.isArray(value) && value.length === 0)) continue;
    out.set(
      name,
      Array.isArray(value) ? { values: [...value], multi: true } : { values: [value], multi: false },
    );
  }
  return out;
};

/** A policy variable's value: a present single-valued key (a multivalued one cannot be a variable). */
export const variableOf =
  (context: Context) =>
  (key: string): string | undefined => {
    const entry = context.get(key.toLowerCase());
    return entry && !entry.multi ? entry.values[0] : undefined;
  };

type Test = (value: string) => boolean;

/** String and ARN operators: the values as patterns, variables resolved. */
const patternTest = (base: BaseOperator, patterns: Pattern[]): Test => {
  if (base.family === 'arn') return (v) => patterns.some((p) => matchesArn(p, v));
  if (base.comparison === 'like') return (v) => patterns.some((p) => matchesWildcard(p.text, v, p.literal));
  if (base.comparison === 'equals-ignore-case') {
    return (v) => patterns.some((p) => p.text.toLowerCase() === v.toLowerCase());
  }
  return (v) => patterns.some((p) => p.text === v);
};

/** The positive test of one request value against the policy values (any of them). */
const testOf = (base: BaseOperator, texts: string[]): Test => {
  const { family, comparison } = base;
  if (family === 'numeric' || family === 'date') {
    const read = family === 'numeric' ? readNumber : readDate;
    const bounds = texts.map(read).filter((n): n is number => n !== undefined);
    return (v) => {
      const n = read(v);
      return n !== undefined && bounds.some((b) => compareOrdered(comparison, n, b));
    };
  }
  if (family === 'ip') {
    const ranges = texts.flatMap((t) => readRange(t) ?? []);
    return (v) => ranges.some((r) => inRange(r, v));
  }
  if (family === 'binary') return (v) => texts.some((t) => sameBytes(t, v));
  return (v) => texts.some((t) => t.toLowerCase() === v.toLowerCase()); // Bool
};

/**
 * The test of one request value, the operator's negation applied; a negated operator whose values
 * hold an unresolved variable never holds.
 */
const holdsOf = (
  base: BaseOperator,
  policy: ConditionValue[],
  context: Context,
  variables: boolean,
): Test => {
  const texts = policy.map(String);
  if (base.family !== 'string' && base.family !== 'arn') {
    const test = testOf(base, texts);
    return base.negated ? (v) => !test(v) : test;
  }
  // A value that does not resolve, or is no ARN under an Arn operator, matches nothing.
  const patterns = texts.map((t) => resolve(t, variableOf(context), variables));
  const resolved = patterns.filter(
    (p): p is Pattern => p !== undefined && (base.family !== 'arn' || isArnPattern(p)),
  );
  const test = patternTest(base, resolved);
  if (!base.negated) return test;
  return resolved.length < patterns.length ? () => false : (v) => !test(v);
};

/** Whether one key of one operator holds for the request. */
const keyHolds = (
  operator: Operator,
  key: string,
  policy: ConditionValue[],
  context: Context,
  variables: boolean,
): boolean => {
  const entry = context.get(key.toLowerCase());
  const { base, set, ifExists } = operator;
  if (base.family === 'null') return policy.some((v) => (String(v).toLowerCase() === 'true') === !entry);
  if (!entry) return set === 'ForAllValues' || (set === undefined && (ifExists || base.negated));
  const holds = holdsOf(base, policy, context, variables);
  if (set === 'ForAnyValue') return entry.values.some(holds);
  if (set === 'ForAllValues') return entry.values.every(holds);
  return !entry.multi && holds(entry.values[0]!);
};

/**
 * Whether a statement's Condition element holds for the request (true when it has none).
 * @example conditionsHold({ Null: { 'ec2:Ipv4IpamPoolId': 'true' } }, contextOf({}), true) // true
 */
export const conditionsHold = (
  block: ConditionBlock | undefined,
  context: Context,
  variables: boolean,
): boolean =>
  Object.entries(block ?? {}).every(([name, keys]) => {
    const operator = readOperator(name);
    if (typeof operator === 'string') return malformed(`Condition: ${operator}.`);
    return Object.entries(keys).every(([key, value]) =>
      keyHolds(operator, key, Array.isArray(value) ? value : [value], context, variables),
    );
  });
