import type { Tag } from './common';
import { defineKind, ROOT_SK, type Versioned } from './kind';

/**
 * An anycast static IP list (F-GLOBAL-04), the facade's stand-in for CloudFront's: field names as
 * CloudFront's `AnycastIpList`. Its addresses are allocations of global pools, one per address
 * (`ResourceType anycast-ip-list`, `ResourceId` = the list's Id), found again by the resource index.
 * `Deploying` while its addresses are being claimed, `Deployed` once all are.
 */
export interface AnycastIpListRecord extends Versioned {
  kind: 'anycast-ip-list';
  Id: string;
  Arn: string;
  Name: string;
  Status: 'Deploying' | 'Deployed';
  IpCount: number;
  IpAddressType: 'ipv4' | 'ipv6' | 'dualstack';
  AnycastIps: string[];
  IpamCidrConfigs: { Cidr: string; IpamPoolArn: string; AnycastIp?: string; Status: string }[];
  /** ISO time. */
  LastModifiedTime: string;
  Tags: Tag[];
  _owner: string;
}

export type AnycastIpListRef = { kind: 'anycast-ip-list'; id: string };
/** The lists an account owns. */
export type AnycastIpListQuery = { kind: 'anycast-ip-list'; owner: string };

export const anycastIpList = defineKind<AnycastIpListRecord, AnycastIpListRef, AnycastIpListQuery>({
  ref: (r) => ({ kind: 'anycast-ip-list', id: r.Id }),
  key: (ref) => ({ PK: `ANYCAST#${ref.id}`, SK: ROOT_SK }),
  index: (r) => ({ GSI2PK: `OWNER#${r._owner}#anycast`, GSI2SK: r.Id }),
  query: (q) => ({ index: 'GSI2', pk: `OWNER#${q.owner}#anycast` }),
});
