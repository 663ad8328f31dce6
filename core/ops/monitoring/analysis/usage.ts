/**
 * IP usage (F-RES-06, F-MET-09..11), from exact BigInt address counts (F-STAT-01):
 *  - VPC row: share of the row's CIDR covered by the union of its subnets' CIDRs;
 *  - IPv4 subnet row: in-use addresses / subnet size (undefined when no count was reported);
 *  - IPv6 subnet row: undefined, never 0 (F-STAT-07);
 *  - public IPv4 pool row: share of the row's CIDR held by the pool's EIPs;
 *  - other types: undefined.
 */

import {
  type Block,
  coveredWithin,
  type Family,
  type Interval,
  intersectionSize,
  mergeIntervals,
  share,
  size,
  unionSize,
} from '../../../cidr';
import type { ResourceCidrInput } from './types';

export interface ParsedRow {
  row: ResourceCidrInput;
  block: Block;
}

/** The resource whose containment is not overlap and whose space a child uses (F-RES-05). */
export const parentOf = (row: ResourceCidrInput): string | undefined =>
  row.ParentResourceId ?? (row.ResourceType === 'subnet' ? row.VpcId : undefined);

/** Children (subnets of a VPC, EIPs of a public IPv4 pool) merged, per family then parent. */
const childSpace = (rows: readonly ParsedRow[]): Record<Family, Map<string, Interval[]>> => {
  const raw: Record<Family, Map<string, Interval[]>> = { 4: new Map(), 6: new Map() };
  for (const { row, block } of rows) {
    if (row.ResourceType !== 'subnet' && row.ResourceType !== 'eip') continue;
    const parent = parentOf(row);
    if (parent === undefined) continue;
    const byParent = raw[block.version];
    const list = byParent.get(parent);
    if (list) list.push(block);
    else byParent.set(parent, [block]);
  }
  for (const byParent of [raw[4], raw[6]])
    for (const [k, list] of byParent) byParent.set(k, mergeIntervals(list));
  return raw;
};

/**
 * IpUsage per row, in input order.
 * @example ipUsage([{ row: vpc, block: parseCidr('10.0.0.0/24') }, { row: subnetOfVpc, block: parseCidr('10.0.0.0/25') }]) // [0.5, undefined]
 */
export const ipUsage = (rows: readonly ParsedRow[]): (number | undefined)[] => {
  const children = childSpace(rows);
  return rows.map(({ row, block }) => {
    switch (row.ResourceType) {
      case 'vpc':
      case 'public-ipv4-pool': {
        const merged = children[block.version].get(row.ResourceId) ?? [];
        return share(coveredWithin(merged, block), size(block));
      }
      case 'subnet': {
        if (block.version === 6 || row.InUseAddressCount === undefined) return undefined;
        // IPv4 counts are below 2^32, so Number division is exact-input and correctly rounded.
        const total = 2 ** (32 - block.prefix);
        const used = Math.min(Math.max(Number(row.InUseAddressCount), 0), total);
        return used / total;
      }
      default:
        return undefined;
    }
  });
};

export interface ResourceUsage {
  ResourceId: string;
  ResourceType: 'vpc' | 'public-ipv4-pool';
  version: Family;
  OwnerId: string;
  Region: string;
  /** Addresses of the resource's CIDRs of this family in the scope (union). */
  total: bigint;
  /** Addresses of those covered by its children: subnets of a VPC, EIPs of a pool (union). */
  covered: bigint;
  /** covered / total, 0..1. */
  usage: number;
}

/**
 * Usage per resource and family over all its CIDRs in this scope: `VpcIPUsage` (F-MET-09) and
 * `PublicIPv4PoolIPUsage` (F-MET-11).
 * @example resourceUsage(rows, 'vpc') // [{ ResourceId: 'vpc-1', version: 4, total: 256n, covered: 128n, usage: 0.5, ... }]
 */
export const resourceUsage = (
  rows: readonly ParsedRow[],
  type: 'vpc' | 'public-ipv4-pool',
): ResourceUsage[] => {
  const children = childSpace(rows);
  const owners = new Map<string, { row: ResourceCidrInput; version: Family; blocks: Block[] }>();
  for (const { row, block } of rows) {
    if (row.ResourceType !== type) continue;
    const key = `${block.version}|${row.ResourceId}`;
    const v = owners.get(key);
    if (v) v.blocks.push(block);
    else owners.set(key, { row, version: block.version, blocks: [block] });
  }
  return [...owners.values()].map(({ row, version, blocks }) => {
    const total = unionSize(blocks);
    const covered = intersectionSize(children[version].get(row.ResourceId) ?? [], blocks);
    return {
      ResourceId: row.ResourceId,
      ResourceType: type,
      version,
      OwnerId: row.ResourceOwnerId,
      Region: row.ResourceRegion,
      total,
      covered,
      usage: share(covered, total),
    };
  });
};
