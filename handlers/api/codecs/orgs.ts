/**
 * The AWS Organizations codec (JSON 1.1): `POST /` with `X-Amz-Target:
 * AWSOrganizationsV20161128.<Operation>`, a JSON body in the operation's request shape, SigV4
 * with service `organizations`, so `aws organizations … --endpoint-url` and
 * `@aws-sdk/client-organizations` work unchanged. Answers are `application/x-amz-json-1.1`;
 * errors `{"__type": <Code>, "Message": …}` (and `Reason` where the code has one), HTTP 400.
 * EC2's Query protocol shares `POST /`: entry.ts sends a request here by its target header.
 */
import { orgsModel } from '../model/model';
import { type Codec, type Event, jsonObject, type Result, unknownAction } from './types';

export const ORGS_TARGET_PREFIX = `${orgsModel.metadata.targetPrefix}.`;

const headerOf = (event: Event, name: string): string | undefined =>
  Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

/** Is this `POST /` an Organizations request (by its X-Amz-Target)? */
export const speaksOrganizations = (event: Event): boolean =>
  headerOf(event, 'x-amz-target')?.startsWith(ORGS_TARGET_PREFIX) ?? false;

const json = (status: number, body: unknown, requestId: string): Result => ({
  statusCode: status,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
  body: JSON.stringify(body),
});

/** EC2-worded codes raised before or around an operation (shape check, signature, pages), in Organizations' words. */
const ORGS_CODE: Record<string, string> = {
  InvalidParameterValue: 'InvalidInputException',
  InvalidParameter: 'InvalidInputException',
  InvalidParameterCombination: 'InvalidInputException',
  MissingParameter: 'InvalidInputException',
  InvalidNextToken: 'InvalidInputException',
  IncorrectState: 'ConcurrentModificationException',
  InvalidAction: 'UnknownOperationException',
  AuthFailure: 'UnrecognizedClientException',
  SignatureDoesNotMatch: 'InvalidSignatureException',
  RequestExpired: 'InvalidSignatureException',
};

export const orgsCodec: Codec = {
  door: 'orgs',
  decode: (event, body, served) => {
    const target = headerOf(event, 'x-amz-target') ?? '';
    const action = target.startsWith(ORGS_TARGET_PREFIX) ? target.slice(ORGS_TARGET_PREFIX.length) : target;
    if (!served(action)) unknownAction(action);
    return { action, input: jsonObject(body, 'InvalidParameterValue') };
  },
  encode: (_action, output, requestId) => json(200, output, requestId),
  encodeError: (e, requestId) =>
    json(
      e.status,
      { __type: ORGS_CODE[e.code] ?? e.code, Message: e.message, ...(e.reason ? { Reason: e.reason } : {}) },
      requestId,
    ),
};
