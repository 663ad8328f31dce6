/**
 * EC2 clients per discovery target. Locally (an EC2 endpoint such as moto is configured) the
 * access key id is the account id, which moto maps to that account. Deployed, the function's own
 * account uses the function's role; any other account is read through STS AssumeRole into
 * arn:<partition>:iam::<account>:role/<roleName>, cached per account until shortly before expiry.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { DiscoveryTarget } from '../../core/discovery-run/types';
import type { DiscoverySettings } from '../shared/config';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };

/**
 * A factory of EC2 clients for targets.
 * @example const make = ec2ClientFactory({ roleName: 'AllotDiscoveryRole', ... }, { ownAccount: '111122223333', partition: 'aws' })
 */
export const ec2ClientFactory = (
  s: DiscoverySettings,
  o: { ownAccount?: string; partition: string; sts?: STSClient },
): ((t: DiscoveryTarget) => Promise<EC2Client>) => {
  if (s.ec2Endpoint) {
    const endpoint = s.ec2Endpoint;
    return async (t) =>
      new EC2Client({
        region: t.Region,
        endpoint,
        credentials: { accessKeyId: t.AccountId, secretAccessKey: 'test' },
      });
  }
  const sts = o.sts ?? new STSClient({});
  const cache = new Map<string, Credentials>();
  const credentialsFor = async (account: string): Promise<Credentials> => {
    const hit = cache.get(account);
    if (hit?.expiration && hit.expiration.getTime() - Date.now() > 5 * 60_000) return hit;
    const res = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:${o.partition}:iam::${account}:role/${s.roleName}`,
        RoleSessionName: 'allot-discovery',
      }),
    );
    const c = res.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw Object.assign(new Error('AssumeRole returned no credentials'), { name: 'AssumeRoleFailure' });
    const creds = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
    cache.set(account, creds);
    return creds;
  };
  return async (t) =>
    t.AccountId === o.ownAccount
      ? new EC2Client({ region: t.Region })
      : new EC2Client({ region: t.Region, credentials: await credentialsFor(t.AccountId) });
};
