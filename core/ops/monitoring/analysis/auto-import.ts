/**
 * Which discovered CIDRs a pool with AutoImport takes in on this cycle (F-IMPORT-01..07).
 *
 * Order of the filters, each recorded as a skip reason:
 *  1. the pool must have AutoImport and a locale (F-IMPORT-01);
 *  2. per candidate: not ignored (F-IMPORT-07), an importable type (F-IMPORT-02: VPC, EIP, public
 *     IPv4 pool), the pool's family, region = locale, wholly inside one provisioned CIDR
 *     (F-IMPORT-02), and not already this pool's allocation for the same resource;
 *  3. among the survivors, only maximal CIDRs may be imported: one contained in a larger
 *     candidate is not (F-IMPORT-05), and of identical ones exactly one, the lowest ResourceId
 *     (F-IMPORT-06, deterministic tie-break);
 *  4. a maximal candidate overlapping any existing allocation of the pool, or space still in the
 *     release cool-down, is skipped, not failed (F-IMPORT-04, F-ALLOC-09).
 * Rules (netmask, tags, locale compliance) are deliberately not checked (F-IMPORT-03).
 *
 * Step 3 reads F-IMPORT-05 literally: a smaller candidate is never imported while a larger
 * overlapping candidate exists, even when the larger one is itself blocked by step 4; the
 * conflict between the two resources is for a person to resolve, not for import to pick.
 * Sorting makes the whole selection O(n log n).
 */

import { type Block, cidrIdentity, familyOf, formatCidr, IntervalIndex, parseBlock } from '../../../cidr';
import type { AllocationResourceType, ResourceCidrInput, ResourceType } from './types';

export interface AutoImportPool {
  IpamPoolId: string;
  AutoImport: boolean;
  Locale?: string;
  AddressFamily: 'ipv4' | 'ipv6';
  /** The pool's CIDRs in state `provisioned` only. */
  ProvisionedCidrs: readonly string[];
}

export interface ExistingAllocation {
  Cidr: string;
  ResourceType?: AllocationResourceType;
  ResourceId?: string;
}

export type SkipReason =
  | 'pool-auto-import-disabled'
  | 'pool-without-locale'
  | 'ignored'
  | 'not-importable-type'
  | 'other-family'
  | 'other-locale'
  | 'outside-pool'
  | 'already-managed'
  | 'overlaps-larger-candidate'
  | 'identical-candidate'
  | 'overlaps-allocation'
  | 'cooling-down';

export interface ImportDecision {
  resource: ResourceCidrInput;
  cidr: string;
  /** The allocation to create (F-IMPORT-02: the resource's type, ID, owner and region). */
  allocation: {
    IpamPoolId: string;
    Cidr: string;
    ResourceType: AllocationResourceType;
    ResourceId: string;
    ResourceOwner: string;
    ResourceRegion: string;
  };
}

export interface SkippedCandidate {
  resource: ResourceCidrInput;
  reason: SkipReason;
  message: string;
}

export interface AutoImportResult {
  imports: ImportDecision[];
  skipped: SkippedCandidate[];
}

const ALLOCATION_TYPE: Partial<Record<ResourceType, AllocationResourceType>> = {
  vpc: 'vpc',
  eip: 'eip',
  'public-ipv4-pool': 'ec2-public-ipv4-pool',
};

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const str = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Is `b` wholly inside one of the sorted, disjoint provisioned blocks? */
const insideOne = (sorted: readonly Block[], b: Block): boolean => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.start <= b.start) lo = mid + 1;
    else hi = mid;
  }
  const host = sorted[lo - 1];
  return host !== undefined && host.end >= b.end;
};

type Skip = (resource: ResourceCidrInput, reason: SkipReason, message: string) => void;
type Candidate = { c: ResourceCidrInput; block: Block };

/** Step 2: each candidate on its own against the pool; largest first per start, ties by ResourceId. */
const eligibleOf = (
  pool: AutoImportPool,
  candidates: readonly ResourceCidrInput[],
  allocated: readonly { a: ExistingAllocation; block: Block }[],
  skip: Skip,
): Candidate[] => {
  const version = familyOf(pool.AddressFamily);
  const provisioned = pool.ProvisionedCidrs.map(parseBlock).sort((a, b) => cmp(a.start, b.start));
  const mine = new Set(allocated.map(({ a, block }) => `${a.ResourceId}|${cidrIdentity(block)}`));
  const eligible: Candidate[] = [];
  for (const c of candidates) {
    // F-IMPORT-07
    if (c.Ignored) skip(c, 'ignored', 'Ignored resource CIDRs are never imported.');
    else if (!ALLOCATION_TYPE[c.ResourceType])
      skip(c, 'not-importable-type', `${c.ResourceType} is not imported.`);
    else {
      const block = parseBlock(c.ResourceCidr);
      if (block.version !== version) skip(c, 'other-family', `Pool is ${pool.AddressFamily}.`);
      else if (c.ResourceRegion !== pool.Locale)
        skip(c, 'other-locale', `Region ${c.ResourceRegion} is not ${pool.Locale}.`);
      else if (!insideOne(provisioned, block))
        skip(c, 'outside-pool', 'Not inside a provisioned CIDR of the pool.');
      else if (mine.has(`${c.ResourceId}|${cidrIdentity(block)}`))
        skip(c, 'already-managed', 'Already allocated to it.');
      else eligible.push({ c, block });
    }
  }
  // Largest first at each start address; identical blocks ordered by ResourceId (F-IMPORT-06).
  return eligible.sort(
    (x, y) =>
      cmp(x.block.start, y.block.start) ||
      x.block.prefix - y.block.prefix ||
      str(x.c.ResourceId, y.c.ResourceId) ||
      str(x.c.ResourceOwnerId, y.c.ResourceOwnerId),
  );
};

const importOf = (pool: AutoImportPool, e: Candidate): ImportDecision => {
  const Cidr = formatCidr(e.block);
  return {
    resource: e.c,
    cidr: Cidr,
    allocation: {
      IpamPoolId: pool.IpamPoolId,
      Cidr,
      ResourceType: ALLOCATION_TYPE[e.c.ResourceType]!,
      ResourceId: e.c.ResourceId,
      ResourceOwner: e.c.ResourceOwnerId,
      ResourceRegion: e.c.ResourceRegion,
    },
  };
};

/**
 * @example
 * selectImports(pool, [vpcA_10_0_0_0_23], [{ Cidr: '10.0.0.0/26', ResourceType: 'vpc', ResourceId: 'vpc-b' }])
 * // { imports: [], skipped: [{ resource: vpcA, reason: 'overlaps-allocation', ... }] }
 */
export const selectImports = (
  pool: AutoImportPool,
  candidates: readonly ResourceCidrInput[],
  allocations: readonly ExistingAllocation[],
  coolingDown: readonly string[] = [],
): AutoImportResult => {
  const skipped: SkippedCandidate[] = [];
  const skip: Skip = (resource, reason, message) => skipped.push({ resource, reason, message });
  if (!pool.AutoImport || !pool.Locale || pool.Locale === 'None') {
    const reason = pool.AutoImport ? 'pool-without-locale' : 'pool-auto-import-disabled';
    for (const c of candidates) skip(c, reason, `Pool ${pool.IpamPoolId} does not auto-import.`);
    return { imports: [], skipped };
  }
  const allocated = allocations.map((a) => ({ a, block: parseBlock(a.Cidr) }));
  const taken = new IntervalIndex(allocated.map(({ block }) => block));
  const cooling = new IntervalIndex(coolingDown.map(parseBlock));
  const imports: ImportDecision[] = [];
  // Steps 3 and 4: only maximal candidates, and only into free space.
  let root: Candidate | undefined;
  for (const e of eligibleOf(pool, candidates, allocated, skip)) {
    if (root && e.block.start <= root.block.end) {
      const by = `${root.c.ResourceId} ${formatCidr(root.block)}`;
      if (e.block.prefix === root.block.prefix)
        // F-IMPORT-06
        skip(e.c, 'identical-candidate', `Identical to ${by}, which is preferred.`);
      // F-IMPORT-05
      else skip(e.c, 'overlaps-larger-candidate', `Inside the larger candidate ${by}.`);
      continue;
    }
    root = e;
    if (taken.count(e.block) > 0)
      // F-IMPORT-04
      skip(e.c, 'overlaps-allocation', 'Space already allocated in the pool.');
    else if (cooling.count(e.block) > 0)
      // F-ALLOC-09
      skip(e.c, 'cooling-down', 'Space still in the release cool-down.');
    else imports.push(importOf(pool, e));
  }
  return { imports, skipped };
};
