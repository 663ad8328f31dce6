/**
 * The anycast IP list actions are authorized under CloudFront's permission names, as an IAM policy
 * for CloudFront would write them (cloudfront:CreateAnycastIpList, ...), not under `allot:`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../core/store/memory';
import { authorize } from '../../../handlers/api/authorize';
import { makeEnv } from '../../helpers/env';

const ACCOUNT = '111122223333';
const allowing = (action: string) => ({
  accountId: ACCOUNT,
  region: 'us-east-1',
  principal: {
    accessKeyId: 'AKIAEXAMPLE',
    arn: `arn:aws:iam::${ACCOUNT}:user/edge`,
    policies: [
      {
        name: 'edge',
        document: JSON.stringify({
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: action, Resource: '*' },
        }),
      },
    ],
  },
});

describe('anycast IP list permissions', () => {
  const deps = makeEnv(new MemoryStore()).deps;
  const run = (action: string, caller: ReturnType<typeof allowing>) =>
    authorize({ deps, service: 'allot', action, input: {}, caller, key: new Uint8Array(32) });

  it.each([
    ['CreateAnycastIpList', 'cloudfront:CreateAnycastIpList'],
    ['GetAnycastIpList', 'cloudfront:GetAnycastIpList'],
    ['ListAnycastIpLists', 'cloudfront:ListAnycastIpLists'],
    ['DeleteAnycastIpList', 'cloudfront:DeleteAnycastIpList'],
  ])('%s needs %s', async (action, permission) => {
    await expect(run(action, allowing(permission))).resolves.toBeUndefined();
    await expect(run(action, allowing(`allot:${action}`))).rejects.toMatchObject({
      code: 'UnauthorizedOperation',
    });
  });
});
