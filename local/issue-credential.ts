/**
 * `npm run credentials -- <command>`: the credentials Allot verifies at every door. Each access key
 * is bound to one account and one named principal (`arn:aws:iam::<acct>:user/<name>`, or the
 * account's root without `--user`), may expire, and carries the principal's identity policies.
 * The secret is stored only encrypted (ALLOT_CREDENTIAL_KEY) and printed once.
 *
 *   npm run credentials -- issue 111122223333 [--user NAME] [--policy FILE|MANAGED]… [--expires 2027-01-01T00:00:00Z|30d]
 *   npm run credentials -- list 111122223333
 *   npm run credentials -- revoke <access key id>
 *   npm run credentials -- rotate <access key id> [--grace 1h]
 *   npm run credentials -- attach <access key id> FILE|MANAGED
 *   npm run credentials -- detach <access key id> <policy name>
 *
 * TABLE_NAME/AWS_REGION/DYNAMODB_ENDPOINT name the table; with `npm start` running it finds the
 * local stack's table itself. A change reaches running functions within 10 s (their key cache).
 */
import { pathToFileURL } from 'node:url';
import type { CredentialRecord } from '../core/records';
import { createDocumentClient, DynamoStore } from '../core/store/dynamo';
import { issueCredential } from '../handlers/api/auth/credentials';
import { type Flags, parseFlags, policyFrom, untilOf } from './credential-args';
import { localStackEnv } from './stack-state';

export interface StoreOptions {
  /** DynamoDB endpoint (DynamoDB Local); unset means AWS. */
  endpoint?: string;
  tableName: string;
  region: string;
}

export interface IssueOptions extends StoreOptions {
  /** The 12-digit account the credential signs as. */
  accountId: string;
  /** The 32-byte key the endpoint decrypts secrets with (ALLOT_CREDENTIAL_KEY). */
  key: Uint8Array;
  /** The principal's name (an IAM user name); absent: the account's root. */
  user?: string;
  expiresAt?: string;
  policies?: CredentialRecord['Policies'];
}

const USER = /^[\w+=,.@-]{1,64}$/;

const withStore = async <T>(o: StoreOptions, run: (store: DynamoStore) => Promise<T>): Promise<T> => {
  const client = createDocumentClient({ region: o.region, ...(o.endpoint ? { endpoint: o.endpoint } : {}) });
  try {
    return await run(new DynamoStore({ client, tableName: o.tableName }));
  } finally {
    client.destroy();
  }
};

/**
 * Issues a credential and writes its record (create-only: an existing access key id is never overwritten).
 * @example
 * const { accessKeyId, secret } = await issueAndStore({ tableName: 'allot-local', region: 'us-east-1', accountId: '111122223333', key, user: 'ops' });
 */
export const issueAndStore = async (
  opts: IssueOptions,
): Promise<{ accessKeyId: string; secret: string; principalArn: string }> => {
  if (opts.user !== undefined && !USER.test(opts.user))
    throw new Error(`'${opts.user}' is not an IAM user name (1-64 of letters, digits and +=,.@_-)`);
  const now = new Date();
  const { accessKeyId, secret, record } = issueCredential(opts.accountId, opts.key, now);
  const principalArn = opts.user
    ? `arn:aws:iam::${opts.accountId}:user/${opts.user}`
    : `arn:aws:iam::${opts.accountId}:root`;
  const item: CredentialRecord = {
    kind: 'credential',
    AccessKeyId: record.accessKeyId,
    AccountId: record.accountId,
    EncryptedSecret: record.encryptedSecret,
    CreatedAt: record.createdAt,
    ...(opts.user ? { PrincipalArn: principalArn } : {}),
    ...(opts.expiresAt ? { ExpiresAt: opts.expiresAt } : {}),
    ...(opts.policies?.length ? { Policies: opts.policies } : {}),
    _v: 1,
    _created: now.getTime(),
  };
  await withStore(opts, async (store) => {
    const res = await store.commit([{ type: 'create', record: item }]);
    // 80 random bits make a collision practically impossible; refuse rather than overwrite.
    if (!res.ok) throw new Error(`access key id ${accessKeyId} already exists; run the command again`);
  });
  return { accessKeyId, secret, principalArn };
};

/** The credentials of an account, secrets left out. */
export const listCredentials = (o: StoreOptions, accountId: string): Promise<CredentialRecord[]> =>
  withStore(o, async (store) => {
    const out: CredentialRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list<CredentialRecord>({ kind: 'credential', owner: accountId }, 100, cursor);
      out.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return out;
  });

const load = async (store: DynamoStore, id: string): Promise<CredentialRecord> => {
  const found = await store.get<CredentialRecord>({ kind: 'credential', id });
  if (!found) throw new Error(`no credential ${id}`);
  return found;
};

/** Deletes a credential: it is refused once the functions' 10 s key cache has passed. */
export const revokeCredential = (o: StoreOptions, id: string): Promise<void> =>
  withStore(o, async (store) => {
    const found = await load(store, id);
    const res = await store.commit([
      { type: 'delete', ref: { kind: 'credential', id }, expectVersion: found._v },
    ]);
    if (!res.ok) throw new Error(`${id} changed meanwhile; run the command again`);
  });

/** Changes a credential's policies or expiry (read, change, replace on its version). */
export const updateCredential = (
  o: StoreOptions,
  id: string,
  change: (r: CredentialRecord) => CredentialRecord,
): Promise<CredentialRecord> =>
  withStore(o, async (store) => {
    const found = await load(store, id);
    const next = change(found);
    const res = await store.commit([{ type: 'replace', record: next, expectVersion: found._v }]);
    if (!res.ok) throw new Error(`${id} changed meanwhile; run the command again`);
    return next;
  });

/** A new key for the same principal, policies and expiry; the old one ends now or after `graceMs`. */
export const rotateCredential = async (o: IssueOptions & { graceMs: number }, id: string) => {
  const old = await withStore(o, (store) => load(store, id));
  const user = old.PrincipalArn?.split(':user/')[1];
  const issued = await issueAndStore({
    ...o,
    accountId: old.AccountId,
    ...(user ? { user } : {}),
    ...(old.ExpiresAt ? { expiresAt: old.ExpiresAt } : {}),
    ...(old.Policies ? { policies: old.Policies } : {}),
  });
  if (o.graceMs > 0)
    await updateCredential(o, id, (r) => ({
      ...r,
      ExpiresAt: new Date(Date.now() + o.graceMs).toISOString(),
    }));
  else await revokeCredential(o, id);
  return issued;
};

const keyFromEnv = (): Uint8Array => {
  const encoded = process.env.ALLOT_CREDENTIAL_KEY;
  const key = encoded ? Buffer.from(encoded, 'base64') : undefined;
  if (key?.length !== 32)
    throw new Error(
      'ALLOT_CREDENTIAL_KEY must be base64 of 32 bytes (e.g. `openssl rand -base64 32`), the same value the functions get',
    );
  return key;
};

const storeFromEnv = (): StoreOptions => {
  const env = { ...process.env, ...localStackEnv(process.env) };
  if (env.DYNAMODB_ENDPOINT && !process.env.DYNAMODB_ENDPOINT)
    console.error(`Using the running local stack (table ${env.TABLE_NAME} on ${env.DYNAMODB_ENDPOINT}).`);
  return {
    tableName: env.TABLE_NAME ?? 'allot-local',
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  };
};

const printSecret = (issued: { accessKeyId: string; secret: string; principalArn: string }) => {
  console.log(`Credential of ${issued.principalArn}. The secret is shown only this once:`);
  console.log(`export AWS_ACCESS_KEY_ID=${issued.accessKeyId}`);
  console.log(`export AWS_SECRET_ACCESS_KEY=${issued.secret}`);
};

const describe = (r: CredentialRecord): string =>
  [
    r.AccessKeyId,
    r.PrincipalArn ?? `arn:aws:iam::${r.AccountId}:root`,
    `created ${r.CreatedAt}`,
    r.ExpiresAt ? `expires ${r.ExpiresAt}` : 'no expiry',
    `policies: ${(r.Policies ?? []).map((p) => p.Name).join(', ') || '-'}`,
  ].join('  ');

const USAGE = `usage: npm run credentials -- issue <account> [--user NAME] [--policy FILE|MANAGED]... [--expires ISO|30d]
       npm run credentials -- list <account>
       npm run credentials -- revoke <access key id>
       npm run credentials -- rotate <access key id> [--grace 1h]
       npm run credentials -- attach <access key id> FILE|MANAGED
       npm run credentials -- detach <access key id> <policy name>`;

const commands: Record<string, (arg: string, flags: Flags) => Promise<void>> = {
  issue: async (accountId, f) => {
    if (!/^\d{12}$/.test(accountId)) throw new Error(USAGE);
    const policies = f.policy.map(policyFrom);
    const expiresAt = f.expires ? untilOf(f.expires) : undefined;
    printSecret(
      await issueAndStore({
        ...storeFromEnv(),
        accountId,
        key: keyFromEnv(),
        ...(f.user ? { user: f.user } : {}),
        ...(expiresAt ? { expiresAt } : {}),
        policies,
      }),
    );
  },
  list: async (accountId) => {
    for (const r of await listCredentials(storeFromEnv(), accountId)) console.log(describe(r));
  },
  revoke: async (id) => {
    await revokeCredential(storeFromEnv(), id);
    console.log(`${id} revoked.`);
  },
  rotate: async (id, f) => {
    const graceMs = f.grace ? Date.parse(untilOf(f.grace)) - Date.now() : 0;
    printSecret(await rotateCredential({ ...storeFromEnv(), accountId: '', key: keyFromEnv(), graceMs }, id));
    console.log(graceMs > 0 ? `${id} stays valid for the grace period.` : `${id} revoked.`);
  },
  attach: async (id, f) => {
    const policy = policyFrom(f.rest[0] ?? '');
    const r = await updateCredential(storeFromEnv(), id, (c) => ({
      ...c,
      Policies: [...(c.Policies ?? []).filter((p) => p.Name !== policy.Name), policy],
    }));
    console.log(describe(r));
  },
  detach: async (id, f) => {
    const name = f.rest[0] ?? '';
    const r = await updateCredential(storeFromEnv(), id, (c) => {
      if (!(c.Policies ?? []).some((p) => p.Name === name)) throw new Error(`${id} has no policy ${name}`);
      return { ...c, Policies: (c.Policies ?? []).filter((p) => p.Name !== name) };
    });
    console.log(describe(r));
  },
};

const main = async (args: string[]): Promise<void> => {
  const [command = '', arg = '', ...rest] = args;
  const run = commands[command];
  if (!run || !arg) throw new Error(USAGE);
  await run(arg, parseFlags(rest));
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
