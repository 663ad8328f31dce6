/**
 * Where the EC2 endpoint finds an access key's secret: the local pair (and, locally, account ids
 * as access keys) when switched on, then the keys Allot issued (encrypted in the table). Built
 * once per process.
 */
import type { CredentialRecord } from '../../../core/records';
import type { Runtime } from '../../runtime/deps';
import { type CredentialLookup, firstOf, issuedCredentials, localCredentials } from './credentials';
import { authFailure } from './sigv4-parse';

let lookup: CredentialLookup | undefined;

/**
 * The lookup with a short per-process memory, so a caller's key, principal and policies cost one
 * read per 10 s, not one per request: authorization adds no round trip to the allocation path.
 */
const cached = (inner: CredentialLookup, ttlMs: number, now = Date.now): CredentialLookup => {
  const seen = new Map<string, { at: number; found: Awaited<ReturnType<CredentialLookup>> }>();
  return async (accessKeyId) => {
    const hit = seen.get(accessKeyId);
    if (hit && now() - hit.at < ttlMs) return hit.found;
    const found = await inner(accessKeyId);
    if (seen.size > 10_000) seen.clear();
    // An unknown key is not remembered: a key issued a moment later works at once.
    if (found) seen.set(accessKeyId, { at: now(), found });
    return found;
  };
};

export const credentialLookup = ({ deps, settings }: Runtime): CredentialLookup => {
  if (lookup) return lookup;
  const sources: CredentialLookup[] = [];
  if (settings.ec2.localCredentials || settings.ec2.accountIdAsAccessKey) {
    sources.push(
      localCredentials({
        accountId: settings.ec2.localAccountId,
        accountIdAsAccessKey: settings.ec2.accountIdAsAccessKey,
      }),
    );
  }
  if (settings.ec2.credentialKey) {
    const getCredential = async (id: string) => {
      const r = await deps.store.get<CredentialRecord>({ kind: 'credential', id });
      return (
        r && {
          accessKeyId: r.AccessKeyId,
          accountId: r.AccountId,
          encryptedSecret: r.EncryptedSecret,
          createdAt: r.CreatedAt,
          ...(r.PrincipalArn ? { principalArn: r.PrincipalArn } : {}),
          ...(r.ExpiresAt ? { expiresAt: r.ExpiresAt } : {}),
          ...(r.Policies
            ? { policies: r.Policies.map((p) => ({ name: p.Name, document: p.Document })) }
            : {}),
        }
      );
    };
    sources.push(
      cached(issuedCredentials({ getCredential }, settings.ec2.credentialKey), settings.ec2.authCacheMs),
    );
  } else {
    // Say why an issued key cannot work here, instead of "not known" (the start-up screen says it too).
    sources.push(async (accessKeyId) => {
      if (/^ALLT[A-Z0-9]{16}$/.test(accessKeyId))
        throw authFailure(
          `the access key ${accessKeyId} was issued by Allot, but this server was started without ALLOT_CREDENTIAL_KEY, so issued keys cannot be verified.`,
        );
      return undefined;
    });
  }
  lookup = firstOf(...sources);
  return lookup;
};
