/**
 * The one front door (STYLE habit 2): one middy stack for every action at every door. A codec
 * says how its protocol names the caller, the action and the input, and how answers are
 * written; everything else happens here once, whatever the codec: the request id, identity,
 * the action lookup, the request-shape check, the audit line, and the error table with its
 * bare 500 for anything that is not a domain error.
 *
 * @example export const jsonApi = door(jsonCodec, jsonCaller); // a Lambda handler for POST /v1/<Action>
 */
import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { AllotError, isAllotError } from '../../core/errors';
import { checkIdFormats } from '../../core/ops/kit/ids';
import { scpLevelsFor } from '../../core/ops/organization/scp';
import type { Caller, Deps } from '../../core/ports';
import type { Forwarder } from '../../outbound/ec2/forward';
import { runtime } from '../runtime/deps';
import { accessBegin, accessEnd, accessNote } from './access';
import { type Action, actionAt, actions as registry } from './actions';
import { audited, authFailureLine } from './audit';
import { authorize, guardrailsOf, messageKey, serviceOf } from './authorize';
import type { Codec, Event, Identity, Result } from './codecs/types';
import { bodyOf, unknownAction } from './codecs/types';
import { checkEdge, corsHeaders } from './edge';
import { toWireError } from './errors';
import { apiModel } from './model/model';
import { checkShape } from './shape';

const requestIdOf = (context: Context | undefined): string => context?.awsRequestId ?? randomUUID();

/** Turns any error into the codec's error answer; a 500 is logged with its stack, answered without. */
const errorAnswer = (codec: Codec) => ({
  onError: (request: { error: unknown; context: Context; response: Result | undefined; event: Event }) => {
    const requestId = requestIdOf(request.context);
    const wire = toWireError(request.error);
    if (wire.status >= 500) {
      const error = String((request.error as Error)?.stack ?? request.error);
      const action = actionNameOf(codec, request.event);
      console.error(
        JSON.stringify({ door: codec.door, action, path: request.event?.rawPath, requestId, error }),
      );
    }
    if (wire.status === 401)
      authFailureLine(
        wire,
        request.event?.headers ?? {},
        request.event?.requestContext?.http?.sourceIp,
        requestId,
      );
    const answer = codec.encodeError(wire, requestId) as Exclude<Result, string>;
    request.response = {
      ...answer,
      headers: { ...answer.headers, ...corsHeaders(request.event, runtime().settings) },
    };
    accessNote(request.event, { action: actionNameOf(codec, request.event) });
    accessEnd(request.event, wire.status, requestId);
  },
});

/** The action a failed request asked for, for the 500 log line (undefined when it cannot be read). */
const actionNameOf = (codec: Codec, event: Event): string | undefined => {
  try {
    return codec.decode(event, bodyOf(event), () => true).action;
  } catch {
    return undefined;
  }
};

/**
 * The action and input, or, for an EC2 action Allot does not implement while an EC2 backend is
 * configured, the forwarder that sends it there unchanged (F-FAC-01).
 */
const decodeOrForward = (
  codec: Codec,
  event: Event,
  body: string,
  served: (name: string) => boolean,
  forward: Forwarder | undefined,
): ReturnType<Codec['decode']> | { forward: Forwarder } => {
  try {
    return codec.decode(event, body, served);
  } catch (e) {
    if (codec.door === 'query' && forward && isAllotError(e) && e.code === 'InvalidAction')
      return { forward };
    throw e;
  }
};

/** The backend's answer to a forwarded request, as it wrote it; a backend that is down is a 503. */
const forwarded = async (
  forward: Forwarder,
  caller: Caller,
  event: Event,
  body: string,
  requestId: string,
) => {
  accessNote(event, { action: new URLSearchParams(body).get('Action') ?? '' });
  const answer = await forward(caller, body).catch((e: Error) => {
    throw new AllotError('ServiceUnavailable', `The EC2 backend could not be reached (${e.message}).`);
  });
  accessEnd(event, answer.status, requestId);
  return { statusCode: answer.status, headers: { 'content-type': answer.contentType }, body: answer.body };
};

let guardrailCache: ReturnType<typeof guardrailsOf> | undefined;

/** The organization's SCPs of an account, cached per process (authorize.ts, guardrailsOf). */
const guardrailsFor = (deps: Deps, ttlMs: number) => {
  guardrailCache ??= guardrailsOf((accountId) => scpLevelsFor(deps, accountId), ttlMs);
  return guardrailCache;
};

/** How long before the function's timeout a request is answered, whatever it still waits for. */
const DEADLINE_MARGIN_MS = 1500;

/**
 * The answer of `work`, or ServiceUnavailable once `ms` have passed: a request that runs long costs
 * that request a retryable error, never the function's timeout (which serverless-offline 13 turns
 * into a wedged endpoint, upstream #1896). Writes are atomic, so an abandoned one either committed
 * whole or not at all, and a retry with the same ClientToken finds which.
 * @example await withDeadline(op(), 27_500)
 */
export const withDeadline = async <T>(work: Promise<T>, ms: number): Promise<T> => {
  if (!Number.isFinite(ms)) return work;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AllotError('ServiceUnavailable', 'The request took too long to complete; retry it.')),
      Math.max(ms, 0),
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
};

/** A Lambda handler serving every action of `actions` that this codec's door serves. */
export const door = (codec: Codec, identify: Identity, actions: Record<string, Action> = registry) =>
  middy<Event, Result>()
    .use(errorAnswer(codec))
    .handler(async (event, context) => {
      const requestId = requestIdOf(context);
      accessBegin(event);
      const rt = runtime();
      checkEdge(event, rt.settings);
      const body = bodyOf(event);
      const caller = await identify(event, body, rt);
      accessNote(event, { account: caller.accountId });
      const served = (name: string) => actionAt(actions, name, codec.door) !== undefined;
      const decoded = decodeOrForward(codec, event, body, served, rt.forward);
      if (!('action' in decoded)) {
        const forwardedAction = new URLSearchParams(body).get('Action') ?? '';
        const key = messageKey(rt.settings.ec2.credentialKey);
        const guardrails = await guardrailsFor(rt.deps, rt.settings.ec2.authCacheMs)(caller.accountId);
        await authorize({
          deps: rt.deps,
          service: 'ec2',
          action: forwardedAction,
          input: {},
          caller,
          key,
          ...(guardrails ? { guardrails } : {}),
        });
        return forwarded(decoded.forward, caller, event, body, requestId);
      }
      const { action: name, input } = decoded;
      const action = actionAt(actions, name, codec.door) ?? unknownAction(name);
      const remainingMs = () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY;
      // Inside the audit: a write refused for its shape is a refused write like any other.
      const run = async () => {
        checkShape(apiModel, action.shape, input);
        checkIdFormats(input);
        const guardrails = await guardrailsFor(rt.deps, rt.settings.ec2.authCacheMs)(caller.accountId);
        await authorize({
          deps: rt.deps,
          service: serviceOf(action.doors),
          action: name,
          input,
          caller,
          key: messageKey(rt.settings.ec2.credentialKey),
          ...(guardrails ? { guardrails } : {}),
        });
        return action.run({ deps: rt.deps, settings: rt.settings, caller, input, remainingMs });
      };
      const output = await audited({ action: name, caller, input, requestId }, () =>
        withDeadline(run(), remainingMs() - DEADLINE_MARGIN_MS),
      );
      const answer = codec.encode(name, output, requestId) as Exclude<Result, string>;
      accessNote(event, { action: name });
      accessEnd(event, 200, requestId);
      return { ...answer, headers: { ...answer.headers, ...corsHeaders(event, rt.settings) } };
    });
