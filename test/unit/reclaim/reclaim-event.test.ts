import { describe, expect, it } from 'vitest';
import { targetsOf } from '../../../core/ops/reclaim/event';

const trail = (eventName: string, detail: object = {}) => ({
  source: 'aws.ec2',
  'detail-type': 'AWS API Call via CloudTrail',
  account: '111122223333',
  detail: { eventSource: 'ec2.amazonaws.com', eventName, ...detail },
});

describe('deletion events → resources (F-FAC-03)', () => {
  it.each([
    [
      'DeleteVpc',
      { requestParameters: { vpcId: 'vpc-1' } },
      [{ ResourceId: 'vpc-1', ResourceOwner: '111122223333' }],
    ],
    [
      'DeleteSubnet',
      { requestParameters: { subnetId: 'subnet-1' } },
      [{ ResourceId: 'subnet-1', ResourceOwner: '111122223333' }],
    ],
    [
      'ReleaseAddress',
      { requestParameters: { allocationId: 'eipalloc-1' } },
      [{ ResourceId: 'eipalloc-1', ResourceOwner: '111122223333' }],
    ],
    [
      'ReleaseAddress',
      { requestParameters: { publicIp: '198.51.100.7' } },
      [{ ResourceId: '198.51.100.7', ResourceOwner: '111122223333' }],
    ],
    [
      'DisassociateVpcCidrBlock',
      {
        responseElements: {
          DisassociateVpcCidrBlockResponse: {
            vpcId: 'vpc-1',
            ipv6CidrBlockAssociation: { ipv6CidrBlock: '2001:db8::/56' },
          },
        },
      },
      [{ ResourceId: 'vpc-1', Cidr: '2001:db8::/56', ResourceOwner: '111122223333' }],
    ],
    ['DisassociateVpcCidrBlock', { responseElements: null }, []],
    ['DeleteVpc', { requestParameters: { vpcId: 'vpc-1' }, errorCode: 'Client.DependencyViolation' }, []],
    ['CreateVpc', { requestParameters: { cidrBlock: '10.0.0.0/16' } }, []],
  ])('%s %j', (name, detail, expected) => {
    expect(targetsOf(trail(name, detail))).toEqual(expected);
  });

  it('the account in the CloudTrail record wins over the envelope, and other sources are ignored', () => {
    expect(
      targetsOf(
        trail('DeleteVpc', { recipientAccountId: '444455556666', requestParameters: { vpcId: 'vpc-9' } }),
      ),
    ).toEqual([{ ResourceId: 'vpc-9', ResourceOwner: '444455556666' }]);
    expect(
      targetsOf({
        source: 'aws.s3',
        'detail-type': 'AWS API Call via CloudTrail',
        detail: { eventName: 'DeleteVpc' },
      }),
    ).toEqual([]);
    expect(
      targetsOf({
        source: 'allot.resources',
        'detail-type': 'Resource Deleted',
        detail: { resourceId: 'x-1', cidr: '10.1.0.0/24', accountId: '111122223333' },
      }),
    ).toEqual([{ ResourceId: 'x-1', Cidr: '10.1.0.0/24', ResourceOwner: '111122223333' }]);
    expect(targetsOf({ source: 'allot.resources', 'detail-type': 'Resource Deleted', detail: {} })).toEqual(
      [],
    );
  });
});
