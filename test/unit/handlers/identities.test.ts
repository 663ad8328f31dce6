/** Who calls the JSON routes: a signature, or the declared header behind the development switch only. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/ports';
import { jsonCaller } from '../../../handlers/api/auth/identities';
import type { Event } from '../../../handlers/api/codecs/types';
import type { Runtime } from '../../../handlers/runtime/deps';

const runtimeWith = (devAccountHeader: boolean) =>
  ({
    settings: {
      region: 'us-east-1',
      core: defaultConfig(),
      ec2: {
        devAccountHeader,
        localCredentials: true,
        localAccountId: '000000000000',
        accountIdAsAccessKey: false,
      },
    },
    deps: {},
  }) as unknown as Runtime;

const event = (headers: Record<string, string>): Event =>
  ({
    rawPath: '/v1/DescribeIpams',
    headers,
    requestContext: { http: { method: 'POST' } },
  }) as unknown as Event;

describe('the JSON routes identity', () => {
  it('believes x-allot-account-id only with the development switch, in a region that exists', async () => {
    const declared = event({ 'x-allot-account-id': '111122223333', 'x-allot-region': 'eu-west-1' });
    await expect(jsonCaller(declared, '{}', runtimeWith(true))).resolves.toEqual({
      accountId: '111122223333',
      region: 'eu-west-1',
    });
    await expect(jsonCaller(declared, '{}', runtimeWith(false))).rejects.toMatchObject({
      code: 'AuthFailure',
      message: expect.stringContaining('ALLOT_DEV_ACCOUNT_HEADER=1'),
    });
    const madeUp = event({ 'x-allot-account-id': '111122223333', 'x-allot-region': 'zz-fake-9' });
    await expect(jsonCaller(madeUp, '{}', runtimeWith(true))).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
  });

  it('asks an unsigned request without the header for a signature', async () => {
    await expect(jsonCaller(event({}), '{}', runtimeWith(true))).rejects.toMatchObject({
      code: 'AuthFailure',
      message: expect.stringContaining('no Authorization header'),
    });
  });
});
