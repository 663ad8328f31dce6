/**
 * The Lambda entry points of the API. Every JSON function of serverless.yml (one per action,
 * generated from the registry: handlers/api/functions.yml) points at `jsonApi`, and the EC2 Query
 * route at `queryApi`; one module for all keeps one bundle and, locally, one loaded copy.
 * `POST /` carries two protocols: AWS Organizations' JSON 1.1 (an `X-Amz-Target` of
 * `AWSOrganizationsV20161128.…`) goes to the Organizations door, everything else is EC2 Query.
 */
import type { Context } from 'aws-lambda';
import { orgsActions } from './actions';
import { declaredCaller, signedCaller, signedFor } from './auth/identities';
import { jsonCodec } from './codecs/json';
import { orgsCodec, speaksOrganizations } from './codecs/orgs';
import { queryCodec } from './codecs/query';
import { ramCodec } from './codecs/ram';
import type { Event } from './codecs/types';
import { door } from './door';

export const jsonApi = door(jsonCodec, declaredCaller);
export const ec2QueryApi = door(queryCodec, signedCaller);
export const ramApi = door(ramCodec, signedFor('ram'));
export const orgsApi = door(orgsCodec, signedFor('organizations'), orgsActions);

/** `POST /`: Organizations by its target header, else EC2 Query. */
export const queryApi = (event: Event, context: Context) =>
  speaksOrganizations(event) ? orgsApi(event, context) : ec2QueryApi(event, context);
