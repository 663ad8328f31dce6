/**
 * How a door learns who calls: a SigV4 signature verified against Allot's credentials (the EC2
 * endpoint), or the caller a Lambda authorizer or the `x-allot-account-id` header declares (the
 * JSON routes today). A door is built with one of them (entry.ts).
 */
import type { Identity } from '../codecs/types';
import { callerOf } from './identity';
import { credentialLookup } from './lookup';
import { verifySigV4 } from './sigv4';

/**
 * The signed caller: account and region from the verified credential and its scope, signed for
 * `service` (`ec2` at the EC2 endpoint, `ram` for RAM's routes).
 */
export const signedFor =
  (service: string): Identity =>
  async (event, body, runtime) => {
    const request = {
      method: event.requestContext.http.method,
      path: event.rawPath,
      query: event.rawQueryString,
      headers: event.headers,
      body,
    };
    const who = await verifySigV4(request, credentialLookup(runtime), new Date(), { service });
    return { accountId: who.accountId, region: who.region };
  };

export const signedCaller: Identity = signedFor('ec2');

/** The declared caller: authorizer context, else the `x-allot-account-id` / `x-allot-region` headers. */
export const declaredCaller: Identity = async (event, _body, { settings }) =>
  callerOf(event as never, settings.region);
