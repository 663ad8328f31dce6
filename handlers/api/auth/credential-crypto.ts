/**
 * Generation and at-rest encryption of issued credentials. Pure functions: the 32-byte key is a
 * parameter (the config module reads it from the environment), so nothing here touches process.env.
 *
 * SigV4 verification needs the secret itself, not a hash of it, so secrets are stored encrypted
 * (AES-256-GCM) rather than hashed. The access key id is the GCM associated data: a ciphertext
 * copied onto another credential's record fails to decrypt instead of granting that key's access.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Prefix of issued access key ids: AWS-shaped (`AKIA…`, 20 characters) yet never mistaken for AWS's. */
export const ACCESS_KEY_PREFIX = 'ALLT';

const checkKey = (key: Uint8Array): void => {
  if (key.byteLength !== 32)
    throw new Error(`credential encryption key must be 32 bytes, got ${key.byteLength}`);
};

/**
 * A new access key id: the prefix and 16 base32 characters (80 random bits), 20 characters in all.
 * @example newAccessKeyId() // => 'ALLTQ3VJX7KD2M5ZB4NA'
 */
export const newAccessKeyId = (): string => {
  const bytes = randomBytes(10);
  let bits = 0;
  let acc = 0;
  let out = ACCESS_KEY_PREFIX;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(acc >>> bits) & 31];
    }
  }
  return out;
};

/** A new 40-character secret (240 random bits in base64, the length and alphabet of AWS secrets). */
export const newSecret = (): string => randomBytes(30).toString('base64');

/**
 * Encrypts a secret under a 32-byte key, bound to `boundTo` (the access key id).
 * @example encryptSecret('wJalr…', key, 'ALLTQ3VJX7KD2M5ZB4NA') // => 'v1.<base64url>'
 */
export const encryptSecret = (secret: string, key: Uint8Array, boundTo: string): string => {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(boundTo, 'utf8'));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
};

/**
 * Decrypts what `encryptSecret` produced. Throws a plain Error on a wrong key, tampering or a
 * different `boundTo`: that is a server fault, never the caller's.
 * @example decryptSecret(encryptSecret('s', key, 'AK'), key, 'AK') // => 's'
 */
export const decryptSecret = (encrypted: string, key: Uint8Array, boundTo: string): string => {
  checkKey(key);
  const [version, payload] = encrypted.split('.');
  if (version !== VERSION || !payload) throw new Error('encrypted secret has an unknown format');
  const raw = Buffer.from(payload, 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted secret is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
    .setAAD(Buffer.from(boundTo, 'utf8'))
    .setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new Error('encrypted secret does not decrypt under this key (wrong key or tampered record)');
  }
};
