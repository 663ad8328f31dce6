/**
 * Discovery evaluation throughput: one scope of 100,000 resource CIDRs (VPCs with subnets in
 * both families, EIPs in public IPv4 pools, overlaps, managed and unmanaged rows, custom
 * on-prem allocations, pools with rules), built from a fixed seed. Prints figures; never
 * pass/fail. Run alone with `npx tsx bench/discovery.ts`.
 */
import { formatAddress } from '../core/cidr';
import { evaluate } from '../core/ops/monitoring/analysis/evaluate';
import type {
  PoolAllocationInput,
  PoolRulesInput,
  ResourceCidrInput,
  ScopeEvaluationInput,
} from '../core/ops/monitoring/analysis/types';

/** mulberry32: small, fast, deterministic. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const v4 = (n: number, prefix: number) =>
  `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${prefix}`;
/** The v-th /56 of 2001:db8::/32, or its s-th /64. */
const v6 = (v: number, s?: number) => {
  const start = (0x20010db8n << 96n) | (BigInt(v) << 72n) | (BigInt(s ?? 0) << 64n);
  return `${formatAddress(6, start)}/${s === undefined ? 56 : 64}`;
};

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

export const buildScope = (seed = 42): ScopeEvaluationInput => {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const resources: ResourceCidrInput[] = [];
  const allocations: PoolAllocationInput[] = [];
  const pools: PoolRulesInput[] = REGIONS.flatMap((region, r) =>
    Array.from({ length: 6 }, (_, i) => ({
      IpamPoolId: `ipam-pool-${r}-${i}`,
      Locale: region,
      ...(i % 2 === 0 ? { AllocationMinNetmaskLength: 16, AllocationMaxNetmaskLength: 20 } : {}),
      ...(i % 3 === 0 ? { AllocationResourceTags: [{ Key: 'env', Value: 'prod' }] } : {}),
    })),
  );
  for (const p of pools)
    allocations.push({
      IpamPoolId: 'ipam-pool-top',
      Cidr: '10.0.0.0/8',
      ResourceType: 'ipam-pool',
      ResourceId: p.IpamPoolId,
    });
  // 8,000 VPCs on random /20s of 10/8 (4,096 slots, so about half collide), every other one
  // dual-stack; ten subnets each (/24 in v4, /64 in v6); 40 % of VPCs and half of the subnets of
  // those are managed.
  for (let v = 0; v < 8000; v++) {
    const id = `vpc-${v.toString(16).padStart(17, '0')}`;
    const region = pick(REGIONS);
    const owner = String(100000000000 + Math.floor(rand() * 50));
    const base = (10 << 24) | (Math.floor(rand() * 4096) << 12);
    const tags = rand() < 0.7 ? [{ Key: 'env', Value: 'prod' }] : [];
    const cidr = v4(base, 20);
    const common = { ResourceRegion: region, ResourceOwnerId: owner, ResourceTags: tags };
    resources.push({
      ...common,
      ResourceId: id,
      ResourceType: 'vpc',
      ResourceCidr: cidr,
      VpcId: id,
      Ignored: rand() < 0.02,
    });
    const managed = rand() < 0.4;
    const pool = pick(pools).IpamPoolId;
    if (managed) allocations.push({ IpamPoolId: pool, Cidr: cidr, ResourceType: 'vpc', ResourceId: id });
    const dual = v % 2 === 0;
    if (dual)
      resources.push({ ...common, ResourceId: id, ResourceType: 'vpc', ResourceCidr: v6(v), VpcId: id });
    for (let s = 0; s < 10; s++) {
      const sid = `subnet-${(v * 10 + s).toString(16).padStart(17, '0')}`;
      const six = dual && s >= 5;
      const scidr = six ? v6(v, s) : v4(base + (s << 8), 24);
      const sub: ResourceCidrInput = {
        ...common,
        ResourceId: sid,
        ResourceType: 'subnet',
        ResourceCidr: scidr,
        VpcId: id,
      };
      if (!six) sub.InUseAddressCount = Math.floor(rand() * 251);
      resources.push(sub);
      if (managed && s % 2 === 0)
        allocations.push({ IpamPoolId: `plan-${id}`, Cidr: scidr, ResourceType: 'subnet', ResourceId: sid });
    }
  }
  // Public IPv4 pools and EIPs up to 100,000 rows; some EIPs point at the wrong pool.
  const poolRows = 100;
  for (let p = 0; p < poolRows; p++) {
    resources.push({
      ResourceId: `ipv4pool-ec2-${p}`,
      ResourceType: 'public-ipv4-pool',
      ResourceCidr: v4((198 << 24) | (p << 8), 24),
      ResourceRegion: pick(REGIONS),
      ResourceOwnerId: '100000000000',
    });
  }
  for (let e = 0; resources.length < 100_000; e++) {
    const p = Math.floor(rand() * poolRows);
    const id = `eipalloc-${e.toString(16).padStart(17, '0')}`;
    const cidr = v4((198 << 24) | (p << 8) | Math.floor(rand() * 256), 32);
    const parent = rand() < 0.99 ? `ipv4pool-ec2-${p}` : `ipv4pool-ec2-${(p + 1) % poolRows}`;
    resources.push({
      ResourceId: id,
      ResourceType: 'eip',
      ResourceCidr: cidr,
      ResourceRegion: 'us-east-1',
      ResourceOwnerId: '100000000000',
      ParentResourceId: parent,
    });
    if (rand() < 0.3)
      allocations.push({ IpamPoolId: 'ipam-pool-public', Cidr: cidr, ResourceType: 'eip', ResourceId: id });
  }
  // 200 on-premises reservations.
  for (let c = 0; c < 200; c++) {
    allocations.push({
      IpamPoolId: 'ipam-pool-onprem',
      Cidr: v4((10 << 24) | (Math.floor(rand() * 65536) << 8), 24),
      ResourceType: 'custom',
    });
  }
  return { resources, allocations, pools };
};

export const benchDiscovery = async (): Promise<{ discovery_eval_100k_ms: number }> => {
  const scope = buildScope();
  evaluate(scope); // warm-up: JIT and BigInt paths
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    evaluate(scope);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return { discovery_eval_100k_ms: Math.round(runs[2]!) }; // median of five
};

if (import.meta.url === `file://${process.argv[1]}`) {
  benchDiscovery().then((r) => console.log(JSON.stringify(r)));
}
