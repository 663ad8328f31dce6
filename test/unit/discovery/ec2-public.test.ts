import { describe, expect, it } from 'vitest';
import { mapPublicAddresses } from '../../../outbound/ec2/public';

const ACCOUNT = '111122223333';
const ctx = { AccountId: ACCOUNT, Region: 'us-east-1', SampleTime: new Date('2026-01-01T00:00:00Z') };
const base = { AddressRegion: 'us-east-1', AddressOwnerId: ACCOUNT, SampleTime: ctx.SampleTime };

describe('public addresses (F-PIP-02/06/07)', () => {
  it('an EIP on a NAT gateway ENI: associated, service nat-gateway, with the ENI details', () => {
    const out = mapPublicAddresses(
      [
        {
          PublicIp: '198.51.100.7',
          AllocationId: 'eipalloc-1',
          AssociationId: 'eipassoc-1',
          NetworkInterfaceId: 'eni-1',
          NetworkBorderGroup: 'us-east-1',
          Tags: [{ Key: 'team', Value: 'net' }],
        },
      ],
      [
        {
          NetworkInterfaceId: 'eni-1',
          InterfaceType: 'natGateway',
          VpcId: 'vpc-1',
          SubnetId: 'subnet-1',
          Description: 'Interface for NAT Gateway nat-1',
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.5', Association: { PublicIp: '198.51.100.7' } }],
        },
      ],
      ctx,
    );
    expect(out).toEqual([
      {
        ...base,
        Address: '198.51.100.7',
        AddressAllocationId: 'eipalloc-1',
        AssociationStatus: 'associated',
        AddressType: 'amazon-owned-eip',
        Service: 'nat-gateway',
        NetworkInterfaceId: 'eni-1',
        NetworkBorderGroup: 'us-east-1',
        Tags: { EipTags: [{ Key: 'team', Value: 'net' }] },
        VpcId: 'vpc-1',
        SubnetId: 'subnet-1',
        NetworkInterfaceDescription: 'Interface for NAT Gateway nat-1',
      },
    ]);
  });

  it('a BYOIP EIP names its pool; an auto-assigned instance IP is ec2-public-ip with its groups', () => {
    const out = mapPublicAddresses(
      [{ PublicIp: '203.0.113.9', AllocationId: 'eipalloc-2', PublicIpv4Pool: 'ipv4pool-ec2-1' }],
      [
        {
          NetworkInterfaceId: 'eni-2',
          InterfaceType: 'interface',
          Attachment: { InstanceId: 'i-1' },
          Groups: [{ GroupName: 'web', GroupId: 'sg-1' }],
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.6', Association: { PublicIp: '54.0.0.1' } }],
        },
      ],
      ctx,
    );
    expect(
      out.map((a) => [
        a.Address,
        a.AddressType,
        a.AssociationStatus,
        a.PublicIpv4PoolId,
        a.InstanceId,
        a.SecurityGroups,
      ]),
    ).toEqual([
      ['203.0.113.9', 'byoip', 'disassociated', 'ipv4pool-ec2-1', undefined, undefined],
      ['54.0.0.1', 'ec2-public-ip', 'associated', undefined, 'i-1', [{ GroupName: 'web', GroupId: 'sg-1' }]],
    ]);
  });
});
