/**
 * EC2 describe shapes -> discovered resource CIDR rows (`IpamDiscoveredResourceCidr`, F-RD-04).
 * Pure. CIDRs are re-printed canonically so that one CIDR has one spelling in the store.
 */
import type {
  Address,
  NetworkInterface,
  PublicIpv4Pool,
  Tag as SdkTag,
  Subnet,
  Vpc,
} from '@aws-sdk/client-ec2';
import { formatCidr, hostBlock, parseAddress, rangeToBlocks, size, tryParseCidr } from '../../core/cidr';
import type { DiscoveredResourceCidr, IpSource } from '../../core/ops/monitoring/analysis/discovered';
import type { Tag } from '../../core/ops/monitoring/analysis/types';

export interface MapContext {
  AccountId: string;
  Region: string;
  SampleTime: Date;
}

/** CIDR states that still hold the space; disassociating/disassociated/failing/failed do not. */
const LIVE = new Set([undefined, 'associated', 'associating']);

/** AWS reserves five addresses in every IPv4 subnet; they are not "in use" by resources. */
const RESERVED_PER_SUBNET = 5n;

const tags = (list: SdkTag[] | undefined): Tag[] =>
  (list ?? []).flatMap((t) =>
    t.Key === undefined ? [] : [t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value }],
  );

const canon = (text: string | undefined): string | undefined => {
  const b = text === undefined ? undefined : tryParseCidr(text);
  return b && formatCidr(b);
};

const host = (ip: string | undefined): string | undefined => {
  try {
    return ip === undefined ? undefined : formatCidr(hostBlock(ip));
  } catch {
    return undefined;
  }
};

const base = (ctx: MapContext, id: string, list: SdkTag[] | undefined, owner?: string) => {
  const ResourceTags = tags(list);
  const name = ResourceTags.find((t) => t.Key === 'Name')?.Value;
  return {
    ResourceId: id,
    ResourceRegion: ctx.Region,
    ResourceOwnerId: owner ?? ctx.AccountId,
    ResourceTags,
    SampleTime: ctx.SampleTime,
    ...(name === undefined ? {} : { ResourceName: name }),
  };
};

const v6Source = (src: string | undefined, pool: string | undefined): IpSource =>
  src === 'amazon' || src === 'byoip' || src === 'none'
    ? src
    : pool && pool !== 'Amazon'
      ? 'byoip'
      : 'amazon';

export const mapVpc = (vpc: Vpc, ctx: MapContext): DiscoveredResourceCidr[] => {
  if (!vpc.VpcId) return [];
  const common = {
    ...base(ctx, vpc.VpcId, vpc.Tags, vpc.OwnerId),
    ResourceType: 'vpc' as const,
    VpcId: vpc.VpcId,
  };
  const v4 = vpc.CidrBlockAssociationSet
    ? vpc.CidrBlockAssociationSet.filter((a) => LIVE.has(a.CidrBlockState?.State)).map((a) => a.CidrBlock)
    : [vpc.CidrBlock];
  const rows: DiscoveredResourceCidr[] = v4.flatMap((c) => {
    const ResourceCidr = canon(c);
    return ResourceCidr ? [{ ...common, ResourceCidr, IpSource: 'none' as const }] : [];
  });
  for (const a of vpc.Ipv6CidrBlockAssociationSet ?? []) {
    const ResourceCidr = canon(a.Ipv6CidrBlock);
    if (ResourceCidr && LIVE.has(a.Ipv6CidrBlockState?.State)) {
      rows.push({ ...common, ResourceCidr, IpSource: v6Source(a.IpSource, a.Ipv6Pool) });
    }
  }
  return rows;
};

export const mapSubnet = (s: Subnet, ctx: MapContext): DiscoveredResourceCidr[] => {
  if (!s.SubnetId) return [];
  const common = {
    ...base(ctx, s.SubnetId, s.Tags, s.OwnerId),
    ResourceType: 'subnet' as const,
    SubnetId: s.SubnetId,
    ...(s.VpcId ? { VpcId: s.VpcId } : {}),
    ...(s.AvailabilityZoneId ? { AvailabilityZoneId: s.AvailabilityZoneId } : {}),
  };
  const rows: DiscoveredResourceCidr[] = [];
  const v4 = s.CidrBlock === undefined ? undefined : tryParseCidr(s.CidrBlock);
  if (v4) {
    // In use = size - available - the 5 reserved, so an empty subnet reads 0 % (F-TUT-OVL-02).
    const available = s.AvailableIpAddressCount;
    const used = available === undefined ? undefined : size(v4) - BigInt(available) - RESERVED_PER_SUBNET;
    rows.push({
      ...common,
      ResourceCidr: formatCidr(v4),
      IpSource: 'none',
      ...(used === undefined ? {} : { InUseAddressCount: Number(used < 0n ? 0n : used) }),
    });
  }
  for (const a of s.Ipv6CidrBlockAssociationSet ?? []) {
    const ResourceCidr = canon(a.Ipv6CidrBlock);
    if (ResourceCidr && LIVE.has(a.Ipv6CidrBlockState?.State)) {
      rows.push({ ...common, ResourceCidr, IpSource: v6Source(a.IpSource, undefined) });
    }
  }
  return rows;
};

/** EIPs: the public address as a /32; a BYOIP pool address is a child of its public IPv4 pool. */
export const mapAddress = (a: Address, ctx: MapContext): DiscoveredResourceCidr[] => {
  const ResourceCidr = host(a.PublicIp);
  if (!a.PublicIp || !ResourceCidr) return [];
  const pool = a.PublicIpv4Pool;
  const fromPool = pool?.startsWith('ipv4pool-') === true;
  return [
    {
      ...base(ctx, a.AllocationId ?? a.PublicIp, a.Tags),
      ResourceType: 'eip',
      ResourceCidr,
      IpSource: fromPool ? 'byoip' : 'amazon',
      ...(fromPool ? { ParentResourceId: pool } : {}),
    },
  ];
};

/** Public IPv4 pools report first/last ranges; each range becomes its covering CIDRs. */
export const mapPublicIpv4Pool = (p: PublicIpv4Pool, ctx: MapContext): DiscoveredResourceCidr[] => {
  if (!p.PoolId) return [];
  const common = {
    ...base(ctx, p.PoolId, p.Tags),
    ResourceType: 'public-ipv4-pool' as const,
    IpSource: 'byoip' as const,
  };
  return (p.PoolAddressRanges ?? []).flatMap((r) => {
    const first = host(r.FirstAddress) && parseAddress(r.FirstAddress!);
    const last = host(r.LastAddress) && parseAddress(r.LastAddress!);
    if (!first || !last || first.version !== last.version || first.value > last.value) return [];
    return rangeToBlocks(first.version, first.value, last.value).map((b) => ({
      ...common,
      ResourceCidr: formatCidr(b),
    }));
  });
};

/** ENIs: private addresses (/32), IPv6 addresses (/128) and delegated prefixes. */
export const mapNetworkInterface = (n: NetworkInterface, ctx: MapContext): DiscoveredResourceCidr[] => {
  if (!n.NetworkInterfaceId) return [];
  const attached = n.Status === 'in-use' || n.Attachment?.Status === 'attached';
  const common = {
    ...base(ctx, n.NetworkInterfaceId, n.TagSet, n.OwnerId),
    ResourceType: 'eni' as const,
    NetworkInterfaceAttachmentStatus: attached ? ('in-use' as const) : ('available' as const),
    ...(n.VpcId ? { VpcId: n.VpcId } : {}),
    ...(n.SubnetId ? { SubnetId: n.SubnetId } : {}),
    ...(n.AvailabilityZoneId ? { AvailabilityZoneId: n.AvailabilityZoneId } : {}),
    ...(n.Attachment?.InstanceId ? { InstanceId: n.Attachment.InstanceId } : {}),
    ...(n.Attachment?.InstanceOwnerId ? { InstanceOwnerId: n.Attachment.InstanceOwnerId } : {}),
  };
  const hosts = [
    ...(n.PrivateIpAddresses ?? []).map((p) => p.PrivateIpAddress),
    ...(n.Ipv6Addresses ?? []).map((p) => p.Ipv6Address),
  ].flatMap((ip) => host(ip) ?? []);
  const prefixes = [
    ...(n.Ipv4Prefixes ?? []).map((p) => p.Ipv4Prefix),
    ...(n.Ipv6Prefixes ?? []).map((p) => p.Ipv6Prefix),
  ].flatMap((c) => canon(c) ?? []);
  return [...new Set([...hosts, ...prefixes])].map((ResourceCidr) => ({
    ...common,
    ResourceCidr,
    IpSource: ResourceCidr.includes(':') ? 'amazon' : 'none',
  }));
};
