/**
 * The console's only way to the data: `POST /v1/<Action>` on the API the page came from,
 * SigV4-signed here in the browser (service `ec2`, the selected region), exactly as the AWS CLI
 * and local/signed.ts sign. The secret signs; it is never sent.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import type { Credentials } from './session';
import { WebSha256 } from './sha256';

/** An API refusal: EC2's error code and message (or NetworkError when nothing answered). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The API's root: the console lives at `<root>console/`, the API at `<root>v1/…` and `<root>`. */
export const apiRoot = (): URL => {
  const at = location.pathname.indexOf('/console/');
  return new URL(at >= 0 ? location.pathname.slice(0, at + 1) : '/', location.origin);
};

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field by each view
export type Answer = Record<string, any>;

/**
 * Calls `action` with `body`, signed with `who`.
 * @example const { Ipams } = await callApi(creds, 'DescribeIpams', {});
 */
export const callApi = async (who: Credentials, action: string, body: object = {}): Promise<Answer> => {
  const url = new URL(`v1/${action}`, apiRoot());
  const text = JSON.stringify(body);
  const signer = new SignatureV4({
    credentials: { accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey },
    region: who.region,
    service: 'ec2',
    sha256: WebSha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: {},
    headers: { host: url.host, 'content-type': 'application/json' },
    body: text,
  });
  // The browser sets Host itself (to the same value that was signed).
  const { host: _host, ...headers } = signed.headers;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: text });
  } catch (e) {
    throw new ApiError('NetworkError', `The API at ${url.origin} did not answer (${String(e)}).`, 0);
  }
  const answer = (await res.json().catch(() => ({}))) as Answer;
  if (!res.ok)
    throw new ApiError(
      answer.Error?.Code ?? `HTTP${res.status}`,
      answer.Error?.Message ?? res.statusText,
      res.status,
    );
  return answer;
};

/** Every page of a listing (NextToken), up to `pages` pages. */
export const callAll = async (
  who: Credentials,
  action: string,
  body: object,
  key: string,
  pages = 20,
): Promise<Answer[]> => {
  const items: Answer[] = [];
  let token: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await callApi(who, action, { ...body, ...(token ? { NextToken: token } : {}) });
    items.push(...((page[key] as Answer[] | undefined) ?? []));
    token = page.NextToken;
    if (!token) break;
  }
  return items;
};
