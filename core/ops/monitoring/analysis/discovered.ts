/**
 * What collectors report per (account, region): `IpamDiscoveredResourceCidr` and
 * `IpamDiscoveredAccount` of the EC2 API (F-RD-04), plus the internal fields evaluation needs.
 * A discovered row is already a `ResourceCidrInput`, so a snapshot feeds `evaluate` unchanged.
 */
import type { ResourceCidrInput, Tag } from './types';

export type IpSource = 'amazon' | 'byoip' | 'none';

export interface DiscoveredResourceCidr extends ResourceCidrInput {
  IpamResourceDiscoveryId?: string;
  IpSource: IpSource;
  ResourceTags: Tag[];
  IpUsage?: number;
  NetworkInterfaceAttachmentStatus?: 'available' | 'in-use';
  /** Time of the snapshot that saw this row (F-HIST-04: sampled, not event, time). */
  SampleTime: Date;
  /** Internal, ENIs only: the instance the ENI is attached to, for history (F-HIST-05). */
  InstanceId?: string;
  InstanceOwnerId?: string;
}

/** `IpamDiscoveryFailureCode` [api]. */
export type DiscoveryFailureCode = 'assume-role-failure' | 'throttling-failure' | 'unauthorized-failure';

export interface DiscoveryFailureReason {
  Code: DiscoveryFailureCode;
  Message: string;
}

/** `IpamDiscoveredAccount` [api]: one per account and region. */
export interface DiscoveredAccount {
  AccountId: string;
  DiscoveryRegion: string;
  FailureReason?: DiscoveryFailureReason;
  LastAttemptedDiscoveryTime: Date;
  /** Set on success only; the store keeps the previous value across failures. */
  LastSuccessfulDiscoveryTime?: Date;
  OrganizationalUnitId?: string;
}
