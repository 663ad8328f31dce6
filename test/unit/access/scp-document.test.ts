/** SCP texts as the evaluator reads them, and the store refusing what it could not evaluate. */
import { describe, expect, it } from 'vitest';
import { evaluate, scpDocument } from '../../../core/ops/access';
import { checkPolicyContent } from '../../../core/ops/organization/policy-document';

const FULL = {
  name: 'FullAWSAccess',
  document: scpDocument('{"Statement":{"Effect":"Allow","Action":"*"}}'),
};

describe('SCP documents', () => {
  it('reads a statement without Resource as applying to every resource', () => {
    const deny = {
      name: 'NoIam',
      document: scpDocument('{"Statement":{"Effect":"Deny","NotAction":"ec2:*"}}'),
    };
    const ask = (action: string) =>
      evaluate(
        { action, resource: 'arn:aws:iam::111122223333:role/x', context: {} },
        {
          identity: [],
          scps: [[FULL, deny]],
          root: true,
        },
      ).reason;
    expect(ask('iam:CreateRole')).toBe('scp-deny');
    expect(ask('ec2:DescribeVpcs')).toBe('allowed');
  });

  it('refuses to store an SCP the evaluator could not read (an unknown condition operator)', () => {
    const text = JSON.stringify({
      Statement: {
        Effect: 'Deny',
        Action: 'ec2:*',
        Resource: '*',
        Condition: { StringEqualz: { 'aws:x': 'y' } },
      },
    });
    expect(() => checkPolicyContent(text)).toThrow(
      expect.objectContaining({ code: 'MalformedPolicyDocumentException' }),
    );
    expect(() => checkPolicyContent('{"Statement":{"Effect":"Deny","NotAction":"iam:*"}}')).not.toThrow();
  });
});
