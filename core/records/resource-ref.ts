import { cidrSk, defineKind, type Versioned } from './kind';

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

export type ResourceRefRef = { kind: 'resource-ref'; resourceId: string; poolId: string; cidr: string };
/** Every allocation a resource holds, by pool then address. */
export type ResourceRefQuery = { kind: 'resource-ref'; resourceId: string };

export const resourceRef = defineKind<ResourceRefRecord, ResourceRefRef, ResourceRefQuery>({
  ref: (r) => ({ kind: 'resource-ref', resourceId: r.ResourceId, poolId: r.IpamPoolId, cidr: r.Cidr }),
  key: (ref) => ({ PK: `RES#${ref.resourceId}`, SK: cidrSk(ref.poolId, ref.cidr) }),
  query: (q) => ({ pk: `RES#${q.resourceId}` }),
});
