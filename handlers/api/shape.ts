/**
 * JSON API bodies are checked against the EC2 request shape before any operation runs, so a
 * wrong type or an unknown member is a 400 with an EC2 code, never a TypeError deep in core.
 * Every action is checked, Allot's own ones included (handlers/api/model/allot.ts).
 */
import { AllotError } from '../../core/errors';
import type { Ec2Model } from './model/types';

const kind = (v: unknown): string => (Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v);

const check = (model: Ec2Model, shapeName: string, value: unknown, path: string): void => {
  const shape = model.shapes[shapeName];
  if (!shape || value === undefined) return;
  const wrong = (expected: string): never => {
    throw new AllotError('InvalidParameterValue', `${path} must be ${expected}; got ${kind(value)}.`);
  };
  switch (shape.type) {
    case 'structure': {
      if (kind(value) !== 'object') wrong('an object');
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const member = shape.members[k];
        if (!member)
          throw new AllotError('InvalidParameter', `Unknown parameter ${path ? `${path}.` : ''}${k}.`);
        check(model, member.shape, v, path ? `${path}.${k}` : k);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) wrong('a list');
      for (const [i, v] of (value as unknown[]).entries())
        check(model, shape.member.shape, v, `${path}[${i}]`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') wrong('a boolean');
      return;
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) wrong('an integer');
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) wrong('a number');
      return;
    case 'document':
      return;
    case 'timestamp':
      if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Date))
        wrong('a timestamp');
      return;
    default:
      if (typeof value !== 'string') wrong('a string');
      checkLength(path, value as string);
  }
};

/**
 * EC2's length limits, checked before anything is looked up or stored: a 100 KB id or a 6 MB
 * description must be a 400, not a key or item DynamoDB refuses with a 500. Members without a
 * documented limit get a generic one of 1,024 bytes (a DynamoDB sort key's limit), so no string a
 * caller sends can break a key; the few members made to carry more name their own.
 */
const MAX_LENGTH: Record<string, number> = {
  Description: 255,
  Key: 128,
  Value: 256,
  ClientToken: 64,
  NextToken: 4096,
  nextToken: 4096,
  Csv: 6_000_000,
  PolicyDocument: 6144,
  Content: 6144,
  EncodedMessage: 16384,
};
const GENERIC_MAX_BYTES = 1024;

const checkLength = (path: string, value: string): void => {
  const member =
    path
      .split('.')
      .pop()
      ?.replace(/\[\d+\]$/, '') ?? '';
  const max = MAX_LENGTH[member];
  if (max !== undefined ? value.length > max : Buffer.byteLength(value) > GENERIC_MAX_BYTES) {
    const limit = max !== undefined ? `${max} characters` : `${GENERIC_MAX_BYTES} bytes`;
    throw new AllotError('InvalidParameterValue', `${path} is too long: at most ${limit}.`);
  }
};

/** Throws InvalidParameterValue / InvalidParameter unless `input` fits the action's request shape. */
export const checkRequestShape = (model: Ec2Model, action: string, input: Record<string, unknown>): void => {
  const shape = model.operations[action]?.input?.shape;
  if (shape) checkShape(model, shape, input);
};

/** The same check against a named request shape. */
export const checkShape = (model: Ec2Model, shape: string, input: Record<string, unknown>): void =>
  check(model, shape, input, '');
