/**
 * The one middy wrapper for JSON API functions (STYLE habit 2): request id, JSON body parsing,
 * caller identity, then the operation; one error handler turns domain errors into EC2-style
 * `{ Error: { Code, Message }, RequestId }` bodies and anything else into a bare 500.
 */

import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { AllotError } from '../../core/errors';
import { type ActionName, operations } from '../../core/ops/registry';
import { runtime } from '../runtime/deps';
import { audited } from './audit';
import { callerOf } from './auth/identity';
import { toWireError } from './errors';
import { ec2Model } from './model/model';
import { checkRequestShape } from './shape';

type Event = Parameters<typeof callerOf>[0] & { body?: string; isBase64Encoded?: boolean };

const json = (status: number, body: unknown, requestId: string): APIGatewayProxyResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
  body: JSON.stringify(body),
});

const parseBody = (event: Event): Record<string, unknown> => {
  if (!event.body) return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
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

export interface RouteContext {
  deps: ReturnType<typeof runtime>['deps'];
  settings: ReturnType<typeof runtime>['settings'];
  caller: ReturnType<typeof callerOf>;
  input: Record<string, unknown>;
  context: Context;
}

/** A JSON route: identity, body parsing and the error table around `run`. */
export const jsonRoute = (name: string, run: (r: RouteContext) => Promise<object>) =>
  middy<Event, APIGatewayProxyResultV2>()
    .use({
      onError: (request) => {
        const requestId = request.context?.awsRequestId ?? randomUUID();
        const wire = toWireError(request.error);
        if (wire.status >= 500)
          console.error(
            JSON.stringify({ action: name, requestId, error: String(request.error?.stack ?? request.error) }),
          );
        request.response = json(
          wire.status,
          { Error: { Code: wire.code, Message: wire.message }, RequestId: requestId },
          requestId,
        );
      },
    })
    .handler(async (event, context) => {
      const { deps, settings } = runtime();
      const caller = callerOf(event, settings.region);
      const requestId = context?.awsRequestId ?? randomUUID();
      const input = parseBody(event);
      const result = await audited({ action: name, caller, input, requestId }, () =>
        run({ deps, settings, caller, input, context }),
      );
      return json(200, { ...result, RequestId: requestId }, requestId);
    });

/** A Lambda handler for one action of the JSON API. */
export const httpHandler = (action: ActionName) =>
  jsonRoute(action, ({ deps, caller, input }) => {
    checkRequestShape(ec2Model, action, input);
    const op = operations[action] as (d: typeof deps, c: typeof caller, i: unknown) => Promise<object>;
    return op(deps, caller, input);
  });
