import { defineKind, type Versioned } from './kind';

/**
 * A resource allocation whose resource is still being created in the EC2 backend (F-ALLOC-13):
 * written in the same transaction as the claim, deleted in the same transaction as the binding
 * of the allocation to the resource id (or its release). One left behind means the request died
 * between the two steps; after `Until` the sweep asks the backend whether a resource holds the
 * CIDR and binds it, or releases the space. All pending entries share one partition: they live
 * for the seconds of a backend call, so the partition stays tiny.
 */
export interface PendingResourceRecord extends Versioned {
  kind: 'pending-resource';
  IpamPoolId: string;
  Cidr: string;
  IpamPoolAllocationId: string;
  ResourceType: 'vpc' | 'subnet';
  ResourceOwner: string;
  ResourceRegion: string;
  /** The VPC a subnet, or a CIDR block added to a VPC, belongs to. */
  VpcId?: string;
  /** When the sweep may settle it (the request that wrote it has given up by then). */
  Until: number;
}

export type PendingResourceRef = { kind: 'pending-resource'; allocationId: string };
/** Every pending resource allocation. */
export type PendingResourceQuery = { kind: 'pending-resource' };

export const pendingResource = defineKind<PendingResourceRecord, PendingResourceRef, PendingResourceQuery>({
  ref: (r) => ({ kind: 'pending-resource', allocationId: r.IpamPoolAllocationId }),
  key: (ref) => ({ PK: 'PENDING#resources', SK: ref.allocationId }),
  query: () => ({ pk: 'PENDING#resources' }),
});
