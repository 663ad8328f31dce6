/**
 * How a door learns who calls: a SigV4 signature verified against Allot's credentials, at every
 * door (EC2 Query, the JSON routes, AWS RAM). Only a local development stack started with the
 * explicit switch `ALLOT_DEV_ACCOUNT_HEADER=1` believes an unsigned `x-allot-account-id` header
 * on the JSON routes; without it such a request is refused, signed or not, so a header can never
 * quietly name another account.
 */
import type { Identity } from '../codecs/types';
import { callerOf } from './identity';
import { credentialLookup } from './lookup';
import { verifySigV4 } from './sigv4';
import { authFailure } from './sigv4-parse';

/**
 * The signed caller: account and region from the verified credential and its scope, signed for
 * `service` (`ec2` at the EC2 endpoint and the JSON routes, `ram` for RAM's routes). The scope's
 * region must be a region that exists (the partition's list and `ALLOT_REGIONS`).
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
    if (!runtime.settings.core.regions.includes(who.region))
      throw authFailure(`the credential should be scoped to a valid region, not '${who.region}'.`);
    return {
      accountId: who.accountId,
      region: who.region,
      principal: {
        accessKeyId: who.accessKeyId,
        ...(who.principalArn ? { arn: who.principalArn } : {}),
        ...(who.policies ? { policies: who.policies } : {}),
      },
    };
  };

export const signedCaller: Identity = signedFor('ec2');

const DECLARED = 'x-allot-account-id';

/**
 * The JSON routes: signed like the EC2 endpoint (`curl --aws-sigv4 "aws:amz:us-east-1:ec2"`);
 * the declared caller of the `x-allot-account-id` header only behind the development switch.
 */
export const jsonCaller: Identity = async (event, body, runtime) => {
  const declares = Object.keys(event.headers ?? {}).some((h) => h.toLowerCase() === DECLARED);
  if (!declares) return signedCaller(event, body, runtime);
  if (!runtime.settings.ec2.devAccountHeader)
    throw authFailure(
      `the ${DECLARED} header is accepted only by a local development stack started with ALLOT_DEV_ACCOUNT_HEADER=1; sign the request with SigV4 (service ec2).`,
    );
  return callerOf(event as never, runtime.settings.region, runtime.settings.core.regions);
};

/** The declared caller (authorizer context or headers), for tests of the door itself. */
export const declaredCaller: Identity = async (event, _body, { settings }) =>
  callerOf(event as never, settings.region, settings.core.regions);
