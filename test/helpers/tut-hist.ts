/**
 * The F-TUT-HIST fixture (FEATURES-monitoring §15.4) as discovery input: which resource CIDRs
 * exist at each sample time. Reconciling the estate at each of these times, in order, yields
 * exactly the history records H1..H12 of the tutorial.
 */
import type { DiscoveredResourceCidr } from '../../core/ops/monitoring/analysis/discovered';

export const TUT_OWNER = '123456789012';
export const TUT_NOW = new Date('2021-12-29T00:00:00.000Z');

type Row = Omit<DiscoveredResourceCidr, 'SampleTime' | 'ResourceOwnerId' | 'ResourceTags' | 'IpSource'> &
  Partial<Pick<DiscoveredResourceCidr, 'IpSource'>> & { from: string; to?: string };

const ROWS: Row[] = [
  // H1, H2: an ENI of an instance of the same owner.
  {
    ResourceId: 'eni-0b4e53eb1733aba16',
    ResourceType: 'eni',
    ResourceRegion: 'us-east-1',
    ResourceCidr: '10.2.1.155/32',
    VpcId: 'vpc-0f5ee7e1ba908a378',
    SubnetId: 'subnet-0864c82a42f5bffd',
    InstanceId: 'i-064da1f79baed14f3',
    InstanceOwnerId: TUT_OWNER,
    from: '2021-12-27T20:08:46.672Z',
  },
  // H3, H4: the subnet and its VPC.
  {
    ResourceId: 'subnet-0864c82a42f5bffd',
    ResourceType: 'subnet',
    ResourceRegion: 'us-east-1',
    ResourceCidr: '10.2.1.0/24',
    VpcId: 'vpc-0f5ee7e1ba908a378',
    from: '2021-12-27T20:08:46.672Z',
  },
  {
    ResourceId: 'vpc-0f5ee7e1ba908a378',
    ResourceType: 'vpc',
    ResourceRegion: 'us-east-1',
    ResourceCidr: '10.2.1.0/24',
    from: '2021-12-27T20:08:46.672Z',
  },
  // H5, H6: two VPCs holding the same IPv6 CIDR one after the other.
  {
    ResourceId: 'vpc-01d967bf3b923f72c',
    ResourceType: 'vpc',
    ResourceRegion: 'us-east-2',
    ResourceCidr: '2605:9cc0:409::/56',
    ResourceName: 'First example VPC',
    IpSource: 'byoip',
    from: '2021-12-23T20:02:00.701Z',
    to: '2021-12-23T20:12:59.848Z',
  },
  {
    ResourceId: 'vpc-03e62c7eca81cb652',
    ResourceType: 'vpc',
    ResourceRegion: 'us-east-2',
    ResourceCidr: '2605:9cc0:409::/56',
    ResourceName: 'Second example VPC',
    IpSource: 'byoip',
    from: '2021-12-27T15:11:00.046Z',
  },
  // H7..H10: 10.0.0.0/24 in three regions.
  {
    ResourceId: 'subnet-0d1b8f899725aa72d',
    ResourceType: 'subnet',
    ResourceRegion: 'us-east-2',
    ResourceCidr: '10.0.0.0/24',
    VpcId: 'vpc-042b8a44f64267d67',
    ResourceName: 'Example name',
    from: '2021-12-11T16:35:59.074Z',
    to: '2021-12-28T15:34:00.017Z',
  },
  {
    ResourceId: 'vpc-09754dfd85911abec',
    ResourceType: 'vpc',
    ResourceRegion: 'us-east-2',
    ResourceCidr: '10.0.0.0/24',
    ResourceName: 'Example name',
    from: '2021-12-27T20:07:59.947Z',
    to: '2021-12-28T15:34:00.017Z',
  },
  {
    ResourceId: 'vpc-0a8347f594bea5901',
    ResourceType: 'vpc',
    ResourceRegion: 'us-west-2',
    ResourceCidr: '10.0.0.0/24',
    ResourceName: 'Example name',
    from: '2021-12-11T16:35:59.318Z',
  },
  {
    ResourceId: 'subnet-0af7eadb0798e9148',
    ResourceType: 'subnet',
    ResourceRegion: 'us-east-1',
    ResourceCidr: '10.0.0.0/24',
    VpcId: 'vpc-03298ba16756a8736',
    ResourceName: 'Example name',
    from: '2021-12-14T21:07:22.357Z',
  },
  // H11, H12: the same ENI's second address, used by an instance a service owns.
  {
    ResourceId: 'eni-0b4e53eb1733aba16',
    ResourceType: 'eni',
    ResourceRegion: 'us-east-1',
    ResourceCidr: '10.0.0.176/32',
    VpcId: 'vpc-0f5ee7e1ba908a378',
    SubnetId: 'subnet-0864c82a42f5bffd',
    InstanceId: 'i-0a1b2c3d4e5f60718',
    InstanceOwnerId: '210987654321',
    from: '2021-12-27T20:08:46.672Z',
  },
];

/** Every time the estate changes, in order: the sample times of the fixture. */
export const FIXTURE_EVENTS: Date[] = [...new Set(ROWS.flatMap((r) => [r.from, ...(r.to ? [r.to] : [])]))]
  .sort()
  .map((t) => new Date(t));

/** The resource CIDRs a discovery at `t` sees. */
export const rowsAt = (t: Date): DiscoveredResourceCidr[] =>
  ROWS.filter((r) => Date.parse(r.from) <= t.getTime() && (!r.to || t.getTime() < Date.parse(r.to))).map(
    ({ from: _f, to: _t, IpSource, ...r }) => ({
      ...r,
      ResourceOwnerId: TUT_OWNER,
      ResourceTags: [],
      IpSource: IpSource ?? 'none',
      SampleTime: t,
    }),
  );

const rec = (r: Record<string, string>) => ({ ResourceOwnerId: TUT_OWNER, ...r });
const ENI = {
  ResourceRegion: 'us-east-1',
  VpcId: 'vpc-0f5ee7e1ba908a378',
  SampledStartTime: '2021-12-27T20:08:46.672Z',
};
const OVERLAP = (compliance: string, overlap: string) => ({
  ResourceComplianceStatus: compliance,
  ResourceOverlapStatus: overlap,
});

/**
 * The tutorial's records, in the API shape. Two deliberate differences from the table, both from
 * the specification's own rules: H12's instance ID is absent (F-HIST-05), as the table says; and
 * H9 shows `nonoverlapping`, because a record carries the statuses of its latest snapshot
 * (F-HIST-06 [decision]) and after H8 ended on 28 Dec nothing else in the scope overlaps it
 * (subnets are outside the comparison set, F-STAT-06). The table shows it as it was on 27 Dec.
 */
export const H: Record<string, Record<string, string>> = {
  H1: rec({
    ...ENI,
    ResourceType: 'network-interface',
    ResourceId: 'eni-0b4e53eb1733aba16',
    ResourceCidr: '10.2.1.155/32',
  }),
  H2: rec({
    ...ENI,
    ResourceType: 'instance',
    ResourceId: 'i-064da1f79baed14f3',
    ResourceCidr: '10.2.1.155/32',
  }),
  H3: rec({
    ...ENI,
    ResourceType: 'subnet',
    ResourceId: 'subnet-0864c82a42f5bffd',
    ResourceCidr: '10.2.1.0/24',
  }),
  H4: rec({
    ...ENI,
    ResourceType: 'vpc',
    ResourceId: 'vpc-0f5ee7e1ba908a378',
    ResourceCidr: '10.2.1.0/24',
    ...OVERLAP('compliant', 'nonoverlapping'),
  }),
  H5: rec({
    ResourceRegion: 'us-east-2',
    ResourceType: 'vpc',
    ResourceId: 'vpc-01d967bf3b923f72c',
    ResourceCidr: '2605:9cc0:409::/56',
    ResourceName: 'First example VPC',
    VpcId: 'vpc-01d967bf3b923f72c',
    ...OVERLAP('compliant', 'nonoverlapping'),
    SampledStartTime: '2021-12-23T20:02:00.701Z',
    SampledEndTime: '2021-12-23T20:12:59.848Z',
  }),
  H6: rec({
    ResourceRegion: 'us-east-2',
    ResourceType: 'vpc',
    ResourceId: 'vpc-03e62c7eca81cb652',
    ResourceCidr: '2605:9cc0:409::/56',
    ResourceName: 'Second example VPC',
    VpcId: 'vpc-03e62c7eca81cb652',
    ...OVERLAP('compliant', 'nonoverlapping'),
    SampledStartTime: '2021-12-27T15:11:00.046Z',
  }),
  H7: rec({
    ResourceRegion: 'us-east-2',
    ResourceType: 'subnet',
    ResourceId: 'subnet-0d1b8f899725aa72d',
    ResourceCidr: '10.0.0.0/24',
    ResourceName: 'Example name',
    VpcId: 'vpc-042b8a44f64267d67',
    SampledStartTime: '2021-12-11T16:35:59.074Z',
    SampledEndTime: '2021-12-28T15:34:00.017Z',
  }),
  H8: rec({
    ResourceRegion: 'us-east-2',
    ResourceType: 'vpc',
    ResourceId: 'vpc-09754dfd85911abec',
    ResourceCidr: '10.0.0.0/24',
    ResourceName: 'Example name',
    VpcId: 'vpc-09754dfd85911abec',
    ...OVERLAP('unmanaged', 'overlapping'),
    SampledStartTime: '2021-12-27T20:07:59.947Z',
    SampledEndTime: '2021-12-28T15:34:00.017Z',
  }),
  H9: rec({
    ResourceRegion: 'us-west-2',
    ResourceType: 'vpc',
    ResourceId: 'vpc-0a8347f594bea5901',
    ResourceCidr: '10.0.0.0/24',
    ResourceName: 'Example name',
    VpcId: 'vpc-0a8347f594bea5901',
    ...OVERLAP('unmanaged', 'nonoverlapping'),
    SampledStartTime: '2021-12-11T16:35:59.318Z',
  }),
  H10: rec({
    ResourceRegion: 'us-east-1',
    ResourceType: 'subnet',
    ResourceId: 'subnet-0af7eadb0798e9148',
    ResourceCidr: '10.0.0.0/24',
    ResourceName: 'Example name',
    VpcId: 'vpc-03298ba16756a8736',
    SampledStartTime: '2021-12-14T21:07:22.357Z',
  }),
  H11: rec({
    ...ENI,
    ResourceType: 'network-interface',
    ResourceId: 'eni-0b4e53eb1733aba16',
    ResourceCidr: '10.0.0.176/32',
  }),
  H12: { ...ENI, ResourceOwnerId: 'amazon-aws', ResourceType: 'instance', ResourceCidr: '10.0.0.176/32' },
};
