/**
 * Scalar values of the EC2 Query protocol: every parameter arrives as text and becomes the JSON
 * type of its shape. Malformed text is the caller's mistake, so it is `InvalidParameterValue`
 * with EC2's wording, never a silent NaN or a string where a number belongs.
 */
import { AllotError } from '../../../core/errors';
import type { Ec2ScalarType } from '../model/types';

const INT = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// What botocore (`2024-05-01T12:00:00Z`, `...00.123456Z`) and the JS SDK (`...00Z`, `...00.5Z`) send,
// plus numeric offsets; Date.parse alone would also accept `May 1 2024`.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const EPOCH_SECONDS = /^\d+(\.\d+)?$/;

const invalid = (param: string, value: string, expected: string): AllotError =>
  new AllotError(
    'InvalidParameterValue',
    `Value (${value}) for parameter ${param} is invalid. Expected: '${expected}'.`,
  );

const integer = (param: string, text: string, min: number, max: number, expected: string): number => {
  const n = Number(text);
  if (!INT.test(text) || n < min || n > max) throw invalid(param, text, expected);
  return n;
};

/**
 * Converts one wire value to its shape's JSON type.
 * @example parseScalar('boolean', 'DryRun', 'true') // => true
 */
export const parseScalar = (type: Ec2ScalarType, param: string, text: string): unknown => {
  switch (type) {
    case 'boolean': {
      // Case-insensitive like EC2 itself; botocore and the JS SDK always send lower case.
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      throw invalid(param, text, 'Boolean');
    }
    case 'integer':
      return integer(param, text, -(2 ** 31), 2 ** 31 - 1, 'Integer');
    case 'long':
      // Beyond 2^53 a JS number would silently round; no IPAM member comes close.
      return integer(param, text, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'Long');
    case 'double':
    case 'float': {
      if (!DECIMAL.test(text)) throw invalid(param, text, 'Double');
      return Number(text);
    }
    case 'timestamp': {
      const ms = ISO_8601.test(text)
        ? Date.parse(text)
        : EPOCH_SECONDS.test(text)
          ? Number(text) * 1000
          : Number.NaN;
      if (!Number.isFinite(ms)) throw invalid(param, text, 'Timestamp');
      return new Date(ms);
    }
    default:
      // string (enums included: core validates them with its own messages) and blob (base64 text).
      return text;
  }
};
