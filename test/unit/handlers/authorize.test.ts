/** Permissions an action needs besides its own name (F-XFER-04), decided by the front door's check. */
import { describe, expect, it } from 'vitest';
import { isAllotError } from '../../../core/errors';
import { MemoryStore } from '../../../core/store/memory';
import { authorize } from '../../../handlers/api/authorize';
import { makeEnv } from '../../helpers/env';

const allow = (...actions: string[]) => ({
  name: 'inline',
  document: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
  }),
});

describe('authorize: MoveByoipCidrToIpam also needs ec2:ImportByoipCidrToIpam', () => {
  const check = async (...actions: string[]) => {
    const { deps } = makeEnv(new MemoryStore());
    const caller = {
      accountId: '111122223333',
      region: 'us-west-2',
      principal: {
        accessKeyId: 'AKIAALLOTTEST0000001',
        arn: 'arn:aws:iam::111122223333:user/owner',
        policies: [allow(...actions)],
      },
    };
    try {
      await authorize({
        deps,
        service: 'ec2',
        action: 'MoveByoipCidrToIpam',
        input: {
          Cidr: '130.137.249.0/24',
          IpamPoolId: 'ipam-pool-0123456789abcdef0',
          IpamPoolOwner: '123456789012',
        },
        caller,
        key: new Uint8Array(32),
      });
      return 'allowed';
    } catch (e) {
      if (!isAllotError(e)) throw e;
      return `${e.code}: ${e.message.split(' on resource')[0]}`;
    }
  };

  it('is refused with the move alone, naming the missing permission, and allowed with both', async () => {
    expect(await check('ec2:MoveByoipCidrToIpam')).toBe(
      'UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/owner is not authorized to perform: ec2:ImportByoipCidrToIpam',
    );
    expect(await check('ec2:ImportByoipCidrToIpam')).toMatch(/perform: ec2:MoveByoipCidrToIpam$/);
    expect(await check('ec2:MoveByoipCidrToIpam', 'ec2:ImportByoipCidrToIpam')).toBe('allowed');
  });
});
