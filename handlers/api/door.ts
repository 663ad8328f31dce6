/**
 * The one front door (STYLE habit 2): one middy stack for every action at every door. A codec
 * says how its protocol names the caller, the action and the input, and how answers are
 * written; everything else happens here once, whatever the codec: the request id, identity,
 * the action lookup, the request-shape check, the audit line, and the error table with its
 * bare 500 for anything that is not a domain error.
 *
 * @example export const jsonApi = door(jsonCodec, declaredCaller); // a Lambda handler for POST /v1/<Action>
 */
import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { AllotError } from '../../core/errors';
import { runtime } from '../runtime/deps';
import { type Action, actionAt, actions as registry } from './actions';
import { audited } from './audit';
import type { Codec, Event, Identity, Result } from './codecs/types';
import { bodyOf } from './codecs/types';
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
      console.error(JSON.stringify({ door: codec.door, path: request.event?.rawPath, requestId, error }));
    }
    request.response = codec.encodeError(wire, requestId);
  },
});

const unknownAction = (name: string): never => {
  throw new AllotError('InvalidAction', `The action ${name} is not implemented by Allot yet.`);
};

/** A Lambda handler serving every action of `actions` that this codec's door serves. */
export const door = (codec: Codec, identify: Identity, actions: Record<string, Action> = registry) =>
  middy<Event, Result>()
    .use(errorAnswer(codec))
    .handler(async (event, context) => {
      const requestId = requestIdOf(context);
      const rt = runtime();
      const body = bodyOf(event);
      const caller = await identify(event, body, rt);
      const { action: name, input } = codec.decode(event, body);
      const action = actionAt(actions, name, codec.door) ?? unknownAction(name);
      const remainingMs = () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY;
      // Inside the audit: a write refused for its shape is a refused write like any other.
      const run = () => {
        checkShape(apiModel, action.shape, input);
        return action.run({ deps: rt.deps, settings: rt.settings, caller, input, remainingMs });
      };
      const output = await audited({ action: name, caller, input, requestId }, run);
      return codec.encode(name, output, requestId);
    });
