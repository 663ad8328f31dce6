/**
 * The console's only way to the data: `POST /v1/<Action>` on the API the page came from (and
 * AWS RAM's own paths for pool shares), SigV4-signed here in the browser (service `ec2` or `ram`,
 * the selected region), exactly as the AWS CLI and local/signed.ts sign. The secret signs; it is
 * never sent.
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

/** Where a call goes and how it is signed: the service name, the path, any extra headers. */
interface Route {
  service: string;
  path: string;
  headers?: Record<string, string>;
}

/** The refusal in an answer: EC2/JSON `Error`, Organizations `__type`, RAM `x-amzn-ErrorType`. */
const refusal = (res: Response, answer: Answer): ApiError =>
  new ApiError(
    answer.Error?.Code ??
      answer.__type ??
      res.headers.get('x-amzn-errortype')?.split(':')[0] ??
      `HTTP${res.status}`,
    answer.Error?.Message ?? answer.Message ?? answer.message ?? res.statusText,
    res.status,
  );

/** POSTs `body` as JSON to `route`, SigV4-signed with `who`; the answer or its refusal. */
const callRoute = async (who: Credentials, route: Route, body: object): Promise<Answer> => {
  const url = new URL(route.path, apiRoot());
  const text = JSON.stringify(body);
  const signer = new SignatureV4({
    credentials: { accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey },
    region: who.region,
    service: route.service,
    sha256: WebSha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: {},
    headers: { host: url.host, 'content-type': 'application/json', ...route.headers },
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
  if (!res.ok) throw refusal(res, answer);
  return answer;
};

/**
 * Calls `action` with `body`, signed with `who`.
 * @example const { Ipams } = await callApi(creds, 'DescribeIpams', {});
 */
export const callApi = (who: Credentials, action: string, body: object = {}): Promise<Answer> =>
  callRoute(who, { service: 'ec2', path: `v1/${action}` }, body);

/**
 * Calls an AWS RAM operation (REST-JSON, signed for `ram`) by its lower-case path.
 * @example const { resourceShareAssociations } = await callRam(creds, 'getresourceshareassociations', { associationType: 'RESOURCE' });
 */
export const callRam = (who: Credentials, path: string, body: object): Promise<Answer> =>
  callRoute(who, { service: 'ram', path }, body);

/**
 * F-GEN-07: a pool's allocations are listed, made and released in the pool's locale region, so
 * those calls sign for that region whatever the region selector says.
 * @example callApi(atLocale(who, pool), 'GetIpamPoolAllocations', { IpamPoolId })
 */
export const atLocale = (who: Credentials, pool: Answer | undefined): Credentials =>
  pool?.Locale && pool.Locale !== 'None' ? { ...who, region: pool.Locale } : who;

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
