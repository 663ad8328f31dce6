/**
 * The statement grammar `parsePolicy` checks: elements, Effect, Action/NotAction,
 * Resource/NotResource (ARNs or `*`), condition operators, keys and values, and the policy
 * variables of Version 2012-10-17 policies.
 */
import { AllotError } from '../../errors';
import { resourceSegments } from './match';
import { readOperator, takesVariables } from './operators';
import { readTemplate } from './variables';

export function malformed(reason: string): never {
  throw new AllotError('MalformedPolicyDocument', reason);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
/** `*`, or a service prefix and an action name that may hold wildcards (`ec2:Describe*`). */
const ACTION = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+)$/;
const SID = /^[A-Za-z0-9]*$/;
const KEY = /^[^:\s]+:.+$/;

/** Checks one statement; `where` names it in the reason (`Statement[2]`). */
export const checkStatement = (s: unknown, where: string, variables: boolean): void => {
  if (!isObject(s)) malformed(`${where} must be a JSON object.`);
  if ('Principal' in s || 'NotPrincipal' in s) {
    malformed(`${where}: an identity policy or SCP may not name a Principal.`);
  }
  const unknown = Object.keys(s).find((k) => !STATEMENT_KEYS.has(k));
  if (unknown !== undefined) malformed(`${where} has an unknown element '${unknown}'.`);
  if (s.Sid !== undefined && (typeof s.Sid !== 'string' || !SID.test(s.Sid))) {
    malformed(`${where}.Sid may hold only the letters A-Z, a-z and the digits 0-9.`);
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    malformed(`${where}.Effect must be "Allow" or "Deny", not ${JSON.stringify(s.Effect)}.`);
  }
  const action = exactlyOne(s, where, 'Action', 'NotAction');
  for (const a of strings(s[action], `${where}.${action}`)) {
    if (!ACTION.test(a))
      malformed(`${where}.${action}: '${a}' is not '*' or 'service:action' (like ec2:CreateVpc).`);
  }
  const resource = exactlyOne(s, where, 'Resource', 'NotResource');
  for (const r of strings(s[resource], `${where}.${resource}`))
    checkResource(r, `${where}.${resource}`, variables);
  if (s.Condition !== undefined) checkConditions(s.Condition, `${where}.Condition`, variables);
};

const exactlyOne = (s: Record<string, unknown>, where: string, a: string, b: string): string => {
  if (s[a] !== undefined && s[b] !== undefined) malformed(`${where} has both ${a} and ${b}; give one.`);
  if (s[a] === undefined && s[b] === undefined) malformed(`${where} has neither ${a} nor ${b}.`);
  return s[a] !== undefined ? a : b;
};

/** A string or a non-empty list of strings. */
const strings = (value: unknown, where: string): string[] => {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) malformed(`${where} is an empty list.`);
  if (list.some((v) => typeof v !== 'string')) malformed(`${where} must be a string or a list of strings.`);
  return list as string[];
};

const checkResource = (r: string, where: string, variables: boolean): void => {
  if (r === '*') return;
  // arn:partition:service:region:account:resource (the last part may hold colons), or fewer
  // segments ending in a wildcard that stands for the rest.
  if (!r.startsWith('arn:') || !resourceSegments(r)) {
    malformed(`${where}: '${r}' must be '*' or an ARN (arn:partition:service:region:account:resource).`);
  }
  checkTemplate(r, where, variables);
};

const checkTemplate = (text: string, where: string, variables: boolean): void => {
  const read = variables ? readTemplate(text) : [];
  if (typeof read === 'string') malformed(`${where}: ${read}.`);
};

const checkConditions = (block: unknown, where: string, variables: boolean): void => {
  if (!isObject(block)) malformed(`${where} must be a JSON object of operators.`);
  for (const [name, keys] of Object.entries(block)) {
    const operator = readOperator(name);
    if (typeof operator === 'string') malformed(`${where}: ${operator}.`);
    const base = typeof operator === 'string' ? undefined : operator.base;
    if (!isObject(keys) || Object.keys(keys).length === 0) {
      malformed(`${where}.${name} must be a JSON object of condition keys and values.`);
    }
    for (const [key, value] of Object.entries(keys as object)) {
      const at = `${where}.${name}.${key}`;
      if (!KEY.test(key)) malformed(`${at}: a condition key is 'service:name' (like aws:SourceIp).`);
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0) malformed(`${at} is an empty list.`);
      if (values.some((v) => !['string', 'number', 'boolean'].includes(typeof v))) {
        malformed(`${at} must be a string, number or boolean, or a list of them.`);
      }
      if (base?.family === 'null' && values.some((v) => !['true', 'false'].includes(String(v)))) {
        malformed(`${at}: Null takes "true" (the key is absent) or "false" (it is present).`);
      }
      if (base && takesVariables(base)) for (const v of values) checkTemplate(String(v), at, variables);
    }
  }
};
