/**
 * The AWS Organizations API with the real AWS CLI (`aws organizations … --endpoint-url`, unchanged)
 * and `@aws-sdk/client-organizations` against the local stack, on the same `POST /` as EC2's Query
 * protocol: the management account builds the organization, invites an account, which joins only
 * by accepting as itself, and service control policies are created and attached; refusals carry
 * Organizations' exact error codes. Skipped, with a message, where `aws` is not installed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConstraintViolationException,
  DetachPolicyCommand,
  ListAccountsCommand,
  OrganizationsClient,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { type CliResult, runAws } from '../helpers/aws-cli';
import { testStack } from '../helpers/stack';
import { requireTool } from '../helpers/tools';

const AWS = requireTool('aws', 'the AWS CLI', 'orgs-cli.e2e');
const MGMT = '999988887777';
const MEMBER = '444455556666';
const STRANGER = '777788889999';
const DENY_EC2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'ec2:DeleteVpc', Resource: '*' }],
});

let stack: LocalStack;
let home: string;

const aws = (account: string, ...args: string[]): Promise<CliResult> =>
  runAws(AWS!, { home, url: stack.url, accessKeyId: account }, 'organizations', ...args);

const ok = async (account: string, ...args: string[]) => {
  const r = await aws(account, ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.json;
};

const fails = async (code: string, account: string, ...args: string[]) => {
  const r = await aws(account, ...args);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain(`An error occurred (${code})`);
};

describe.skipIf(!AWS)('AWS Organizations CLI against the local stack', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'allot-orgs-'));
    writeFileSync(join(home, 'config'), '');
    writeFileSync(join(home, 'credentials'), '');
    stack = await testStack({
      tableName: 'allot-e2e-orgs',
      env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1' },
    });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('builds an organization and its OUs; EC2 Query still answers on the same POST /', async () => {
    await fails('AWSOrganizationsNotInUseException', MGMT, 'describe-organization');
    const { Organization } = await ok(MGMT, 'create-organization', '--feature-set', 'ALL');
    expect(Organization).toMatchObject({ FeatureSet: 'ALL', MasterAccountId: MGMT });
    expect(Organization.Id).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(Organization.Arn).toBe(`arn:aws:organizations::${MGMT}:organization/${Organization.Id}`);
    ids.org = Organization.Id;
    const { Roots } = await ok(MGMT, 'list-roots');
    expect(Roots).toEqual([
      {
        Id: expect.stringMatching(/^r-[0-9a-z]{4,32}$/),
        Arn: expect.stringContaining(`:root/${ids.org}/r-`),
        Name: 'Root',
        PolicyTypes: [],
      },
    ]);
    ids.root = Roots[0].Id;
    const prod = await ok(MGMT, 'create-organizational-unit', '--parent-id', ids.root!, '--name', 'prod');
    ids.prod = prod.OrganizationalUnit.Id;
    expect(prod.OrganizationalUnit.Path).toBe(`${ids.org}/${ids.root}/${ids.prod}/`);
    const web = await ok(MGMT, 'create-organizational-unit', '--parent-id', ids.prod!, '--name', 'web');
    ids.web = web.OrganizationalUnit.Id;
    await fails(
      'DuplicateOrganizationalUnitException',
      MGMT,
      'create-organizational-unit',
      '--parent-id',
      ids.root!,
      '--name',
      'prod',
    );
    const children = await ok(
      MGMT,
      'list-children',
      '--parent-id',
      ids.prod!,
      '--child-type',
      'ORGANIZATIONAL_UNIT',
    );
    expect(children.Children).toEqual([{ Id: ids.web, Type: 'ORGANIZATIONAL_UNIT' }]);
    const ec2 = await runAws(AWS!, { home, url: stack.url, accessKeyId: MGMT }, 'ec2', 'describe-ipams');
    expect([ec2.code, ec2.json]).toEqual([0, { Ipams: [] }]);
  }, 180_000);

  it('an invited account joins only by accepting the handshake as itself', async () => {
    const invited = await ok(MGMT, 'invite-account-to-organization', '--target', `Id=${MEMBER},Type=ACCOUNT`);
    const h = invited.Handshake;
    expect(h).toMatchObject({ State: 'OPEN', Action: 'INVITE' });
    expect(h.Parties).toEqual([
      { Id: ids.org, Type: 'ORGANIZATION' },
      { Id: MEMBER, Type: 'ACCOUNT' },
    ]);
    expect(h.Arn).toBe(`arn:aws:organizations::${MGMT}:handshake/${ids.org}/invite/${h.Id}`);
    await fails(
      'DuplicateHandshakeException',
      MGMT,
      'invite-account-to-organization',
      '--target',
      `Id=${MEMBER},Type=ACCOUNT`,
    );
    // Not a member yet: the invitation is all there is.
    expect((await ok(MGMT, 'list-accounts')).Accounts.map((a: { Id: string }) => a.Id)).toEqual([MGMT]);
    const mine = await ok(MEMBER, 'list-handshakes-for-account');
    expect(mine.Handshakes.map((x: { Id: string; State: string }) => [x.Id, x.State])).toEqual([
      [h.Id, 'OPEN'],
    ]);
    await fails('HandshakeNotFoundException', STRANGER, 'accept-handshake', '--handshake-id', h.Id);
    await fails('AccessDeniedException', MGMT, 'accept-handshake', '--handshake-id', h.Id);
    const accepted = await ok(MEMBER, 'accept-handshake', '--handshake-id', h.Id);
    expect(accepted.Handshake.State).toBe('ACCEPTED');
    await fails('HandshakeAlreadyInStateException', MEMBER, 'accept-handshake', '--handshake-id', h.Id);

    const { Accounts } = await ok(MGMT, 'list-accounts');
    expect(Accounts.map((a: Record<string, string>) => [a.Id, a.JoinedMethod, a.Status])).toEqual([
      [MEMBER, 'INVITED', 'ACTIVE'],
      [MGMT, 'CREATED', 'ACTIVE'],
    ]);
    await ok(
      MGMT,
      'move-account',
      '--account-id',
      MEMBER,
      '--source-parent-id',
      ids.root!,
      '--destination-parent-id',
      ids.web!,
    );
    const { Account } = await ok(MGMT, 'describe-account', '--account-id', MEMBER);
    expect(Account.Paths).toEqual([`${ids.org}/${ids.root}/${ids.prod}/${ids.web}/${MEMBER}/`]);
    const parents = await ok(MGMT, 'list-parents', '--child-id', MEMBER);
    expect(parents.Parents).toEqual([{ Id: ids.web, Type: 'ORGANIZATIONAL_UNIT' }]);
    // The member sees its organization, and manages nothing.
    expect((await ok(MEMBER, 'describe-organization')).Organization.Id).toBe(ids.org);
    await fails('AccessDeniedException', MEMBER, 'list-accounts');
    await fails('AWSOrganizationsNotInUseException', STRANGER, 'list-roots');
  }, 180_000);

  it('a declined or cancelled invitation cannot be accepted', async () => {
    const invite = () =>
      ok(MGMT, 'invite-account-to-organization', '--target', `Id=${STRANGER},Type=ACCOUNT`);
    const first = (await invite()).Handshake.Id;
    expect((await ok(STRANGER, 'decline-handshake', '--handshake-id', first)).Handshake.State).toBe(
      'DECLINED',
    );
    await fails('InvalidHandshakeTransitionException', STRANGER, 'accept-handshake', '--handshake-id', first);
    const second = (await invite()).Handshake.Id;
    await fails('AccessDeniedException', STRANGER, 'cancel-handshake', '--handshake-id', second);
    expect((await ok(MGMT, 'cancel-handshake', '--handshake-id', second)).Handshake.State).toBe('CANCELED');
    await fails(
      'InvalidHandshakeTransitionException',
      STRANGER,
      'accept-handshake',
      '--handshake-id',
      second,
    );
    const listed = await ok(MGMT, 'list-handshakes-for-organization');
    expect(listed.Handshakes.map((x: { State: string }) => x.State).sort()).toEqual([
      'ACCEPTED',
      'CANCELED',
      'DECLINED',
    ]);
    await fails(
      'InvalidInputException',
      MGMT,
      'invite-account-to-organization',
      '--target',
      'Id=someone@example.com,Type=EMAIL',
    );
  }, 180_000);

  it('service control policies: created, attached to the root, an OU or an account, and refused when wrong', async () => {
    const create = (...more: string[]) => [
      'create-policy',
      '--type',
      'SERVICE_CONTROL_POLICY',
      '--description',
      'no VPC deletes',
      ...more,
    ];
    const { Policy } = await ok(MGMT, ...create('--name', 'DenyVpcDelete', '--content', DENY_EC2));
    const p = Policy.PolicySummary;
    expect(p).toMatchObject({ Name: 'DenyVpcDelete', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false });
    expect(p.Arn).toBe(`arn:aws:organizations::${MGMT}:policy/${ids.org}/service_control_policy/${p.Id}`);
    await fails(
      'PolicyTypeNotEnabledException',
      MGMT,
      'attach-policy',
      '--policy-id',
      p.Id,
      '--target-id',
      ids.prod!,
    );
    const enabled = await ok(
      MGMT,
      'enable-policy-type',
      '--root-id',
      ids.root!,
      '--policy-type',
      'SERVICE_CONTROL_POLICY',
    );
    expect(enabled.Root.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    await ok(MGMT, 'attach-policy', '--policy-id', p.Id, '--target-id', ids.prod!);
    await ok(MGMT, 'attach-policy', '--policy-id', p.Id, '--target-id', MEMBER);
    await fails(
      'DuplicatePolicyAttachmentException',
      MGMT,
      'attach-policy',
      '--policy-id',
      p.Id,
      '--target-id',
      ids.prod!,
    );
    await fails(
      'TargetNotFoundException',
      MGMT,
      'attach-policy',
      '--policy-id',
      p.Id,
      '--target-id',
      STRANGER,
    );

    const forProd = await ok(
      MGMT,
      'list-policies-for-target',
      '--target-id',
      ids.prod!,
      '--filter',
      'SERVICE_CONTROL_POLICY',
    );
    expect(
      forProd.Policies.map((x: { Name: string; AwsManaged: boolean }) => [x.Name, x.AwsManaged]),
    ).toEqual([
      ['FullAWSAccess', true],
      ['DenyVpcDelete', false],
    ]);
    const targets = await ok(MGMT, 'list-targets-for-policy', '--policy-id', p.Id);
    expect(targets.Targets.map((t: Record<string, string>) => [t.TargetId, t.Type]).sort()).toEqual(
      [
        [ids.prod, 'ORGANIZATIONAL_UNIT'],
        [MEMBER, 'ACCOUNT'],
      ].sort(),
    );
    const full = await ok(MGMT, 'list-targets-for-policy', '--policy-id', 'p-FullAWSAccess');
    expect(full.Targets.map((t: { TargetId: string }) => t.TargetId).sort()).toEqual(
      [ids.root, ids.prod, ids.web, MEMBER, MGMT].sort(),
    );
    const listed = await ok(MGMT, 'list-policies', '--filter', 'SERVICE_CONTROL_POLICY');
    expect(listed.Policies.map((x: { Id: string }) => x.Id)).toEqual(['p-FullAWSAccess', p.Id]);

    await fails('PolicyInUseException', MGMT, 'delete-policy', '--policy-id', p.Id);
    await fails(
      'MalformedPolicyDocumentException',
      MGMT,
      ...create('--name', 'bad', '--content', '{"Statement":[{"Effect":"Maybe"}]}'),
    );
    await fails(
      'MalformedPolicyDocumentException',
      MGMT,
      ...create('--name', 'bad', '--content', 'not json'),
    );
    const huge = JSON.stringify({
      Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: `arn:${'x'.repeat(5200)}` }],
    });
    await fails('ConstraintViolationException', MGMT, ...create('--name', 'huge', '--content', huge));
    await fails(
      'DuplicatePolicyException',
      MGMT,
      ...create('--name', 'DenyVpcDelete', '--content', DENY_EC2),
    );
    await fails('AccessDeniedException', MEMBER, ...create('--name', 'mine', '--content', DENY_EC2));
    await fails(
      'ConstraintViolationException',
      MGMT,
      'detach-policy',
      '--policy-id',
      'p-FullAWSAccess',
      '--target-id',
      ids.root!,
    );

    await ok(MGMT, 'detach-policy', '--policy-id', p.Id, '--target-id', ids.prod!);
    await ok(MGMT, 'detach-policy', '--policy-id', p.Id, '--target-id', MEMBER);
    await fails(
      'PolicyNotAttachedException',
      MGMT,
      'detach-policy',
      '--policy-id',
      p.Id,
      '--target-id',
      MEMBER,
    );
    expect((await aws(MGMT, 'delete-policy', '--policy-id', p.Id)).code).toBe(0);
    await fails('PolicyNotFoundException', MGMT, 'describe-policy', '--policy-id', p.Id);
  }, 180_000);

  it('@aws-sdk/client-organizations works unchanged, errors included', async () => {
    const client = new OrganizationsClient({
      endpoint: stack.url,
      region: 'us-east-1',
      credentials: { accessKeyId: MGMT, secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    try {
      const { Accounts } = await client.send(new ListAccountsCommand({}));
      expect(Accounts?.map((a) => [a.Id, a.JoinedTimestamp instanceof Date])).toEqual([
        [MEMBER, true],
        [MGMT, true],
      ]);
      const err = await client
        .send(new UpdatePolicyCommand({ PolicyId: 'p-FullAWSAccess', Content: DENY_EC2 }))
        .catch((e: unknown) => e);
      expect((err as Error).name).toBe('InvalidInputException');
      const last = await client
        .send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: ids.root }))
        .catch((e: unknown) => e);
      expect(last).toBeInstanceOf(ConstraintViolationException);
      expect((last as ConstraintViolationException).Reason).toBe('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
    } finally {
      client.destroy();
    }
  }, 180_000);
});
