import { defineKind, ROOT_SK, type Versioned } from './kind';

/** A ClientToken seen on a create (F-GEN-03): the request's fingerprint and the result to replay. */
export interface TokenRecord extends Versioned {
  kind: 'token';
  OwnerId: string;
  Action: string;
  ClientToken: string;
  Fingerprint: string;
  Result: Record<string, unknown>;
  /** Epoch seconds after which DynamoDB TTL may remove the token (7 days after first use). */
  ttl: number;
}

export type TokenRef = { kind: 'token'; owner: string; action: string; token: string };

export const token = defineKind<TokenRecord, TokenRef>({
  ref: (r) => ({ kind: 'token', owner: r.OwnerId, action: r.Action, token: r.ClientToken }),
  key: (ref) => ({ PK: `TOKEN#${ref.owner}#${ref.action}#${ref.token}`, SK: ROOT_SK }),
});
