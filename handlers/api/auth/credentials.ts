/**
 * Who may sign requests to the EC2 facade: access key id -> secret and account id.
 *
 * Locally, the LocalStack convention: access key `test`, secret `test`, account `000000000000`,
 * so `AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws ec2 ...` just works. Multi-account tests
 * can opt in to a 12-digit access key id acting as that account (secret still the local one).
 * Deployed, credentials are issued per account and kept by a store with the secret encrypted.
 */
import { decryptSecret, encryptSecret, newAccessKeyId, newSecret } from './credential-crypto';

export { decryptSecret, encryptSecret } from './credential-crypto';

export interface CredentialSecret {
  secret: string;
  accountId: string;
  /** The named principal; absent: the account's root (the local pair, older keys). */
  principalArn?: string;
  /** ISO 8601; the verifier refuses the key from then on. */
  expiresAt?: string;
  /** Identity policies of the principal (name and JSON text). */
  policies?: { name: string; document: string }[];
}

/** Resolves an access key id; undefined means unknown (the verifier answers AuthFailure). */
export type CredentialLookup = (accessKeyId: string) => Promise<CredentialSecret | undefined>;

export interface LocalCredentialOptions {
  /** Default `test`. */
  accessKeyId?: string;
  /** Default `test`. */
  secret?: string;
  /** Default `000000000000`. */
  accountId?: string;
  /** Let any 12-digit access key id sign as that account, with the local secret. Off by default. */
  accountIdAsAccessKey?: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The fixed local credential pair, plus the opt-in account-id-as-access-key mode.
 * @example await localCredentials()('test') // => { secret: 'test', accountId: '000000000000' }
 */
export const localCredentials = (options: LocalCredentialOptions = {}): CredentialLookup => {
  const {
    accessKeyId = 'test',
    secret = 'test',
    accountId = '000000000000',
    accountIdAsAccessKey = false,
  } = options;
  if (!ACCOUNT_ID.test(accountId)) throw new Error(`local account id must be 12 digits, got '${accountId}'`);
  return async (key) => {
    if (key === accessKeyId) return { secret, accountId };
    if (accountIdAsAccessKey && ACCOUNT_ID.test(key)) return { secret, accountId: key };
    return undefined;
  };
};

/** An issued credential as a store keeps it: the secret only in encrypted form. */
export interface IssuedCredential {
  accessKeyId: string;
  accountId: string;
  /** `encryptSecret(secret, key, accessKeyId)`. */
  encryptedSecret: string;
  /** ISO 8601. */
  createdAt: string;
  principalArn?: string;
  expiresAt?: string;
  policies?: { name: string; document: string }[];
}

/** What a store implements to serve issued credentials; not implemented yet by core/store. */
export interface IssuedCredentialSource {
  getCredential(accessKeyId: string): Promise<IssuedCredential | undefined>;
}

/**
 * A lookup over issued credentials, decrypting each secret with the configured key.
 * @example const lookup = issuedCredentials(store, key)
 */
export const issuedCredentials =
  (source: IssuedCredentialSource, key: Uint8Array): CredentialLookup =>
  async (accessKeyId) => {
    const record = await source.getCredential(accessKeyId);
    if (!record) return undefined;
    return {
      secret: decryptSecret(record.encryptedSecret, key, record.accessKeyId),
      accountId: record.accountId,
      ...(record.principalArn ? { principalArn: record.principalArn } : {}),
      ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
      ...(record.policies ? { policies: record.policies } : {}),
    };
  };

/**
 * Tries each lookup in turn; the first that knows the key wins.
 * @example firstOf(localCredentials(), issuedCredentials(store, key))
 */
export const firstOf =
  (...lookups: CredentialLookup[]): CredentialLookup =>
  async (accessKeyId) => {
    for (const lookup of lookups) {
      const found = await lookup(accessKeyId);
      if (found) return found;
    }
    return undefined;
  };

/**
 * Issues a new credential for an account: the plain secret to show once, and the record to store.
 * @example
 * const { accessKeyId, secret, record } = issueCredential('111122223333', key, new Date());
 * // accessKeyId 'ALLT…' (20 chars), secret 40 chars, record.encryptedSecret 'v1.…'
 */
export const issueCredential = (
  accountId: string,
  key: Uint8Array,
  now: Date,
): { accessKeyId: string; secret: string; record: IssuedCredential } => {
  if (!ACCOUNT_ID.test(accountId)) throw new Error(`account id must be 12 digits, got '${accountId}'`);
  const accessKeyId = newAccessKeyId();
  const secret = newSecret();
  const record = {
    accessKeyId,
    accountId,
    encryptedSecret: encryptSecret(secret, key, accessKeyId),
    createdAt: now.toISOString(),
  };
  return { accessKeyId, secret, record };
};
