/**
 * Every condition operator, decided through one Allow statement whose only test is the
 * condition: allowed means the condition held.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../core/ops/access/evaluate';
import type { ConditionBlock, ConditionValue } from '../../../core/ops/access/policy';

type Context = Record<string, string | string[] | undefined>;

const holds = (
  Condition: ConditionBlock,
  context: Context,
  version: '2012-10-17' | '2008-10-17' = '2012-10-17',
) =>
  evaluate(
    { action: 'ec2:CreateVpc', resource: 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1', context },
    {
      identity: [
        {
          name: 'p',
          document: {
            Version: version,
            Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition },
          },
        },
      ],
    },
  ).allowed;

const one = (operator: string, key: string, value: ConditionValue | ConditionValue[]) => ({
  [operator]: { [key]: value },
});

describe('string operators', () => {
  it.each<[string, ConditionValue | ConditionValue[], string | undefined, boolean]>([
    ['StringEquals', 'prod', 'prod', true],
    ['StringEquals', 'prod', 'Prod', false],
    ['StringEquals', ['dev', 'prod'], 'prod', true],
    ['StringEquals', 'prod', undefined, false],
    ['StringEquals', 'p*', 'prod', false],
    ['StringNotEquals', 'prod', 'prod', false],
    ['StringNotEquals', 'prod', 'dev', true],
    ['StringNotEquals', ['dev', 'prod'], 'prod', false],
    ['StringNotEquals', 'prod', undefined, true],
    ['StringEqualsIgnoreCase', 'PROD', 'prod', true],
    ['StringEqualsIgnoreCase', 'prod', 'dev', false],
    ['StringNotEqualsIgnoreCase', 'PROD', 'prod', false],
    ['StringNotEqualsIgnoreCase', 'PROD', 'dev', true],
    ['StringLike', 'p*', 'prod', true],
    ['StringLike', 'p?od', 'prod', true],
    ['StringLike', 'p?d', 'prod', false],
    ['StringLike', 'P*', 'prod', false],
    ['StringNotLike', 'p*', 'prod', false],
    ['StringNotLike', ['d*', 'x*'], 'prod', true],
    ['StringNotLike', 'p*', undefined, true],
    ['StringEquals', true, 'true', true],
    ['StringEquals', 5, '5', true],
  ])('%s %j with %s is %s', (operator, value, request, expected) => {
    expect(holds(one(operator, 'aws:ResourceTag/env', value), { 'aws:ResourceTag/env': request })).toBe(
      expected,
    );
  });
});

describe('numeric, date, bool, binary, IP and ARN operators', () => {
  it.each<[string, string, ConditionValue | ConditionValue[], string, boolean]>([
    ['NumericEquals', 'aws:MultiFactorAuthAge', '300', '300', true],
    ['NumericEquals', 'aws:MultiFactorAuthAge', '300', '300.0', true],
    ['NumericNotEquals', 'aws:MultiFactorAuthAge', '300', '301', true],
    ['NumericLessThan', 'aws:MultiFactorAuthAge', '300', '299', true],
    ['NumericLessThan', 'aws:MultiFactorAuthAge', '300', '300', false],
    ['NumericLessThanEquals', 'aws:MultiFactorAuthAge', '300', '300', true],
    ['NumericGreaterThan', 'aws:MultiFactorAuthAge', 2.5, '3', true],
    ['NumericGreaterThanEquals', 'aws:MultiFactorAuthAge', '3', '2', false],
    ['NumericEquals', 'aws:MultiFactorAuthAge', '300', 'abc', false],
    ['DateEquals', 'aws:CurrentTime', '2026-01-01', '2026-01-01T00:00:00Z', true],
    ['DateNotEquals', 'aws:CurrentTime', '2026-01-01', '2026-01-02', true],
    ['DateLessThan', 'aws:CurrentTime', '2026-01-01T00:00:00Z', '2025-12-31T23:59:59Z', true],
    ['DateLessThan', 'aws:CurrentTime', '2026-01-01T01:00:00+01:00', '2026-01-01T00:00:00Z', false],
    ['DateLessThanEquals', 'aws:CurrentTime', '1767225600', '2026-01-01T00:00:00Z', true],
    ['DateGreaterThan', 'aws:EpochTime', '2026-01-01T00:00:00Z', '1767225601', true],
    ['DateGreaterThanEquals', 'aws:CurrentTime', '2026-01-02', '2026-01-01T23:59:59Z', false],
    ['Bool', 'aws:SecureTransport', 'true', 'true', true],
    ['Bool', 'aws:SecureTransport', true, 'true', true],
    ['Bool', 'aws:SecureTransport', 'false', 'true', false],
    ['BinaryEquals', 'ec2:Blob', 'QmluYXJ5', 'QmluYXJ5', true],
    ['BinaryEquals', 'ec2:Blob', 'QmluYXJ5', 'QmluYXJ6', false],
    ['IpAddress', 'aws:SourceIp', '203.0.113.0/24', '203.0.113.7', true],
    ['IpAddress', 'aws:SourceIp', '203.0.113.9/24', '203.0.113.7', true],
    ['IpAddress', 'aws:SourceIp', '203.0.113.7', '203.0.113.7', true],
    ['IpAddress', 'aws:SourceIp', '203.0.113.0/24', '198.51.100.1', false],
    ['IpAddress', 'aws:SourceIp', '2001:db8::/32', '2001:DB8::1', true],
    ['IpAddress', 'aws:SourceIp', '203.0.113.0/24', '2001:db8::1', false],
    ['NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8', '203.0.113.0/24'], '203.0.113.7', false],
    ['NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', '2001:db8::1', true],
    ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/admin', true],
    ['ArnEquals', 'aws:PrincipalArn', 'arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/admin', true],
    ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:user/alice', false],
    // A wildcard stays inside its segment: the region's '*' does not reach the account.
    ['ArnLike', 'aws:SourceArn', 'arn:aws:ec2:*:vpc/*', 'arn:aws:ec2:us-east-1:111122223333:vpc/v', false],
    [
      'ArnNotEquals',
      'aws:PrincipalArn',
      'arn:aws:iam::*:role/*',
      'arn:aws:iam::111122223333:user/alice',
      true,
    ],
    ['ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::*:*', 'arn:aws:iam::111122223333:user/alice', false],
    // Fewer than six segments is no ARN: it matches nothing, and voids a negated operator.
    ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam:*', 'arn:aws:iam::111122223333:user/alice', false],
    ['ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam:*', 'arn:aws:iam::111122223333:user/alice', false],
  ])('%s %s %j with %s is %s', (operator, key, value, request, expected) => {
    expect(holds(one(operator, key, value), { [key]: request })).toBe(expected);
  });
});

describe('missing keys, IfExists and Null', () => {
  it.each<[string, boolean]>([
    ['StringEquals', false],
    ['StringNotEquals', true],
    ['StringNotLike', true],
    ['NumericNotEquals', true],
    ['NotIpAddress', true],
    ['ArnNotLike', true],
    ['Bool', false],
    ['StringEqualsIfExists', true],
    ['NumericLessThanIfExists', true],
    ['BoolIfExists', true],
    ['ForAllValues:StringEquals', true],
    ['ForAllValues:StringNotLike', true],
    ['ForAnyValue:StringEquals', false],
    ['ForAnyValue:StringNotEquals', false],
    // AWS refuses ListQueues under ForAnyValue:StringEqualsIfExists: IfExists does not rescue it.
    ['ForAnyValue:StringEqualsIfExists', false],
  ])('%s without the key is %s', (operator, expected) => {
    expect(holds(one(operator, 'aws:ResourceTag/env', 'x'), {})).toBe(expected);
  });

  it('IfExists tests a present key as usual', () => {
    expect(
      holds(one('StringEqualsIfExists', 'aws:ResourceTag/env', 'prod'), { 'aws:ResourceTag/env': 'dev' }),
    ).toBe(false);
  });

  it.each<[string | boolean, Context, boolean]>([
    ['true', {}, true],
    ['true', { 'ec2:Ipv4IpamPoolId': 'ipam-pool-0abc' }, false],
    ['false', { 'ec2:Ipv4IpamPoolId': 'ipam-pool-0abc' }, true],
    ['false', {}, false],
    [true, { 'ec2:Ipv4IpamPoolId': undefined }, true],
    // An empty list is a key with no value: null.
    ['true', { 'ec2:Ipv4IpamPoolId': [] }, true],
  ])('Null %j with %j is %s', (value, context, expected) => {
    expect(holds(one('Null', 'ec2:Ipv4IpamPoolId', value), context)).toBe(expected);
  });
});

describe('set operators', () => {
  const tags = (keys: string[]) => ({ 'aws:TagKeys': keys });
  it.each<[string, string[], string[], boolean]>([
    ['ForAllValues:StringEquals', ['env', 'owner'], ['env'], true],
    ['ForAllValues:StringEquals', ['env', 'owner'], ['env', 'cost'], false],
    ['ForAnyValue:StringEquals', ['env', 'owner'], ['cost', 'env'], true],
    ['ForAnyValue:StringEquals', ['env', 'owner'], ['cost'], false],
    ['ForAllValues:StringLike', ['e*'], ['env', 'eta'], true],
    ['ForAnyValue:StringNotEquals', ['env'], ['env', 'cost'], true],
    ['ForAnyValue:StringNotEquals', ['env'], ['env'], false],
    ['ForAllValues:StringNotLike', ['key1*'], ['key2:audit'], true],
    ['ForAllValues:StringNotLike', ['key1*'], ['key1:hr', 'key2:audit'], false],
    // A multivalued key needs a set operator: without one its condition fails, negated or not.
    ['StringEquals', ['env'], ['env', 'cost'], false],
    ['StringNotEquals', ['x'], ['env', 'cost'], false],
    ['StringEqualsIfExists', ['env'], ['env'], false],
  ])('%s %j with %j is %s', (operator, policy, request, expected) => {
    expect(holds(one(operator, 'aws:TagKeys', policy), tags(request))).toBe(expected);
  });

  it('reads a single value under a set operator as a set of one', () => {
    expect(
      holds(one('ForAnyValue:StringEquals', 'aws:ResourceTag/env', 'prod'), {
        'aws:ResourceTag/env': 'prod',
      }),
    ).toBe(true);
  });
});

describe('keys and operators together', () => {
  it('compares key names case-insensitively and values case-sensitively', () => {
    expect(holds(one('StringEquals', 'AWS:RESOURCETAG/ENV', 'prod'), { 'aws:ResourceTag/env': 'prod' })).toBe(
      true,
    );
    expect(holds(one('StringEquals', 'aws:ResourceTag/env', 'prod'), { 'AWS:resourcetag/ENV': 'PROD' })).toBe(
      false,
    );
  });

  it('needs every operator and every key (AND)', () => {
    const block: ConditionBlock = {
      StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalAccount': '111122223333' },
      Bool: { 'aws:SecureTransport': 'true' },
    };
    const all = {
      'aws:RequestedRegion': 'us-east-1',
      'aws:PrincipalAccount': '111122223333',
      'aws:SecureTransport': 'true',
    };
    expect(holds(block, all)).toBe(true);
    expect(holds(block, { ...all, 'aws:SecureTransport': 'false' })).toBe(false);
    expect(holds(block, { ...all, 'aws:PrincipalAccount': '444455556666' })).toBe(false);
  });
});

describe('policy variables in condition values', () => {
  const env = (value: string, context: Context) =>
    holds(one('StringEquals', 'aws:ResourceTag/owner', value), context);

  it('replaces a variable by the request value of its key', () => {
    expect(env('${aws:username}', { 'aws:ResourceTag/owner': 'alice', 'aws:username': 'alice' })).toBe(true);
    expect(
      env('team-${aws:username}', { 'aws:ResourceTag/owner': 'team-bob', 'aws:username': 'alice' }),
    ).toBe(false);
    expect(env('${AWS:USERNAME}', { 'aws:ResourceTag/owner': 'alice', 'aws:username': 'alice' })).toBe(true);
  });

  it('takes the default when the key is missing, and matches nothing without one', () => {
    expect(env("${aws:PrincipalTag/team, 'platform'}", { 'aws:ResourceTag/owner': 'platform' })).toBe(true);
    expect(env('${aws:username}', { 'aws:ResourceTag/owner': 'alice' })).toBe(false);
    // Negated, an unresolved variable fails the key rather than excluding nothing.
    expect(
      holds(one('StringNotEquals', 'aws:ResourceTag/owner', '${aws:username}'), {
        'aws:ResourceTag/owner': 'x',
      }),
    ).toBe(false);
  });

  it('does not resolve a multivalued key', () => {
    expect(env('${aws:TagKeys}', { 'aws:ResourceTag/owner': 'env', 'aws:TagKeys': ['env'] })).toBe(false);
  });

  it('writes literal *, ? and $ as ${*}, ${?} and ${$}, and never reads a value as a wildcard', () => {
    const like = (value: string, tag: string, context: Context = {}) =>
      holds(one('StringLike', 'aws:ResourceTag/owner', value), { 'aws:ResourceTag/owner': tag, ...context });
    expect(like('a${*}', 'a*')).toBe(true);
    expect(like('a${*}', 'ab')).toBe(false);
    expect(like('a${?}', 'a?')).toBe(true);
    expect(like('a${?}', 'ab')).toBe(false);
    expect(like('${$}x', '$x')).toBe(true);
    expect(like('${aws:username}', 'alice', { 'aws:username': 'a*' })).toBe(false);
    expect(like('${aws:username}', 'a*', { 'aws:username': 'a*' })).toBe(true);
    expect(like('${aws:username}-*', 'a*-42', { 'aws:username': 'a*' })).toBe(true);
  });

  it('reads ${…} as text in a 2008-10-17 policy', () => {
    const block = one('StringEquals', 'aws:ResourceTag/owner', '${aws:username}');
    expect(holds(block, { 'aws:ResourceTag/owner': 'alice', 'aws:username': 'alice' }, '2008-10-17')).toBe(
      false,
    );
    expect(holds(block, { 'aws:ResourceTag/owner': '${aws:username}' }, '2008-10-17')).toBe(true);
  });
});
