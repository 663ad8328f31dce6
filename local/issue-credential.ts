/**
 * Issues a credential for the EC2 endpoint: a new access key id and secret for one account, the
 * secret stored only encrypted (ALLOT_CREDENTIAL_KEY) in the Allot table, through the Store port.
 * The plain secret is printed once and kept nowhere.
 *
 *   TABLE_NAME=allot-prod AWS_REGION=us-east-1 ALLOT_CREDENTIAL_KEY=<base64 of 32 bytes> \
 *     npm run credentials -- issue 111122223333
 *
 * With `npm start` running and no DYNAMODB_ENDPOINT, it finds the local stack's table itself.
 */
import { pathToFileURL } from 'node:url';
import type { CredentialRecord } from '../core/records';
import { createDocumentClient, DynamoStore } from '../core/store/dynamo';
import { issueCredential } from '../handlers/api/auth/credentials';
import { localStackEnv } from './stack-state';

export interface IssueOptions {
  /** DynamoDB endpoint (DynamoDB Local); unset means AWS. */
  endpoint?: string;
  tableName: string;
  region: string;
  /** The 12-digit account the credential signs as. */
  accountId: string;
  /** The 32-byte key the endpoint decrypts secrets with (ALLOT_CREDENTIAL_KEY). */
  key: Uint8Array;
}

/**
 * Issues a credential and writes its record (create-only: an existing access key id is never overwritten).
 * @example
 * const { accessKeyId, secret } = await issueAndStore({ tableName: 'allot-local', region: 'us-east-1', accountId: '111122223333', key });
 */
export const issueAndStore = async (opts: IssueOptions): Promise<{ accessKeyId: string; secret: string }> => {
  const now = new Date();
  const { accessKeyId, secret, record } = issueCredential(opts.accountId, opts.key, now);
  const client = createDocumentClient({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  });
  const store = new DynamoStore({ client, tableName: opts.tableName });
  const item: CredentialRecord = {
    kind: 'credential',
    AccessKeyId: record.accessKeyId,
    AccountId: record.accountId,
    EncryptedSecret: record.encryptedSecret,
    CreatedAt: record.createdAt,
    _v: 1,
    _created: now.getTime(),
  };
  try {
    const res = await store.commit([{ type: 'create', record: item }]);
    // 80 random bits make a collision practically impossible; refuse rather than overwrite.
    if (!res.ok) throw new Error(`access key id ${accessKeyId} already exists; run the command again`);
  } finally {
    client.destroy();
  }
  return { accessKeyId, secret };
};

const USAGE = 'usage: npm run credentials -- issue <12-digit account id>';

const main = async (args: string[]): Promise<void> => {
  const [command, accountId] = args;
  if (command !== 'issue' || !accountId || !/^\d{12}$/.test(accountId)) throw new Error(USAGE);
  const encoded = process.env.ALLOT_CREDENTIAL_KEY;
  const key = encoded ? Buffer.from(encoded, 'base64') : undefined;
  if (key?.length !== 32) {
    throw new Error(
      'ALLOT_CREDENTIAL_KEY must be base64 of 32 bytes (e.g. `openssl rand -base64 32`), the same value the functions get',
    );
  }
  const env = { ...process.env, ...localStackEnv(process.env) };
  if (env.DYNAMODB_ENDPOINT && !process.env.DYNAMODB_ENDPOINT)
    console.log(`Using the running local stack (table ${env.TABLE_NAME} on ${env.DYNAMODB_ENDPOINT}).`);
  const endpoint = env.DYNAMODB_ENDPOINT;
  const { accessKeyId, secret } = await issueAndStore({
    tableName: env.TABLE_NAME ?? 'allot-local',
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    accountId,
    key,
    ...(endpoint ? { endpoint } : {}),
  });
  console.log(`Credential for account ${accountId}. The secret is shown only this once:`);
  console.log(`export AWS_ACCESS_KEY_ID=${accessKeyId}`);
  console.log(`export AWS_SECRET_ACCESS_KEY=${secret}`);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
