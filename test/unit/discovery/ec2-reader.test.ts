import {
  DescribeAddressesCommand,
  DescribeNetworkInterfacesCommand,
  DescribePublicIpv4PoolsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverMany, readTarget } from '../../../outbound/ec2/reader';
import { classifyFailure } from '../../../outbound/ec2/retry';

const ACCOUNT = '111122223333';
const T0 = new Date('2024-05-01T12:00:00Z');
const target = { AccountId: ACCOUNT, Region: 'us-east-1' };
const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });

/** A fake sleep that records the requested waits instead of waiting. */
const fakeSleep = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};
const opts = (sleep: (ms: number) => Promise<void>) => ({ sleep, random: () => 0.5, now: () => T0 });

const vpc = (id: string, cidr: string, extra: object = {}) => ({
  VpcId: id,
  OwnerId: ACCOUNT,
  CidrBlock: cidr,
  CidrBlockAssociationSet: [{ CidrBlock: cidr, CidrBlockState: { State: 'associated' as const } }],
  ...extra,
});

const mocks: ReturnType<typeof mockClient>[] = [];
const mocked = (client = new EC2Client({ region: 'us-east-1' })) => {
  const m = mockClient(client);
  mocks.push(m);
  m.onAnyCommand().resolves({});
  return { client, m };
};
afterEach(() => {
  for (const m of mocks.splice(0)) m.restore();
});

describe('readTarget', () => {
  // The SDK paginator reuses one input object across pages, so tokens are recorded at call time.
  const byToken =
    <P>(seen: (string | undefined)[], pages: Record<string, () => P>) =>
    (input: { NextToken?: string }) => {
      seen.push(input.NextToken);
      return pages[input.NextToken ?? 'first']!();
    };

  it('follows DescribeVpcs over three pages with the SDK paginator', async () => {
    const { client, m } = mocked();
    const seen: (string | undefined)[] = [];
    m.on(DescribeVpcsCommand).callsFake(
      byToken(seen, {
        first: () => ({ Vpcs: [vpc('vpc-1', '10.0.0.0/16')], NextToken: 't1' }),
        t1: () => ({ Vpcs: [vpc('vpc-2', '10.1.0.0/16')], NextToken: 't2' }),
        t2: () => ({ Vpcs: [vpc('vpc-3', '10.2.0.0/16')] }),
      }),
    );

    const r = await readTarget(client, target, opts(fakeSleep().sleep));

    expect(seen).toEqual([undefined, 't1', 't2']);
    expect(r.resourceCidrs.map((c) => `${c.ResourceId} ${c.ResourceCidr}`)).toEqual([
      'vpc-1 10.0.0.0/16',
      'vpc-2 10.1.0.0/16',
      'vpc-3 10.2.0.0/16',
    ]);
    expect(r.account).toEqual({
      AccountId: ACCOUNT,
      DiscoveryRegion: 'us-east-1',
      LastAttemptedDiscoveryTime: T0,
      LastSuccessfulDiscoveryTime: T0,
    });
  });

  it('retries a throttled page from its own token, with capped exponential back-off', async () => {
    const { client, m } = mocked();
    const { waits, sleep } = fakeSleep();
    const seen: (string | undefined)[] = [];
    let throttles = 2;
    m.on(DescribeSubnetsCommand).callsFake(
      byToken(seen, {
        first: () => ({ Subnets: [], NextToken: 't1' }),
        t1: () => {
          if (throttles-- > 0) throw awsError(throttles === 1 ? 'RequestLimitExceeded' : 'Throttling');
          return {
            Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1', OwnerId: ACCOUNT, CidrBlock: '10.0.0.0/24' }],
          };
        },
      }),
    );
    m.on(DescribeAddressesCommand).rejectsOnce(awsError('ThrottlingException')).resolves({ Addresses: [] });

    const r = await readTarget(client, target, opts(sleep));

    expect(seen).toEqual([undefined, 't1', 't1', 't1']);
    expect(waits).toEqual([150, 300, 150]); // 200·2^(n-1), half fixed + half jitter (0.5)
    expect(r.account.FailureReason).toBeUndefined();
    expect(r.resourceCidrs.map((c) => c.ResourceId)).toEqual(['subnet-1']);
  });

  it('gives up after the attempt budget and reports throttling-failure', async () => {
    const { client, m } = mocked();
    const { waits, sleep } = fakeSleep();
    m.on(DescribeVpcsCommand).rejects(awsError('RequestLimitExceeded', 'Request limit exceeded.'));

    const r = await readTarget(client, target, { ...opts(sleep), maxAttempts: 3, maxDelayMs: 250 });

    expect(waits).toEqual([150, 188]); // second wait capped at 250 before jitter
    expect(r.resourceCidrs).toEqual([]);
    expect(r.account).toEqual({
      AccountId: ACCOUNT,
      DiscoveryRegion: 'us-east-1',
      LastAttemptedDiscoveryTime: T0,
      FailureReason: { Code: 'throttling-failure', Message: 'RequestLimitExceeded: Request limit exceeded.' },
    });
  });

  it('maps every resource kind to IpamDiscoveredResourceCidr rows', async () => {
    const { client, m } = mocked();
    m.on(DescribeVpcsCommand).resolves({
      Vpcs: [
        vpc('vpc-1', '10.0.0.0/16', {
          Tags: [{ Key: 'Name', Value: 'prod' }],
          CidrBlockAssociationSet: [
            { CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
            { CidrBlock: '10.9.0.0/16', CidrBlockState: { State: 'disassociated' } },
          ],
          Ipv6CidrBlockAssociationSet: [
            {
              Ipv6CidrBlock: '2600:1F18:0:0::/56',
              Ipv6CidrBlockState: { State: 'associated' },
              Ipv6Pool: 'Amazon',
            },
            { Ipv6CidrBlock: '2001:db8::/56', Ipv6CidrBlockState: { State: 'disassociating' } },
          ],
        }),
        vpc('vpc-shared-in', '172.16.0.0/16', { OwnerId: '999999999999' }),
      ],
    });
    m.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        {
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          OwnerId: ACCOUNT,
          CidrBlock: '10.0.0.0/24',
          AvailableIpAddressCount: 187,
          AvailabilityZoneId: 'use1-az1',
        },
      ],
    });
    m.on(DescribeAddressesCommand).resolves({
      Addresses: [
        { AllocationId: 'eipalloc-1', PublicIp: '198.51.100.7', PublicIpv4Pool: 'ipv4pool-ec2-1' },
        { AllocationId: 'eipalloc-2', PublicIp: '3.5.7.9', PublicIpv4Pool: 'amazon' },
      ],
    });
    m.on(DescribePublicIpv4PoolsCommand).resolves({
      PublicIpv4Pools: [
        {
          PoolId: 'ipv4pool-ec2-1',
          PoolAddressRanges: [{ FirstAddress: '198.51.100.0', LastAddress: '198.51.100.255' }],
        },
      ],
    });
    m.on(DescribeNetworkInterfacesCommand).resolves({
      NetworkInterfaces: [
        {
          NetworkInterfaceId: 'eni-1',
          OwnerId: ACCOUNT,
          VpcId: 'vpc-1',
          SubnetId: 'subnet-1',
          Status: 'in-use',
          Attachment: { InstanceId: 'i-1', InstanceOwnerId: ACCOUNT },
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.10' }],
          Ipv4Prefixes: [{ Ipv4Prefix: '10.0.0.16/28' }],
        },
      ],
    });

    const r = await readTarget(client, target, {
      ...opts(fakeSleep().sleep),
      IpamResourceDiscoveryId: 'ipam-res-disco-1',
    });
    const common = {
      ResourceRegion: 'us-east-1',
      ResourceOwnerId: ACCOUNT,
      SampleTime: T0,
      IpamResourceDiscoveryId: 'ipam-res-disco-1',
    };

    expect(r.resourceCidrs).toEqual([
      {
        ...common,
        ResourceId: 'vpc-1',
        ResourceType: 'vpc',
        ResourceCidr: '10.0.0.0/16',
        VpcId: 'vpc-1',
        IpSource: 'none',
        ResourceName: 'prod',
        ResourceTags: [{ Key: 'Name', Value: 'prod' }],
        IpUsage: 1 / 256,
      },
      {
        ...common,
        ResourceId: 'vpc-1',
        ResourceType: 'vpc',
        ResourceCidr: '2600:1f18::/56',
        VpcId: 'vpc-1',
        IpSource: 'amazon',
        ResourceName: 'prod',
        ResourceTags: [{ Key: 'Name', Value: 'prod' }],
        IpUsage: 0,
      },
      {
        ...common,
        ResourceId: 'subnet-1',
        ResourceType: 'subnet',
        ResourceCidr: '10.0.0.0/24',
        VpcId: 'vpc-1',
        SubnetId: 'subnet-1',
        AvailabilityZoneId: 'use1-az1',
        IpSource: 'none',
        ResourceTags: [],
        InUseAddressCount: 64,
        IpUsage: 0.25,
      },
      {
        ...common,
        ResourceId: 'eipalloc-1',
        ResourceType: 'eip',
        ResourceCidr: '198.51.100.7/32',
        IpSource: 'byoip',
        ParentResourceId: 'ipv4pool-ec2-1',
        ResourceTags: [],
      },
      {
        ...common,
        ResourceId: 'eipalloc-2',
        ResourceType: 'eip',
        ResourceCidr: '3.5.7.9/32',
        IpSource: 'amazon',
        ResourceTags: [],
      },
      {
        ...common,
        ResourceId: 'ipv4pool-ec2-1',
        ResourceType: 'public-ipv4-pool',
        ResourceCidr: '198.51.100.0/24',
        IpSource: 'byoip',
        ResourceTags: [],
        IpUsage: 1 / 256,
      },
      ...['10.0.0.10/32', '10.0.0.16/28'].map((ResourceCidr) => ({
        ...common,
        ResourceId: 'eni-1',
        ResourceType: 'eni',
        ResourceCidr,
        VpcId: 'vpc-1',
        SubnetId: 'subnet-1',
        NetworkInterfaceAttachmentStatus: 'in-use',
        InstanceId: 'i-1',
        InstanceOwnerId: ACCOUNT,
        IpSource: 'none',
        ResourceTags: [],
      })),
    ]);
  });
});

describe('readTarget: security group rules of public addresses (F-PIP-08)', () => {
  /** One instance with an auto-assigned public IP in sg-web, and a hinted one (an Allot EIP's) in sg-app. */
  const withInstances = () => {
    const { client, m } = mocked();
    m.on(DescribeNetworkInterfacesCommand).resolves({
      NetworkInterfaces: [
        {
          NetworkInterfaceId: 'eni-1',
          OwnerId: ACCOUNT,
          Attachment: { InstanceId: 'i-1' },
          Groups: [{ GroupName: 'web', GroupId: 'sg-web' }],
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.5', Association: { PublicIp: '54.0.0.1' } }],
        },
        {
          NetworkInterfaceId: 'eni-2',
          OwnerId: ACCOUNT,
          Attachment: { InstanceId: 'i-2' },
          Groups: [{ GroupName: 'app', GroupId: 'sg-app' }],
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.6' }],
        },
      ],
    });
    return { client, m };
  };
  const https = { GroupId: 'sg-web', IsEgress: false, IpProtocol: 'tcp', FromPort: 443, ToPort: 443 };
  const out = { GroupId: 'sg-app', IsEgress: true, IpProtocol: '-1', FromPort: -1, ToPort: -1 };

  it('reads the rules of the referenced groups in one filtered call and gives each its own', async () => {
    const { client, m } = withInstances();
    m.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [
        { SecurityGroupRuleId: 'sgr-1', ...https, CidrIpv4: '0.0.0.0/0' },
        { SecurityGroupRuleId: 'sgr-2', ...out, CidrIpv4: '0.0.0.0/0' },
      ],
    });

    const r = await readTarget(client, target, { ...opts(fakeSleep().sleep), instanceIds: ['i-2'] });

    expect(m.commandCalls(DescribeSecurityGroupRulesCommand).map((c) => c.args[0].input)).toEqual([
      { Filters: [{ Name: 'group-id', Values: ['sg-web', 'sg-app'] }], MaxResults: 1000 },
    ]);
    expect(r.publicAddresses.map((a) => [a.Address, a.InstanceId, a.SecurityGroupRules])).toEqual([
      ['54.0.0.1', 'i-1', [{ SecurityGroupRuleId: 'sgr-1', ...https, CidrIpv4: '0.0.0.0/0' }]],
    ]);
    expect(r.instances).toEqual([
      {
        InstanceId: 'i-2',
        SecurityGroups: [{ GroupName: 'app', GroupId: 'sg-app' }],
        SecurityGroupRules: [{ SecurityGroupRuleId: 'sgr-2', ...out, CidrIpv4: '0.0.0.0/0' }],
      },
    ]);
  });

  it('a refused rules read does not fail the sample: the addresses are kept without rules', async () => {
    const { client, m } = withInstances();
    m.on(DescribeSecurityGroupRulesCommand).rejects(awsError('UnauthorizedOperation'));

    const r = await readTarget(client, target, { ...opts(fakeSleep().sleep), instanceIds: ['i-2'] });

    expect([r.account.FailureReason, r.account.LastSuccessfulDiscoveryTime]).toEqual([undefined, T0]);
    expect(r.publicAddresses.map((a) => [a.Address, a.SecurityGroups, a.SecurityGroupRules])).toEqual([
      ['54.0.0.1', [{ GroupName: 'web', GroupId: 'sg-web' }], undefined],
    ]);
    expect(r.instances).toEqual([
      { InstanceId: 'i-2', SecurityGroups: [{ GroupName: 'app', GroupId: 'sg-app' }] },
    ]);
  });

  it('makes no rules call when no address on an instance references a group', async () => {
    const { client, m } = mocked();
    m.on(DescribeAddressesCommand).resolves({
      Addresses: [{ PublicIp: '198.51.100.7', AllocationId: 'eipalloc-1' }],
    });

    const r = await readTarget(client, target, opts(fakeSleep().sleep));

    expect(m.commandCalls(DescribeSecurityGroupRulesCommand)).toEqual([]);
    expect(r.publicAddresses.map((a) => [a.Address, a.SecurityGroupRules])).toEqual([
      ['198.51.100.7', undefined],
    ]);
    expect(r.instances).toBeUndefined();
  });
});

describe('discoverMany', () => {
  it('an UnauthorizedOperation account yields unauthorized-failure while the other succeeds', async () => {
    const good = mocked();
    good.m.on(DescribeVpcsCommand).resolves({ Vpcs: [vpc('vpc-1', '10.0.0.0/16')] });
    const bad = mocked();
    bad.m
      .on(DescribeVpcsCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const targets = [
      { AccountId: '444455556666', Region: 'us-east-1' },
      { AccountId: ACCOUNT, Region: 'us-east-1', OrganizationalUnitId: 'ou-ab12-cdef3456' },
      { AccountId: '777788889999', Region: 'us-east-1' },
    ];
    const progress: number[] = [];

    const results = await discoverMany(
      targets,
      (t) => {
        if (t.AccountId === '777788889999')
          throw awsError('AccessDenied', 'not authorized to perform sts:AssumeRole');
        return t.AccountId === ACCOUNT ? good.client : bad.client;
      },
      { ...opts(fakeSleep().sleep), concurrency: 2, onProgress: (p) => progress.push(p.done) },
    );

    expect(
      results.map((r) => [r.account.AccountId, r.account.FailureReason?.Code, r.resourceCidrs.length]),
    ).toEqual([
      ['444455556666', 'unauthorized-failure', 0],
      [ACCOUNT, undefined, 1],
      ['777788889999', 'assume-role-failure', 0],
    ]);
    expect(results[0]?.account.FailureReason?.Message).toBe(
      'UnauthorizedOperation: You are not authorized to perform this operation.',
    );
    expect(results[1]?.account.OrganizationalUnitId).toBe('ou-ab12-cdef3456');
    expect(progress).toEqual([1, 2, 3]);
  });

  it('never runs more targets at once than the concurrency limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const shared = mocked();
    shared.m.on(DescribeVpcsCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return {};
    });
    const targets = Array.from({ length: 7 }, (_, i) => ({
      AccountId: String(100000000000 + i),
      Region: 'eu-west-1',
    }));

    const results = await discoverMany(targets, () => shared.client, {
      ...opts(fakeSleep().sleep),
      concurrency: 3,
    });

    expect(results.map((r) => r.account.AccountId)).toEqual(targets.map((t) => t.AccountId));
    expect(peak).toBe(3);
  });
});

describe('classifyFailure', () => {
  it.each([
    ['RequestLimitExceeded', 'throttling-failure'],
    ['Throttling', 'throttling-failure'],
    ['ThrottlingException', 'throttling-failure'],
    ['UnauthorizedOperation', 'unauthorized-failure'],
    ['AuthFailure', 'unauthorized-failure'],
    ['AccessDenied', 'assume-role-failure'],
    ['CredentialsProviderError', 'assume-role-failure'],
  ])('%s -> %s', (name, code) => {
    expect(classifyFailure(awsError(name)).Code).toBe(code);
  });
});
