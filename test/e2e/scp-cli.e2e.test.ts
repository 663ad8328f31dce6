/**
 * Organization guardrails (F-SCP-02/04) with the real AWS CLI: the management account attaches
 * the guide's "must use IPAM" SCP to the root through `aws organizations`; a member's `create-vpc`
 * without a pool is refused naming the SCP, with a pool it is made; the management account is
 * never subject to SCPs; an excepted OU path (F-SCP-04) creates VPCs freely.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustUseIpam, mustUseIpamExcept } from '../../core/ops/access';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const MGMT = '999988887777';
const MEMBER = '444455556666';
const SANDBOX = '222233334444';
let t: Tutorial;

describe.skipIf(!tutorialTools('scp-cli.e2e'))('SCP guardrails with the AWS CLI', () => {
  let root = '';
  let ou = '';
  let pool = '';

  beforeAll(async () => {
    // No per-process cache of SCPs: an attachment applies to the next request.
    t = await startTutorial('scp-cli.e2e', { ALLOT_AUTH_CACHE_SECONDS: '0' });
    await t.ok(MGMT, 'organizations', 'create-organization', '--feature-set', 'ALL');
    root = (await t.ok(MGMT, 'organizations', 'list-roots')).Roots[0].Id;
    ou = (
      await t.ok(
        MGMT,
        'organizations',
        'create-organizational-unit',
        '--parent-id',
        root,
        '--name',
        'sandbox',
      )
    ).OrganizationalUnit.Id;
    await t.join(MEMBER, MGMT);
    await t.join(SANDBOX, MGMT, ou);
    await t.ok(
      MGMT,
      'organizations',
      'enable-policy-type',
      '--root-id',
      root,
      '--policy-type',
      'SERVICE_CONTROL_POLICY',
    );
    const scope = (await t.ok(MEMBER, 'ec2', 'create-ipam', '--operating-regions', 'RegionName=us-east-1'))
      .Ipam.PrivateDefaultScopeId;
    pool = (
      await t.ok(
        MEMBER,
        'ec2',
        'create-ipam-pool',
        '--ipam-scope-id',
        scope,
        '--address-family',
        'ipv4',
        '--locale',
        'us-east-1',
      )
    ).IpamPool.IpamPoolId;
    await t.ok(MEMBER, 'ec2', 'provision-ipam-pool-cidr', '--ipam-pool-id', pool, '--cidr', '10.0.0.0/16');
  }, 300_000);

  afterAll(async () => {
    await t?.stop();
  });

  it('F-SCP-02 on the root: a member must use IPAM for its VPCs; the management account is exempt', async () => {
    const policy = (
      await t.ok(
        MGMT,
        'organizations',
        'create-policy',
        '--type',
        'SERVICE_CONTROL_POLICY',
        '--name',
        'MustUseIpam',
        '--description',
        'F-SCP-02',
        '--content',
        JSON.stringify(mustUseIpam()),
      )
    ).Policy.PolicySummary.Id;
    await t.ok(MGMT, 'organizations', 'attach-policy', '--policy-id', policy, '--target-id', root);
    const refused = await t.fails(
      'UnauthorizedOperation',
      MEMBER,
      'ec2',
      'create-vpc',
      '--cidr-block',
      '10.9.0.0/16',
    );
    expect(refused).toContain(
      `User: arn:aws:iam::${MEMBER}:root is not authorized to perform: ec2:CreateVpc on resource: arn:aws:ec2:us-east-1:${MEMBER}:vpc/* with an explicit deny in a service control policy (MustUseIpam)`,
    );
    const vpc = await t.ok(
      MEMBER,
      'ec2',
      'create-vpc',
      '--ipv4-ipam-pool-id',
      pool,
      '--ipv4-netmask-length',
      '24',
    );
    expect(vpc.Vpc.CidrBlock).toBe('10.0.0.0/24');
    const own = await t.ok(MGMT, 'ec2', 'create-vpc', '--cidr-block', '10.8.0.0/16');
    expect(own.Vpc.CidrBlock).toBe('10.8.0.0/16');
    // Reads are not touched by the guardrail.
    expect(
      (await t.ok(MEMBER, 'ec2', 'describe-ipam-pools')).IpamPools.map(
        (p: { IpamPoolId: string }) => p.IpamPoolId,
      ),
    ).toEqual([pool]);
    await t.ok(MGMT, 'organizations', 'detach-policy', '--policy-id', policy, '--target-id', root);
  });

  it('F-SCP-04: must use IPAM except for a listed OU path', async () => {
    const org = (await t.ok(MGMT, 'organizations', 'describe-organization')).Organization.Id;
    const policy = (
      await t.ok(
        MGMT,
        'organizations',
        'create-policy',
        '--type',
        'SERVICE_CONTROL_POLICY',
        '--name',
        'MustUseIpamExceptSandbox',
        '--description',
        'F-SCP-04',
        '--content',
        JSON.stringify(mustUseIpamExcept([`${org}/${root}/${ou}/`])),
      )
    ).Policy.PolicySummary.Id;
    await t.ok(MGMT, 'organizations', 'attach-policy', '--policy-id', policy, '--target-id', root);
    expect((await t.ok(SANDBOX, 'ec2', 'create-vpc', '--cidr-block', '10.7.0.0/16')).Vpc.CidrBlock).toBe(
      '10.7.0.0/16',
    );
    expect(
      await t.fails('UnauthorizedOperation', MEMBER, 'ec2', 'create-vpc', '--cidr-block', '10.6.0.0/16'),
    ).toContain('with an explicit deny in a service control policy (MustUseIpamExceptSandbox)');
  });
});
