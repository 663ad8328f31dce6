/**
 * `npm run credentials`: issue with a named principal, policies and expiry; list; attach and
 * detach; rotate; revoke. Checked against the table and the verifier's view of each key.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CredentialRecord } from '../../core/records';
import { createDocumentClient, DynamoStore } from '../../core/store/dynamo';
import { issuedCredentials } from '../../handlers/api/auth/credentials';
import { policyFrom, untilOf } from '../../local/credential-args';
import {
  issueAndStore,
  listCredentials,
  revokeCredential,
  rotateCredential,
  updateCredential,
} from '../../local/issue-credential';
import { freshTable } from '../helpers/ddb';

const KEY = randomBytes(32);
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
});

const setUp = async () => {
  const t = await freshTable('creds');
  const o = { endpoint: t.endpoint, tableName: t.tableName, region: 'us-east-1' };
  const store = new DynamoStore({ client: createDocumentClient(o), tableName: t.tableName });
  const lookup = issuedCredentials(
    {
      getCredential: async (id) => {
        const r = await store.get<CredentialRecord>({ kind: 'credential', id });
        return (
          r && {
            accessKeyId: r.AccessKeyId,
            accountId: r.AccountId,
            encryptedSecret: r.EncryptedSecret,
            createdAt: r.CreatedAt,
            ...(r.PrincipalArn ? { principalArn: r.PrincipalArn } : {}),
            ...(r.ExpiresAt ? { expiresAt: r.ExpiresAt } : {}),
          }
        );
      },
    },
    KEY,
  );
  return { o, lookup };
};

describe('npm run credentials', () => {
  it('issues a key bound to a named principal with policies and an expiry, and lists it', async () => {
    const { o, lookup } = await setUp();
    const expiresAt = untilOf('30d', Date.UTC(2026, 0, 1));
    const issued = await issueAndStore({
      ...o,
      accountId: '111122223333',
      key: KEY,
      user: 'auditor',
      expiresAt,
      policies: [{ Name: 'describe', Document: POLICY }],
    });
    expect(issued.principalArn).toBe('arn:aws:iam::111122223333:user/auditor');
    expect(await lookup(issued.accessKeyId)).toEqual({
      secret: issued.secret,
      accountId: '111122223333',
      principalArn: 'arn:aws:iam::111122223333:user/auditor',
      expiresAt: '2026-01-31T00:00:00.000Z',
    });
    const root = await issueAndStore({ ...o, accountId: '111122223333', key: KEY });
    await issueAndStore({ ...o, accountId: '444455556666', key: KEY });
    const listed = await listCredentials(o, '111122223333');
    expect(listed.map((r) => [r.AccessKeyId, r.PrincipalArn, r.Policies?.map((p) => p.Name)]).sort()).toEqual(
      [
        [issued.accessKeyId, 'arn:aws:iam::111122223333:user/auditor', ['describe']],
        [root.accessKeyId, undefined, undefined],
      ].sort(),
    );
    expect(listed.every((r) => !JSON.stringify(r).includes(issued.secret))).toBe(true);
  });

  it('refuses a user name IAM would not take', async () => {
    const { o } = await setUp();
    await expect(issueAndStore({ ...o, accountId: '111122223333', key: KEY, user: 'a/b' })).rejects.toThrow(
      "'a/b' is not an IAM user name",
    );
  });

  it('attaches and detaches policies, rotates with and without grace, and revokes', async () => {
    const { o, lookup } = await setUp();
    const first = await issueAndStore({ ...o, accountId: '111122223333', key: KEY, user: 'ops' });
    const attached = await updateCredential(o, first.accessKeyId, (r) => ({
      ...r,
      Policies: [{ Name: 'describe', Document: POLICY }],
    }));
    expect(attached.Policies).toEqual([{ Name: 'describe', Document: POLICY }]);
    const rotated = await rotateCredential(
      { ...o, accountId: '', key: KEY, graceMs: 3_600_000 },
      first.accessKeyId,
    );
    expect(rotated.principalArn).toBe('arn:aws:iam::111122223333:user/ops');
    expect((await lookup(rotated.accessKeyId))?.principalArn).toBe('arn:aws:iam::111122223333:user/ops');
    const old = await lookup(first.accessKeyId);
    expect(Date.parse(old?.expiresAt ?? '') - Date.now()).toBeGreaterThan(3_500_000);
    const again = await rotateCredential({ ...o, accountId: '', key: KEY, graceMs: 0 }, rotated.accessKeyId);
    expect(await lookup(rotated.accessKeyId)).toBeUndefined();
    const listed = await listCredentials(o, '111122223333');
    expect(listed.find((r) => r.AccessKeyId === again.accessKeyId)?.Policies).toEqual([
      { Name: 'describe', Document: POLICY },
    ]);
    await revokeCredential(o, again.accessKeyId);
    expect(await lookup(again.accessKeyId)).toBeUndefined();
    await expect(revokeCredential(o, again.accessKeyId)).rejects.toThrow(
      `no credential ${again.accessKeyId}`,
    );
  });

  it('reads a policy argument as a JSON file named after it, and refuses what is neither', () => {
    expect(() => policyFrom('no-such-policy')).toThrow(
      "'no-such-policy' is neither a ready policy nor a policy file",
    );
  });
});
