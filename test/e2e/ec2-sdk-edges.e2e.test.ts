/**
 * The EC2 endpoint's edges with the real `@aws-sdk/client-ec2`: SDK paginators over MaxResults
 * and NextToken, an action Allot does not implement, and who may call at all: SigV4 failures
 * (wrong secret, stale date, unknown key, no signature) and a credential issued by Allot.
 */
import { randomBytes } from 'node:crypto';
import {
  CreateIpamCommand,
  CreateIpamPolicyCommand,
  CreateIpamPoolCommand,
  DescribeIpamsCommand,
  DisableIpamOrganizationAdminAccountCommand,
  type EC2Client,
  EnableIpamOrganizationAdminAccountCommand,
  ProvisionIpamPoolCidrCommand,
  paginateDescribeIpamPools,
  paginateGetIpamPoolAllocations,
  paginateGetIpamPoolCidrs,
} from '@aws-sdk/client-ec2';
import { AcceptHandshakeCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAndStore } from '../../local/issue-credential';
import { accountSigner, signedJson } from '../../local/signed';
import type { LocalStack } from '../../local/stack';
import { allocateInProcess, ec2Client, expectEc2Error } from '../helpers/ec2';
import { testStack } from '../helpers/stack';

const ACCOUNT = '111122223333';
const CREDENTIAL_KEY = randomBytes(32);
let stack: LocalStack;
let ec2: EC2Client;

beforeAll(async () => {
  stack = await testStack({
    tableName: 'allot-e2e-ec2-edges',
    env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1', ALLOT_CREDENTIAL_KEY: CREDENTIAL_KEY.toString('base64') },
  });
  ec2 = ec2Client(stack.url, { accessKeyId: ACCOUNT });
}, 180_000);

afterAll(async () => {
  ec2?.destroy();
  await stack?.stop();
});

const collect = async <T>(pages: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
};

describe('EC2 SDK: paginators', () => {
  it('walks pools, pool CIDRs and allocations page by page, every item exactly once', async () => {
    const { Ipam } = await ec2.send(new CreateIpamCommand({}));
    const scope = Ipam!.PrivateDefaultScopeId!;
    const made: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { IpamPool } = await ec2.send(
        new CreateIpamPoolCommand({ IpamScopeId: scope, AddressFamily: 'ipv4', Description: `p${i}` }),
      );
      made.push(IpamPool!.IpamPoolId!);
    }
    const pools = await collect(paginateDescribeIpamPools({ client: ec2, pageSize: 5 }, {}));
    expect(pools.map((p) => p.IpamPools!.length)).toEqual([5, 5, 2]);
    expect(pools.flatMap((p) => p.IpamPools!.map((x) => x.IpamPoolId)).sort()).toEqual([...made].sort());

    const pool = made[0]!;
    for (let i = 0; i < 7; i++) {
      await ec2.send(new ProvisionIpamPoolCidrCommand({ IpamPoolId: pool, Cidr: `10.${i}.0.0/16` }));
    }
    const cidrs = await collect(paginateGetIpamPoolCidrs({ client: ec2, pageSize: 5 }, { IpamPoolId: pool }));
    expect(cidrs.map((p) => p.IpamPoolCidrs!.map((c) => c.Cidr))).toEqual([
      ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16'],
      ['10.5.0.0/16', '10.6.0.0/16'],
    ]);

    // GetIpamPoolAllocations pages hold at least 1000 (its MaxResults minimum, as in EC2), so the
    // pool gets 1001 allocations, made in this process against the stack's table.
    const wanted = Array.from({ length: 1001 }, (_, i) => `10.${i % 7}.${Math.floor(i / 7)}.0/24`);
    await allocateInProcess(stack, { accountId: ACCOUNT, region: 'us-east-1' }, pool, wanted);
    const allocs = await collect(
      paginateGetIpamPoolAllocations({ client: ec2, pageSize: 1000 }, { IpamPoolId: pool }),
    );
    expect(allocs.map((p) => p.IpamPoolAllocations!.length)).toEqual([1000, 1]);
    const seen = allocs.flatMap((p) => p.IpamPoolAllocations!.map((a) => a.Cidr!));
    expect(new Set(seen).size).toBe(1001);
    expect([...seen].sort()).toEqual([...wanted].sort());
    await expectEc2Error(
      ec2.send(new CreateIpamPoolCommand({ IpamScopeId: scope, AddressFamily: 'ipv4', DryRun: true })),
      'DryRunOperation',
      412,
    );
  });

  it('an EC2 action Allot does not implement is a 400 naming it, never a 500', async () => {
    await expect(
      ec2.send(new CreateIpamPolicyCommand({ IpamId: 'ipam-0123456789abcdef0' })),
    ).rejects.toMatchObject({
      name: 'InvalidAction',
      message: 'The action CreateIpamPolicy is not valid for this web service.',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('EC2 endpoint: signatures', () => {
  it.each([
    ['a wrong secret', { accessKeyId: ACCOUNT, secretAccessKey: 'not-the-secret' }],
    ['an unknown access key', { accessKeyId: 'AKIAUNKNOWNKEY000000' }],
  ])('refuses %s with AuthFailure (401)', async (_what, credentials) => {
    const client = ec2Client(stack.url, credentials);
    try {
      await expectEc2Error(client.send(new DescribeIpamsCommand({})), 'AuthFailure', 401);
    } finally {
      client.destroy();
    }
  });

  it('refuses a request signed 20 minutes ago with RequestExpired', async () => {
    const client = ec2Client(stack.url, { accessKeyId: ACCOUNT });
    client.config.systemClockOffset = -20 * 60_000;
    try {
      await expectEc2Error(client.send(new DescribeIpamsCommand({})), 'RequestExpired', 401);
    } finally {
      client.destroy();
    }
  });

  it('refuses an unsigned request with an EC2 error document', async () => {
    const res = await fetch(`${stack.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeIpams&Version=2016-11-15',
    });
    const xml = await res.text();
    expect(res.status).toBe(401);
    expect(xml).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<Response><Errors><Error><Code>AuthFailure<\/Code><Message>[^<]+<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
    );
  });

  it('accepts a credential Allot issued, as the account it was issued for', async () => {
    const issued = await issueAndStore({
      endpoint: stack.ddbEndpoint,
      tableName: stack.tableName,
      region: 'us-east-1',
      accountId: '777788889999',
      key: CREDENTIAL_KEY,
    });
    expect(issued.accessKeyId).toMatch(/^ALLT[A-Z0-9]{16}$/);
    const client = ec2Client(stack.url, { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secret });
    const wrong = ec2Client(stack.url, { accessKeyId: issued.accessKeyId, secretAccessKey: 'test' });
    try {
      const { Ipam } = await client.send(new CreateIpamCommand({}));
      expect([Ipam!.OwnerId, Ipam!.IpamRegion]).toEqual(['777788889999', 'us-east-1']);
      await expectEc2Error(wrong.send(new DescribeIpamsCommand({})), 'AuthFailure', 401);
    } finally {
      client.destroy();
      wrong.destroy();
    }
  });
});

describe('EC2 SDK: organization IPAM admin', () => {
  it('the management account of a registered organization delegates and revokes the IPAM admin', async () => {
    const mgmt = '999988887777';
    const json = async (action: string, body: object, account: string) => {
      const res = await signedJson(stack.url, action, body, accountSigner(account));
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const org = await json('CreateOrganization', { OrganizationId: 'o-a1b2c3d4e5', RootId: 'r-abcd' }, mgmt);
    expect([org.status, org.body.Organization]).toEqual([
      200,
      { OrganizationId: 'o-a1b2c3d4e5', RootId: 'r-abcd', ManagementAccountId: mgmt },
    ]);
    // The account joins by accepting its invitation, signed as itself.
    const invited = await json('RegisterOrganizationAccount', { AccountId: ACCOUNT }, mgmt);
    expect(invited.status).toBe(200);
    const orgs = new OrganizationsClient({
      endpoint: stack.url,
      region: 'us-east-1',
      credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'test' },
    });
    const HandshakeId = (invited.body.Handshake as { Id: string }).Id;
    expect((await orgs.send(new AcceptHandshakeCommand({ HandshakeId }))).Handshake?.State).toBe('ACCEPTED');
    orgs.destroy();
    const asMgmt = ec2Client(stack.url, { accessKeyId: mgmt });
    try {
      const enabled = await asMgmt.send(
        new EnableIpamOrganizationAdminAccountCommand({ DelegatedAdminAccountId: ACCOUNT }),
      );
      expect(enabled.Success).toBe(true);
      await expectEc2Error(
        ec2.send(new EnableIpamOrganizationAdminAccountCommand({ DelegatedAdminAccountId: ACCOUNT })),
        'UnauthorizedOperation',
        403,
      );
      await expectEc2Error(
        asMgmt.send(new EnableIpamOrganizationAdminAccountCommand({ DelegatedAdminAccountId: mgmt })),
        'OperationNotPermitted',
      );
      const seen = await json('DescribeOrganization', {}, ACCOUNT);
      expect((seen.body.Organization as { DelegatedAdminAccountId: string }).DelegatedAdminAccountId).toBe(
        ACCOUNT,
      );
      const disabled = await asMgmt.send(
        new DisableIpamOrganizationAdminAccountCommand({ DelegatedAdminAccountId: ACCOUNT }),
      );
      expect(disabled.Success).toBe(true);
      await expectEc2Error(
        asMgmt.send(new DisableIpamOrganizationAdminAccountCommand({ DelegatedAdminAccountId: ACCOUNT })),
        'InvalidParameterValue',
      );
    } finally {
      asMgmt.destroy();
    }
  });
});
