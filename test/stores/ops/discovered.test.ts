import { describe, expect, it } from 'vitest';
import type { DiscoveredResourceCidr } from '../../../core/ops/monitoring/analysis/discovered';
import { recordSnapshot } from '../../../core/ops/monitoring/run/snapshot';
import type { DiscoveredPublicAddress, DiscoverySample } from '../../../core/ops/monitoring/run/types';
import { ACCOUNT, type Env, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

const RD = 'ipam-res-disco-00000000000000001';
const T1 = new Date('2026-01-01T00:05:00.000Z');
const T2 = new Date('2026-01-01T00:10:00.000Z');

const row = (
  id: string,
  cidr: string,
  at = T1,
  extra: Partial<DiscoveredResourceCidr> = {},
): DiscoveredResourceCidr => ({
  ResourceId: id,
  ResourceType: id.startsWith('vpc') ? 'vpc' : 'subnet',
  ResourceRegion: 'us-east-1',
  ResourceOwnerId: ACCOUNT,
  ResourceCidr: cidr,
  IpSource: 'none',
  ResourceTags: [{ Key: 'Name', Value: id }],
  SampleTime: at,
  InstanceId: 'i-internal',
  ...extra,
});

const eip: DiscoveredPublicAddress = {
  AddressRegion: 'us-east-1',
  Address: '198.51.100.7',
  AddressOwnerId: ACCOUNT,
  AddressAllocationId: 'eipalloc-1',
  AssociationStatus: 'disassociated',
  AddressType: 'amazon-owned-eip',
  Service: 'other',
  NetworkBorderGroup: 'us-east-1',
  Tags: { EipTags: [] },
  SampleTime: T1,
};

/** An instance's public IP with its group's rules, the Allot extension of F-PIP-08. */
const onInstance: DiscoveredPublicAddress = {
  AddressRegion: 'us-east-1',
  Address: '54.0.0.1',
  AddressOwnerId: ACCOUNT,
  AssociationStatus: 'associated',
  AddressType: 'ec2-public-ip',
  Service: 'other',
  NetworkInterfaceId: 'eni-1',
  InstanceId: 'i-1',
  SecurityGroups: [{ GroupName: 'web', GroupId: 'sg-web' }],
  SecurityGroupRules: [
    {
      SecurityGroupRuleId: 'sgr-1',
      GroupId: 'sg-web',
      IsEgress: false,
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      CidrIpv4: '0.0.0.0/0',
      Description: 'https',
    },
    {
      SecurityGroupRuleId: 'sgr-2',
      GroupId: 'sg-web',
      IsEgress: true,
      IpProtocol: '-1',
      CidrIpv4: '0.0.0.0/0',
    },
  ],
  SampleTime: T1,
};

const ok = (
  region: string,
  at: Date,
  rows: DiscoveredResourceCidr[],
  addresses: DiscoveredPublicAddress[] = [],
): DiscoverySample => ({
  account: {
    AccountId: ACCOUNT,
    DiscoveryRegion: region,
    LastAttemptedDiscoveryTime: at,
    LastSuccessfulDiscoveryTime: at,
  },
  resourceCidrs: rows,
  publicAddresses: addresses,
});

const failed = (region: string, at: Date): DiscoverySample => ({
  account: {
    AccountId: ACCOUNT,
    DiscoveryRegion: region,
    LastAttemptedDiscoveryTime: at,
    FailureReason: { Code: 'throttling-failure', Message: 'Rate exceeded' },
  },
  resourceCidrs: [],
  publicAddresses: [],
});

const target = (Region: string) => ({ AccountId: ACCOUNT, Region });

describe.each(storeFactories())(
  'discovered resources, accounts and public addresses (%s store)',
  (_n, makeStore) => {
    const seeded = async (): Promise<Env> => {
      const e = makeEnv(await makeStore());
      await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
      await recordSnapshot(
        e.deps,
        RD,
        target('us-east-1'),
        ok(
          'us-east-1',
          T1,
          [
            row('vpc-1', '10.0.0.0/16'),
            row('subnet-1', '10.0.1.0/24', T1, { VpcId: 'vpc-1', IpUsage: 0.25 }),
          ],
          [eip, onInstance],
        ),
      );
      await recordSnapshot(e.deps, RD, target('us-west-2'), failed('us-west-2', T1));
      return e;
    };

    it('F-RD-04: GetIpamDiscoveredResourceCidrs returns the API members of the region rows only', async () => {
      const e = await seeded();
      const out = await e.call('GetIpamDiscoveredResourceCidrs', {
        IpamResourceDiscoveryId: RD,
        ResourceRegion: 'us-east-1',
      });
      expect(out).toEqual({
        IpamDiscoveredResourceCidrs: [
          {
            IpamResourceDiscoveryId: RD,
            ResourceRegion: 'us-east-1',
            ResourceId: 'vpc-1',
            ResourceOwnerId: ACCOUNT,
            ResourceCidr: '10.0.0.0/16',
            IpSource: 'none',
            ResourceType: 'vpc',
            ResourceTags: [{ Key: 'Name', Value: 'vpc-1' }],
            SampleTime: '2026-01-01T00:05:00.000Z',
          },
          {
            IpamResourceDiscoveryId: RD,
            ResourceRegion: 'us-east-1',
            ResourceId: 'subnet-1',
            ResourceOwnerId: ACCOUNT,
            ResourceCidr: '10.0.1.0/24',
            IpSource: 'none',
            ResourceType: 'subnet',
            ResourceTags: [{ Key: 'Name', Value: 'subnet-1' }],
            SampleTime: '2026-01-01T00:05:00.000Z',
            VpcId: 'vpc-1',
            IpUsage: 0.25,
          },
        ],
      });
      const west = await e.call('GetIpamDiscoveredResourceCidrs', {
        IpamResourceDiscoveryId: RD,
        ResourceRegion: 'us-west-2',
      });
      expect(west).toEqual({ IpamDiscoveredResourceCidrs: [] });
    });

    it('F-GEN-04/05: filters and MaxResults/NextToken pages', async () => {
      const e = await seeded();
      const base = { IpamResourceDiscoveryId: RD, ResourceRegion: 'us-east-1' };
      const f = await e.call('GetIpamDiscoveredResourceCidrs', {
        ...base,
        Filters: [{ Name: 'resource-type', Values: ['subnet'] }],
      });
      expect(f.IpamDiscoveredResourceCidrs.map((r: { ResourceId: string }) => r.ResourceId)).toEqual([
        'subnet-1',
      ]);
      const rows = Array.from({ length: 7 }, (_, i) => row(`subnet-${i}`, `10.0.${i}.0/24`, T2));
      await recordSnapshot(e.deps, RD, target('us-east-1'), ok('us-east-1', T2, rows));
      const p1 = await e.call('GetIpamDiscoveredResourceCidrs', { ...base, MaxResults: 5 });
      const p2 = await e.call('GetIpamDiscoveredResourceCidrs', {
        ...base,
        MaxResults: 5,
        NextToken: p1.NextToken,
      });
      expect(
        [...p1.IpamDiscoveredResourceCidrs, ...p2.IpamDiscoveredResourceCidrs].map(
          (r: { ResourceCidr: string }) => r.ResourceCidr,
        ),
      ).toEqual(rows.map((r) => r.ResourceCidr));
      expect(p2.NextToken).toBeUndefined();
      await e.expectError(
        'GetIpamDiscoveredResourceCidrs',
        { ...base, MaxResults: 4 },
        'InvalidParameterValue',
      );
      await e.expectError(
        'GetIpamDiscoveredResourceCidrs',
        { ...base, NextToken: 'bogus' },
        'InvalidNextToken',
      );
      await e.expectError(
        'GetIpamDiscoveredResourceCidrs',
        { ...base, Filters: [{ Name: 'colour', Values: ['x'] }] },
        'InvalidParameterValue',
      );
    });

    it('F-RD-04: GetIpamDiscoveredAccounts keeps LastSuccessfulDiscoveryTime across a failure', async () => {
      const e = await seeded();
      await recordSnapshot(e.deps, RD, target('us-east-1'), failed('us-east-1', T2));
      const out = await e.call('GetIpamDiscoveredAccounts', {
        IpamResourceDiscoveryId: RD,
        DiscoveryRegion: 'us-east-1',
      });
      expect(out).toEqual({
        IpamDiscoveredAccounts: [
          {
            AccountId: ACCOUNT,
            DiscoveryRegion: 'us-east-1',
            FailureReason: { Code: 'throttling-failure', Message: 'Rate exceeded' },
            LastAttemptedDiscoveryTime: '2026-01-01T00:10:00.000Z',
            LastSuccessfulDiscoveryTime: '2026-01-01T00:05:00.000Z',
          },
        ],
      });
      // The failed read keeps the rows of the last successful one.
      const cidrs = await e.call('GetIpamDiscoveredResourceCidrs', {
        IpamResourceDiscoveryId: RD,
        ResourceRegion: 'us-east-1',
      });
      expect(cidrs.IpamDiscoveredResourceCidrs.map((r: { ResourceId: string }) => r.ResourceId)).toEqual([
        'vpc-1',
        'subnet-1',
      ]);
      const west = await e.call('GetIpamDiscoveredAccounts', {
        IpamResourceDiscoveryId: RD,
        DiscoveryRegion: 'us-west-2',
        Filters: [{ Name: 'failure-reason.code', Values: ['throttling-failure'] }],
      });
      expect(west.IpamDiscoveredAccounts).toEqual([
        {
          AccountId: ACCOUNT,
          DiscoveryRegion: 'us-west-2',
          FailureReason: { Code: 'throttling-failure', Message: 'Rate exceeded' },
          LastAttemptedDiscoveryTime: '2026-01-01T00:05:00.000Z',
        },
      ]);
    });

    it('F-PIP-10: GetIpamDiscoveredPublicAddresses with OldestSampleTime', async () => {
      const e = await seeded();
      const out = await e.call('GetIpamDiscoveredPublicAddresses', {
        IpamResourceDiscoveryId: RD,
        AddressRegion: 'us-east-1',
      });
      expect(out).toEqual({
        IpamDiscoveredPublicAddresses: [
          { ...eip, IpamResourceDiscoveryId: RD, SampleTime: '2026-01-01T00:05:00.000Z' },
          // F-PIP-08: the security group rules are stored with the sample and returned.
          { ...onInstance, IpamResourceDiscoveryId: RD, SampleTime: '2026-01-01T00:05:00.000Z' },
        ],
        OldestSampleTime: '2026-01-01T00:05:00.000Z',
      });
    });

    it('a newer snapshot replaces the rows whole; an older sample is dropped', async () => {
      const e = await seeded();
      expect(
        await recordSnapshot(
          e.deps,
          RD,
          target('us-east-1'),
          ok('us-east-1', T2, [row('vpc-2', '10.2.0.0/16', T2)]),
        ),
      ).toBe('replaced');
      expect(
        await recordSnapshot(
          e.deps,
          RD,
          target('us-east-1'),
          ok('us-east-1', T1, [row('vpc-9', '10.9.0.0/16')]),
        ),
      ).toBe('stale');
      const out = await e.call('GetIpamDiscoveredResourceCidrs', {
        IpamResourceDiscoveryId: RD,
        ResourceRegion: 'us-east-1',
      });
      expect(out.IpamDiscoveredResourceCidrs.map((r: { ResourceCidr: string }) => r.ResourceCidr)).toEqual([
        '10.2.0.0/16',
      ]);
    });

    it('errors: unknown or foreign resource discovery, missing or invalid region', async () => {
      const e = await seeded();
      await e.expectError(
        'GetIpamDiscoveredResourceCidrs',
        { IpamResourceDiscoveryId: 'ipam-res-disco-0ff', ResourceRegion: 'us-east-1' },
        'InvalidIpamResourceDiscoveryId.NotFound',
      );
      await e.expectError(
        'GetIpamDiscoveredAccounts',
        { IpamResourceDiscoveryId: RD, DiscoveryRegion: 'us-east-1' },
        'InvalidIpamResourceDiscoveryId.NotFound',
        { accountId: OTHER_ACCOUNT },
      );
      await e.expectError(
        'GetIpamDiscoveredPublicAddresses',
        { IpamResourceDiscoveryId: RD },
        'MissingParameter',
      );
      await e.expectError('GetIpamDiscoveredAccounts', { DiscoveryRegion: 'us-east-1' }, 'MissingParameter');
      await e.expectError(
        'GetIpamDiscoveredResourceCidrs',
        { IpamResourceDiscoveryId: RD, ResourceRegion: 'Mars' },
        'InvalidParameterValue',
      );
      await e.expectError(
        'GetIpamDiscoveredResourceCidrs',
        { IpamResourceDiscoveryId: RD, ResourceRegion: 'us-east-1', DryRun: true },
        'DryRunOperation',
      );
    });
  },
);
