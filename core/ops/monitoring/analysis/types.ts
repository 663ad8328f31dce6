/**
 * Inputs and outputs of one scope's evaluation (F-RES-03..06, F-STAT-04..07). Field names are
 * the EC2 API member names so rows map onto `IpamResourceCidr` / `IpamDiscoveredResourceCidr`
 * with no renaming; fields the API does not have are documented as internal.
 */
export interface Tag {
  Key: string;
  Value?: string;
}

/** `IpamResourceType` [api]. */
export type ResourceType =
  | 'vpc'
  | 'subnet'
  | 'eip'
  | 'public-ipv4-pool'
  | 'ipv6-pool'
  | 'eni'
  | 'anycast-ip-list';

/** `IpamPoolAllocation.ResourceType` [api]. */
export type AllocationResourceType =
  | 'ipam-pool'
  | 'vpc'
  | 'ec2-public-ipv4-pool'
  | 'custom'
  | 'subnet'
  | 'eip'
  | 'anycast-ip-list';

export type ManagementState = 'managed' | 'unmanaged' | 'ignored';
export type ComplianceStatus = 'compliant' | 'noncompliant' | 'unmanaged' | 'ignored';
export type OverlapStatus = 'overlapping' | 'nonoverlapping' | 'ignored';

/** One resource CIDR row in a scope (F-STAT-02): one per (resource, CIDR). */
export interface ResourceCidrInput {
  ResourceId: string;
  ResourceType: ResourceType;
  ResourceCidr: string;
  ResourceRegion: string;
  ResourceOwnerId: string;
  ResourceName?: string;
  ResourceTags?: Tag[];
  VpcId?: string;
  SubnetId?: string;
  AvailabilityZoneId?: string;
  /**
   * Internal: the resource whose containment is not overlap (F-RES-05): a subnet's VPC, an
   * EIP's public IPv4 pool. Subnets default to `VpcId` when this is absent.
   */
  ParentResourceId?: string;
  /** Internal: marked ignored with `ModifyIpamResourceCidr … Monitored=false` (F-RES-02). */
  Ignored?: boolean;
  /** Internal: addresses in use in an IPv4 subnet, from the collector (F-RES-06, F-MET-10). */
  InUseAddressCount?: number | bigint;
}

export interface PoolAllocationInput {
  IpamPoolId: string;
  Cidr: string;
  ResourceType: AllocationResourceType;
  ResourceId?: string;
  IpamPoolAllocationId?: string;
}

/** The rules of one pool (F-RULE-01..06). Only the pool holding an allocation applies (F-RULE-07). */
export interface PoolRulesInput {
  IpamPoolId: string;
  /** Region or network border group; absent or 'None' = any locale. */
  Locale?: string;
  AllocationMinNetmaskLength?: number;
  AllocationMaxNetmaskLength?: number;
  AllocationDefaultNetmaskLength?: number;
  AllocationResourceTags?: Tag[];
  /** Pool owner account, for the implicit sharing rule (F-RULE-06). */
  OwnerId?: string;
  /** Account IDs the pool is shared with. Absent = not shared, rule not checked. */
  SharePrincipals?: string[];
}

export interface ScopeEvaluationInput {
  resources: readonly ResourceCidrInput[];
  /** Every allocation of every pool of the scope (all types, custom and ipam-pool included). */
  allocations: readonly PoolAllocationInput[];
  pools: readonly PoolRulesInput[];
}

export type RuleName =
  | 'min-netmask-length'
  | 'max-netmask-length'
  | 'required-tag'
  | 'locale'
  | 'share-principal';

export interface RuleViolation {
  Rule: RuleName;
  Message: string;
}

/**
 * An evaluated row. Statuses are omitted where they do not apply (F-STAT-07: types that cannot
 * hold an allocation, subnets that hold none), exactly as `GetIpamResourceCidrs` omits them.
 */
export interface EvaluatedResourceCidr extends ResourceCidrInput {
  ManagementState?: ManagementState;
  ComplianceStatus?: ComplianceStatus;
  OverlapStatus?: OverlapStatus;
  /** The pool holding this row's allocation, when managed. */
  IpamPoolId?: string;
  /** 0..1; undefined where not computed (IPv6 subnets, EIPs, ENIs…). */
  IpUsage?: number;
  /** Rules the managed row breaks; empty unless noncompliant. */
  Violations: RuleViolation[];
}

/** A stored row of a scope's view: an evaluated resource CIDR with its sample time. */
export type ViewRow = Omit<EvaluatedResourceCidr, 'InUseAddressCount'> & { SampleTime?: string };
