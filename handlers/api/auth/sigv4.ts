/**
 * Verifies AWS Signature Version 4 (header form) on requests to the EC2 facade, the way
 * S3-compatible servers do: rebuild the canonical request from what arrived, sign it with the secret
 * looked up by access key id, compare in constant time.
 *
 * Error codes follow EC2: a missing or malformed Authorization header, an unknown key and a wrong
 * signature are all `AuthFailure` (EC2 does not say `SignatureDoesNotMatch`), with the precise reason
 * in the message because Allot is self-hosted and a debuggable answer is worth more than hiding
 * whether a key exists. A timestamp more than 15 minutes off is `RequestExpired`, as in EC2; the
 * JS SDK treats that code as clock skew and retries with its clock corrected from the response's
 * `Date` header.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AllotError } from '../../../core/errors';
import type { CredentialLookup } from './credentials';
import {
  canonicalHeaderValue,
  canonicalQuery,
  canonicalUri,
  lowerCaseHeaders,
  sha256Hex,
  signingKey,
} from './sigv4-canonical';
import { ALGORITHM, authFailure, parseAmzDate, parseAuthorization } from './sigv4-parse';

export interface SignedRequest {
  method: string;
  /** The path as it appeared on the wire (still percent-encoded). */
  path: string;
  /** Decoded parameters (API Gateway `queryStringParameters`) or the raw query string. */
  query: Record<string, string | string[] | undefined> | string | undefined;
  /** Header names in any case. */
  headers: Record<string, string | undefined>;
  body: string;
}

export interface VerifiedCaller {
  accessKeyId: string;
  accountId: string;
  region: string;
  service: string;
  /** The named principal; absent: the account's root. */
  principalArn?: string;
  policies?: { name: string; document: string }[];
}

export interface VerifyOptions {
  /** The signing name the credential scope must carry; `ec2` by default. */
  service?: string;
  /** Allowed distance between X-Amz-Date and now; 15 minutes by default, as in AWS. */
  maxSkewMs?: number;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

// The EC2 body *is* the action and its parameters: a payload the signature does not cover would
// let anyone holding one signed request replay it with other parameters, so it must be hashed.
const payloadHash = (declared: string | undefined, body: string): string => {
  const actual = sha256Hex(body);
  if (declared !== undefined && declared !== actual) {
    throw authFailure(
      HEX_SHA256.test(declared)
        ? 'the x-amz-content-sha256 header does not match the body.'
        : `the payload must be signed (x-amz-content-sha256: ${declared} is not accepted).`,
    );
  }
  return actual;
};

/**
 * Verifies the request's SigV4 signature and returns who signed it and for which region.
 * @example
 * const caller = await verifySigV4(request, localCredentials(), new Date());
 * // => { accessKeyId: 'test', accountId: '000000000000', region: 'us-east-1', service: 'ec2' }
 */
export const verifySigV4 = async (
  req: SignedRequest,
  lookup: CredentialLookup,
  now: Date,
  options: VerifyOptions = {},
): Promise<VerifiedCaller> => {
  const { service = 'ec2', maxSkewMs = 15 * 60_000 } = options;
  const headers = lowerCaseHeaders(req.headers);
  const auth = parseAuthorization(headers.get('authorization'));
  const { text: amzDate, date: signedAt } = parseAmzDate(headers.get('x-amz-date'));
  if (auth.date !== amzDate.slice(0, 8))
    throw authFailure(`the credential scope date ${auth.date} is not the X-Amz-Date day.`);
  if (auth.service !== service)
    throw authFailure(`the credential scope names service '${auth.service}', not '${service}'.`);
  if (!auth.signedHeaders.includes('host')) throw authFailure('the host header must be signed.');
  if (Math.abs(now.getTime() - signedAt.getTime()) > maxSkewMs) {
    throw new AllotError(
      'RequestExpired',
      `Request has expired: X-Amz-Date ${signedAt.toISOString()} is more than ${maxSkewMs / 60_000} minutes from the server time ${now.toISOString()}.`,
    );
  }
  const found = await lookup(auth.accessKeyId);
  if (!found) throw authFailure(`the access key id ${auth.accessKeyId} is not known.`);
  if (found.expiresAt && Date.parse(found.expiresAt) <= now.getTime())
    throw authFailure(`the access key ${auth.accessKeyId} expired at ${found.expiresAt}.`);

  const canonicalHeaders = auth.signedHeaders.map((name) => {
    const value = headers.get(name);
    if (value === undefined) throw authFailure(`the signed header ${name} is not in the request.`);
    return `${name}:${canonicalHeaderValue(value)}\n`;
  });
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(req.path),
    canonicalQuery(req.query),
    canonicalHeaders.join(''),
    auth.signedHeaders.join(';'),
    payloadHash(headers.get('x-amz-content-sha256'), req.body),
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const expected = createHmac('sha256', signingKey(found.secret, auth.date, auth.region, auth.service))
    .update(stringToSign)
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(auth.signature, 'hex'))) {
    throw authFailure(
      'the request signature does not match (check the secret access key and signing method).',
    );
  }
  return {
    accessKeyId: auth.accessKeyId,
    accountId: found.accountId,
    region: auth.region,
    service: auth.service,
    ...(found.principalArn ? { principalArn: found.principalArn } : {}),
    ...(found.policies ? { policies: found.policies } : {}),
  };
};
