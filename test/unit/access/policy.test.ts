/** parsePolicy: what IAM accepts, and each malformed form refused with a reason. */
import { describe, expect, it } from 'vitest';
import { parsePolicy, SCP_LIMIT } from '../../../core/ops/access/policy';

const doc = (statement: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statement, ...extra });
const ok = { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' };

const refusal = (text: string, options = {}) => {
  try {
    parsePolicy(text, options);
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('accepted');
};

describe('parsePolicy', () => {
  it('accepts IAM policies: one statement or a list, either version or none, every element', () => {
    expect(parsePolicy(doc(ok))).toEqual({ Version: '2012-10-17', Statement: ok });
    expect(parsePolicy(JSON.stringify({ Statement: [ok] })).Statement).toEqual([ok]);
    expect(parsePolicy(doc([ok], { Version: '2008-10-17', Id: 'x' })).Version).toBe('2008-10-17');
    const rich = {
      Sid: 'Pools1',
      Effect: 'Deny',
      NotAction: ['ec2:Describe*', 'ram:*'],
      NotResource: ['arn:aws:ec2::*:ipam-pool/${aws:PrincipalTag/pool}', 'arn:aws:ec2:*'],
      Condition: {
        'ForAnyValue:StringNotLike': { 'aws:PrincipalOrgPaths': ['o-1/r-1/ou-1/'] },
        StringEqualsIfExists: { 'aws:ResourceTag/cost center': "${aws:username, 'it''s'}" },
        Null: { 'ec2:Ipv4IpamPoolId': true },
        NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
      },
    };
    expect(parsePolicy(doc([rich, ok]))).toEqual(JSON.parse(doc([rich, ok])));
  });

  it.each<[string, string, string]>([
    ['not JSON', '{"Statement": ', 'not valid JSON'],
    ['not an object', '[1]', 'must be a JSON object'],
    [
      'an unknown version',
      doc(ok, { Version: '2020-01-01' }),
      'Version must be "2012-10-17" or "2008-10-17"',
    ],
    ['an unknown top-level element', doc(ok, { Foo: 1 }), "unknown element 'Foo'"],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' }), 'has no Statement'],
    ['an empty Statement', doc([]), 'at least one statement'],
    ['a statement that is not an object', doc(['x']), 'Statement[0] must be a JSON object'],
    ['a Principal', doc({ ...ok, Principal: '*' }), 'may not name a Principal'],
    ['an unknown statement element', doc({ ...ok, Foo: 1 }), "Statement has an unknown element 'Foo'"],
    ['a lower-case effect', doc({ ...ok, Effect: 'allow' }), 'Effect must be "Allow" or "Deny"'],
    ['no Effect', doc({ Action: '*', Resource: '*' }), 'Effect must be "Allow" or "Deny"'],
    ['both Action and NotAction', doc({ ...ok, NotAction: 'ec2:*' }), 'both Action and NotAction'],
    ['neither Action nor NotAction', doc({ Effect: 'Allow', Resource: '*' }), 'neither Action nor NotAction'],
    ['both Resource and NotResource', doc({ ...ok, NotResource: '*' }), 'both Resource and NotResource'],
    [
      'neither Resource nor NotResource',
      doc({ Effect: 'Allow', Action: '*' }),
      'neither Resource nor NotResource',
    ],
    [
      'an action without a service',
      doc({ ...ok, Action: 'CreateVpc' }),
      "'CreateVpc' is not '*' or 'service:action'",
    ],
    ['an empty action list', doc({ ...ok, Action: [] }), 'Action is an empty list'],
    ['an action that is not a string', doc({ ...ok, Action: [1] }), 'a string or a list of strings'],
    ['a resource that is no ARN', doc({ ...ok, Resource: 'vpc/*' }), "'vpc/*' must be '*' or an ARN"],
    ['a short ARN without a trailing wildcard', doc({ ...ok, Resource: 'arn:aws:ec2' }), 'must be'],
    ['a Sid with a dash', doc({ ...ok, Sid: 'a-b' }), 'Sid may hold only'],
    [
      'a Sid used twice',
      doc([
        { ...ok, Sid: 'A' },
        { ...ok, Sid: 'A' },
      ]),
      "the Sid 'A' is used twice",
    ],
    [
      'an unknown operator',
      doc({ ...ok, Condition: { StringMatches: { 'aws:x': 'y' } } }),
      "'StringMatches' is not",
    ],
    [
      'an unknown set operator',
      doc({ ...ok, Condition: { 'ForSome:StringLike': { 'aws:x': 'y' } } }),
      "'ForSome'",
    ],
    ['NullIfExists', doc({ ...ok, Condition: { NullIfExists: { 'aws:x': 'true' } } }), 'Null takes neither'],
    [
      'a Null value other than true or false',
      doc({ ...ok, Condition: { Null: { 'aws:x': 'yes' } } }),
      'Null takes "true"',
    ],
    [
      'a condition key without a service',
      doc({ ...ok, Condition: { StringEquals: { x: 'y' } } }),
      "'service:name'",
    ],
    [
      'an operator without keys',
      doc({ ...ok, Condition: { StringEquals: {} } }),
      'condition keys and values',
    ],
    [
      'an object condition value',
      doc({ ...ok, Condition: { StringEquals: { 'aws:x': { a: 1 } } } }),
      'string, number',
    ],
    ['an empty value list', doc({ ...ok, Condition: { StringEquals: { 'aws:x': [] } } }), 'empty list'],
    ['an unclosed variable', doc({ ...ok, Resource: 'arn:aws:s3:::b/${aws:username' }), "no closing '}'"],
    ['an empty variable', doc({ ...ok, Condition: { StringLike: { 'aws:x': 'a${}' } } }), 'does not name'],
    [
      'a default without quotes',
      doc({ ...ok, Condition: { StringLike: { 'aws:x': '${aws:y, z}' } } }),
      'quoted string',
    ],
  ])('refuses %s', (_, text, reason) => {
    const e = refusal(text);
    expect(e.code).toBe('MalformedPolicyDocument');
    expect(e.message).toContain(reason);
  });

  it('reads ${ as text in a 2008-10-17 policy', () => {
    expect(() =>
      parsePolicy(doc({ ...ok, Resource: 'arn:aws:s3:::b/${x' }, { Version: '2008-10-17' })),
    ).not.toThrow();
  });

  it('limits identity policies to 6,144 characters without whitespace, SCPs to 5,120 with', () => {
    const sized = (n: number) => {
      const base = doc({ ...ok, Sid: '' });
      return doc({ ...ok, Sid: 'A'.repeat(n - base.length) });
    };
    expect(sized(6144).length).toBe(6144);
    expect(() => parsePolicy(sized(6144))).not.toThrow();
    expect(refusal(sized(6145)).message).toContain('6145 characters not counting whitespace; at most 6144');
    expect(() => parsePolicy(`${sized(6144)}${' '.repeat(100)}`)).not.toThrow();
    expect(() => parsePolicy(sized(5120), SCP_LIMIT)).not.toThrow();
    expect(refusal(`${sized(5120)} `, SCP_LIMIT).message).toContain('5121 characters; at most 5120');
  });
});
