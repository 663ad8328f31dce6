/**
 * Matching of actions and ARNs, always through `matchesWildcard` (linear, no regular expression
 * from policy text). Actions compare case-insensitively; ARNs case-sensitively, segment by
 * segment as IAM's ArnLike does: a wildcard in the region never reaches into the account.
 */
import { matchesWildcard } from '../kit/wildcard';
import type { Pattern } from './variables';

/**
 * Whether an action pattern of a policy covers the request's action.
 * @example matchesAction('ec2:Describe*', 'EC2:DescribeIpamPools') // true
 */
export const matchesAction = (pattern: string, action: string): boolean =>
  matchesWildcard(pattern.toLowerCase(), action.toLowerCase());

/** ARN segments: partition, service, region, account, then the resource with any colons it holds. */
const SEGMENTS = 6;

/** A condition value split into the six ARN segments, literal positions carried over; or undefined. */
const splitPattern = (p: Pattern): Pattern[] | undefined => {
  const chars = Array.from(p.text);
  const cuts = [-1];
  for (let i = 0; i < chars.length && cuts.length < SEGMENTS; i++) if (chars[i] === ':') cuts.push(i);
  if (cuts.length < SEGMENTS) return undefined;
  cuts.push(chars.length);
  return cuts.slice(1).map((end, k) => {
    const from = cuts[k]! + 1;
    const literal = new Set([...p.literal].filter((at) => at >= from && at < end).map((at) => at - from));
    return { text: chars.slice(from, end).join(''), literal };
  });
};

/** Whether a condition value is an ARN pattern at all: six segments (no padding, unlike Resource). */
export const isArnPattern = (p: Pattern): boolean => splitPattern(p) !== undefined;

/** The text split into the six ARN segments, or undefined when it is not an ARN. */
const splitArn = (text: string): string[] | undefined => {
  const parts = text.split(':');
  if (parts.length < SEGMENTS) return undefined;
  return [...parts.slice(0, SEGMENTS - 1), parts.slice(SEGMENTS - 1).join(':')];
};

/**
 * ArnLike: the first segment literally `arn`, and each of the six segments matched on its own.
 * @example matchesArn({ text: 'arn:aws:ec2:*:*:vpc/*', literal: new Set() }, 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1') // true
 */
export const matchesArn = (pattern: Pattern, arn: string): boolean => {
  const want = splitPattern(pattern);
  const have = splitArn(arn);
  if (!want || !have) return false;
  return want.every((p, i) => matchesWildcard(p.text, have[i]!, p.literal));
};

/**
 * A Resource pattern's six segments. A shorter pattern whose last character is `*` has that
 * wildcard reach over the missing segments (IAM: a `*` that ends a segment "can expand to match
 * beyond the colon boundaries"); any other shorter pattern is not an ARN.
 */
export const resourceSegments = (pattern: string): string[] | undefined => {
  const parts = pattern.split(':');
  if (parts.length >= SEGMENTS) return [...parts.slice(0, SEGMENTS - 1), parts.slice(SEGMENTS - 1).join(':')];
  if (!pattern.endsWith('*')) return undefined;
  return [...parts, ...Array.from({ length: SEGMENTS - parts.length }, () => '*')];
};

/**
 * A Resource element's pattern against the request's resource: `*` covers everything (also a
 * request on `*`, for actions without resource-level permissions); anything else is an ARN match
 * segment by segment. Policy variables count only in the resource segment, after the fifth colon
 * (IAM: "a policy variable can appear as the last part of the ARN"); `resolve` reads it, and an
 * unresolved variable gives undefined (neither a match nor a sure miss) unless the rest of the
 * pattern already misses.
 * @example matchesResource('arn:aws:ec2:*:*:vpc/*', 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1', resolve) // true
 */
export const matchesResource = (
  pattern: string,
  resource: string,
  resolve: (text: string, widen: boolean) => Pattern | undefined,
): boolean | undefined => {
  if (pattern === '*') return true;
  const want = resourceSegments(pattern);
  const have = splitArn(resource);
  if (!want || !have) return false;
  if (!want.slice(0, SEGMENTS - 1).every((p, i) => matchesWildcard(p, have[i]!))) return false;
  const id = resolve(want[SEGMENTS - 1]!, false);
  if (id) return matchesWildcard(id.text, have[SEGMENTS - 1]!, id.literal);
  // Unresolved: a sure miss only if no value of the variable could make it match.
  const widest = resolve(want[SEGMENTS - 1]!, true);
  return widest && matchesWildcard(widest.text, have[SEGMENTS - 1]!, widest.literal) ? undefined : false;
};
