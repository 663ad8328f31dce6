import { cidrSk, defineKind, type Versioned } from './kind';

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
  /** A BYOIP CIDR's proof of control, checked when it settles (F-BYOIP-02, -09). */
  _proof?: CidrProof;
  /** Epoch ms from which a `pending-provision` CIDR is settled by the next read. */
  _settleAt?: number;
  /** Set while the CIDR is advertised (F-BYOIP-10): the origin ASN (`AWS` or a BYOASN). */
  _advert?: { asn: string; since: number };
  /** When the advertisement last switched to a custom ASN (F-ASN-08: once an hour at most). */
  _customAt?: number;
  /** BYOASNs associated with this CIDR (F-ASN-06), in association order. */
  _asns?: string[];
}

/** What a pending BYOIP provisioning must prove, in the caller's account. */
export type CidrProof =
  | { method: 'dns-token'; tokenId: string; tokenName: string; tokenValue: string }
  | { method: 'remarks-x509'; message: string; signature: string }
  /**
   * An Amazon-provided contiguous IPv4 block (F-EIP-04): nothing to prove; EC2 answers the
   * request before it has picked the block, which shows once the CIDR settles.
   */
  | { method: 'amazon' };

export type PoolCidrRef = { kind: 'pool-cidr'; poolId: string; cidr: string };
export type PoolCidrQuery = { kind: 'pool-cidr'; poolId: string };

export const poolCidr = defineKind<PoolCidrRecord, PoolCidrRef, PoolCidrQuery>({
  ref: (r) => ({ kind: 'pool-cidr', poolId: r.IpamPoolId, cidr: r.Cidr }),
  key: (ref) => ({ PK: `POOL#${ref.poolId}`, SK: cidrSk('#CIDR', ref.cidr) }),
  query: (q) => ({ pk: `POOL#${q.poolId}`, skPrefix: '#CIDR#' }),
});
