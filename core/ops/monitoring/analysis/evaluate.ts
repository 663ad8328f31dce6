/**
 * Evaluate one scope: management state, compliance, overlap and IP usage for every resource
 * CIDR row (F-RES-03..06; decision order of F-STAT-04/05/06). Pure; O(n log n) in rows plus
 * allocations.
 */
import { type Block, cidrIdentity, parseBlock } from '../../../cidr';
import { violations } from './compliance';
import { type OverlapPartner, type OverlapRow, overlapFlags } from './overlap';
import type {
  EvaluatedResourceCidr,
  PoolAllocationInput,
  PoolRulesInput,
  ResourceType,
  ScopeEvaluationInput,
} from './types';
import { ipUsage, type ParsedRow, parentOf } from './usage';

/** Types that can hold an allocation (F-STAT-03); subnets only when they actually hold one. */
const MANAGEABLE: ReadonlySet<ResourceType> = new Set(['vpc', 'eip', 'public-ipv4-pool', 'anycast-ip-list']);
const CAN_HOLD: ReadonlySet<ResourceType> = new Set([...MANAGEABLE, 'subnet']);

/** Allocation types that make a resource row managed (not space reservations or child pools). */
const isResourceAllocation = (a: PoolAllocationInput): boolean =>
  a.ResourceType !== 'custom' && a.ResourceType !== 'ipam-pool' && a.ResourceId !== undefined;

/** Parse, naming the culprit on failure (`what` is only built then: it runs 100k times). */
/** Resource + CIDR identity, independent of how the CIDR was spelled (IPv6 text varies). */
const keyOf = (id: string, b: Block) => `${id}|${cidrIdentity(b)}`;

const parse = (text: string, what: () => string) => {
  try {
    return parseBlock(text);
  } catch (e) {
    throw new TypeError(`${what()}: ${(e as Error).message}`);
  }
};

/**
 * @example
 * evaluate({ resources: [{ ResourceId: 'vpc-1', ResourceType: 'vpc', ResourceCidr: '10.0.0.0/16',
 *   ResourceRegion: 'us-east-1', ResourceOwnerId: '111122223333' }], allocations: [], pools: [] })
 * // [{ ..., ManagementState: 'unmanaged', ComplianceStatus: 'unmanaged', OverlapStatus: 'nonoverlapping', IpUsage: 0, Violations: [] }]
 */
/**
 * F-STAT-04 step 3: which pool holds each (resource, CIDR): an allocation with this ResourceId and
 * exactly this CIDR, in any pool of the scope (the first one wins if a broken store ever holds
 * two); and the custom allocations, which take part in overlap (F-STAT-06).
 */
const holdersOf = (allocations: ScopeEvaluationInput['allocations']) => {
  const holder = new Map<string, string>();
  const allocated = new Set<string>();
  const customs: OverlapPartner[] = [];
  for (const a of allocations) {
    const block = parse(a.Cidr, () => `allocation ${a.IpamPoolAllocationId ?? a.IpamPoolId}`);
    if (a.ResourceType === 'custom') customs.push({ id: a.ResourceId, block });
    if (!isResourceAllocation(a)) continue;
    const key = keyOf(a.ResourceId!, block);
    allocated.add(a.ResourceId!);
    if (!holder.has(key)) holder.set(key, a.IpamPoolId);
  }
  return { holder, allocated, customs };
};

/** Management and compliance of one row. Statuses are assigned, so absent ones stay absent (F-STAT-07). */
const manage = (
  { row, block }: ParsedRow,
  { holder, allocated }: ReturnType<typeof holdersOf>,
  pools: Map<string, PoolRulesInput>,
): EvaluatedResourceCidr => {
  const r: EvaluatedResourceCidr = { ...row, Violations: [] };
  if (row.Ignored) {
    // F-RES-02: all three statuses read `ignored`.
    r.ManagementState = 'ignored';
    r.ComplianceStatus = 'ignored';
    r.OverlapStatus = 'ignored';
    return r;
  }
  const poolId =
    CAN_HOLD.has(row.ResourceType) && allocated.has(row.ResourceId)
      ? holder.get(keyOf(row.ResourceId, block))
      : undefined;
  if (poolId === undefined) {
    // F-STAT-04 step 2: not applicable, statuses omitted ("–").
    if (MANAGEABLE.has(row.ResourceType)) {
      r.ManagementState = 'unmanaged';
      r.ComplianceStatus = 'unmanaged';
    }
    return r;
  }
  r.Violations = violations(row, block.prefix, pools.get(poolId) ?? { IpamPoolId: poolId });
  r.ManagementState = 'managed';
  r.ComplianceStatus = r.Violations.length === 0 ? 'compliant' : 'noncompliant';
  r.IpamPoolId = poolId;
  return r;
};

/** F-STAT-06: the comparison set is every applicable non-ignored row plus custom allocations. */
const markOverlaps = (out: EvaluatedResourceCidr[], parsed: ParsedRow[], customs: OverlapPartner[]): void => {
  const evaluated: number[] = [];
  const rows: OverlapRow[] = [];
  out.forEach((r, i) => {
    if (r.ManagementState === 'managed' || r.ManagementState === 'unmanaged') {
      evaluated.push(i);
      rows.push({ id: r.ResourceId, parent: parentOf(r), block: parsed[i]!.block });
    }
  });
  const flags = overlapFlags(rows, customs);
  evaluated.forEach((i, k) => {
    out[i]!.OverlapStatus = flags[k] ? 'overlapping' : 'nonoverlapping';
  });
};

export const evaluate = (input: ScopeEvaluationInput): EvaluatedResourceCidr[] => {
  const parsed: ParsedRow[] = input.resources.map((row) => ({
    row,
    block: parse(row.ResourceCidr, () => `resource ${row.ResourceId}`),
  }));
  const holders = holdersOf(input.allocations);
  const pools = new Map<string, PoolRulesInput>(input.pools.map((p) => [p.IpamPoolId, p]));
  const out = parsed.map((p) => manage(p, holders, pools));
  markOverlaps(out, parsed, holders.customs);
  ipUsage(parsed).forEach((u, i) => {
    if (u !== undefined) out[i]!.IpUsage = u;
  });
  return out;
};
