/**
 * What the discovery job moves around: one (resource discovery, account, region) target, what a
 * read of it returned, and the public addresses (`IpamDiscoveredPublicAddress`, F-PIP-06).
 */
import type { DiscoveredAccount, DiscoveredResourceCidr } from '../analysis/discovered';
import type { Tag } from '../analysis/types';

export type PublicAddressType =
  | 'service-managed-ip'
  | 'service-managed-byoip'
  | 'amazon-owned-eip'
  | 'amazon-owned-contig'
  | 'byoip'
  | 'ec2-public-ip'
  | 'anycast-ip-list-ip';

/** `IpamDiscoveredPublicAddress` [api]; SampleTime is the read's time. */
export interface DiscoveredPublicAddress {
  IpamResourceDiscoveryId?: string;
  AddressRegion: string;
  Address: string;
  AddressOwnerId: string;
  AddressAllocationId?: string;
  AssociationStatus: 'associated' | 'disassociated';
  AddressType: PublicAddressType;
  Service: string;
  ServiceResource?: string;
  VpcId?: string;
  SubnetId?: string;
  PublicIpv4PoolId?: string;
  NetworkInterfaceId?: string;
  NetworkInterfaceDescription?: string;
  InstanceId?: string;
  Tags?: { EipTags: Tag[] };
  NetworkBorderGroup?: string;
  SecurityGroups?: { GroupName?: string; GroupId?: string }[];
  /**
   * Allot extension (F-PIP-08): the rules of the address's security groups, when it belongs to
   * an instance and the rules could be read; absent when they could not.
   */
  SecurityGroupRules?: SecurityGroupRuleSummary[];
  SampleTime: Date;
}

/** A security group rule as DescribeSecurityGroupRules gives it, the members F-PIP-08 shows. */
export interface SecurityGroupRuleSummary {
  SecurityGroupRuleId?: string;
  GroupId: string;
  IsEgress: boolean;
  /** `tcp`, `udp`, `icmp`, a protocol number, or `-1` for all. */
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  CidrIpv4?: string;
  CidrIpv6?: string;
  PrefixListId?: string;
  ReferencedGroupId?: string;
  Description?: string;
}

/**
 * The security of an instance the read was asked about because it holds an address EC2 does not
 * list (Allot's own Elastic IPs): the groups of its interfaces and, when they could be read, their
 * rules.
 */
export interface InstanceSecurity {
  InstanceId: string;
  SecurityGroups: { GroupName?: string; GroupId?: string }[];
  SecurityGroupRules?: SecurityGroupRuleSummary[];
}

export interface DiscoveryTarget {
  AccountId: string;
  Region: string;
  OrganizationalUnitId?: string;
}

/** One read of a target: the account status, and rows only when the read succeeded. */
export interface DiscoverySample {
  account: DiscoveredAccount;
  resourceCidrs: DiscoveredResourceCidr[];
  publicAddresses: DiscoveredPublicAddress[];
  /** Instances named in the read's hint (see ReadHint); absent when none was named. */
  instances?: InstanceSecurity[];
}

/** What a read should look at beyond its target's own listing. */
export interface ReadHint {
  /** Instances holding Allot's own Elastic IPs, whose security groups the read reports. */
  instanceIds: string[];
}

/** A unit of discovery work: one target of one resource discovery, and the IPAMs it feeds. */
export interface WorkItem extends DiscoveryTarget {
  rdId: string;
  ipamIds: string[];
}

/**
 * The scope reconciliation the job calls after a cycle's reads of an IPAM (evaluation,
 * auto-import, resource CIDR records, history, releases); core/ops/monitoring/resources/reconcile.ts implements it.
 */
export interface ReconcileInput {
  ipamId: string;
  /** Latest rows of every resource discovery associated with the IPAM. */
  discovered: readonly DiscoveredResourceCidr[];
  /** (account, region) pairs read successfully this cycle. */
  covered: readonly { AccountId: string; Region: string }[];
  /**
   * Pairs the IPAM's resource discoveries monitor this cycle, read or not: a failed read keeps
   * its pair's rows, while rows of a pair no longer monitored (RD disassociated or unshared,
   * region removed, organization admin disabled) leave the IPAM. Absent: keep every uncovered
   * pair's rows.
   */
  monitored?: readonly { AccountId: string; Region: string }[];
  now: Date;
}

/** A discovered CIDR an auto-importing pool could have taken and did not, and why. */
export interface NotImported {
  IpamPoolId: string;
  Cidr: string;
  ResourceId: string;
  /** A skip reason of auto-import (overlaps-allocation, cooling-down, …) or the refusal's error code. */
  Reason: string;
  Message: string;
}
