/**
 * A SigV4-signed `POST /v1/<Action>` to Allot's JSON routes, as the AWS CLI signs EC2 requests
 * (service `ec2`): the local scripts (import, export) and the tests call the JSON API this way,
 * with the credentials of the environment (`AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, the local
 * pair `test`/`test` by default).
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../outbound/ec2/forward';

export interface Signer {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** The credentials a local script signs with: the environment's, else the local pair. */
export const envSigner = (env: NodeJS.ProcessEnv = process.env): Signer => ({
  accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'test',
  secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'test',
  region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
});

/**
 * Posts `body` as JSON to `<endpoint>/v1/<action>`, signed.
 * @example await signedJson('http://127.0.0.1:3000', 'DescribeIpams', {}, envSigner())
 */
export const signedJson = (
  endpoint: string,
  action: string,
  body: unknown,
  who: Signer,
  headers: Record<string, string> = {},
): Promise<Response> =>
  signedPost(`${endpoint.replace(/\/$/, '')}/v1/${action}`, JSON.stringify(body), who, headers);

/** The headers of a POST of `text` to `target`, signed for `service` (Authorization among them). */
export const signedHeaders = async (
  target: string,
  text: string,
  who: Signer,
  headers: Record<string, string> = {},
  service = 'ec2',
): Promise<Record<string, string>> => {
  const url = new URL(target);
  const { accessKeyId, secretAccessKey, region } = who;
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region,
    service,
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: {},
    headers: { host: url.host, 'content-type': 'application/json', ...headers },
    body: text,
  });
  return signed.headers;
};

/** Posts `text` as it is (JSON or not) to `target`, signed for `service` (`ec2` unless said). */
export const signedPost = async (
  target: string,
  text: string,
  who: Signer,
  headers: Record<string, string> = {},
  service = 'ec2',
): Promise<Response> =>
  fetch(target, {
    method: 'POST',
    headers: await signedHeaders(target, text, who, headers, service),
    body: text,
  });

/** A test or script signer for `account` on a stack that lets an account id sign as itself. */
export const accountSigner = (account: string, region = 'us-east-1'): Signer => ({
  accessKeyId: account,
  secretAccessKey: 'test',
  region,
});
