import type { Tag } from './common';
import { cidrSk, defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * An EC2 public IPv4 pool (`ipv4pool-ec2-…`, F-PV4P-01/02): one account's pool of public
 * addresses in one region, fed from an IPAM pool (F-PV4P-03). Its ranges are records of their
 * own in its partition; `_cidrCount` counts them, so a pool with ranges cannot be deleted.
 */
export interface PublicIpv4PoolRecord extends Versioned {
  kind: 'public-ipv4-pool';
  PoolId: string;
  Description?: string;
  NetworkBorderGroup: string;
  Tags: Tag[];
  _owner: string;
  _region: string;
  _cidrCount?: number;
}

/**
 * A range of a public IPv4 pool: the CIDR taken from an IPAM pool (its allocation there), and
 * the root of the pool's own space, where Elastic IPs are claimed one /32 at a time; `_used`
 * counts them.
 */
export interface PublicIpv4RangeRecord extends Versioned {
  kind: 'public-ipv4-range';
  PoolId: string;
  Cidr: string;
  /** The IPAM pool allocation the range is (absent for plain EC2 BYOIP until it moves, F-XFER). */
  IpamPoolId?: string;
  IpamPoolAllocationId?: string;
  _used?: number;
}

export type PublicIpv4PoolRef = { kind: 'public-ipv4-pool'; id: string };
export type PublicIpv4PoolQuery = { kind: 'public-ipv4-pool'; owner: string; region: string };
export type PublicIpv4RangeRef = { kind: 'public-ipv4-range'; poolId: string; cidr: string };
export type PublicIpv4RangeQuery = { kind: 'public-ipv4-range'; poolId: string };

export const publicIpv4Pool = defineKind<PublicIpv4PoolRecord, PublicIpv4PoolRef, PublicIpv4PoolQuery>({
  ref: (r) => ({ kind: 'public-ipv4-pool', id: r.PoolId }),
  key: (ref) => ({ PK: `PV4P#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({ GSI2PK: `OWNER#${r._owner}#pv4p`, GSI2SK: `${r._region}#${r.PoolId}` }),
  query: (q) => ({ index: 'GSI2', pk: `OWNER#${q.owner}#pv4p`, skPrefix: `${q.region}#` }),
});

export const publicIpv4Range = defineKind<PublicIpv4RangeRecord, PublicIpv4RangeRef, PublicIpv4RangeQuery>({
  ref: (r) => ({ kind: 'public-ipv4-range', poolId: r.PoolId, cidr: r.Cidr }),
  key: (ref) => ({ PK: `PV4P#${ref.poolId}`, SK: cidrSk('RANGE', ref.cidr) }),
  query: (q) => ({ pk: `PV4P#${q.poolId}`, skPrefix: 'RANGE#' }),
});
