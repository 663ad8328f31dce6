import type { SecurityGroupRule } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import type { DiscoveredPublicAddress } from '../../../core/ops/monitoring/run/types';
import {
  instanceGroups,
  mapSecurityGroupRules,
  referencedGroups,
  withRules,
} from '../../../outbound/ec2/security-rules';

const ACCOUNT = '111122223333';
const T = new Date('2026-01-01T00:00:00Z');
const address = (ip: string, extra: Partial<DiscoveredPublicAddress> = {}): DiscoveredPublicAddress => ({
  AddressRegion: 'us-east-1',
  Address: ip,
  AddressOwnerId: ACCOUNT,
  AssociationStatus: 'associated',
  AddressType: 'ec2-public-ip',
  Service: 'other',
  SampleTime: T,
  ...extra,
});

/** DescribeSecurityGroupRules as EC2 answers it: one group with ingress and egress, another group. */
const described: SecurityGroupRule[] = [
  {
    SecurityGroupRuleId: 'sgr-1',
    GroupId: 'sg-web',
    GroupOwnerId: ACCOUNT,
    IsEgress: false,
    IpProtocol: 'tcp',
    FromPort: 443,
    ToPort: 443,
    CidrIpv4: '0.0.0.0/0',
    Description: 'https',
    Tags: [],
  },
  {
    SecurityGroupRuleId: 'sgr-2',
    GroupId: 'sg-web',
    IsEgress: true,
    IpProtocol: '-1',
    FromPort: -1,
    ToPort: -1,
    CidrIpv4: '0.0.0.0/0',
  },
  {
    SecurityGroupRuleId: 'sgr-3',
    GroupId: 'sg-db',
    IsEgress: false,
    IpProtocol: 'tcp',
    FromPort: 5432,
    ToPort: 5432,
    ReferencedGroupInfo: { GroupId: 'sg-web', UserId: ACCOUNT },
  },
  {
    SecurityGroupRuleId: 'sgr-4',
    GroupId: 'sg-db',
    IsEgress: true,
    IpProtocol: 'udp',
    FromPort: 53,
    ToPort: 53,
    CidrIpv6: '::/0',
  },
  { SecurityGroupRuleId: 'sgr-5', GroupId: 'sg-db', IsEgress: true, IpProtocol: 'tcp', PrefixListId: 'pl-1' },
  { SecurityGroupRuleId: 'sgr-orphan', IsEgress: false, IpProtocol: 'tcp' },
];

const WEB_IN = {
  SecurityGroupRuleId: 'sgr-1',
  GroupId: 'sg-web',
  IsEgress: false,
  IpProtocol: 'tcp',
  FromPort: 443,
  ToPort: 443,
  CidrIpv4: '0.0.0.0/0',
  Description: 'https',
};
const WEB_OUT = {
  SecurityGroupRuleId: 'sgr-2',
  GroupId: 'sg-web',
  IsEgress: true,
  IpProtocol: '-1',
  FromPort: -1,
  ToPort: -1,
  CidrIpv4: '0.0.0.0/0',
};
const DB_IN = {
  SecurityGroupRuleId: 'sgr-3',
  GroupId: 'sg-db',
  IsEgress: false,
  IpProtocol: 'tcp',
  FromPort: 5432,
  ToPort: 5432,
  ReferencedGroupId: 'sg-web',
};
const DB_OUT = [
  {
    SecurityGroupRuleId: 'sgr-4',
    GroupId: 'sg-db',
    IsEgress: true,
    IpProtocol: 'udp',
    FromPort: 53,
    ToPort: 53,
    CidrIpv6: '::/0',
  },
  { SecurityGroupRuleId: 'sgr-5', GroupId: 'sg-db', IsEgress: true, IpProtocol: 'tcp', PrefixListId: 'pl-1' },
];

describe('security group rules of public addresses (F-PIP-08)', () => {
  it('maps DescribeSecurityGroupRules to the members shown, dropping a rule without a group', () => {
    expect(mapSecurityGroupRules(described)).toEqual([WEB_IN, WEB_OUT, DB_IN, ...DB_OUT]);
  });

  it('an address on an instance gets the rules of its groups only, ingress and egress; one without an instance gets none', () => {
    // Arrange
    const web = address('54.0.0.1', {
      InstanceId: 'i-1',
      SecurityGroups: [{ GroupName: 'web', GroupId: 'sg-web' }],
    });
    const nat = address('54.0.0.2', {
      AddressType: 'amazon-owned-eip',
      Service: 'nat-gateway',
      SecurityGroups: [{ GroupName: 'db', GroupId: 'sg-db' }],
    });
    const both = address('54.0.0.3', {
      InstanceId: 'i-2',
      SecurityGroups: [
        { GroupName: 'db', GroupId: 'sg-db' },
        { GroupName: 'web', GroupId: 'sg-web' },
      ],
    });
    const bare = address('54.0.0.4', { InstanceId: 'i-3' });

    // Act
    const out = withRules([web, nat, both, bare], [], mapSecurityGroupRules(described));

    // Assert
    expect(out.addresses).toEqual([
      { ...web, SecurityGroupRules: [WEB_IN, WEB_OUT] },
      nat,
      { ...both, SecurityGroupRules: [WEB_IN, WEB_OUT, DB_IN, ...DB_OUT] },
      { ...bare, SecurityGroupRules: [] },
    ]);
    const split = (rules: { IsEgress: boolean; SecurityGroupRuleId?: string }[] = []) => [
      rules.filter((r) => !r.IsEgress).map((r) => r.SecurityGroupRuleId),
      rules.filter((r) => r.IsEgress).map((r) => r.SecurityGroupRuleId),
    ];
    expect(split(out.addresses[2]!.SecurityGroupRules)).toEqual([
      ['sgr-1', 'sgr-3'],
      ['sgr-2', 'sgr-4', 'sgr-5'],
    ]);
  });

  it('rules that could not be read leave addresses and instances as they were', () => {
    const web = address('54.0.0.1', { InstanceId: 'i-1', SecurityGroups: [{ GroupId: 'sg-web' }] });
    const inst = { InstanceId: 'i-9', SecurityGroups: [{ GroupId: 'sg-db' }] };
    expect(withRules([web], [inst], undefined)).toEqual({ addresses: [web], instances: [inst] });
  });

  it('hinted instances take the groups of their interfaces, once each, and the rules of those groups', () => {
    // Arrange
    const enis = [
      {
        NetworkInterfaceId: 'eni-1',
        Attachment: { InstanceId: 'i-9' },
        Groups: [{ GroupName: 'web', GroupId: 'sg-web' }],
      },
      {
        NetworkInterfaceId: 'eni-2',
        Attachment: { InstanceId: 'i-9' },
        Groups: [
          { GroupName: 'web', GroupId: 'sg-web' },
          { GroupName: 'db', GroupId: 'sg-db' },
        ],
      },
      { NetworkInterfaceId: 'eni-3', Attachment: { InstanceId: 'i-other' }, Groups: [{ GroupId: 'sg-x' }] },
    ];
    const onInstance = address('54.0.0.1', { InstanceId: 'i-1', SecurityGroups: [{ GroupId: 'sg-a' }] });
    const noInstance = address('54.0.0.2', { SecurityGroups: [{ GroupId: 'sg-b' }] });

    // Act
    const instances = instanceGroups(enis, ['i-9', 'i-gone']);
    const groups = referencedGroups([onInstance, noInstance], instances);
    const out = withRules([], instances, mapSecurityGroupRules(described));

    // Assert
    const nineGroups = [
      { GroupName: 'web', GroupId: 'sg-web' },
      { GroupName: 'db', GroupId: 'sg-db' },
    ];
    expect(instances).toEqual([{ InstanceId: 'i-9', SecurityGroups: nineGroups }]);
    expect(groups).toEqual(['sg-a', 'sg-web', 'sg-db']);
    expect(out.instances).toEqual([
      {
        InstanceId: 'i-9',
        SecurityGroups: nineGroups,
        SecurityGroupRules: [WEB_IN, WEB_OUT, DB_IN, ...DB_OUT],
      },
    ]);
  });
});
