import type { Tag } from './common';
import { cidrSk, defineKind, ROOT_SK, type Versioned } from './kind';

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

export type AllocationRef = { kind: 'allocation'; poolId: string; cidr: string };
export type AllocationQuery =
  | { kind: 'allocation'; poolId: string }
  | { kind: 'allocation'; owner: string }
  | { kind: 'allocation'; allocationId: string };

export const allocation = defineKind<AllocationRecord, AllocationRef, AllocationQuery>({
  ref: (r) => ({ kind: 'allocation', poolId: r.IpamPoolId, cidr: r.Cidr }),
  key: (ref) => ({ PK: `POOL#${ref.poolId}`, SK: cidrSk('ALLOC', ref.cidr) }),
  index: (r) => ({
    GSI1PK: `ALLOCID#${r.IpamPoolAllocationId}`,
    GSI1SK: ROOT_SK,
    GSI2PK: `OWNER#${r.ResourceOwner}#allocation`,
    GSI2SK: r.IpamPoolAllocationId,
  }),
  query: (q) => {
    if ('poolId' in q) return { pk: `POOL#${q.poolId}`, skPrefix: 'ALLOC#' };
    if ('owner' in q) return { index: 'GSI2', pk: `OWNER#${q.owner}#allocation` };
    return { index: 'GSI1', pk: `ALLOCID#${q.allocationId}` };
  },
});
