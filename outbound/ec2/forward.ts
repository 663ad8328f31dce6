/**
 * Forwarding of the EC2 actions Allot does not implement (`describe-vpcs`, `create-security-group`,
 * …) to the EC2 backend, so all EC2 tooling can point at Allot. The caller's signature has been
 * verified by the door already; the request body goes on unchanged, signed again with the
 * backend's own credentials (locally: the caller's account as access key id and moto's
 * `x-moto-account-id`; deployed: the facade role assumed in the caller's account), and the
 * backend's answer comes back unchanged.
 */
import { createHash, createHmac } from 'node:crypto';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Caller } from '../../core/ports';
import type { BackendSettings } from './backend';
import { facadeCredentials } from './clients';

export interface Forwarded {
  status: number;
  contentType: string;
  body: string;
}

/** Sends a form body to the backend as the caller; the answer as the backend wrote it. */
export type Forwarder = (caller: Caller, body: string) => Promise<Forwarded>;

const bytes = (d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof d === 'string'
    ? d
    : d instanceof ArrayBuffer
      ? new Uint8Array(d)
      : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

/** node:crypto as the signer's hash (SHA-256, or HMAC-SHA-256 with a secret). */
export class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
  reset() {}
}

export const forwarder = (s: BackendSettings): Forwarder => {
  const credentialsFor = facadeCredentials(s);
  return async (caller, body) => {
    const url = new URL(s.endpoint ?? `https://ec2.${caller.region}.amazonaws.com/`);
    const credentials = credentialsFor
      ? ((await credentialsFor(caller.accountId)) ?? (await defaultCredentials()))
      : { accessKeyId: caller.accountId, secretAccessKey: 'test' };
    const signer = new SignatureV4({ credentials, region: caller.region, service: 'ec2', sha256: Sha256 });
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        ...(s.endpoint ? { 'x-moto-account-id': caller.accountId } : {}),
      },
      body,
    });
    const res = await fetch(url, { method: 'POST', headers: signed.headers, body });
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? 'text/xml;charset=UTF-8',
      body: await res.text(),
    };
  };
};

/** The function's own credentials (deployed, for its own account), from the SDK's default chain. */
const defaultCredentials = () => new EC2Client({}).config.credentials();
