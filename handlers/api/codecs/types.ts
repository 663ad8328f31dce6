/**
 * What a door is made of: a codec (which action with which input, and how answers are written)
 * and an identity (who calls). The door (door.ts) pairs them, so how callers prove who they are is
 * chosen where the doors are built (entry.ts), not inside a protocol.
 */

import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { AllotError } from '../../../core/errors';
import type { Caller } from '../../../core/ports';
import type { Runtime } from '../../runtime/deps';
import type { Door } from '../actions';
import type { WireError } from '../errors';

export type Event = APIGatewayProxyEventV2;

/** Whether this door serves an action. */
export type Served = (action: string) => boolean;

/** EC2's own wording, whether the action is unknown to the model or only to this door. */
export const unknownAction = (name: string): never => {
  throw new AllotError('InvalidAction', `The action ${name} is not valid for this web service.`);
};
export type Result = APIGatewayProxyResultV2;

/** Who signed: the access key, the named principal (absent: the account's root) and its policies. */
export interface Principal {
  accessKeyId: string;
  arn?: string;
  policies?: { name: string; document: string }[];
}

/** The caller as a door knows it: account and region, and the principal when it was signed. */
export type Identified = Caller & { principal?: Principal };

/** The caller, from the request as it arrived (runs first: nothing is decoded for a stranger). */
export type Identity = (event: Event, body: string, runtime: Runtime) => Promise<Identified>;

export interface Codec {
  door: Door;
  /**
   * The action and its input; throws an AllotError for a malformed body, or `InvalidAction` for an
   * action this door does not serve (`served`), before any of its parameters are read.
   */
  decode(event: Event, body: string, served: Served): { action: string; input: Record<string, unknown> };
  encode(action: string, output: object, requestId: string): Result;
  encodeError(error: WireError, requestId: string): Result;
}

/** The request body as text. */
export const bodyOf = (event: Event): string =>
  event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';

/** A JSON request body that must be an object ({} when empty); `code` is the protocol's error code. */
export const jsonObject = (text: string, code: 'InvalidParameterValue' | 'InvalidParameterException') => {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AllotError(code, 'The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new AllotError(code, 'The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
};
