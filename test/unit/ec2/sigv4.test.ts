import { DescribeIpamsCommand } from '@aws-sdk/client-ec2';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest as IHttpRequest } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { localCredentials } from '../../../handlers/api/auth/credentials';
import { type SignedRequest, verifySigV4 } from '../../../handlers/api/auth/sigv4';
import { bodyOf, makeHarness } from './sdk-harness';

const MINUTE = 60_000;
const NOT_VALIDATED = 'AWS was not able to validate the provided access credentials';

const asSigned = (r: IHttpRequest): SignedRequest => ({
  method: r.method,
  path: r.path,
  query: r.query as Record<string, string | string[]>,
  headers: { ...r.headers },
  body: bodyOf(r),
});

/** A DescribeIpams request as the SDK signs it, with the given client settings. */
const sdkSigned = async (config: Parameters<typeof makeHarness>[0] = {}): Promise<SignedRequest> => {
  const h = makeHarness(config);
  await h.client.send(new DescribeIpamsCommand({ MaxResults: 5 }));
  return asSigned(h.requests[0]!);
};

/**
 * Signs with the SDK's signer directly, at an explicit time, without an x-amz-content-sha256
 * header: the way botocore (the AWS CLI) signs EC2 requests.
 */
const signedAt = async (
  signingDate: Date,
  request: { method?: string; query?: Record<string, string>; body?: string } = {},
  { secret = 'test', service = 'ec2' } = {},
): Promise<SignedRequest> => {
  const signer = new SignatureV4({
    credentials: { accessKeyId: 'test', secretAccessKey: secret },
    region: 'us-west-2',
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const body = request.body ?? 'Action=DescribeIpams&Version=2016-11-15';
  const unsigned = new HttpRequest({
    method: request.method ?? 'POST',
    protocol: 'http:',
    hostname: 'localhost',
    port: 3000,
    path: '/',
    query: request.query ?? {},
    headers: { host: 'localhost:3000', 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return asSigned((await signer.sign(unsigned, { signingDate })) as IHttpRequest);
};

const expectFailure = async (result: Promise<unknown>, code: string, message: string | RegExp) => {
  await expect(result).rejects.toMatchObject({
    code,
    message: typeof message === 'string' ? message : expect.stringMatching(message),
  });
};

describe('verifySigV4 on requests signed by @aws-sdk/client-ec2', () => {
  it('accepts a correctly signed request and names the caller, region and service', async () => {
    // Arrange
    const request = await sdkSigned();

    // Act
    const caller = await verifySigV4(request, localCredentials(), new Date());

    // Assert
    expect(caller).toEqual({
      accessKeyId: 'test',
      accountId: '000000000000',
      region: 'us-east-1',
      service: 'ec2',
    });
  });

  it('accepts header names in any case (API Gateway lower-cases them, other hosts may not)', async () => {
    const request = await sdkSigned();
    const shouted = {
      ...request,
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toUpperCase(), v])),
    };
    await expect(verifySigV4(shouted, localCredentials(), new Date())).resolves.toMatchObject({
      accountId: '000000000000',
    });
  });

  it('returns the region the client signed for', async () => {
    const request = await sdkSigned({ region: 'eu-west-2' });
    await expect(verifySigV4(request, localCredentials(), new Date())).resolves.toMatchObject({
      region: 'eu-west-2',
    });
  });

  it('lets a 12-digit access key act as that account when the option is on', async () => {
    const request = await sdkSigned({
      credentials: { accessKeyId: '111122223333', secretAccessKey: 'test' },
    });
    const lookup = localCredentials({ accountIdAsAccessKey: true });
    await expect(verifySigV4(request, lookup, new Date())).resolves.toMatchObject({
      accessKeyId: '111122223333',
      accountId: '111122223333',
    });
    await expectFailure(verifySigV4(request, localCredentials(), new Date()), 'AuthFailure', /not known/);
  });

  it('rejects a wrong secret with AuthFailure', async () => {
    const request = await sdkSigned({ credentials: { accessKeyId: 'test', secretAccessKey: 'wrong' } });
    await expectFailure(
      verifySigV4(request, localCredentials(), new Date()),
      'AuthFailure',
      `${NOT_VALIDATED}: the request signature does not match (check the secret access key and signing method).`,
    );
  });

  it('rejects an unknown access key with AuthFailure', async () => {
    const request = await sdkSigned({ credentials: { accessKeyId: 'AKIANOBODY', secretAccessKey: 'test' } });
    await expectFailure(
      verifySigV4(request, localCredentials(), new Date()),
      'AuthFailure',
      `${NOT_VALIDATED}: the access key id AKIANOBODY is not known.`,
    );
  });

  it('refuses two Authorization headers joined by a comma, whichever one is valid', async () => {
    const good = await sdkSigned();
    const other = (await sdkSigned({ credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'x' } }))
      .headers.authorization;
    for (const joined of [
      `${other},${good.headers.authorization}`,
      `${good.headers.authorization}, ${other}`,
    ]) {
      await expectFailure(
        verifySigV4(
          { ...good, headers: { ...good.headers, authorization: joined } },
          localCredentials(),
          new Date(),
        ),
        'AuthFailure',
        `${NOT_VALIDATED}: the request has more than one Authorization header.`,
      );
    }
    const twice = good.headers.authorization!.replace(', Signature=', ', Signature=00, Signature=');
    await expectFailure(
      verifySigV4(
        { ...good, headers: { ...good.headers, authorization: twice } },
        localCredentials(),
        new Date(),
      ),
      'AuthFailure',
      `${NOT_VALIDATED}: the Authorization header names Signature twice.`,
    );
  });

  it('rejects a request without an Authorization header with AuthFailure', async () => {
    const { authorization: _, ...headers } = (await sdkSigned()).headers;
    const request = { ...(await sdkSigned()), headers };
    await expectFailure(
      verifySigV4(request, localCredentials(), new Date()),
      'AuthFailure',
      `${NOT_VALIDATED}: the request has no Authorization header.`,
    );
  });

  it.each([
    ['20 minutes slow', -20 * MINUTE, 'RequestExpired'],
    ['20 minutes fast', 20 * MINUTE, 'RequestExpired'],
    ['14 minutes slow', -14 * MINUTE, undefined],
  ])('a client clock %s: %s', async (_, offset, code) => {
    const request = await sdkSigned({ systemClockOffset: offset });
    const result = verifySigV4(request, localCredentials(), new Date());
    if (code)
      await expectFailure(
        result,
        code,
        /^Request has expired: X-Amz-Date .* is more than 15 minutes from the server time/,
      );
    else await expect(result).resolves.toMatchObject({ accountId: '000000000000' });
  });

  it('rejects a body changed after signing (the SDK signs x-amz-content-sha256)', async () => {
    const request = await sdkSigned();
    const tampered = { ...request, body: request.body.replace('MaxResults=5', 'MaxResults=6') };
    await expectFailure(
      verifySigV4(tampered, localCredentials(), new Date()),
      'AuthFailure',
      `${NOT_VALIDATED}: the x-amz-content-sha256 header does not match the body.`,
    );
  });

  it('rejects a signed header changed after signing', async () => {
    const request = await sdkSigned();
    const tampered = { ...request, headers: { ...request.headers, host: 'elsewhere:4566' } };
    await expectFailure(
      verifySigV4(tampered, localCredentials(), new Date()),
      'AuthFailure',
      /signature does not match/,
    );
  });
});

describe('verifySigV4 on requests signed with @smithy/signature-v4 at an explicit time', () => {
  const now = new Date('2024-05-01T12:00:00Z');

  it('accepts a signature made at the given time and hashes the body itself when no header declares it', async () => {
    const request = await signedAt(now);
    expect(request.headers['x-amz-content-sha256']).toBeUndefined();
    await expect(verifySigV4(request, localCredentials(), now)).resolves.toEqual({
      accessKeyId: 'test',
      accountId: '000000000000',
      region: 'us-west-2',
      service: 'ec2',
    });
  });

  it('rejects a body changed after signing when no header declares its hash', async () => {
    const request = await signedAt(now);
    await expectFailure(
      verifySigV4({ ...request, body: 'Action=DeleteIpam&IpamId=ipam-1' }, localCredentials(), now),
      'AuthFailure',
      /signature does not match/,
    );
  });

  it('rejects a signature made 20 minutes ago with RequestExpired', async () => {
    const request = await signedAt(new Date(now.getTime() - 20 * MINUTE));
    await expectFailure(
      verifySigV4(request, localCredentials(), now),
      'RequestExpired',
      /^Request has expired/,
    );
  });

  it('canonicalises the query string whether given as parameters or as the raw string', async () => {
    const query = { Action: 'DescribeIpams', 'Filter.1.Value.1': "a b/c*'", Version: '2016-11-15' };
    const request = await signedAt(now, { method: 'GET', query, body: '' });
    const raw = "Version=2016-11-15&Action=DescribeIpams&Filter.1.Value.1=a%20b%2Fc*'";
    await expect(verifySigV4(request, localCredentials(), now)).resolves.toMatchObject({
      accountId: '000000000000',
    });
    await expect(verifySigV4({ ...request, query: raw }, localCredentials(), now)).resolves.toMatchObject({
      accountId: '000000000000',
    });
    await expectFailure(
      verifySigV4({ ...request, query: { ...query, Version: '2015-10-01' } }, localCredentials(), now),
      'AuthFailure',
      /signature does not match/,
    );
  });

  it('rejects a signature for another service', async () => {
    const request = await signedAt(now, {}, { service: 's3' });
    await expectFailure(
      verifySigV4(request, localCredentials(), now),
      'AuthFailure',
      `${NOT_VALIDATED}: the credential scope names service 's3', not 'ec2'.`,
    );
  });

  it('rejects an unsigned payload: the EC2 body carries the parameters', async () => {
    const request = await signedAt(now);
    const unsigned = {
      ...request,
      headers: { ...request.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    };
    await expectFailure(
      verifySigV4(unsigned, localCredentials(), now),
      'AuthFailure',
      `${NOT_VALIDATED}: the payload must be signed (x-amz-content-sha256: UNSIGNED-PAYLOAD is not accepted).`,
    );
  });

  it.each([
    ['another scheme', 'Basic dGVzdDp0ZXN0', `the Authorization header is not AWS4-HMAC-SHA256.`],
    [
      'a short credential',
      'AWS4-HMAC-SHA256 Credential=test/20240501/us-west-2/ec2, SignedHeaders=host, Signature=' +
        'a'.repeat(64),
      'the Authorization header has no valid Credential=<key>/<date>/<region>/<service>/aws4_request.',
    ],
    [
      'a signature that is not hex',
      'AWS4-HMAC-SHA256 Credential=test/20240501/us-west-2/ec2/aws4_request, SignedHeaders=host, Signature=xyz',
      'the Authorization header has no valid Signature.',
    ],
    [
      'host not signed',
      'AWS4-HMAC-SHA256 Credential=test/20240501/us-west-2/ec2/aws4_request, SignedHeaders=x-amz-date, Signature=' +
        'a'.repeat(64),
      'the host header must be signed.',
    ],
    [
      'a scope day other than X-Amz-Date',
      'AWS4-HMAC-SHA256 Credential=test/20240430/us-west-2/ec2/aws4_request, SignedHeaders=host, Signature=' +
        'a'.repeat(64),
      'the credential scope date 20240430 is not the X-Amz-Date day.',
    ],
  ])('rejects an Authorization header with %s', async (_, authorization, reason) => {
    const request = await signedAt(now);
    const forged = { ...request, headers: { ...request.headers, authorization } };
    await expectFailure(
      verifySigV4(forged, localCredentials(), now),
      'AuthFailure',
      `${NOT_VALIDATED}: ${reason}`,
    );
  });

  it('rejects a missing X-Amz-Date', async () => {
    const { 'x-amz-date': _, ...headers } = (await signedAt(now)).headers;
    const request = { ...(await signedAt(now)), headers };
    await expectFailure(
      verifySigV4(request, localCredentials(), now),
      'AuthFailure',
      `${NOT_VALIDATED}: the request has no valid X-Amz-Date header (yyyymmddThhmmssZ).`,
    );
  });
});
