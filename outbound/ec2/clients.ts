/**
 * EC2 clients per discovery target. Locally (an EC2 endpoint such as moto is configured) a client
 * acts as the target's account (localEc2Client). Deployed, the function's own
 * account uses the function's role; any other account is read through STS AssumeRole into
 * arn:<partition>:iam::<account>:role/<roleName>, cached per account until shortly before expiry.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { DiscoveryTarget } from '../../core/ops/monitoring/run/types';

export type Credentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
};

/**
 * A client of a local EC2 emulator acting as `account`: the access key id is the account id and
 * the `x-moto-account-id` header names it too (LocalStack reads the former, moto the latter).
 * @example const ec2 = localEc2Client('http://127.0.0.1:5000', '111122223333', 'us-east-1')
 */
export const localEc2Client = (endpoint: string, account: string, region: string): EC2Client => {
  const client = new EC2Client({
    region,
    endpoint,
    credentials: { accessKeyId: account, secretAccessKey: 'test' },
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const req = args.request as { headers?: Record<string, string> };
      if (req.headers) req.headers['x-moto-account-id'] = account;
      return next(args);
    },
    { step: 'build', name: 'allotLocalAccount' },
  );
  return client;
};

/** What the factory needs of the discovery settings (handlers/runtime/config.ts). */
export interface Ec2ClientSettings {
  /** The read-only role assumed in each monitored account. */
  roleName: string;
  /** Local only: an EC2 endpoint (e.g. moto) to read instead of AWS. */
  ec2Endpoint?: string;
}

/**
 * Credentials for acting in an account: undefined for the function's own account (its role),
 * else an STS AssumeRole into `roleName` there, cached until shortly before expiry.
 */
export const assumedCredentials = (
  roleName: string,
  o: { ownAccount?: string; partition: string; sts?: STSClient; sessionName?: string },
): ((account: string) => Promise<Credentials | undefined>) => {
  const sts = o.sts ?? new STSClient({});
  const cache = new Map<string, Credentials>();
  return async (account) => {
    if (account === o.ownAccount) return undefined;
    const hit = cache.get(account);
    if (hit?.expiration && hit.expiration.getTime() - Date.now() > 5 * 60_000) return hit;
    const res = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:${o.partition}:iam::${account}:role/${roleName}`,
        RoleSessionName: o.sessionName ?? 'allot-discovery',
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
};

/**
 * A factory of EC2 clients for targets.
 * @example const make = ec2ClientFactory({ roleName: 'AllotDiscoveryRole', ... }, { ownAccount: '111122223333', partition: 'aws' })
 */
export const ec2ClientFactory = (
  s: Ec2ClientSettings,
  o: { ownAccount?: string; partition: string; sts?: STSClient },
): ((t: DiscoveryTarget) => Promise<EC2Client>) => {
  if (s.ec2Endpoint) {
    const endpoint = s.ec2Endpoint;
    return async (t) => localEc2Client(endpoint, t.AccountId, t.Region);
  }
  const credentialsFor = assumedCredentials(s.roleName, o);
  return async (t) => {
    const credentials = await credentialsFor(t.AccountId);
    return credentials
      ? new EC2Client({ region: t.Region, credentials })
      : new EC2Client({ region: t.Region });
  };
};

/** Credentials of the facade's role in an account (deployed), or none with an emulator endpoint. */
export const facadeCredentials = (s: {
  endpoint?: string;
  roleName: string;
  partition: string;
  ownAccount?: string;
}): ((account: string) => Promise<Credentials | undefined>) | undefined =>
  s.endpoint
    ? undefined
    : assumedCredentials(s.roleName, {
        partition: s.partition,
        sessionName: 'allot-facade',
        ...(s.ownAccount ? { ownAccount: s.ownAccount } : {}),
      });
