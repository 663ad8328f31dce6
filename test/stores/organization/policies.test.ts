/**
 * Service control policies in the organization registry, on both stores: created (grammar and
 * size checked), attached to the root, an OU or an account, detached, and deleted only once no
 * longer attached; only the management account manages them.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SCP_CHARACTERS } from '../../../core/ops/organization/policy-document';
import { type Env, makeEnv } from '../../helpers/env';
import { ADMIN, MEMBER, mgmt, OU_C, OU_D, orgWithTree, ROOT } from '../../helpers/org';
import { storeFactories } from '../../helpers/stores';

const FULL = 'p-FullAWSAccess';
const doc = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: action, Resource: '*' }] });

const create = async (e: Env, Name: string, Content = doc('ec2:DeleteVpc'), who = mgmt): Promise<string> =>
  (await e.call('orgs:CreatePolicy', { Name, Description: '', Type: 'SERVICE_CONTROL_POLICY', Content }, who))
    .Policy.PolicySummary.Id;

const attached = async (e: Env, TargetId: string): Promise<string[]> =>
  (
    await e.call('orgs:ListPoliciesForTarget', { TargetId, Filter: 'SERVICE_CONTROL_POLICY' }, mgmt)
  ).Policies.map((p: { Id: string }) => p.Id);

describe.each(storeFactories())('service control policies (%s store)', (_name, makeStore) => {
  const env = async () => {
    const e = makeEnv(await makeStore());
    await orgWithTree(e);
    return e;
  };
  const enable = (e: Env) =>
    e.call('orgs:EnablePolicyType', { RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' }, mgmt);

  it('creates, attaches to the root, an OU and an account, detaches, and deletes only when detached', async () => {
    const e = await env();
    const p = await create(e, 'NoVpcDeletes');
    const { Policy } = await e.call('orgs:DescribePolicy', { PolicyId: p }, mgmt);
    expect(Policy).toEqual({
      PolicySummary: {
        Id: p,
        Arn: `arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/${p}`,
        Name: 'NoVpcDeletes',
        Description: '',
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: false,
      },
      Content: doc('ec2:DeleteVpc'),
    });
    await e.expectError(
      'orgs:AttachPolicy',
      { PolicyId: p, TargetId: OU_C },
      'PolicyTypeNotEnabledException',
      mgmt,
    );
    const { Root } = await enable(e);
    expect(Root.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    await e.expectError(
      'orgs:EnablePolicyType',
      { RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' },
      'PolicyTypeAlreadyEnabledException',
      mgmt,
    );
    // Enabled: every target has FullAWSAccess.
    for (const t of [ROOT, OU_C, OU_D, MEMBER]) expect(await attached(e, t)).toEqual([FULL]);
    for (const t of [ROOT, OU_C, MEMBER])
      await e.call('orgs:AttachPolicy', { PolicyId: p, TargetId: t }, mgmt);
    expect(await attached(e, OU_C)).toEqual([FULL, p]);
    expect(await attached(e, OU_D)).toEqual([FULL]);
    await e.expectError(
      'orgs:AttachPolicy',
      { PolicyId: p, TargetId: OU_C },
      'DuplicatePolicyAttachmentException',
      mgmt,
    );
    await e.expectError(
      'orgs:AttachPolicy',
      { PolicyId: FULL, TargetId: OU_D },
      'DuplicatePolicyAttachmentException',
      mgmt,
    );
    await e.expectError(
      'orgs:AttachPolicy',
      { PolicyId: p, TargetId: '123456789012' },
      'TargetNotFoundException',
      mgmt,
    );
    await e.expectError(
      'orgs:AttachPolicy',
      { PolicyId: 'p-0000000099', TargetId: OU_C },
      'PolicyNotFoundException',
      mgmt,
    );
    const targets = (await e.call('orgs:ListTargetsForPolicy', { PolicyId: p }, mgmt)).Targets;
    expect(targets.map((t: { TargetId: string; Type: string }) => [t.TargetId, t.Type])).toEqual([
      [ROOT, 'ROOT'],
      [OU_C, 'ORGANIZATIONAL_UNIT'],
      [MEMBER, 'ACCOUNT'],
    ]);
    await e.expectError('orgs:DeletePolicy', { PolicyId: p }, 'PolicyInUseException', mgmt);
    for (const t of [ROOT, OU_C]) await e.call('orgs:DetachPolicy', { PolicyId: p, TargetId: t }, mgmt);
    await e.expectError(
      'orgs:DetachPolicy',
      { PolicyId: p, TargetId: OU_C },
      'PolicyNotAttachedException',
      mgmt,
    );
    await e.expectError('orgs:DeletePolicy', { PolicyId: p }, 'PolicyInUseException', mgmt);
    // FullAWSAccess may go while another SCP stays; the last one may not.
    await e.call('orgs:DetachPolicy', { PolicyId: FULL, TargetId: MEMBER }, mgmt);
    expect(await attached(e, MEMBER)).toEqual([p]);
    await e.expectError(
      'orgs:DetachPolicy',
      { PolicyId: p, TargetId: MEMBER },
      'ConstraintViolationException',
      mgmt,
    );
    await e.call('orgs:AttachPolicy', { PolicyId: FULL, TargetId: MEMBER }, mgmt);
    await e.call('orgs:DetachPolicy', { PolicyId: p, TargetId: MEMBER }, mgmt);
    expect(await e.call('orgs:DeletePolicy', { PolicyId: p }, mgmt)).toEqual({});
    await e.expectError('orgs:DescribePolicy', { PolicyId: p }, 'PolicyNotFoundException', mgmt);
    // The name is free again.
    await create(e, 'NoVpcDeletes');
  });

  it.each([
    ['not JSON', '{"Statement":'],
    ['no Statement', '{"Version":"2012-10-17"}'],
    ['a bad Effect', '{"Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}}'],
    ['no Action', '{"Statement":{"Effect":"Deny","Resource":"*"}}'],
    ['a Principal', '{"Statement":{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}}'],
    ['a bad Version', '{"Version":"2020-01-01","Statement":{"Effect":"Deny","Action":"*"}}'],
  ])('refuses a malformed document (%s)', async (_what, content) => {
    const e = await env();
    await e.expectError(
      'orgs:CreatePolicy',
      { Name: 'x', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: content },
      'MalformedPolicyDocumentException',
      mgmt,
    );
  });

  it('takes a document of exactly 5,120 characters and refuses a longer one', async () => {
    const e = await env();
    const sized = (n: number) => {
      const base = doc('ec2:DeleteVpc');
      return `${base.slice(0, -1)}${' '.repeat(n - base.length)}}`;
    };
    expect(sized(MAX_SCP_CHARACTERS).length).toBe(5120);
    await create(e, 'fits', sized(MAX_SCP_CHARACTERS));
    const message = await e.expectError(
      'orgs:CreatePolicy',
      {
        Name: 'long',
        Description: '',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: sized(MAX_SCP_CHARACTERS + 1),
      },
      'ConstraintViolationException',
      mgmt,
    );
    expect(message).toContain('5121 characters');
    const p = await create(e, 'short');
    await e.expectError(
      'orgs:UpdatePolicy',
      { PolicyId: p, Content: sized(5121) },
      'ConstraintViolationException',
      mgmt,
    );
    await e.expectError(
      'orgs:UpdatePolicy',
      { PolicyId: p, Content: '[]' },
      'MalformedPolicyDocumentException',
      mgmt,
    );
    await e.expectError('orgs:UpdatePolicy', { PolicyId: p, Name: 'fits' }, 'DuplicatePolicyException', mgmt);
    await e.expectError('orgs:UpdatePolicy', { PolicyId: FULL, Name: 'mine' }, 'InvalidInputException', mgmt);
    const renamed = await e.call(
      'orgs:UpdatePolicy',
      { PolicyId: p, Name: 'renamed', Content: doc('s3:*') },
      mgmt,
    );
    expect([renamed.Policy.PolicySummary.Name, renamed.Policy.Content]).toEqual(['renamed', doc('s3:*')]);
  });

  it('only the management account manages policies', async () => {
    const e = await env();
    await enable(e);
    const p = await create(e, 'p');
    await e.expectError(
      'orgs:CreatePolicy',
      { Name: 'mine', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: doc('*') },
      'AccessDeniedException',
      { accountId: MEMBER },
    );
    for (const [action, input] of [
      ['orgs:AttachPolicy', { PolicyId: p, TargetId: MEMBER }],
      ['orgs:DetachPolicy', { PolicyId: FULL, TargetId: ROOT }],
      ['orgs:DeletePolicy', { PolicyId: p }],
      ['orgs:ListPolicies', { Filter: 'SERVICE_CONTROL_POLICY' }],
      ['orgs:DisablePolicyType', { RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' }],
    ] as const)
      await e.expectError(action, input, 'AccessDeniedException', { accountId: ADMIN });
    await e.expectError(
      'orgs:ListPolicies',
      { Filter: 'SERVICE_CONTROL_POLICY' },
      'AWSOrganizationsNotInUseException',
      {
        accountId: '123456789012',
      },
    );
  });

  it('at most five SCPs per target; an OU deleted or an account removed takes its attachments along', async () => {
    const e = await env();
    await enable(e);
    const ps = [];
    for (const n of ['a', 'b', 'c', 'd', 'e']) ps.push(await create(e, n));
    for (const p of ps.slice(0, 4)) await e.call('orgs:AttachPolicy', { PolicyId: p, TargetId: OU_D }, mgmt);
    expect(await attached(e, OU_D)).toEqual([FULL, ...ps.slice(0, 4)]);
    await e.expectError(
      'orgs:AttachPolicy',
      { PolicyId: ps[4], TargetId: OU_D },
      'ConstraintViolationException',
      mgmt,
    );
    await e.call('orgs:AttachPolicy', { PolicyId: ps[4], TargetId: MEMBER }, mgmt);
    await e.call('orgs:RemoveAccountFromOrganization', { AccountId: MEMBER }, mgmt);
    await e.call('orgs:DeleteOrganizationalUnit', { OrganizationalUnitId: OU_D }, mgmt);
    for (const p of ps) expect(await e.call('orgs:DeletePolicy', { PolicyId: p }, mgmt)).toEqual({});
  });

  it('disabling SCPs detaches them all; enabling again starts from FullAWSAccess everywhere', async () => {
    const e = await env();
    await enable(e);
    const p = await create(e, 'p');
    for (const t of [ROOT, OU_C, ADMIN])
      await e.call('orgs:AttachPolicy', { PolicyId: p, TargetId: t }, mgmt);
    const { Root } = await e.call(
      'orgs:DisablePolicyType',
      { RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' },
      mgmt,
    );
    expect(Root.PolicyTypes).toEqual([]);
    expect(await attached(e, OU_C)).toEqual([]);
    await e.expectError(
      'orgs:DisablePolicyType',
      { RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' },
      'PolicyTypeNotEnabledException',
      mgmt,
    );
    await enable(e);
    for (const t of [ROOT, OU_C, ADMIN]) expect(await attached(e, t)).toEqual([FULL]);
    expect(await e.call('orgs:DeletePolicy', { PolicyId: p }, mgmt)).toEqual({});
  });

  it('a policy attached while it is deleted: exactly one of the two wins', async () => {
    const e = await env();
    await enable(e);
    const p = await create(e, 'racy');
    const results = await Promise.allSettled([
      e.call('orgs:AttachPolicy', { PolicyId: p, TargetId: OU_C }, mgmt),
      e.call('orgs:DeletePolicy', { PolicyId: p }, mgmt),
    ]);
    const codes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : r.reason.code));
    expect([
      ['ok', 'PolicyInUseException'],
      ['PolicyNotFoundException', 'ok'],
    ]).toContainEqual(codes);
    const listed = await attached(e, OU_C);
    expect(listed).toEqual(codes[0] === 'ok' ? [FULL, p] : [FULL]);
  });
});
