/**
 * IAM policy documents: their types and `parsePolicy`, which refuses what IAM refuses with
 * `MalformedPolicyDocument` and a reason that points at the element (`Statement[1].Effect …`).
 * Identity policies and SCPs share the grammar; only their size limits differ.
 */
import { checkStatement, isObject, malformed } from './grammar';

export type ConditionValue = string | number | boolean;
/** Operator (`StringEquals`, `ForAnyValue:StringLike`…) → condition key → one value or several. */
export type ConditionBlock = Record<string, Record<string, ConditionValue | ConditionValue[]>>;

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version?: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: Statement | Statement[];
}

/** IAM's limit for a managed policy: 6,144 characters, whitespace not counted. */
export const IDENTITY_POLICY_LIMIT = { maxLength: 6144, countWhitespace: false } as const;
/** Organizations' limit for an SCP: 5,120 characters, whitespace counted. */
export const SCP_LIMIT = { maxLength: 5120, countWhitespace: true } as const;

export interface ParseOptions {
  maxLength?: number;
  countWhitespace?: boolean;
}

/** A policy's statements as a list, whether `Statement` holds one or many. */
/**
 * An SCP's text as a policy the evaluator reads: a statement without Resource or NotResource
 * (which SCPs allow) applies to every resource, `"Resource": "*"`.
 * @example scpDocument('{"Statement":{"Effect":"Deny","NotAction":"iam:*"}}').Statement
 */
export const scpDocument = (text: string): PolicyDocument => {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return parsePolicy(text, SCP_LIMIT);
  }
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const d = doc as { Statement?: unknown };
    const fill = (s: unknown) =>
      typeof s === 'object' && s !== null && !('Resource' in s) && !('NotResource' in s)
        ? { ...s, Resource: '*' }
        : s;
    if (Array.isArray(d.Statement)) d.Statement = d.Statement.map(fill);
    else if (d.Statement !== undefined) d.Statement = fill(d.Statement);
  }
  return parsePolicy(JSON.stringify(doc), { ...SCP_LIMIT, maxLength: Number.POSITIVE_INFINITY });
};

export const statementsOf = (doc: PolicyDocument): Statement[] =>
  Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];

/** An element that is one string or a list of them, as a list. */
export const listOf = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Whether `${…}` in this document is a policy variable (only in Version 2012-10-17). */
export const hasVariables = (doc: PolicyDocument): boolean => doc.Version === '2012-10-17';

const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

/**
 * Parse and check a policy document as IAM does: a JSON object, Version 2012-10-17 or
 * 2008-10-17 (or none), at least one statement, each with Effect Allow or Deny, exactly one of
 * Action/NotAction and of Resource/NotResource, known condition operators and unique Sids.
 * @example parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}}')
 */
export const parsePolicy = (text: string, options: ParseOptions = {}): PolicyDocument => {
  const { maxLength, countWhitespace } = { ...IDENTITY_POLICY_LIMIT, ...options };
  if (typeof text !== 'string') return malformed('The policy document must be JSON text.');
  const size = countWhitespace ? text.length : text.replace(/\s+/g, '').length;
  if (size > maxLength) {
    const how = countWhitespace ? '' : ' not counting whitespace';
    return malformed(`The policy document has ${size} characters${how}; at most ${maxLength} are allowed.`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return malformed(`The policy document is not valid JSON: ${(e as Error).message}.`);
  }
  return checkDocument(doc);
};

/** The checks of `parsePolicy` on an already parsed value. */
export const checkDocument = (doc: unknown): PolicyDocument => {
  if (!isObject(doc)) return malformed('The policy document must be a JSON object.');
  const unknown = Object.keys(doc).find((k) => !DOCUMENT_KEYS.has(k));
  if (unknown !== undefined) return malformed(`The policy document has an unknown element '${unknown}'.`);
  if (doc.Version !== undefined && !VERSIONS.has(doc.Version as string)) {
    return malformed(`Version must be "2012-10-17" or "2008-10-17", not ${JSON.stringify(doc.Version)}.`);
  }
  if (doc.Id !== undefined && typeof doc.Id !== 'string') return malformed('Id must be a string.');
  if (doc.Statement === undefined) return malformed('The policy document has no Statement.');
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  if (list.length === 0) return malformed('Statement must hold at least one statement.');
  const variables = doc.Version === '2012-10-17';
  const sids = new Set<string>();
  list.forEach((s, i) => {
    const where = Array.isArray(doc.Statement) ? `Statement[${i}]` : 'Statement';
    checkStatement(s, where, variables);
    const sid = (s as Statement).Sid;
    if (sid) {
      if (sids.has(sid)) malformed(`${where}: the Sid '${sid}' is used twice; Sids must be unique.`);
      sids.add(sid);
    }
  });
  return doc as unknown as PolicyDocument;
};
