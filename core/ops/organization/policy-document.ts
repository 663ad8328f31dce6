/**
 * The grammar of a service control policy document, checked before a policy is stored: the IAM
 * policy language as SCPs accept it. A document is a JSON object with `Statement` (one statement
 * or a non-empty list) and optionally `Version` (2012-10-17 or 2008-10-17) and `Id`. A statement
 * has an `Effect` (Allow or Deny), exactly one of `Action` / `NotAction`, at most one of
 * `Resource` / `NotResource`, and optionally `Sid` (unique) and `Condition`
 * (operator → key → values). SCPs have no principal: `Principal` and `NotPrincipal` are refused.
 * AWS counts the size limit (5,120 characters) on the text as sent, whitespace included.
 */
import { fail, isAllotError } from '../../errors';
import { scpDocument } from '../access';

export const MAX_SCP_CHARACTERS = 5120;

const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;
const RESOURCE = /^(\*|arn:\S+)$/;
const SID = /^[a-zA-Z0-9]*$/;
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string or a non-empty list of strings, each matching `pattern`; the problem, if any. */
const stringsProblem = (v: unknown, field: string, pattern: RegExp): string | undefined => {
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0 || list.some((s) => typeof s !== 'string'))
    return `${field} must be a string or a non-empty list of strings`;
  const bad = (list as string[]).find((s) => !pattern.test(s));
  return bad === undefined ? undefined : `'${bad}' is not a valid ${field} value`;
};

const conditionProblem = (c: unknown): string | undefined => {
  if (!isObject(c)) return 'Condition must be an object of operators';
  for (const [op, block] of Object.entries(c)) {
    if (!isObject(block)) return `the Condition operator ${op} must map condition keys to values`;
    for (const [key, value] of Object.entries(block)) {
      const values = Array.isArray(value) ? value : [value];
      if (values.some((x) => !['string', 'number', 'boolean'].includes(typeof x)))
        return `the condition key ${key} must have a string, number or boolean value or list of them`;
    }
  }
  return undefined;
};

const statementProblem = (s: unknown, i: number): string | undefined => {
  if (!isObject(s)) return `statement ${i + 1} is not an object`;
  if ('Principal' in s || 'NotPrincipal' in s) return 'service control policies do not take a Principal';
  const unknown = Object.keys(s).find((k) => !STATEMENT_KEYS.has(k));
  if (unknown) return `statement ${i + 1} has an unknown element ${unknown}`;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return `statement ${i + 1} needs Effect Allow or Deny`;
  if ('Action' in s === 'NotAction' in s)
    return `statement ${i + 1} needs exactly one of Action and NotAction`;
  if ('Resource' in s && 'NotResource' in s) return `statement ${i + 1} has both Resource and NotResource`;
  if (s.Sid !== undefined && (typeof s.Sid !== 'string' || !SID.test(s.Sid)))
    return `the Sid of statement ${i + 1} must be alphanumeric`;
  const action = 'Action' in s ? 'Action' : 'NotAction';
  const resource = 'NotResource' in s ? 'NotResource' : 'Resource';
  return (
    stringsProblem(s[action], action, ACTION) ??
    (resource in s ? stringsProblem(s[resource], resource, RESOURCE) : undefined) ??
    ('Condition' in s ? conditionProblem(s.Condition) : undefined)
  );
};

/**
 * What is wrong with a policy document, or undefined when it follows the grammar.
 * @example policyProblem('{"Statement":{"Effect":"Deny","Action":"ec2:*","Resource":"*"}}') // undefined
 */
export const policyProblem = (content: string): string | undefined => {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return 'the document is not valid JSON';
  }
  if (!isObject(doc)) return 'the document must be a JSON object';
  const extra = Object.keys(doc).find((k) => !['Version', 'Id', 'Statement'].includes(k));
  if (extra) return `unknown top-level element ${extra}`;
  if ('Version' in doc && doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17')
    return 'Version must be 2012-10-17 or 2008-10-17';
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  if (doc.Statement === undefined || statements.length === 0) return 'the document needs a Statement';
  for (const [i, s] of statements.entries()) {
    const problem = statementProblem(s, i);
    if (problem) return problem;
  }
  const sids = statements.flatMap((s: Record<string, unknown>) =>
    typeof s.Sid === 'string' && s.Sid ? [s.Sid] : [],
  );
  return new Set(sids).size === sids.length ? undefined : 'two statements have the same Sid';
};

/**
 * Refuses a policy text over the size limit (ConstraintViolationException, as AWS Organizations
 * answers it) or outside the grammar (MalformedPolicyDocumentException).
 */
export const checkPolicyContent = (content: string): void => {
  if (content.length > MAX_SCP_CHARACTERS)
    fail(
      'ConstraintViolationException',
      `The policy is ${content.length} characters long; a service control policy may have at most ${MAX_SCP_CHARACTERS}.`,
      'POLICY_CONTENT_LIMIT_EXCEEDED',
    );
  const problem = policyProblem(content) ?? evaluatorProblem(content);
  if (problem)
    fail(
      'MalformedPolicyDocumentException',
      `The provided policy document does not meet the requirements of the specified policy type: ${problem}.`,
    );
};

/**
 * What the evaluator (core/ops/access) would refuse in a document this grammar let through (an
 * unknown condition operator, a malformed ARN pattern): a stored SCP must be one every request of
 * the organization's members can be evaluated against.
 */
const evaluatorProblem = (content: string): string | undefined => {
  try {
    scpDocument(content);
    return undefined;
  } catch (e) {
    if (!isAllotError(e)) throw e;
    return e.message.replace(/\.$/, '');
  }
};
