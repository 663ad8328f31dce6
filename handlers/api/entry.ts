/**
 * The Lambda entry points of the API. Every JSON function of serverless.yml (one per action,
 * generated from the registry: handlers/api/functions.yml) points at `jsonApi`, and the EC2 Query
 * route at `queryApi`; one module for all keeps one bundle and, locally, one loaded copy.
 * `POST /` carries two protocols: AWS Organizations' JSON 1.1 (an `X-Amz-Target` of
 * `AWSOrganizationsV20161128.…`) goes to the Organizations door, everything else is EC2 Query.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { runtime } from '../runtime/deps';
import { orgsActions } from './actions';
import { jsonCaller, signedCaller, signedFor } from './auth/identities';
import { jsonCodec } from './codecs/json';
import { orgsCodec, speaksOrganizations } from './codecs/orgs';
import { queryCodec } from './codecs/query';
import { ramCodec } from './codecs/ram';
import type { Event, Result } from './codecs/types';
import { door } from './door';
import { corsHeaders } from './edge';
import { ec2ResponseHeaders, serializeError } from './query/xml';

export const jsonApi = door(jsonCodec, jsonCaller);
export const ec2QueryApi = door(queryCodec, signedCaller);
export const ramApi = door(ramCodec, signedFor('ram'));
export const orgsApi = door(orgsCodec, signedFor('organizations'), orgsActions);

/** `POST /`: Organizations by its target header, else EC2 Query. */
export const queryApi = (event: Event, context: Context) =>
  speaksOrganizations(event) ? orgsApi(event, context) : ec2QueryApi(event, context);

/**
 * Every other method and path (`GET /`, `PUT /`, `POST /x`, …): an EC2 error document with the
 * right status instead of the host's own JSON, so any client sees EC2's format. A preflight
 * (`OPTIONS`) gets the edge's CORS answer. Oversized headers and bodies never reach a function
 * (the HTTP server answers 431 and 413 itself; README "Security").
 */
export const unrouted = async (event: Event): Promise<Exclude<Result, string>> => {
  const requestId = randomUUID();
  const method = event.requestContext?.http?.method ?? 'GET';
  const path = event.rawPath ?? '/';
  const cors = corsHeaders(event, runtime().settings);
  if (method === 'OPTIONS') return { statusCode: 204, headers: cors, body: '' };
  const [status, code, message] =
    path === '/'
      ? [405, 'UnsupportedOperation', `The EC2 endpoint takes signed form POSTs at /, not ${method}.`]
      : [404, 'InvalidAction', `No action is served at ${method} ${path.slice(0, 200)}.`];
  // Under /v1/ the JSON API's error document, elsewhere EC2's XML.
  if (path.startsWith('/v1/')) {
    const answer = jsonCodec.encodeError({ status, code, message }, requestId) as Exclude<Result, string>;
    return { ...answer, headers: { ...answer.headers, ...cors } };
  }
  return {
    statusCode: status,
    headers: { ...ec2ResponseHeaders(requestId, new Date()), ...cors },
    body: serializeError(code, message, requestId),
  };
};
