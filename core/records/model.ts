/**
 * Stored records. Field names are the EC2 API member names (PascalCase) so that an operation's
 * output is the record minus internal fields; internal bookkeeping lives in `_`-prefixed fields.
 * `_v` is the record's version: every replace is conditioned on it (optimistic concurrency).
 */
import type { AddressFamily } from '../cidr/types';

export interface Tag {
  Key: string;
  Value?: string;
}

export type LifecycleState =
  | 'create-in-progress'
  | 'create-complete'
  | 'create-failed'
  | 'modify-in-progress'
  | 'modify-complete'
  | 'modify-failed'
  | 'delete-in-progress'
  | 'delete-complete'
  | 'delete-failed'
  | 'isolate-in-progress'
  | 'isolate-complete'
  | 'restore-in-progress';

/** The state a cascade delete marks first; a counter write refuses a record in it. */
export const DELETING = 'delete-in-progress' satisfies LifecycleState;

export type Tier = 'free' | 'advanced';

interface Versioned {
  _v: number;
  /** Creation time, epoch ms. */
  _created: number;
}

export interface IpamRecord extends Versioned {
  kind: 'ipam';
  IpamId: string;
  IpamArn: string;
  OwnerId: string;
  IpamRegion: string;
  Description?: string;
  OperatingRegions: { RegionName: string }[];
  Tier: Tier;
  EnablePrivateGua: boolean;
  MeteredAccount: 'ipam-owner' | 'resource-owner';
  PublicDefaultScopeId: string;
  PrivateDefaultScopeId: string;
  ScopeCount: number;
  DefaultResourceDiscoveryId: string;
  DefaultResourceDiscoveryAssociationId: string;
  ResourceDiscoveryAssociationCount: number;
  State: LifecycleState;
  StateMessage?: string;
  Tags: Tag[];
}

export interface ScopeRecord extends Versioned {
  kind: 'scope';
  IpamScopeId: string;
  IpamScopeArn: string;
  IpamId: string;
  IpamArn: string;
  IpamRegion: string;
  OwnerId: string;
  IpamScopeType: 'public' | 'private';
  IsDefault: boolean;
  Description?: string;
  PoolCount: number;
  State: LifecycleState;
  Tags: Tag[];
  ExternalAuthorityConfiguration?: { Type?: string; ExternalResourceIdentifier?: string };
}

export interface SourceResource {
  ResourceId?: string;
  ResourceType?: 'vpc';
  ResourceRegion?: string;
  ResourceOwner?: string;
}

export interface PoolRecord extends Versioned {
  kind: 'pool';
  IpamPoolId: string;
  IpamPoolArn: string;
  OwnerId: string;
  /** The IPAM, for tier and region checks (not an API member of IpamPool). */
  _ipamId: string;
  IpamScopeId: string;
  IpamScopeArn: string;
  IpamScopeType: 'public' | 'private';
  IpamArn: string;
  IpamRegion: string;
  SourceIpamPoolId?: string;
  SourceResource?: SourceResource;
  AddressFamily: AddressFamily;
  Locale?: string;
  PoolDepth: number;
  State: LifecycleState;
  StateMessage?: string;
  Description?: string;
  AutoImport: boolean;
  PubliclyAdvertisable?: boolean;
  AllocationMinNetmaskLength?: number;
  AllocationMaxNetmaskLength?: number;
  AllocationDefaultNetmaskLength?: number;
  AllocationResourceTags: Tag[];
  AwsService?: 'ec2' | 'global-services';
  PublicIpSource?: 'amazon' | 'byoip';
  Tags: Tag[];
  /** Provisioned CIDR count (quota F-PCIDR-10) and child pools, kept by transactions. */
  _cidrCount: number;
  _childCount: number;
}

export type PoolCidrState =
  | 'pending-provision'
  | 'provisioned'
  | 'failed-provision'
  | 'pending-deprovision'
  | 'deprovisioned'
  | 'failed-deprovision'
  | 'pending-import'
  | 'failed-import';

export interface PoolCidrRecord extends Versioned {
  kind: 'pool-cidr';
  IpamPoolId: string;
  IpamPoolCidrId: string;
  Cidr: string;
  NetmaskLength: number;
  State: PoolCidrState;
  FailureReason?: { Code: 'cidr-not-available' | 'limit-exceeded'; Message: string };
  /** Where the space came from: the parent pool's allocation id, or the scope space claim. */
  _sourceAllocationId?: string;
}

export type AllocationResourceType =
  | 'ipam-pool'
  | 'vpc'
  | 'ec2-public-ipv4-pool'
  | 'custom'
  | 'subnet'
  | 'eip'
  | 'anycast-ip-list';

export interface AllocationRecord extends Versioned {
  kind: 'allocation';
  IpamPoolId: string;
  IpamPoolAllocationId: string;
  Cidr: string;
  Description?: string;
  ResourceId?: string;
  ResourceType: AllocationResourceType;
  ResourceRegion?: string;
  ResourceOwner: string;
  Tags: Tag[];
}

/** A ClientToken seen on a create (F-GEN-03): the request's fingerprint and the result to replay. */
export interface TokenRecord extends Versioned {
  kind: 'token';
  OwnerId: string;
  Action: string;
  ClientToken: string;
  Fingerprint: string;
  Result: Record<string, unknown>;
  /** Epoch seconds after which DynamoDB TTL may remove the token (7 days after first use). */
  ttl: number;
}

/** A uniqueness guard, e.g. one IPAM per (account, region) (F-IPAM-03). */
export interface UniqueRecord extends Versioned {
  kind: 'unique';
  Name: string;
  OwnerOf: string;
}

/** A credential Allot issued for the EC2 endpoint; the secret is stored encrypted (AES-256-GCM). */
export interface CredentialRecord extends Versioned {
  kind: 'credential';
  AccessKeyId: string;
  AccountId: string;
  EncryptedSecret: string;
  CreatedAt: string;
}

/**
 * The latest discovery of one (resource discovery, account, region): the account's status
 * (`IpamDiscoveredAccount`, times as ISO strings) and a reference to the rows, which live in a
 * blob (Store.putBlob) written whole before this record points at it (core/discovery-run/snapshot.ts).
 */
export interface SnapshotRecord extends Versioned {
  kind: 'snapshot';
  IpamResourceDiscoveryId: string;
  AccountId: string;
  DiscoveryRegion: string;
  FailureReason?: {
    Code: 'assume-role-failure' | 'throttling-failure' | 'unauthorized-failure';
    Message: string;
  };
  LastAttemptedDiscoveryTime: string;
  LastSuccessfulDiscoveryTime?: string;
  OrganizationalUnitId?: string;
  /** Blob holding the rows of the last successful read, and its part count; absent when empty. */
  _blob?: string;
  _parts?: number;
}

/**
 * Where a resource's allocations are (event-triggered reclamation, F-ALLOC-08): one per resource
 * allocation, created and deleted in the same transaction as the allocation it points at, so a
 * deletion event finds exactly the space the resource holds now with one strongly consistent Query.
 */
export interface ResourceRefRecord extends Versioned {
  kind: 'resource-ref';
  ResourceId: string;
  IpamPoolId: string;
  Cidr: string;
  IpamPoolAllocationId: string;
  ResourceOwner: string;
}

/**
 * The evaluated resource CIDRs of one scope (GetIpamResourceCidrs, F-RES-08), kept like discovery
 * snapshots: the rows in a blob, this record pointing at the current one, flipped on its version.
 */
export interface ScopeViewRecord extends Versioned {
  kind: 'scope-view';
  IpamScopeId: string;
  /** When the rows were last evaluated (ISO 8601). */
  EvaluatedAt: string;
  _blob?: string;
  _parts?: number;
}

/**
 * One IP address history record (F-HIST-03): a resource associated with a CIDR in a scope from
 * SampledStartTime until SampledEndTime (absent while open). Keyed by scope and exact CIDR, so a
 * GetIpamAddressHistory query is one Query (F-HIST-10).
 */
export interface HistoryItemRecord extends Versioned {
  kind: 'history';
  IpamScopeId: string;
  /** Internal: the association's identity (core/discovery/history.ts associationKey). */
  _key: string;
  ResourceOwnerId: string;
  ResourceRegion: string;
  ResourceType: 'vpc' | 'subnet' | 'eip' | 'instance' | 'network-interface';
  ResourceId?: string;
  ResourceCidr: string;
  ResourceName?: string;
  ResourceComplianceStatus?: string;
  ResourceOverlapStatus?: string;
  VpcId?: string;
  SampledStartTime: string;
  SampledEndTime?: string;
  /** Epoch seconds: closed records expire 3 years after they end (F-HIST-01). */
  ttl?: number;
}

/** An OU exclusion of a resource discovery (F-OUX-03): `o-…/r-…/ou-…/…/` path. */
export interface OuExclusion {
  OrganizationsEntityPath: string;
}

/**
 * A resource discovery (F-RD-02). An IPAM's default RD (IsDefault) is written with the IPAM,
 * follows its operating regions and is deleted with it (F-RD-10).
 */
export interface ResourceDiscoveryRecord extends Versioned {
  kind: 'resource-discovery';
  IpamResourceDiscoveryId: string;
  IsDefault: boolean;
  IpamResourceDiscoveryArn: string;
  OwnerId: string;
  IpamResourceDiscoveryRegion: string;
  Description?: string;
  OperatingRegions: { RegionName: string }[];
  OrganizationalUnitExclusions: OuExclusion[];
  State: LifecycleState;
  Tags: Tag[];
}

/** An association of a resource discovery with an IPAM (F-RDA-01; the default one: F-RDA-05). */
export interface RdAssociationRecord extends Versioned {
  kind: 'rd-association';
  IpamResourceDiscoveryAssociationId: string;
  IsDefault: boolean;
  IpamResourceDiscoveryAssociationArn: string;
  /** The RD owner [api]. */
  OwnerId: string;
  /** Internal: the IPAM owner, who alone may disassociate (absent = OwnerId). */
  _ipamOwner?: string;
  IpamResourceDiscoveryId: string;
  IpamId: string;
  IpamArn: string;
  IpamRegion: string;
  State: string;
  Tags: Tag[];
}

/**
 * Released space in its reuse delay (F-ALLOC-09), written with the release so pool metrics can
 * count it as assigned until `Until` (FEATURES-monitoring F-MET-03 [decision]). The space tree
 * enforces the delay; this record only reports it, and expires a day after it ends (`ttl`).
 */
export interface CoolingRecord extends Versioned {
  kind: 'cooling';
  IpamPoolId: string;
  Cidr: string;
  IpamPoolAllocationId: string;
  /** End of the reuse delay, epoch ms. */
  Until: number;
  ttl: number;
}

/**
 * A resource discovery shared with another account ([self-hosted] F-RD-07/08, in place of AWS
 * RAM): `pending` until the grantee accepts, then `active`. Removing it revokes the share.
 */
export interface RdShareRecord extends Versioned {
  kind: 'rd-share';
  IpamResourceDiscoveryId: string;
  /** The RD owner. */
  OwnerId: string;
  Principal: string;
  Status: 'pending' | 'active';
  CreationTime: string;
}

/** A VPC CIDR moved to another private scope (F-RES-07), applied by reconciliation. */
export interface ScopeMoveRecord extends Versioned {
  kind: 'scope-move';
  IpamId: string;
  ResourceId: string;
  ResourceCidr: string;
  /** The destination scope. */
  IpamScopeId: string;
}

/**
 * The organization registry (F-ORG-01..10, [self-hosted] equivalent): an organization with its
 * root, management account and at most one IPAM delegated admin (F-ORG-02).
 */
export interface OrganizationRecord extends Versioned {
  kind: 'organization';
  OrganizationId: string;
  RootId: string;
  ManagementAccountId: string;
  DelegatedAdminAccountId?: string;
}

/** An organizational unit; ParentId is the root or another OU. `_childCount`: OUs and accounts in it. */
export interface OrgUnitRecord extends Versioned {
  kind: 'org-unit';
  OrganizationId: string;
  OrganizationalUnitId: string;
  ParentId: string;
  Name: string;
  _childCount: number;
}

/**
 * An account removed from its organization (F-GEN-06 [self-hosted]): what it owns shows
 * `isolate-complete` until the account is registered in an organization again.
 */
export interface IsolationRecord extends Versioned {
  kind: 'isolation';
  AccountId: string;
  /** The organization it was removed from. */
  OrganizationId: string;
  Since: string;
}

/** A member account of an organization (an account belongs to at most one) and where it sits. */
export interface OrgAccountRecord extends Versioned {
  kind: 'org-account';
  AccountId: string;
  OrganizationId: string;
  ParentId: string;
}

export type AnyRecord =
  | IpamRecord
  | ScopeRecord
  | PoolRecord
  | PoolCidrRecord
  | AllocationRecord
  | TokenRecord
  | UniqueRecord
  | CredentialRecord
  | SnapshotRecord
  | ResourceRefRecord
  | ScopeViewRecord
  | HistoryItemRecord
  | ResourceDiscoveryRecord
  | RdAssociationRecord
  | ScopeMoveRecord
  | OrganizationRecord
  | OrgUnitRecord
  | OrgAccountRecord
  | IsolationRecord
  | RdShareRecord
  | CoolingRecord;

export type RecordKind = AnyRecord['kind'];
