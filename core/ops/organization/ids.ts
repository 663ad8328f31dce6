/**
 * The id formats of AWS Organizations (o-, r-, ou-, p-, h- and 12-digit accounts) and the checks
 * of ids a request names: the EC2 actions of the registry answer in EC2's words, the
 * Organizations API in its own (`InvalidInputException`).
 */
import { fail } from '../../errors';
import { required } from '../kit/common';

export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
export const POLICY_ID = /^p-[0-9a-zA-Z_]{8,128}$/;
export const HANDSHAKE_ID = /^h-[0-9a-z]{8,32}$/;
export const ACCOUNT_ID = /^\d{12}$/;

/**
 * A 12-digit account id of an EC2 action's parameter (InvalidParameterValue otherwise).
 * @example accountId(input.DelegatedAdminAccountId, 'DelegatedAdminAccountId')
 */
export const accountId = (value: string | undefined, field: string): string => {
  const id = required(value, field);
  if (!ACCOUNT_ID.test(id)) fail('InvalidParameterValue', `${field} must be a 12-digit account ID.`);
  return id;
};

/**
 * A parameter of an Organizations operation that must match `pattern` (InvalidInputException).
 * @example orgsId(input.PolicyId, POLICY_ID, 'PolicyId')
 */
export const orgsId = (value: string | undefined, pattern: RegExp, field: string): string => {
  if (value === undefined || value === '')
    return fail('InvalidInputException', `You must specify ${field}.`, 'INPUT_REQUIRED');
  if (!pattern.test(value))
    fail('InvalidInputException', `'${value}' is not a valid ${field}.`, 'INVALID_PATTERN');
  return value;
};

/** A required text parameter of at most `max` characters. */
export const orgsText = (value: string | undefined, field: string, max: number, min = 1): string => {
  if (value === undefined)
    return fail('InvalidInputException', `You must specify ${field}.`, 'INPUT_REQUIRED');
  if (value.length < min) fail('InvalidInputException', `${field} is too short.`, 'MIN_LENGTH_EXCEEDED');
  if (value.length > max)
    fail('InvalidInputException', `${field} must be at most ${max} characters.`, 'MAX_LENGTH_EXCEEDED');
  return value;
};
