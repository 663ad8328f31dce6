import { randomBytes } from 'node:crypto';
import { DescribeIpamsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { newAccessKeyId, newSecret } from '../../../handlers/api/auth/credential-crypto';
import {
  decryptSecret,
  encryptSecret,
  firstOf,
  type IssuedCredential,
  issueCredential,
  issuedCredentials,
  localCredentials,
} from '../../../handlers/api/auth/credentials';
import { verifySigV4 } from '../../../handlers/api/auth/sigv4';
import { bodyOf, makeHarness } from './sdk-harness';

const key = randomBytes(32);
// Flips bits of the decoded bytes: editing base64 text can land in ignored padding bits.
const flipLastByte = (encrypted: string): string => {
  const raw = Buffer.from(encrypted.slice('v1.'.length), 'base64url');
  raw[raw.length - 1] = raw[raw.length - 1]! ^ 0xff;
  return `v1.${raw.toString('base64url')}`;
};
const memoryStore = (records: IssuedCredential[]) => ({
  getCredential: async (id: string) => records.find((r) => r.accessKeyId === id),
});

describe('localCredentials', () => {
  it.each([
    ['the default pair', {}, 'test', { secret: 'test', accountId: '000000000000' }],
    ['another key by default', {}, 'other', undefined],
    ['a 12-digit key by default', {}, '111122223333', undefined],
    [
      'a 12-digit key when opted in',
      { accountIdAsAccessKey: true },
      '111122223333',
      { secret: 'test', accountId: '111122223333' },
    ],
    ['an 11-digit key when opted in', { accountIdAsAccessKey: true }, '11112222333', undefined],
    [
      'a configured pair',
      { accessKeyId: 'local', secret: 's3cr3t', accountId: '123456789012' },
      'local',
      { secret: 's3cr3t', accountId: '123456789012' },
    ],
  ])('resolves %s', async (_, options, accessKeyId, expected) => {
    expect(await localCredentials(options)(accessKeyId)).toEqual(expected);
  });

  it('refuses a local account id that is not 12 digits', () => {
    expect(() => localCredentials({ accountId: '42' })).toThrow(
      "local account id must be 12 digits, got '42'",
    );
  });
});

describe('issued credentials', () => {
  it('issues an AWS-shaped key id, a 40-character secret and a record holding it encrypted', () => {
    // Act
    const { accessKeyId, secret, record } = issueCredential(
      '111122223333',
      key,
      new Date('2024-05-01T00:00:00Z'),
    );

    // Assert
    expect(accessKeyId).toMatch(/^ALLT[A-Z2-7]{16}$/);
    expect(secret).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(record).toEqual({
      accessKeyId,
      accountId: '111122223333',
      encryptedSecret: expect.stringMatching(/^v1\.[A-Za-z0-9_-]+$/),
      createdAt: '2024-05-01T00:00:00.000Z',
    });
    expect(record.encryptedSecret).not.toContain(secret);
    expect(decryptSecret(record.encryptedSecret, key, accessKeyId)).toBe(secret);
  });

  it('generates distinct ids and secrets', () => {
    const ids = new Set(Array.from({ length: 200 }, newAccessKeyId));
    const secrets = new Set(Array.from({ length: 200 }, newSecret));
    expect([ids.size, secrets.size]).toEqual([200, 200]);
  });

  it('encrypts the same secret differently each time (random IV)', () => {
    expect(encryptSecret('s', key, 'AK')).not.toBe(encryptSecret('s', key, 'AK'));
  });

  it.each([
    ['another key', (e: string) => decryptSecret(e, randomBytes(32), 'AK1')],
    [
      'another access key id (a record copied onto another credential)',
      (e: string) => decryptSecret(e, key, 'AK2'),
    ],
    ['a tampered ciphertext', (e: string) => decryptSecret(flipLastByte(e), key, 'AK1')],
  ])('refuses to decrypt under %s', (_, decrypt) => {
    const encrypted = encryptSecret('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', key, 'AK1');
    expect(() => decrypt(encrypted)).toThrow(
      'encrypted secret does not decrypt under this key (wrong key or tampered record)',
    );
  });

  it.each([
    ['an unknown format', 'v2.abc', 'encrypted secret has an unknown format'],
    ['a truncated payload', 'v1.abcd', 'encrypted secret is truncated'],
  ])('refuses %s', (_, encrypted, message) => {
    expect(() => decryptSecret(encrypted, key, 'AK')).toThrow(message);
  });

  it('needs a 32-byte key', () => {
    expect(() => encryptSecret('s', randomBytes(16), 'AK')).toThrow(
      'credential encryption key must be 32 bytes, got 16',
    );
  });

  it('refuses to issue for an account id that is not 12 digits', () => {
    expect(() => issueCredential('1234', key, new Date())).toThrow(
      "account id must be 12 digits, got '1234'",
    );
  });

  it('signs and verifies end to end: the SDK signs with an issued pair, the lookup decrypts its secret', async () => {
    // Arrange
    const issued = issueCredential('111122223333', key, new Date());
    const lookup = firstOf(localCredentials(), issuedCredentials(memoryStore([issued.record]), key));
    const h = makeHarness({
      credentials: { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secret },
    });
    await h.client.send(new DescribeIpamsCommand({}));
    const r = h.requests[0]!;

    // Act
    const caller = await verifySigV4(
      { method: r.method, path: r.path, query: {}, headers: r.headers, body: bodyOf(r) },
      lookup,
      new Date(),
    );

    // Assert
    expect(caller).toEqual({
      accessKeyId: issued.accessKeyId,
      accountId: '111122223333',
      region: 'us-east-1',
      service: 'ec2',
    });
    expect(await lookup('test')).toEqual({ secret: 'test', accountId: '000000000000' });
    expect(await lookup('ALLTUNKNOWN000000000')).toBeUndefined();
  });
});
