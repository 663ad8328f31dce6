/**
 * The Lambda entry points of the API. Every JSON function of serverless.yml (one per action,
 * generated from the registry: handlers/api/functions.yml) points at `jsonApi`, and the EC2 Query
 * route at `queryApi`; one module for all keeps one bundle and, locally, one loaded copy.
 */
import { jsonCaller, signedCaller, signedFor } from './auth/identities';
import { jsonCodec } from './codecs/json';
import { queryCodec } from './codecs/query';
import { ramCodec } from './codecs/ram';
import { door } from './door';

export const jsonApi = door(jsonCodec, jsonCaller);
export const queryApi = door(queryCodec, signedCaller);
export const ramApi = door(ramCodec, signedFor('ram'));
