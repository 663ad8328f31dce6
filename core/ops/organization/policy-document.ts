/**
 * A service control policy document, checked before it is stored. The grammar is the evaluator's
 * (core/ops/access: `scpDocument`), so a stored SCP is always one every request of the
 * organization's members can be evaluated against: the IAM policy language as SCPs accept it (no
 * `Principal`, `Resource` optional). AWS counts the size limit (5,120 characters) on the text as
 * sent, whitespace included.
 */
import { fail, isAllotError } from '../../errors';
import { scpDocument } from '../access';

export const MAX_SCP_CHARACTERS = 5120;

/**
 * What is wrong with a policy document (the grammar's reason), or undefined when it is one.
 * @example policyProblem('{"Statement":{"Effect":"Deny","Action":"ec2:*"}}') // undefined
 */
export const policyProblem = (content: string): string | undefined => {
  try {
    scpDocument(content);
    return undefined;
  } catch (e) {
    if (!isAllotError(e)) throw e;
    return e.message.replace(/\.$/, '');
  }
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
  const problem = policyProblem(content);
  if (problem)
    fail(
      'MalformedPolicyDocumentException',
      `The provided policy document does not meet the requirements of the specified policy type: ${problem}.`,
    );
};
