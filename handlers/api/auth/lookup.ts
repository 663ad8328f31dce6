/**
 * Where the EC2 endpoint finds an access key's secret: the local pair (and, locally, account ids
 * as access keys) when switched on, then the keys Allot issued (encrypted in the table). Built
 * once per process.
 */
import type { CredentialRecord } from '../../../core/records';
import type { Runtime } from '../../runtime/deps';
import { type CredentialLookup, firstOf, issuedCredentials, localCredentials } from './credentials';

let lookup: CredentialLookup | undefined;

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
        }
      );
    };
    sources.push(issuedCredentials({ getCredential }, settings.ec2.credentialKey));
  }
  lookup = firstOf(...sources);
  return lookup;
};
