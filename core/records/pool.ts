import type { AddressFamily } from '../cidr';
import type { LifecycleState, Tag } from './common';
import { defineKind, ROOT_SK, type Versioned } from './kind';

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

export type PoolRef = { kind: 'pool'; id: string };
export type PoolQuery = { kind: 'pool'; scopeId: string } | { kind: 'pool'; owner: string };

/** A pool's record (SK `#`) and its CIDRs (SK `#CIDR#…`) share a partition and the prefix `#`. */
export const pool = defineKind<PoolRecord, PoolRef, PoolQuery>({
  ref: (r) => ({ kind: 'pool', id: r.IpamPoolId }),
  key: (ref) => ({ PK: `POOL#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({
    GSI1PK: `SCOPE#${r.IpamScopeId}#pools`,
    GSI1SK: r.IpamPoolId,
    GSI2PK: `OWNER#${r.OwnerId}#pool`,
    GSI2SK: r.IpamPoolId,
  }),
  query: (q) =>
    'scopeId' in q
      ? { index: 'GSI1', pk: `SCOPE#${q.scopeId}#pools` }
      : { index: 'GSI2', pk: `OWNER#${q.owner}#pool` },
});

/** A global-services pool (§20 item 9): CloudFront's anycast space, serving anycast IP lists only. */
export const isGlobalPool = (p: PoolRecord): boolean =>
  p.IpamScopeType === 'public' && p.AwsService === 'global-services';
