/**
 * The signed authorization message of the X.509 method (F-BYOIP-03, F-ASN-03):
 * `1|aws|<account>|<cidr or asn>|<YYYYMMDD>|SHA256|RSAPSS`, signed RSA-PSS/SHA-256 with the key of
 * a certificate published in the range's (or ASN's) RDAP record, base64 with `+/=` written `-~_`.
 * Its syntax is checked when the request arrives; the signature when the provisioning settles.
 */
import { constants, verify, X509Certificate } from 'node:crypto';
import { fail } from '../../errors';

export interface AuthorizationContext {
  Message?: string;
  Signature?: string;
}

/** The day after `YYYYMMDD`, epoch ms (the message is good through its expiry day, UTC). */
const endOfDay = (text: string): number | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return t + 86_400_000;
};

/**
 * Checks the message's fields, the signer's account, the subject and the expiry; returns the
 * message and signature to verify later. `sameSubject` compares the message's subject field.
 * @example checkMessage(ctx, { account: '111122223333', now, sameSubject: (s) => s === '12345', what: 'ASN 12345' })
 */
export const checkMessage = (
  ctx: AuthorizationContext | undefined,
  o: { account: string; now: number; sameSubject: (field: string) => boolean; what: string },
): { message: string; signature: string } => {
  const message = ctx?.Message;
  const signature = ctx?.Signature;
  if (!message || !signature)
    fail('MissingParameter', 'The authorization context must contain Message and Signature.');
  const f = message!.split('|');
  if (f.length !== 7 || f[0] !== '1' || f[1] !== 'aws' || f[5] !== 'SHA256' || f[6] !== 'RSAPSS')
    fail(
      'InvalidParameterValue',
      'The authorization message must read 1|aws|<account>|<cidr or asn>|<YYYYMMDD>|SHA256|RSAPSS.',
    );
  if (f[2] !== o.account)
    fail('InvalidParameterValue', `The authorization message names account ${f[2]}, not ${o.account}.`);
  if (!o.sameSubject(f[3]!)) fail('InvalidParameterValue', `The authorization message is not for ${o.what}.`);
  const end = endOfDay(f[4]!);
  if (end === undefined) fail('InvalidParameterValue', `The expiry date '${f[4]}' is not a YYYYMMDD date.`);
  if (end! <= o.now) fail('InvalidParameterValue', `The authorization message expired on ${f[4]}.`);
  if (!/^[A-Za-z0-9~_-]+$/.test(signature!) || signature!.length > 4096)
    fail('InvalidParameterValue', 'The signature must be base64 with -, _ and ~ for +, = and /.');
  return { message: message!, signature: signature! };
};

/** Every string of an RDAP object, in document order (remarks, descr, comments, wherever). */
const stringsOf = (v: unknown, out: string[] = []): string[] => {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsOf(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringsOf(x, out);
  return out;
};

/** The PEM certificates published in an RDAP object, on one line or across several. */
export const certificatesIn = (rdap: unknown): string[] => {
  const text = stringsOf(rdap).join('\n');
  const found = text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g);
  return [...found].map((m) => {
    const body = m[1]!.replace(/\s+/g, '');
    const lines = body.match(/.{1,64}/g) ?? [];
    return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
  });
};

/** The signature bytes: AWS's alphabet (`-` `_` `~` for `+` `=` `/`) back to base64. */
export const signatureBytes = (signature: string): Buffer =>
  Buffer.from(signature.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

/** Why the signature does not verify against any of the certificates, or undefined when it does. */
export const signatureProblem = (
  signed: { message: string; signature: string },
  pems: string[],
  now: number,
): string | undefined => {
  if (pems.length === 0) return 'No X.509 certificate is published in the RDAP record.';
  const problems: string[] = [];
  for (const pem of pems) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      problems.push('a published certificate cannot be read');
      continue;
    }
    if (Date.parse(cert.validTo) <= now || Date.parse(cert.validFrom) > now) {
      problems.push(`the certificate is valid only from ${cert.validFrom} to ${cert.validTo}`);
      continue;
    }
    const key = {
      key: cert.publicKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_AUTO,
    };
    let ok = false;
    try {
      ok = verify('sha256', Buffer.from(signed.message), key, signatureBytes(signed.signature));
    } catch {
      ok = false;
    }
    if (ok) return undefined;
    problems.push('the signature does not verify against the published certificate');
  }
  return `The authorization message could not be verified: ${[...new Set(problems)].join('; ')}.`;
};
