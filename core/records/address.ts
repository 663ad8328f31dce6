import type { Tag } from './common';
import { defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * An Elastic IP taken from an IPAM pool (F-EIP-01/02) or from a public IPv4 pool (F-PV4P-05):
 * Allot is the EC2 of these addresses. `PublicIpv4Pool` is what EC2 shows: the IPAM pool id or
 * the public IPv4 pool id. An association (F-EIP-07) is kept on the record.
 */
export interface AddressRecord extends Versioned {
  kind: 'address';
  AllocationId: string;
  PublicIp: string;
  PublicIpv4Pool: string;
  /** Set when the address is an allocation of an IPAM pool (its `eip` allocation). */
  IpamPoolId?: string;
  IpamPoolAllocationId?: string;
  NetworkBorderGroup: string;
  Domain: 'vpc';
  AssociationId?: string;
  InstanceId?: string;
  NetworkInterfaceId?: string;
  PrivateIpAddress?: string;
  Tags: Tag[];
  _owner: string;
  _region: string;
}

export type AddressRef = { kind: 'address'; id: string };
export type AddressQuery = { kind: 'address'; owner: string; region: string };

export const address = defineKind<AddressRecord, AddressRef, AddressQuery>({
  ref: (r) => ({ kind: 'address', id: r.AllocationId }),
  key: (ref) => ({ PK: `EIP#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({ GSI2PK: `OWNER#${r._owner}#eip`, GSI2SK: `${r._region}#${r.AllocationId}` }),
  query: (q) => ({ index: 'GSI2', pk: `OWNER#${q.owner}#eip`, skPrefix: `${q.region}#` }),
});
