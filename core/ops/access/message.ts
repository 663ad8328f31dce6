/**
 * EC2's encoded authorization message: a refused call answers `UnauthorizedOperation` with an
 * opaque message that only the account's administrators can read through STS
 * DecodeAuthorizationMessage, because it tells which statement decided. The message is the
 * decision as DecodeAuthorizationMessage prints it, sealed with AES-256-GCM under a deployment key:
 * `v1.` then base64url of the 12-byte IV, the ciphertext and the 16-byte tag.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AllotError } from '../../errors';
import type { AccessRequest, Decision } from './evaluate';
import { listOf, type Statement } from './policy';

const VERSION = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds the ciphertext to this format, so a blob sealed for something else does not open. */
const AAD = Buffer.from('allot-authorization-message-v1');
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface MessagePrincipal {
  arn: string;
  accountId: string;
  /** The principal's unique id; the account id when it has none. */
  id?: string;
}

const items = (values: string[]) => ({ items: values.map((value) => ({ value })) });

const conditionItems = (block: Statement['Condition']) => ({
  items: Object.entries(block ?? {}).flatMap(([operator, keys]) =>
    Object.entries(keys).map(([key, value]) => ({
      key,
      operator,
      values: items(listOf(value).map(String)),
    })),
  ),
});

/** The decision as STS DecodeAuthorizationMessage prints it. */
const documentOf = (decision: Decision, request: AccessRequest, principal: MessagePrincipal) => {
  const s = decision.statement;
  const matched = s && {
    statementId: s.sid ?? '',
    effect: s.body.Effect.toUpperCase(),
    principals: items([principal.arn]),
    actions: items(listOf(s.body.Action).concat(listOf(s.body.NotAction).map((a) => `not ${a}`))),
    resources: items(listOf(s.body.Resource).concat(listOf(s.body.NotResource).map((r) => `not ${r}`))),
    conditions: conditionItems(s.body.Condition),
    source: s.policy,
  };
  const context = Object.entries(request.context)
    .filter((e): e is [string, string | string[]] => e[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    allowed: decision.allowed,
    explicitDeny: decision.reason === 'explicit-deny' || decision.reason === 'scp-deny',
    matchedStatements: { items: matched ? [matched] : [] },
    failures: { items: [] },
    context: {
      principal: { id: principal.id ?? principal.accountId, arn: principal.arn },
      action: request.action,
      resource: request.resource,
      conditions: { items: context.map(([key, value]) => ({ key, values: items(listOf(value)) })) },
    },
  };
};

const checkKey = (key: Uint8Array): void => {
  if (key.length !== 32)
    throw new AllotError('InternalError', 'The authorization message key must be 32 bytes.');
};

/**
 * The encoded authorization message of a decision.
 * @example encodeAuthorizationMessage(decision, request, { arn, accountId }, key) // 'v1.3q…'
 */
export const encodeAuthorizationMessage = (
  decision: Decision,
  request: AccessRequest,
  principal: MessagePrincipal,
  key: Uint8Array,
): string => {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(AAD);
  const plain = JSON.stringify(documentOf(decision, request, principal));
  const sealed = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}${sealed.toString('base64url')}`;
};

const invalid = (): never => {
  throw new AllotError(
    'InvalidAuthorizationMessageException',
    'The encoded authorization message is invalid: it is garbled, truncated or was not issued here.',
  );
};

/**
 * The JSON document of a message `encodeAuthorizationMessage` made with the same key; anything
 * forged, garbled or made under another key is refused.
 */
export const decodeAuthorizationMessage = (text: string, key: Uint8Array): string => {
  checkKey(key);
  if (typeof text !== 'string' || !text.startsWith(VERSION)) return invalid();
  const body = text.slice(VERSION.length);
  if (!BASE64URL.test(body)) return invalid();
  const sealed = Buffer.from(body, 'base64url');
  if (sealed.length <= IV_BYTES + TAG_BYTES) return invalid();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    }).setAAD(AAD);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch {
    return invalid();
  }
};
