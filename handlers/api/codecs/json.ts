/**
 * The JSON codec: `POST /v1/<Action>` with the EC2 request shape as a JSON body, answered with the
 * EC2 result shape and `RequestId`; errors as `{ Error: { Code, Message }, RequestId }`. The
 * caller comes from a Lambda authorizer's context or the `x-allot-account-id` header.
 */
import { AllotError } from '../../../core/errors';
import { callerOf } from '../auth/identity';
import type { Codec, Result } from './types';

const json = (status: number, body: unknown, requestId: string): Result => ({
  statusCode: status,
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
  body: JSON.stringify(body),
});

const parseBody = (text: string): Record<string, unknown> => {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AllotError('InvalidParameterValue', 'The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AllotError('InvalidParameterValue', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
};

export const jsonCodec: Codec = {
  door: 'json',
  identify: async (event, _body, { settings }) => callerOf(event as never, settings.region),
  // The route is `/v1/<Action>`: each function is reached by its own action's path only.
  decode: (event, body) => ({ action: event.rawPath?.split('/').pop() ?? '', input: parseBody(body) }),
  encode: (_action, output, requestId) => json(200, { ...output, RequestId: requestId }, requestId),
  encodeError: (e, requestId) =>
    json(e.status, { Error: { Code: e.code, Message: e.message }, RequestId: requestId }, requestId),
};
