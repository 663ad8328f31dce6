/**
 * The service control policy grammar (core/ops/organization/policy-document.ts over the evaluator's
 * grammar in core/ops/access), rule by rule, with the reason each refusal gives.
 */
import { describe, expect, it } from 'vitest';
import { policyProblem } from '../../../core/ops/organization/policy-document';

const statement = (s: object) => JSON.stringify({ Version: '2012-10-17', Statement: [s] });

describe('policyProblem', () => {
  it.each([
    [
      'a Deny with a Condition',
      statement({
        Effect: 'Deny',
        Action: ['ec2:*', 's3:Get*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
      }),
    ],
    ['an Allow of everything', statement({ Effect: 'Allow', Action: '*', Resource: '*' })],
    ['NotAction without Resource', statement({ Sid: 'NoIam', Effect: 'Deny', NotAction: 'iam:*' })],
    [
      'NotResource with an ARN',
      statement({ Effect: 'Deny', Action: 'ec2:DeleteVpc', NotResource: 'arn:aws:ec2:*:*:vpc/vpc-1' }),
    ],
    ['one statement as an object', JSON.stringify({ Statement: { Effect: 'Deny', Action: 'ec2:*' } })],
  ])('accepts %s', (_what, doc) => {
    expect(policyProblem(doc)).toBeUndefined();
  });

  it.each([
    ['an array', '[]', 'The policy document must be a JSON object'],
    [
      'an unknown top-level element',
      JSON.stringify({ Statement: [], Extra: 1 }),
      "The policy document has an unknown element 'Extra'",
    ],
    [
      'an empty Statement list',
      JSON.stringify({ Statement: [] }),
      'Statement must hold at least one statement',
    ],
    [
      'both Action and NotAction',
      statement({ Effect: 'Deny', Action: '*', NotAction: 'iam:*' }),
      'Statement[0] has both Action and NotAction; give one',
    ],
    [
      'both Resource and NotResource',
      statement({ Effect: 'Deny', Action: '*', Resource: '*', NotResource: '*' }),
      'Statement[0] has both Resource and NotResource; give one',
    ],
    [
      'an action without a service',
      statement({ Effect: 'Deny', Action: 'DeleteVpc' }),
      "Statement[0].Action: 'DeleteVpc' is not '*' or 'service:action' (like ec2:CreateVpc)",
    ],
    [
      'a resource that is no ARN',
      statement({ Effect: 'Deny', Action: '*', Resource: 'vpc-1' }),
      "Statement[0].Resource: 'vpc-1' must be '*' or an ARN (arn:partition:service:region:account:resource)",
    ],
    [
      'an empty Action list',
      statement({ Effect: 'Deny', Action: [] }),
      'Statement[0].Action is an empty list',
    ],
    [
      'a Condition without keys',
      statement({ Effect: 'Deny', Action: '*', Condition: { StringEquals: 'x' } }),
      'Statement[0].Condition.StringEquals must be a JSON object of condition keys and values',
    ],
    [
      'a Sid with dashes',
      statement({ Sid: 'no-iam', Effect: 'Deny', Action: '*' }),
      'Statement[0].Sid may hold only the letters A-Z, a-z and the digits 0-9',
    ],
    [
      'an unknown statement element',
      statement({ Effect: 'Deny', Action: '*', Foo: 1 }),
      "Statement[0] has an unknown element 'Foo'",
    ],
    [
      'two statements with one Sid',
      JSON.stringify({
        Statement: [
          { Sid: 'A', Effect: 'Deny', Action: '*' },
          { Sid: 'A', Effect: 'Deny', Action: '*' },
        ],
      }),
      "Statement[1]: the Sid 'A' is used twice; Sids must be unique",
    ],
    [
      'a Principal',
      statement({ Effect: 'Deny', Action: '*', Principal: '*' }),
      'Statement[0]: an identity policy or SCP may not name a Principal',
    ],
    [
      'an unknown condition operator',
      statement({ Effect: 'Deny', Action: '*', Condition: { StringEqualz: { 'aws:x': 'y' } } }),
      "Statement[0].Condition: 'StringEqualz' is not a condition operator",
    ],
  ])('refuses %s', (_what, doc, problem) => {
    expect(policyProblem(doc)).toBe(problem);
  });
});
