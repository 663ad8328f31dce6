import { defineKind, ROOT_SK, type Versioned } from './kind';

export type AsnState =
  | 'pending-provision'
  | 'provisioned'
  | 'failed-provision'
  | 'pending-deprovision'
  | 'deprovisioned'
  | 'failed-deprovision';

/**
 * A BYOASN of an IPAM (F-ASN-04): its state, its signed authorization message until it settles,
 * and the BYOIP CIDRs it is associated with (each pool CIDR lists its ASNs too; both change in
 * one transaction). Failed and deprovisioned ASNs carry `ttl` (7 days, F-ASN-04/11).
 */
export interface ByoasnRecord extends Versioned {
  kind: 'byoasn';
  Asn: string;
  IpamId: string;
  State: AsnState;
  StatusMessage?: string;
  _owner: string;
  _ipamRegion: string;
  _proof?: { message: string; signature: string };
  _settleAt?: number;
  /** Associated CIDRs with their pool. */
  _cidrs: { cidr: string; poolId: string }[];
  ttl?: number;
}

export type ByoasnRef = { kind: 'byoasn'; ipamId: string; asn: string };
export type ByoasnQuery = { kind: 'byoasn'; owner: string };

export const byoasn = defineKind<ByoasnRecord, ByoasnRef, ByoasnQuery>({
  ref: (r) => ({ kind: 'byoasn', ipamId: r.IpamId, asn: r.Asn }),
  key: (ref) => ({ PK: `ASN#${ref.ipamId}#${ref.asn}`, SK: ROOT_SK }),
  index: (r) => ({ GSI2PK: `OWNER#${r._owner}#asn`, GSI2SK: `${r.IpamId}#${r.Asn}` }),
  query: (q) => ({ index: 'GSI2', pk: `OWNER#${q.owner}#asn` }),
});
