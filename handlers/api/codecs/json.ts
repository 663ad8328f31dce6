/**
 * The JSON codec: `POST /v1/<Action>` with the EC2 request shape as a JSON body, answered with the
 * EC2 result shape and `RequestId`; errors as `{ Error: { Code, Message }, RequestId }`.
 */
import { type Codec, type Event, jsonObject, type Result, unknownAction } from './types';

const json = (status: number, body: unknown, requestId: string): Result => ({
  statusCode: status,
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
  body: JSON.stringify(body),
});

/**
 * The action of `/v1/<Action>`, from the route API Gateway matched (`POST /v1/CreateIpam`), which
 * the client cannot choose: each function is reached by its own action's route only. The path is
 * the fallback where no route key is given.
 */
const actionOf = (event: Event): string => {
  const route = event.routeKey?.split(' ').pop();
  const path = route?.startsWith('/v1/') && !route.includes('{') ? route : event.rawPath;
  return path?.split('/').pop() ?? '';
};

export const jsonCodec: Codec = {
  door: 'json',
  decode: (event, body, served) => {
    const action = actionOf(event);
    if (!served(action)) unknownAction(action);
    return { action, input: jsonObject(body, 'InvalidParameterValue') };
  },
  encode: (_action, output, requestId) => json(200, { ...output, RequestId: requestId }, requestId),
  encodeError: (e, requestId) =>
    json(e.status, { Error: { Code: e.code, Message: e.message }, RequestId: requestId }, requestId),
};
