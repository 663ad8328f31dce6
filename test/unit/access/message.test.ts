/** The encoded authorization message: a round trip, and refusal of anything not made here. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AccessRequest, evaluate } from '../../../core/ops/access/evaluate';
import { mustUseIpam } from '../../../core/ops/access/managed';
import { decodeAuthorizationMessage, encodeAuthorizationMessage } from '../../../core/ops/access/message';

const key = randomBytes(32);
const principal = { arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };
const request: AccessRequest = {
  action: 'ec2:CreateVpc',
  resource: 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0abc',
  context: {
    'aws:RequestedRegion': 'us-east-1',
    'aws:TagKeys': ['env', 'owner'],
    'ec2:Ipv4IpamPoolId': undefined,
  },
};
const decision = evaluate(request, {
  identity: [
    {
      name: 'admin',
      document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
    },
  ],
  scps: [[{ name: 'RequireIpam', document: mustUseIpam() }]],
});

const refused = (text: string, k: Uint8Array = key) => {
  try {
    decodeAuthorizationMessage(text, k);
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'decoded';
};

describe('the encoded authorization message', () => {
  it('decodes to the decision as STS DecodeAuthorizationMessage prints it', () => {
    const message = encodeAuthorizationMessage(decision, request, principal, key);
    expect(message).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(JSON.parse(decodeAuthorizationMessage(message, key))).toEqual({
      allowed: false,
      explicitDeny: true,
      matchedStatements: {
        items: [
          {
            statementId: 'RequireIpamPoolV4',
            effect: 'DENY',
            principals: { items: [{ value: principal.arn }] },
            actions: { items: [{ value: 'ec2:CreateVpc' }, { value: 'ec2:AssociateVpcCidrBlock' }] },
            resources: { items: [{ value: 'arn:aws:ec2:*:*:vpc/*' }] },
            conditions: {
              items: [
                { key: 'ec2:Ipv4IpamPoolId', operator: 'Null', values: { items: [{ value: 'true' }] } },
              ],
            },
            source: 'RequireIpam',
          },
        ],
      },
      failures: { items: [] },
      context: {
        principal: { id: '111122223333', arn: principal.arn },
        action: 'ec2:CreateVpc',
        resource: request.resource,
        conditions: {
          items: [
            { key: 'aws:RequestedRegion', values: { items: [{ value: 'us-east-1' }] } },
            { key: 'aws:TagKeys', values: { items: [{ value: 'env' }, { value: 'owner' }] } },
          ],
        },
      },
    });
  });

  it('says an implicit deny matched no statement', () => {
    const implicit = evaluate(request, { identity: [] });
    const doc = JSON.parse(
      decodeAuthorizationMessage(encodeAuthorizationMessage(implicit, request, principal, key), key),
    );
    expect(doc).toMatchObject({ allowed: false, explicitDeny: false, matchedStatements: { items: [] } });
  });

  it('draws a fresh IV for every message', () => {
    expect(encodeAuthorizationMessage(decision, request, principal, key)).not.toBe(
      encodeAuthorizationMessage(decision, request, principal, key),
    );
  });

  it('refuses a tampered, truncated, garbled or foreign message', () => {
    const message = encodeAuthorizationMessage(decision, request, principal, key);
    const body = message.slice(3);
    const flipped = `v1.${body.slice(0, 20)}${body[20] === 'A' ? 'B' : 'A'}${body.slice(21)}`;
    expect(refused(flipped)).toBe('InvalidAuthorizationMessageException');
    expect(refused(message.slice(0, -4))).toBe('InvalidAuthorizationMessageException');
    expect(refused(`v2.${body}`)).toBe('InvalidAuthorizationMessageException');
    expect(refused(`${message}\n`)).toBe('InvalidAuthorizationMessageException');
    expect(refused('v1.AAAA')).toBe('InvalidAuthorizationMessageException');
    expect(refused('')).toBe('InvalidAuthorizationMessageException');
    expect(refused(message, randomBytes(32))).toBe('InvalidAuthorizationMessageException');
    expect(refused(message)).toBe('decoded');
  });

  it('needs a 32-byte key', () => {
    expect(() => encodeAuthorizationMessage(decision, request, principal, randomBytes(16))).toThrow(
      /32 bytes/,
    );
  });
});
