/** The arguments of `npm run credentials`: flags, policy files or managed names, and times. */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  AllotIpamExternalAuthority,
  AllotIpamFullAccess,
  AllotIpamReadOnly,
  IDENTITY_POLICY_LIMIT,
  type PolicyDocument,
  parsePolicy,
  poolUserPolicy,
} from '../core/ops/access';
import type { AttachedPolicy } from '../core/records';

export interface Flags {
  user?: string;
  expires?: string;
  grace?: string;
  policy: string[];
  /** Arguments that are not flags. */
  rest: string[];
}

const VALUED = new Set(['--user', '--expires', '--grace', '--policy']);

/** `--user ops --policy a.json --policy AllotIpamReadOnly x` → { user, policy: [...], rest: ['x'] }. */
export const parseFlags = (args: string[]): Flags => {
  const flags: Flags = { policy: [], rest: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!VALUED.has(a)) {
      if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
      flags.rest.push(a);
      continue;
    }
    const value = args[++i];
    if (value === undefined) throw new Error(`${a} needs a value`);
    if (a === '--policy') flags.policy.push(value);
    else flags[a.slice(2) as 'user' | 'expires' | 'grace'] = value;
  }
  return flags;
};

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A moment as ISO 8601: a timestamp as given, or a duration from now (`30d`, `12h`, `90m`).
 * @example untilOf('30d', Date.UTC(2026, 0, 1)) // '2026-01-31T00:00:00.000Z'
 */
export const untilOf = (text: string, now = Date.now()): string => {
  const m = /^(\d+)([mhd])$/.exec(text);
  if (m) return new Date(now + Number(m[1]) * UNITS[m[2]!]!).toISOString();
  const t = Date.parse(text);
  if (Number.isNaN(t))
    throw new Error(`'${text}' is neither a timestamp nor a duration like 30d, 12h or 90m`);
  return new Date(t).toISOString();
};

/** The ready policies by name (core/ops/access/managed.ts). */
const READY: Record<string, PolicyDocument> = {
  AllotIpamFullAccess,
  AllotIpamReadOnly,
  AllotIpamExternalAuthority,
};

/**
 * A policy argument: a ready policy's name (`AllotIpamReadOnly`, `AllotIpamFullAccess`,
 * `AllotIpamExternalAuthority`, `AllotIpamPoolUser:<pool ARN>,…`), or a JSON file (named after it).
 * @example policyFrom('readonly.json') // { Name: 'readonly', Document: '{"Version":…}' }
 */
export const policyFrom = (arg: string): AttachedPolicy => {
  const ready = Object.hasOwn(READY, arg) ? READY[arg] : undefined;
  if (ready) return { Name: arg, Document: JSON.stringify(ready) };
  const pools = /^AllotIpamPoolUser:(.+)$/.exec(arg)?.[1];
  if (pools) return { Name: 'AllotIpamPoolUser', Document: JSON.stringify(poolUserPolicy(pools.split(','))) };
  if (!existsSync(arg)) throw new Error(`'${arg}' is neither a ready policy nor a policy file`);
  const Document = readFileSync(arg, 'utf8');
  try {
    parsePolicy(Document, IDENTITY_POLICY_LIMIT);
  } catch (e) {
    throw new Error(`${arg}: ${(e as Error).message}`);
  }
  return { Name: basename(arg).replace(/\.json$/, ''), Document };
};
