/**
 * The AWS RAM codec (REST-JSON): `POST /createresourceshare`, `/getresourceshares`, … (and
 * `DELETE /deleteresourceshare?resourceShareArn=…`) with camelCase JSON bodies, SigV4 with
 * service `ram`, so `aws ram … --endpoint-url` and `@aws-sdk/client-ram` work unchanged. Errors
 * as RAM answers them: the code in `x-amzn-ErrorType`, the body `{"message": …}`.
 */
import { ramModel } from '../model/model';
import { type Codec, type Event, jsonObject, type Result, unknownAction } from './types';

const json = (
  status: number,
  body: unknown,
  requestId: string,
  extra: Record<string, string> = {},
): Result => ({
  statusCode: status,
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, ...extra },
  body: JSON.stringify(body),
});

/** The operation at this method and path (RAM's paths are lower-case; API Gateway matched one). */
export const ramActionOf = (method: string, path: string): string | undefined =>
  Object.entries(ramModel.operations).find(
    ([, op]) => op.path === path.toLowerCase() && op.method === method.toUpperCase(),
  )?.[0];

/** Members RAM reads from the query string (DeleteResourceShare's resourceShareArn, clientToken). */
const fromQuery = (action: string, event: Event): Record<string, string> => {
  const shape = ramModel.shapes[ramModel.operations[action]?.input?.shape ?? ''];
  if (shape?.type !== 'structure' || !event.rawQueryString) return {};
  const params = new URLSearchParams(event.rawQueryString);
  const out: Record<string, string> = {};
  for (const [name, m] of Object.entries(shape.members)) {
    const v = m.queryName ? params.get(m.queryName) : null;
    if (v !== null) out[name] = v;
  }
  return out;
};

/** EC2-worded codes raised before an operation runs (shape check, signature), in RAM's words. */
const RAM_CODE: Record<string, string> = {
  InvalidParameterValue: 'InvalidParameterException',
  InvalidParameter: 'InvalidParameterException',
  InvalidParameterCombination: 'InvalidParameterException',
  MissingParameter: 'MissingRequiredParameterException',
  AuthFailure: 'UnrecognizedClientException',
  SignatureDoesNotMatch: 'InvalidSignatureException',
};

export const ramCodec: Codec = {
  door: 'ram',
  decode: (event, body, served) => {
    const method = event.requestContext?.http?.method ?? 'POST';
    const action = ramActionOf(method, event.rawPath ?? '') ?? event.rawPath ?? '';
    if (!served(action)) unknownAction(action);
    return {
      action,
      input: { ...jsonObject(body, 'InvalidParameterException'), ...fromQuery(action, event) },
    };
  },
  encode: (_action, output, requestId) => json(200, output, requestId),
  encodeError: (e, requestId) => {
    const code = RAM_CODE[e.code] ?? e.code;
    return json(e.status, { message: e.message }, requestId, { 'x-amzn-errortype': code });
  },
};
