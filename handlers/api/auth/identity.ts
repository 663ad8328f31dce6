/**
 * The caller of a JSON API request: the account id and region from the Lambda authorizer context
 * when one is configured, else from the `x-allot-account-id` / `x-allot-region` headers (local use
 * development behind ALLOT_DEV_ACCOUNT_HEADER; the signed identity of the EC2 endpoint is checked in handlers/api/auth/sigv4.ts).
 */
import type { APIGatewayProxyEventV2WithLambdaAuthorizer } from 'aws-lambda';
import { AllotError } from '../../../core/errors';
import type { Caller } from '../../../core/ports';

type Event = APIGatewayProxyEventV2WithLambdaAuthorizer<{ accountId?: string; region?: string } | undefined>;

const ACCOUNT = /^\d{12}$/;

export const callerOf = (event: Event, defaultRegion: string, regions: readonly string[]): Caller => {
  const auth = event.requestContext?.authorizer?.lambda;
  const headers = event.headers ?? {};
  const accountId = auth?.accountId ?? headers['x-allot-account-id'];
  const region = auth?.region ?? headers['x-allot-region'] ?? defaultRegion;
  if (!accountId)
    throw new AllotError(
      'AuthFailure',
      'The request has no caller identity (x-allot-account-id header or authorizer context).',
    );
  if (!ACCOUNT.test(accountId))
    throw new AllotError('AuthFailure', `'${accountId}' is not a 12-digit account id.`);
  if (!regions.includes(region))
    throw new AllotError('InvalidParameterValue', `'${region}' is not a valid region name.`);
  return { accountId, region };
};
