/** Permissions an action needs besides its own name (F-XFER-04), decided by the front door's check. */
import { describe, expect, it } from 'vitest';
import { isAllotError } from '../../../core/errors';
import { FullAWSAccess, keepContiguousBlocks } from '../../../core/ops/access';
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

describe('authorize: an SCP keeps the Amazon-provided contiguous blocks (F-EIP-06)', () => {
  it('denies deprovisioning a CIDR of the guarded pool to a member account, and only of that pool', async () => {
    const e = makeEnv(new MemoryStore(), { amazonSupply: { 'us-east-1': ['18.97.0.40/29'] } });
    const { Ipam } = await e.call('CreateIpam', {});
    const pool = async () =>
      (
        await e.call('CreateIpamPool', {
          IpamScopeId: Ipam.PublicDefaultScopeId,
          AddressFamily: 'ipv4',
          Locale: 'us-east-1',
          AwsService: 'ec2',
          PublicIpSource: 'amazon',
        })
      ).IpamPool;
    const [guarded, other] = [await pool(), await pool()];
    const guardrails = {
      scps: [
        [{ name: 'FullAWSAccess', document: FullAWSAccess }],
        [
          { name: 'FullAWSAccess', document: FullAWSAccess },
          { name: 'keep-blocks', document: keepContiguousBlocks([guarded.IpamPoolArn]) },
        ],
      ],
      orgId: 'o-aa111bb222',
      orgPaths: ['o-aa111bb222/r-ab12/'],
    };
    const deprovision = async (poolId: string) => {
      try {
        await authorize({
          deps: e.deps,
          service: 'ec2',
          action: 'DeprovisionIpamPoolCidr',
          input: { IpamPoolId: poolId, Cidr: '18.97.0.40/29' },
          caller: e.caller,
          guardrails,
          key: new Uint8Array(32),
        });
        return 'allowed';
      } catch (err) {
        if (!isAllotError(err)) throw err;
        return `${err.code}: ${/explicit deny in a service control policy/.test(err.message)}`;
      }
    };
    expect(await deprovision(guarded.IpamPoolId)).toBe('UnauthorizedOperation: true');
    expect(await deprovision(other.IpamPoolId)).toBe('allowed');
  });
});
