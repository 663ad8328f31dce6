/** The service control policy grammar (core/ops/organization/policy-document.ts), rule by rule. */
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
    ['an array', '[]', 'the document must be a JSON object'],
    [
      'an unknown top-level element',
      JSON.stringify({ Statement: [], Extra: 1 }),
      'unknown top-level element Extra',
    ],
    ['an empty Statement list', JSON.stringify({ Statement: [] }), 'the document needs a Statement'],
    [
      'both Action and NotAction',
      statement({ Effect: 'Deny', Action: '*', NotAction: 'iam:*' }),
      'statement 1 needs exactly one of Action and NotAction',
    ],
    [
      'both Resource and NotResource',
      statement({ Effect: 'Deny', Action: '*', Resource: '*', NotResource: '*' }),
      'statement 1 has both Resource and NotResource',
    ],
    [
      'an action without a service',
      statement({ Effect: 'Deny', Action: 'DeleteVpc' }),
      "'DeleteVpc' is not a valid Action value",
    ],
    [
      'a resource that is no ARN',
      statement({ Effect: 'Deny', Action: '*', Resource: 'vpc-1' }),
      "'vpc-1' is not a valid Resource value",
    ],
    [
      'an empty Action list',
      statement({ Effect: 'Deny', Action: [] }),
      'Action must be a string or a non-empty list of strings',
    ],
    [
      'a Condition without keys',
      statement({ Effect: 'Deny', Action: '*', Condition: { StringEquals: 'x' } }),
      'the Condition operator StringEquals must map condition keys to values',
    ],
    [
      'a Sid with dashes',
      statement({ Sid: 'no-iam', Effect: 'Deny', Action: '*' }),
      'the Sid of statement 1 must be alphanumeric',
    ],
    [
      'an unknown statement element',
      statement({ Effect: 'Deny', Action: '*', Foo: 1 }),
      'statement 1 has an unknown element Foo',
    ],
    [
      'two statements with one Sid',
      JSON.stringify({
        Statement: [
          { Sid: 'A', Effect: 'Deny', Action: '*' },
          { Sid: 'A', Effect: 'Deny', Action: '*' },
        ],
      }),
      'two statements have the same Sid',
    ],
  ])('refuses %s', (_what, doc, problem) => {
    expect(policyProblem(doc)).toBe(problem);
  });
});
