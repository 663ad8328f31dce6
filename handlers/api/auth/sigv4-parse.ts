/**
 * Reading the SigV4 parts of a request: the Authorization header and X-Amz-Date. Everything
 * malformed is `AuthFailure` under EC2's wording, with the precise reason appended.
 */
import { AllotError } from '../../../core/errors';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const NOT_VALIDATED = 'AWS was not able to validate the provided access credentials';

export const authFailure = (reason: string): AllotError =>
  new AllotError('AuthFailure', `${NOT_VALIDATED}: ${reason}`);

export interface Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export const parseAuthorization = (header: string | undefined): Authorization => {
  if (!header) throw authFailure('the request has no Authorization header.');
  const match = /^(\S+)\s+(.*)$/s.exec(header.trim());
  if (!match || match[1] !== ALGORITHM) throw authFailure(`the Authorization header is not ${ALGORITHM}.`);
  // Two Authorization headers arrive joined by a comma (API Gateway) and must not be read as one:
  // a proxy checking the first and Allot the last would disagree on who calls.
  if (header.split(ALGORITHM).length > 2)
    throw authFailure('the request has more than one Authorization header.');
  const fields = new Map<string, string>();
  for (const part of match[2]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (fields.has(name)) throw authFailure(`the Authorization header names ${name} twice.`);
    fields.set(name, part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/') ?? [];
  const signedHeaders = fields.get('SignedHeaders')?.split(';') ?? [];
  const signature = fields.get('Signature') ?? '';
  const [accessKeyId, date, region, service, terminator] = credential;
  if (
    credential.length !== 5 ||
    !accessKeyId ||
    !date ||
    !region ||
    !service ||
    terminator !== 'aws4_request'
  ) {
    throw authFailure(
      'the Authorization header has no valid Credential=<key>/<date>/<region>/<service>/aws4_request.',
    );
  }
  if (signedHeaders.some((h) => h === '' || h !== h.toLowerCase())) {
    throw authFailure('the Authorization header has no valid SignedHeaders list.');
  }
  if (!HEX_SHA256.test(signature)) throw authFailure('the Authorization header has no valid Signature.');
  return { accessKeyId, date, region, service, signedHeaders, signature };
};

/** Parses the basic ISO 8601 form SigV4 signs with, `20240501T120000Z`. */
export const parseAmzDate = (text: string | undefined): { text: string; date: Date } => {
  const m = text ? AMZ_DATE.exec(text) : null;
  if (!text || !m) throw authFailure('the request has no valid X-Amz-Date header (yyyymmddThhmmssZ).');
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return { text, date: new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!)) };
};
