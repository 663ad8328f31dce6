/**
 * The pieces of an AWS Signature Version 4 canonical request, rebuilt on the server side exactly as
 * the JS SDK (`@smithy/signature-v4`) and botocore build them on the client side. Any difference,
 * however small, is a signature mismatch, so each function names the client behaviour it mirrors.
 */
import { createHash, createHmac } from 'node:crypto';

/** RFC 3986 encoding as SigV4 wants it: encodeURIComponent plus `!'()*` (smithy `escapeUri`). */
export const uriEncode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// A malformed escape cannot have been produced by a signing client; keep the text as sent and let
// the signature comparison reject it, rather than throwing a URIError out of the verifier.
const uriDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

/**
 * The canonical URI of a non-S3 service: empty and `.` segments dropped, `..` resolved, then the
 * *wire* (still percent-encoded) path encoded once more, `/` kept (smithy `getCanonicalPath`,
 * botocore `_normalize_url_path` + `quote`). Pass the path as it appeared on the wire.
 */
export const canonicalUri = (path: string): string => {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${trailing}`;
  return uriEncode(normalized).replace(/%2F/g, '/');
};

/**
 * The canonical query string: pairs encoded, sorted by key then value, `X-Amz-Signature` left out.
 * A raw query string is decoded first; `+` stays a literal plus (RFC 3986), which is how the SDKs,
 * which always write spaces as `%20`, sign it.
 */
export const canonicalQuery = (
  query: Record<string, string | string[] | undefined> | string | undefined,
): string => {
  const pairs: [string, string][] = [];
  if (typeof query === 'string') {
    for (const part of query.replace(/^\?/, '').split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const [k, v] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
      pairs.push([uriDecode(k), uriDecode(v)]);
    }
  } else {
    for (const [k, v] of Object.entries(query ?? {})) {
      for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) pairs.push([k, value]);
    }
  }
  return pairs
    .filter(([k]) => k.toLowerCase() !== 'x-amz-signature')
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
};

/**
 * Header names lower-cased (API Gateway and serverless-offline already do; other hosts may not),
 * repeated names joined with `,`.
 */
export const lowerCaseHeaders = (headers: Record<string, string | undefined>): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const seen = out.get(key);
    out.set(key, seen === undefined ? value : `${seen},${value}`);
  }
  return out;
};

/** A canonical header value: line breaks to spaces, runs of blanks collapsed, ends trimmed. */
export const canonicalHeaderValue = (value: string): string =>
  value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();

/** The SigV4 signing key: HMAC chain over date, region, service and the terminator. */
export const signingKey = (secret: string, date: string, region: string, service: string): Buffer => {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
};
