import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { ec2ClientFactory } from '../../../outbound/ec2/clients';

const settings = { roleName: 'AllotDiscoveryRole', concurrency: 8, reserveMs: 0 };

describe('EC2 clients per discovery target', () => {
  it('assumes the discovery role in other accounts, once per account; its own account uses the function role', async () => {
    const sts = new STSClient({ region: 'us-east-1' });
    const m = mockClient(sts);
    m.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'AK',
        SecretAccessKey: 'SK',
        SessionToken: 'ST',
        Expiration: new Date(Date.now() + 3_600_000),
      },
    });
    const make = ec2ClientFactory(settings, { ownAccount: '111122223333', partition: 'aws', sts });
    const other = await make({ AccountId: '444455556666', Region: 'us-west-2' });
    await make({ AccountId: '444455556666', Region: 'eu-west-1' });
    await make({ AccountId: '111122223333', Region: 'us-east-1' });
    expect(m.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toEqual([
      { RoleArn: 'arn:aws:iam::444455556666:role/AllotDiscoveryRole', RoleSessionName: 'allot-discovery' },
    ]);
    expect(await other.config.region()).toBe('us-west-2');
    expect((await other.config.credentials()).accessKeyId).toBe('AK');
  });

  it('locally, a client of the configured endpoint whose access key id is the account', async () => {
    const make = ec2ClientFactory(
      { ...settings, ec2Endpoint: 'http://127.0.0.1:5000' },
      { partition: 'aws' },
    );
    const c = await make({ AccountId: '444455556666', Region: 'us-east-1' });
    expect((await c.config.credentials()).accessKeyId).toBe('444455556666');
    expect((await c.config.endpoint?.())?.hostname).toBe('127.0.0.1');
  });
});
