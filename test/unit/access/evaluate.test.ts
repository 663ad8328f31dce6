/**
 * The decision: explicit deny first (SCPs, then identity policies), every SCP level must allow,
 * the root principal needs no identity policy, otherwise an identity Allow; actions, resources,
 * NotAction, NotResource and policy variables in Resource.
 */
import { describe, expect, it } from 'vitest';
import {
  type AccessRequest,
  evaluate,
  evaluateAll,
  type NamedPolicy,
} from '../../../core/ops/access/evaluate';
import { FullAWSAccess } from '../../../core/ops/access/managed';
import type { Statement } from '../../../core/ops/access/policy';

const ACCOUNT = '111122223333';
const VPC = `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc/vpc-0abc`;
const POOL = `arn:aws:ec2::${ACCOUNT}:ipam-pool/ipam-pool-0abc`;

const policy = (name: string, ...statements: Statement[]): NamedPolicy => ({
  name,
  document: { Version: '2012-10-17', Statement: statements },
});
const allow = (Action: string | string[], Resource: string | string[] = '*'): Statement => ({
  Effect: 'Allow',
  Action,
  Resource,
});
const request = (action: string, resource = '*', context: AccessRequest['context'] = {}): AccessRequest => ({
  action,
  resource,
  context,
});
const full: NamedPolicy = { name: 'FullAWSAccess', document: FullAWSAccess };

describe('actions', () => {
  it.each<[string | string[], string, boolean]>([
    ['*', 'ec2:CreateVpc', true],
    ['ec2:*', 'ec2:CreateVpc', true],
    ['ec2:CreateVpc', 'ec2:createvpc', true],
    ['EC2:createVPC', 'ec2:CreateVpc', true],
    ['ec2:Describe*', 'ec2:DescribeIpamPools', true],
    ['ec2:Describe*', 'ec2:CreateIpamPool', false],
    ['ec2:?reateVpc', 'ec2:CreateVpc', true],
    ['ram:*', 'ec2:CreateVpc', false],
    [['ram:*', 'ec2:Create*'], 'ec2:CreateVpc', true],
  ])('%j covers %s: %s', (action, asked, expected) => {
    expect(evaluate(request(asked), { identity: [policy('p', allow(action))] }).allowed).toBe(expected);
  });

  it('NotAction allows every action but those named', () => {
    const p = policy('p', {
      Effect: 'Allow',
      NotAction: ['ec2:Delete*', 'ec2:CreateIpamPool'],
      Resource: '*',
    });
    expect(evaluate(request('ec2:DescribeIpamPools'), { identity: [p] }).allowed).toBe(true);
    expect(evaluate(request('ec2:DeleteIpam'), { identity: [p] }).allowed).toBe(false);
    expect(evaluate(request('ec2:CreateIpamPool'), { identity: [p] }).allowed).toBe(false);
  });

  it('a Deny with NotAction denies every action but those named', () => {
    const p = policy('p', allow('*'), {
      Sid: 'OnlyReads',
      Effect: 'Deny',
      NotAction: 'ec2:Describe*',
      Resource: '*',
    });
    expect(evaluate(request('ec2:DescribeVpcs'), { identity: [p] }).allowed).toBe(true);
    expect(evaluate(request('ec2:CreateVpc', VPC), { identity: [p] })).toEqual({
      allowed: false,
      reason: 'explicit-deny',
      statement: expect.objectContaining({ policy: 'p', sid: 'OnlyReads', index: 1 }),
    });
  });
});

describe('resources', () => {
  it.each<[string, string, boolean]>([
    ['*', VPC, true],
    ['*', '*', true],
    ['arn:aws:ec2:*:*:vpc/*', VPC, true],
    ['arn:aws:ec2:*:*:vpc/*', POOL, false],
    ['arn:aws:ec2:us-west-2:*:vpc/*', VPC, false],
    ['arn:aws:ec2:*:*:VPC/*', VPC, false],
    ['arn:aws:ec2::111122223333:ipam-pool/ipam-pool-0abc', POOL, true],
    ['arn:aws:ec2::*:ipam-pool/ipam-pool-0ab?', POOL, true],
    // A wildcard stays in its segment; only a trailing one stands for missing segments.
    ['arn:aws:ec2:*:vpc/*', VPC, false],
    ['arn:aws:ec2:*', VPC, true],
    ['arn:aws:ec2:us-*', VPC, true],
    ['arn:aws:s3:*', VPC, false],
    // An action without resource-level permissions acts on '*', which only '*' covers.
    ['arn:aws:ec2:*:*:*', '*', false],
  ])('%s covers %s: %s', (resource, asked, expected) => {
    expect(
      evaluate(request('ec2:CreateVpc', asked), { identity: [policy('p', allow('*', resource))] }).allowed,
    ).toBe(expected);
  });

  it('NotResource allows everything but the resources named', () => {
    const p = policy('p', { Effect: 'Allow', Action: '*', NotResource: 'arn:aws:ec2:*:*:vpc/*' });
    expect(evaluate(request('ec2:AllocateIpamPoolCidr', POOL), { identity: [p] }).allowed).toBe(true);
    expect(evaluate(request('ec2:CreateVpc', VPC), { identity: [p] }).allowed).toBe(false);
    expect(evaluate(request('ec2:DescribeVpcs', '*'), { identity: [p] }).allowed).toBe(true);
  });

  it('resolves variables in the resource part of an ARN only', () => {
    const own = policy('p', allow('*', 'arn:aws:ec2:*:*:vpc/${aws:PrincipalTag/vpc}'));
    const ctx = { 'aws:PrincipalTag/vpc': 'vpc-0abc' };
    expect(evaluate(request('ec2:CreateVpc', VPC, ctx), { identity: [own] }).allowed).toBe(true);
    expect(
      evaluate(request('ec2:CreateVpc', VPC, { 'aws:PrincipalTag/vpc': 'vpc-0def' }), { identity: [own] })
        .allowed,
    ).toBe(false);
    expect(evaluate(request('ec2:CreateVpc', VPC), { identity: [own] }).allowed).toBe(false);
    // Before the fifth colon ${…} is text, as IAM reads it.
    const account = policy('p', allow('*', 'arn:aws:ec2:*:${aws:PrincipalAccount}:vpc/*'));
    expect(
      evaluate(request('ec2:CreateVpc', VPC, { 'aws:PrincipalAccount': ACCOUNT }), { identity: [account] })
        .allowed,
    ).toBe(false);
  });

  it('does not apply a NotResource whose variable is unresolved, unless the rest already misses', () => {
    const p = policy('p', {
      Effect: 'Allow',
      Action: '*',
      NotResource: 'arn:aws:ec2::*:ipam-pool/${ec2:Ipv4IpamPoolId}',
    });
    expect(evaluate(request('ec2:AllocateIpamPoolCidr', POOL), { identity: [p] }).allowed).toBe(false);
    expect(evaluate(request('ec2:CreateVpc', VPC), { identity: [p] }).allowed).toBe(true);
    const ctx = { 'ec2:Ipv4IpamPoolId': 'ipam-pool-0def' };
    expect(evaluate(request('ec2:AllocateIpamPoolCidr', POOL, ctx), { identity: [p] }).allowed).toBe(true);
  });
});

describe('the order of the decision', () => {
  const deny: Statement = { Sid: 'NoVpcs', Effect: 'Deny', Action: 'ec2:CreateVpc', Resource: '*' };

  it('is an implicit deny without any Allow', () => {
    expect(evaluate(request('ec2:CreateVpc', VPC), { identity: [] })).toEqual({
      allowed: false,
      reason: 'implicit-deny',
    });
  });

  it('names the Allow that decided', () => {
    const d = evaluate(request('ec2:CreateVpc', VPC), {
      identity: [policy('a', allow('ram:*')), policy('b', allow('ec2:*'))],
    });
    expect(d).toEqual({
      allowed: true,
      reason: 'allowed',
      statement: { policy: 'b', index: 0, body: allow('ec2:*') },
    });
  });

  it('lets an explicit Deny win over any Allow, in the same policy or another', () => {
    const d = evaluate(request('ec2:CreateVpc', VPC), {
      identity: [policy('admin', allow('*')), policy('guard', allow('ec2:Describe*'), deny)],
    });
    expect(d).toEqual({
      allowed: false,
      reason: 'explicit-deny',
      statement: { policy: 'guard', sid: 'NoVpcs', index: 1, body: deny },
    });
  });

  it('needs an Allow at every SCP level', () => {
    const identity = [policy('admin', allow('*'))];
    const ec2Only = policy('Ec2Only', allow('ec2:*'));
    const ask = request('ec2:CreateVpc', VPC);
    expect(evaluate(ask, { identity, scps: [[full], [ec2Only], [full]] }).allowed).toBe(true);
    expect(evaluate(ask, { identity, scps: [[full], [policy('RamOnly', allow('ram:*'))], [full]] })).toEqual({
      allowed: false,
      reason: 'scp-implicit-deny',
    });
    expect(evaluate(ask, { identity, scps: [[full], []] }).reason).toBe('scp-implicit-deny');
    // An SCP grants nothing by itself.
    expect(evaluate(ask, { identity: [], scps: [[full]] }).reason).toBe('implicit-deny');
  });

  it('reports an SCP Deny as scp-deny, before an identity Deny', () => {
    const d = evaluate(request('ec2:CreateVpc', VPC), {
      identity: [policy('admin', allow('*'), deny)],
      scps: [[full], [full, policy('NoVpcsHere', deny)]],
    });
    expect(d).toEqual({
      allowed: false,
      reason: 'scp-deny',
      statement: { policy: 'NoVpcsHere', sid: 'NoVpcs', index: 0, body: deny },
    });
  });

  it('allows the root principal without identity policies, but not past SCPs', () => {
    const ask = request('ec2:CreateVpc', VPC);
    expect(evaluate(ask, { identity: [], root: true })).toEqual({ allowed: true, reason: 'allowed' });
    expect(
      evaluate(ask, { identity: [], root: true, scps: [[full], [policy('NoVpcsHere', deny)]] }).reason,
    ).toBe('scp-deny');
    expect(
      evaluate(ask, { identity: [], root: true, scps: [[policy('RamOnly', allow('ram:*'))]] }).reason,
    ).toBe('scp-implicit-deny');
  });
});

describe('evaluateAll', () => {
  const identity = [policy('p', allow(['ec2:CreateVpc', 'ec2:AllocateIpamPoolCidr']))];

  it('allows when every request is allowed, and returns the first refusal otherwise', () => {
    expect(
      evaluateAll([request('ec2:CreateVpc', VPC), request('ec2:AllocateIpamPoolCidr', POOL)], { identity })
        .allowed,
    ).toBe(true);
    const d = evaluateAll(
      [request('ec2:CreateVpc', VPC), request('ec2:DeleteVpc', VPC), request('ec2:DeleteIpam')],
      { identity },
    );
    expect(d).toEqual({ allowed: false, reason: 'implicit-deny' });
  });

  it('refuses an empty list, so a mistake computing the requests grants nothing', () => {
    expect(evaluateAll([], { identity }).allowed).toBe(false);
  });
});
