/**
 * What every operation receives: the Store port, a clock, id and randomness sources, the caller's
 * identity and region, and configuration (quotas, reuse delays, ARN partition). Operations are
 * `(deps, caller, input) => output` with the EC2 request and result shapes.
 */
import type { Ec2Backend } from './backend';
import type { EventSink } from './events';
import type { Store } from './index';
import type { ProofSources } from './proof';

export interface Caller {
  /** 12-digit account id of the signed or declared caller. */
  accountId: string;
  /** Region context of the request (F-GEN-07). */
  region: string;
}

export interface Quotas {
  ipamsPerRegion: number;
  scopesPerIpam: number;
  poolsPerScope: number;
  poolDepth: number;
  cidrsPerPool: number;
  amazonIpv6BlocksPerPool: number;
  /** Amazon-provided contiguous IPv4 blocks per pool (F-QUOTA-08). */
  amazonIpv4BlocksPerPool: number;
  /** External-resource verification tokens per IPAM (F-VTOK-03, F-QUOTA-31). */
  verificationTokensPerIpam: number;
  /** BYOASNs per IPAM (F-ASN-04, core F-QUOTA-21). */
  asnsPerIpam: number;
}

import { regionsOf } from './regions';

export interface Config {
  /** ARN partition, `aws` by default (F-GEN-10). */
  partition: string;
  quotas: Quotas;
  /** Reuse delay of released allocation space (F-ALLOC-09, F-QUOTA-24), in ms per tier. */
  reuseDelayMs: { advanced: number; free: number };
  /** How long stored metric points are kept (F-MET-14: 15 months by default). */
  metricRetentionMs: number;
  /** Operator-configured supply of Amazon-provided space per region (F-PCIDR-05); none by default. */
  amazonSupply?: Record<string, string[]>;
  /** The region names that exist: the partition's, plus any the operator added. */
  regions: readonly string[];
  /**
   * How long a BYOIP CIDR stays `pending-provision` before the next read verifies its proof and
   * settles it (F-BYOIP-09 [self-hosted]).
   */
  provisionSettleMs: number;
  /** How long deprovisioned and failed CIDRs stay listed by GetIpamPoolCidrs (F-PCIDR-02). */
  pastCidrTtlMs: number;
  /** RAM's managed permissions and their versions; the catalog Allot ships when absent. */
  managedPermissions?: readonly ManagedPermission[];
}

/** A RAM managed permission for a shared IPAM resource type, with the actions of each version. */
export interface ManagedPermission {
  arn: string;
  name: string;
  /** RAM's resource type, e.g. `ec2:IpamPool`. */
  resourceType: string;
  isResourceTypeDefault: boolean;
  /** Oldest first; the newest is the default. `created` is epoch ms. */
  versions: readonly { version: number; created: number; actions: readonly string[] }[];
}

export const defaultConfig = (): Config => ({
  partition: 'aws',
  quotas: {
    ipamsPerRegion: 1,
    scopesPerIpam: 5,
    poolsPerScope: 50,
    poolDepth: 10,
    cidrsPerPool: 50,
    amazonIpv6BlocksPerPool: 1,
    amazonIpv4BlocksPerPool: 2,
    verificationTokensPerIpam: 100,
    asnsPerIpam: 5,
  },
  provisionSettleMs: 2000,
  pastCidrTtlMs: 86_400_000,
  reuseDelayMs: { advanced: 5 * 60_000, free: 48 * 3_600_000 },
  metricRetentionMs: 455 * 86_400_000,
  regions: regionsOf('aws'),
});

export interface Ids {
  /** A new id with an AWS-shaped prefix, e.g. `ipam-pool-0123456789abcdef0`. */
  next(prefix: string, hexDigits?: number): string;
}

export interface Deps {
  store: Store;
  now: () => number;
  ids: Ids;
  config: Config;
  random?: () => number;
  /** The EC2 backend of the facade; absent when none is configured (facade actions then refuse). */
  backend?: Ec2Backend;
  /** DNS and RDAP for proof of control; absent: every BYOIP proof fails to verify. */
  proof?: ProofSources;
  /** Where advertising events go; absent: nowhere (tests, tools). */
  events?: EventSink;
}

export type Operation<I, O> = (deps: Deps, caller: Caller, input: I) => Promise<O>;

/** Random hex ids; 17 digits like EC2 resource ids unless told otherwise. */
export const randomIds = (random: () => number = Math.random): Ids => ({
  next(prefix, hexDigits = 17) {
    let s = '';
    for (let i = 0; i < hexDigits; i++) s += Math.floor(random() * 16).toString(16);
    return `${prefix}-${s}`;
  },
});
