/**
 * Metric data points for one evaluation cycle: scope metrics (F-MET-04), pool metrics
 * (F-MET-03) and the selected resource-utilisation series (F-MET-08..11). Percentages are
 * 0..100 (F-MET-14); dimension names are those of F-MET-07/09/10/11.
 */
import { parseBlock } from '../../../cidr';
import type { EvaluatedResourceCidr } from '../analysis/types';
import { resourceUsage } from '../analysis/usage';
import type { MetricDatum } from './emf';
import { countResourceCidrs, familyOfRow, type PoolCounts, type PoolUtilization } from './utilization';

const FAMILY = { 4: 'IPv4', 6: 'IPv6' } as const;

/** One series per family, zeros included, so "> 0" alarms always have data (F-MET-07 [infer]). */
export const scopeMetricData = (scopeId: string, rows: readonly EvaluatedResourceCidr[]): MetricDatum[] => {
  const counts = countResourceCidrs(rows);
  return (['IPv4', 'IPv6'] as const).flatMap((family) => {
    const c = counts[family];
    const Dimensions = { ScopeID: scopeId, AddressFamily: family };
    const m = (Name: string, Value: number): MetricDatum => ({ Name, Unit: 'Count', Value, Dimensions });
    return [
      m('CompliantResourceCidrs', c.compliant),
      m('NoncompliantResourceCidrs', c.noncompliant),
      m('ManagedResourceCidrs', c.managed),
      m('UnmanagedResourceCidrs', c.unmanaged),
      m('OverlappingResourceCidrs', c.overlapping),
    ];
  });
};

export interface PoolIdentity {
  IpamPoolId: string;
  IpamScopeId: string;
  Locale?: string;
  AddressFamily: 'ipv4' | 'ipv6';
}

/** Nothing for a pool without provisioned space (F-MET-03). */
export const poolMetricData = (
  pool: PoolIdentity,
  util: PoolUtilization | undefined,
  counts?: PoolCounts,
): MetricDatum[] => {
  if (!util) return [];
  const Dimensions = {
    PoolID: pool.IpamPoolId,
    ScopeID: pool.IpamScopeId,
    Locale: pool.Locale || 'None',
    AddressFamily: pool.AddressFamily === 'ipv4' ? 'IPv4' : 'IPv6',
  };
  return [
    { Name: 'CompliantResourceCidrs', Unit: 'Count', Value: counts?.compliant ?? 0, Dimensions },
    { Name: 'NoncompliantResourceCidrs', Unit: 'Count', Value: counts?.noncompliant ?? 0, Dimensions },
    { Name: 'PercentAllocated', Unit: 'Percent', Value: util.PercentAllocated, Dimensions },
    { Name: 'PercentAssigned', Unit: 'Percent', Value: util.PercentAssigned, Dimensions },
    { Name: 'PercentAvailable', Unit: 'Percent', Value: util.PercentAvailable, Dimensions },
  ];
};

/** What an Amazon-provided contiguous IPv4 pool holds (F-MET-05): addresses and its Elastic IPs. */
export interface ContiguousUse {
  IpamId: string;
  IpamPoolId: string;
  Locale?: string;
  addresses: number;
  allocated: number;
  associated: number;
}

/** F-MET-05, with its invariants: allocated + unallocated = all; associated + unassociated = allocated. */
export const contiguousMetricData = (u: ContiguousUse): MetricDatum[] => {
  const Dimensions = { IpamId: u.IpamId, PoolID: u.IpamPoolId, Locale: u.Locale || 'None' };
  const m = (Name: string, Value: number): MetricDatum => ({ Name, Unit: 'Count', Value, Dimensions });
  return [
    m('AmazonOwnedContigIPs', u.addresses),
    m('AllocatedAmazonOwnedContigIPs', u.allocated),
    m('UnallocatedAmazonOwnedContigIPs', u.addresses - u.allocated),
    m('AssociatedAmazonOwnedContigIPs', u.associated),
    m('UnassociatedAmazonOwnedContigIPs', u.allocated - u.associated),
  ];
};

/** The public addresses the insights count (F-PIP-06 fields they need). */
export interface InsightAddress {
  AddressType: string;
  AssociationStatus: 'associated' | 'disassociated';
}

/**
 * F-MET-12: public IP insight counts of one IPAM in one region. Amazon-owned EIPs include the
 * contiguous ones (F-MET-05 counts those apart); zeros are kept so alarms always have data.
 */
export const publicIpMetricData = (
  ipamId: string,
  region: string,
  addresses: readonly InsightAddress[],
): MetricDatum[] => {
  const count = (types: string[], status?: InsightAddress['AssociationStatus']) =>
    addresses.filter(
      (a) => types.includes(a.AddressType) && (status === undefined || a.AssociationStatus === status),
    ).length;
  const eip = ['amazon-owned-eip', 'amazon-owned-contig'];
  const Dimensions = { IpamId: ipamId, Region: region };
  const m = (Name: string, Value: number): MetricDatum => ({ Name, Unit: 'Count', Value, Dimensions });
  return [
    m('AmazonOwnedElasticIPs', count(eip)),
    m('AssociatedAmazonOwnedElasticIPs', count(eip, 'associated')),
    m('UnassociatedAmazonOwnedElasticIPs', count(eip, 'disassociated')),
    m('BringYourOwnIPs', count(['byoip'])),
    m('AssociatedBringYourOwnIPs', count(['byoip'], 'associated')),
    m('UnassociatedBringYourOwnIPs', count(['byoip'], 'disassociated')),
    m('EC2PublicIPs', count(['ec2-public-ip'])),
    m('ServiceManagedIPs', count(['service-managed-ip'])),
    m('ServiceManagedBringYourOwnIPs', count(['service-managed-byoip'])),
  ];
};

export interface SeriesCandidate<T> {
  id: string;
  usage: number;
  /** Total size of the CIDRs behind it that are allocated from IPAM pools (0n when none). */
  pooled: bigint;
  item: T;
}

const byId = <T>(a: SeriesCandidate<T>, b: SeriesCandidate<T>) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * F-MET-08: up to `limit` highest, then up to `limit` lowest, then up to `limit` pool-backed
 * others ranked by pooled size, largest first; each resource at most once. Ties by ID.
 */
export const selectSeries = <T>(cands: readonly SeriesCandidate<T>[], limit = 50): SeriesCandidate<T>[] => {
  const chosen = new Set<SeriesCandidate<T>>();
  const take = (sorted: SeriesCandidate<T>[]) => {
    let n = 0;
    for (const c of sorted) {
      if (n >= limit) break;
      if (!chosen.has(c)) {
        chosen.add(c);
        n++;
      }
    }
  };
  take([...cands].sort((a, b) => b.usage - a.usage || byId(a, b)));
  take([...cands].sort((a, b) => a.usage - b.usage || byId(a, b)));
  take(
    cands
      .filter((c) => c.pooled > 0n)
      .sort((a, b) => (b.pooled > a.pooled ? 1 : b.pooled < a.pooled ? -1 : byId(a, b))),
  );
  return [...chosen];
};

const pct = (usage: number) => usage * 100;

/** VpcIPUsage, SubnetIPUsage (IPv4 only) and PublicIPv4PoolIPUsage series for one scope. */
export const usageMetricData = (
  scopeId: string,
  rows: readonly EvaluatedResourceCidr[],
  limit = 50,
): MetricDatum[] => {
  const parsed = rows.map((row) => ({ row, block: parseBlock(row.ResourceCidr) }));
  const pooled = new Map<string, bigint>(); // managed size per `${family}|${resource}`
  for (const { row, block } of parsed) {
    if (row.ManagementState !== 'managed') continue;
    const k = `${FAMILY[block.version]}|${row.ResourceId}`;
    pooled.set(k, (pooled.get(k) ?? 0n) + (block.end - block.start + 1n));
  }
  const out: MetricDatum[] = [];
  for (const [type, Name] of [
    ['vpc', 'VpcIPUsage'],
    ['public-ipv4-pool', 'PublicIPv4PoolIPUsage'],
  ] as const) {
    for (const family of [4, 6] as const) {
      const cands = resourceUsage(parsed, type)
        .filter((u) => u.version === family)
        .map((u) => ({
          id: u.ResourceId,
          usage: u.usage,
          pooled: pooled.get(`${FAMILY[family]}|${u.ResourceId}`) ?? 0n,
          item: u,
        }));
      for (const { item: u } of selectSeries(cands, limit)) {
        const common = { OwnerID: u.OwnerId, Region: u.Region, ScopeID: scopeId };
        const Dimensions =
          type === 'vpc'
            ? { ...common, AddressFamily: FAMILY[family], VpcID: u.ResourceId }
            : { ...common, PublicIPv4PoolID: u.ResourceId };
        out.push({ Name, Unit: 'Percent', Value: pct(u.usage), Dimensions });
      }
    }
  }
  const subnets = rows
    .filter((r) => r.ResourceType === 'subnet' && r.IpUsage !== undefined && familyOfRow(r) === 'IPv4')
    .map((r) => ({
      id: r.ResourceId,
      usage: r.IpUsage!,
      pooled: pooled.get(`IPv4|${r.VpcId}`) ?? 0n,
      item: r,
    }));
  for (const { item: r } of selectSeries(subnets, limit)) {
    const Dimensions = {
      AddressFamily: 'IPv4',
      OwnerID: r.ResourceOwnerId,
      Region: r.ResourceRegion,
      ScopeID: scopeId,
      SubnetID: r.ResourceId,
      VpcID: r.VpcId ?? '',
    };
    out.push({ Name: 'SubnetIPUsage', Unit: 'Percent', Value: pct(r.IpUsage!), Dimensions });
  }
  return out;
};
