/** The ready policies and the SCP patterns, decided as the guide's roles would use them. */
import { describe, expect, it } from 'vitest';
import { type AccessRequest, evaluate, type NamedPolicy } from '../../../core/ops/access/evaluate';
import {
  AllotIpamExternalAuthority,
  AllotIpamFullAccess,
  AllotIpamReadOnly,
  FullAWSAccess,
  keepContiguousBlocks,
  mustUseIpam,
  mustUseIpamExcept,
  mustUsePool,
  poolUserPolicy,
} from '../../../core/ops/access/managed';
import { IPAM_ACTIONS, MODEL_ACTIONS } from '../../../core/ops/access/permissions';
import { type PolicyDocument, parsePolicy, SCP_LIMIT, statementsOf } from '../../../core/ops/access/policy';
import { ramOperations } from '../../../core/ops/registry';

const ACCOUNT = '111122223333';
const poolArn = (id: string) => `arn:aws:ec2::${ACCOUNT}:ipam-pool/${id}`;
const VPC = `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc/vpc-0abc`;
const named = (name: string, document: PolicyDocument): NamedPolicy => ({ name, document });
const ask = (action: string, resource = '*', context: AccessRequest['context'] = {}): AccessRequest => ({
  action,
  resource,
  context,
});
const allowedBy = (document: PolicyDocument, request: AccessRequest) =>
  evaluate(request, { identity: [named('p', document)] }).allowed;

const actionsOf = (document: PolicyDocument) =>
  statementsOf(document).flatMap((s) => [s.Action ?? []].flat());

describe('the ready policies', () => {
  it.each([
    ['AllotIpamFullAccess', AllotIpamFullAccess],
    ['AllotIpamReadOnly', AllotIpamReadOnly],
    ['AllotIpamExternalAuthority', AllotIpamExternalAuthority],
    ['poolUserPolicy', poolUserPolicy([poolArn('ipam-pool-0abc')])],
  ])('%s is a valid identity policy', (_, document) => {
    expect(parsePolicy(JSON.stringify(document))).toEqual(document);
  });

  it.each([
    ['mustUseIpam', mustUseIpam()],
    ['mustUsePool', mustUsePool('ipam-pool-0123456789abcdefg')],
    ['mustUseIpamExcept', mustUseIpamExcept(['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'])],
    [
      'keepContiguousBlocks',
      keepContiguousBlocks(['arn:aws:ec2::111122223333:ipam-pool/ipam-pool-0123456789abcdef0']),
    ],
  ])('%s is a valid SCP', (_, document) => {
    expect(parsePolicy(JSON.stringify(document), SCP_LIMIT)).toEqual(document);
  });

  it('full access allows every IPAM action of the guide, the facade, RAM and Allot, and nothing else', () => {
    for (const action of [
      'ec2:CreateIpamPool',
      'ec2:DeleteIpamResourceDiscovery',
      'ec2:CreateVpc',
      'ram:CreateResourceShare',
    ]) {
      expect(allowedBy(AllotIpamFullAccess, ask(action))).toBe(true);
    }
    expect(allowedBy(AllotIpamFullAccess, ask('allot:RunDiscovery'))).toBe(true);
    expect(allowedBy(AllotIpamFullAccess, ask('ec2:RunInstances'))).toBe(false);
    expect(new Set(IPAM_ACTIONS).size).toBe(36);
    const granted = new Set(actionsOf(AllotIpamFullAccess));
    for (const action of [...IPAM_ACTIONS, ...MODEL_ACTIONS]) expect(granted.has(action), action).toBe(true);
    // Every RAM operation the stack serves, the permission-version ones included.
    for (const name of Object.keys(ramOperations)) expect(granted.has(`ram:${name}`), name).toBe(true);
  });

  it('full access allows the IPAM service-linked role only', () => {
    const role = 'arn:aws:iam::111122223333:role/aws-service-role/ipam.amazonaws.com/AWSServiceRoleForIPAM';
    const other = 'arn:aws:iam::111122223333:role/aws-service-role/ec2.amazonaws.com/AWSServiceRoleForEC2';
    const slr = (resource: string, service: string) =>
      allowedBy(
        AllotIpamFullAccess,
        ask('iam:CreateServiceLinkedRole', resource, { 'iam:AWSServiceName': service }),
      );
    expect(slr(role, 'ipam.amazonaws.com')).toBe(true);
    expect(slr(other, 'ipam.amazonaws.com')).toBe(false);
    expect(slr(role, 'ec2.amazonaws.com')).toBe(false);
  });

  it('read-only allows reads of IPAM and refuses every write', () => {
    expect(allowedBy(AllotIpamReadOnly, ask('ec2:DescribeIpamPools'))).toBe(true);
    expect(allowedBy(AllotIpamReadOnly, ask('ec2:GetIpamPoolAllocations', poolArn('ipam-pool-0abc')))).toBe(
      true,
    );
    expect(allowedBy(AllotIpamReadOnly, ask('ec2:CreateIpamPool'))).toBe(false);
    expect(
      evaluate(ask('ec2:CreateIpamPool'), { identity: [named('AllotIpamReadOnly', AllotIpamReadOnly)] }),
    ).toEqual({
      allowed: false,
      reason: 'implicit-deny',
    });
    for (const action of actionsOf(AllotIpamFullAccess)) {
      const read = /^[a-z0-9]+:(Describe|Get|List)/.test(action);
      if (!read) expect(allowedBy(AllotIpamReadOnly, ask(action)), action).toBe(false);
    }
    expect(allowedBy(AllotIpamReadOnly, ask('ec2:DescribeVpcs'))).toBe(false);
  });

  it("a pool's user allocates in its pools only, sees every pool, and creates VPCs only from its pools", () => {
    const user = poolUserPolicy([poolArn('ipam-pool-0abc'), poolArn('ipam-pool-0def')]);
    expect(allowedBy(user, ask('ec2:AllocateIpamPoolCidr', poolArn('ipam-pool-0abc')))).toBe(true);
    expect(allowedBy(user, ask('ec2:ReleaseIpamPoolAllocation', poolArn('ipam-pool-0def')))).toBe(true);
    expect(allowedBy(user, ask('ec2:AllocateIpamPoolCidr', poolArn('ipam-pool-0999')))).toBe(false);
    expect(allowedBy(user, ask('ec2:DeprovisionIpamPoolCidr', poolArn('ipam-pool-0abc')))).toBe(false);
    expect(allowedBy(user, ask('ec2:DescribeIpamPools'))).toBe(true);
    expect(allowedBy(user, ask('ec2:CreateVpc', VPC, { 'ec2:Ipv4IpamPoolId': 'ipam-pool-0abc' }))).toBe(true);
    expect(allowedBy(user, ask('ec2:CreateVpc', VPC, { 'ec2:Ipv4IpamPoolId': 'ipam-pool-0999' }))).toBe(
      false,
    );
    expect(allowedBy(user, ask('ec2:CreateVpc', VPC))).toBe(false);
  });

  it('an external authority reads pools, IPAMs, scopes, allocations and resource CIDRs', () => {
    expect(allowedBy(AllotIpamExternalAuthority, ask('ec2:GetIpamResourceCidrs'))).toBe(true);
    expect(allowedBy(AllotIpamExternalAuthority, ask('ec2:AllocateIpamPoolCidr'))).toBe(false);
  });
});

describe('the SCP patterns', () => {
  const admin = [
    named('admin', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }),
  ];
  const under = (scp: PolicyDocument, request: AccessRequest) =>
    evaluate(request, {
      identity: admin,
      scps: [[named('FullAWSAccess', FullAWSAccess), named('ipam', scp)]],
    });
  const inOu = '/r-ab12/ou-ab12-11111111/ou-ab12-22222222/';

  it('must use IPAM: a VPC without an IPv4 pool is denied, with one allowed', () => {
    expect(under(mustUseIpam(), ask('ec2:CreateVpc', VPC))).toEqual({
      allowed: false,
      reason: 'scp-deny',
      statement: expect.objectContaining({ policy: 'ipam', index: 0 }),
    });
    expect(under(mustUseIpam(), ask('ec2:AssociateVpcCidrBlock', VPC)).reason).toBe('scp-deny');
    expect(
      under(mustUseIpam(), ask('ec2:CreateVpc', VPC, { 'ec2:Ipv4IpamPoolId': 'ipam-pool-0abc' })).allowed,
    ).toBe(true);
    expect(under(mustUseIpam(), ask('ec2:CreateSubnet', VPC)).allowed).toBe(true);
  });

  it('must use a specific pool: another pool, or none, is denied', () => {
    const scp = mustUsePool('ipam-pool-0123456789abcdefg');
    expect(
      under(scp, ask('ec2:CreateVpc', VPC, { 'ec2:Ipv4IpamPoolId': 'ipam-pool-0123456789abcdefg' })).allowed,
    ).toBe(true);
    expect(under(scp, ask('ec2:CreateVpc', VPC, { 'ec2:Ipv4IpamPoolId': 'ipam-pool-0abc' })).reason).toBe(
      'scp-deny',
    );
    expect(under(scp, ask('ec2:CreateVpc', VPC)).reason).toBe('scp-deny');
  });

  it('must use IPAM except listed OUs: accounts in a listed OU may enter CIDRs by hand', () => {
    const scp = mustUseIpamExcept([`o-a1b2c3d4e5${inOu}`]);
    const listed = { 'aws:PrincipalOrgPaths': [`o-a1b2c3d4e5${inOu}`] };
    const elsewhere = { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-33333333/'] };
    expect(under(scp, ask('ec2:CreateVpc', VPC, listed)).allowed).toBe(true);
    expect(under(scp, ask('ec2:CreateVpc', VPC, elsewhere)).reason).toBe('scp-deny');
    expect(
      under(scp, ask('ec2:CreateVpc', VPC, { ...elsewhere, 'ec2:Ipv4IpamPoolId': 'ipam-pool-0abc' })).allowed,
    ).toBe(true);
    // The listed path is exact: an OU below it is not excluded.
    const below = { 'aws:PrincipalOrgPaths': [`o-a1b2c3d4e5${inOu}ou-ab12-44444444/`] };
    expect(under(scp, ask('ec2:CreateVpc', VPC, below)).reason).toBe('scp-deny');
  });

  it('denies nothing else, and an SCP without FullAWSAccess allows nothing', () => {
    expect(under(mustUseIpam(), ask('ec2:DescribeVpcs')).allowed).toBe(true);
    const alone = evaluate(ask('ec2:DescribeVpcs'), {
      identity: admin,
      scps: [[named('ipam', mustUseIpam())]],
    });
    expect(alone.reason).toBe('scp-implicit-deny');
  });
});
