/**
 * Pool allocation rules (F-RULE-01..07): netmask bounds and default, required resource tags,
 * locale. Rules are per pool and never inherited. `checkNetmask` and `checkResource` are the
 * allocation-time checks of F-ALLOC-04 steps 5 and 6.
 */
import { BITS, familyOf } from '../../cidr';
import { fail } from '../../errors';
import type { Write } from '../../ports';
import type { AllocationRecord, PoolRecord, Tag } from '../../records';
import { intInRange } from '../kit/common';

export interface RuleInput {
  AllocationMinNetmaskLength?: number;
  AllocationMaxNetmaskLength?: number;
  AllocationDefaultNetmaskLength?: number;
}

/** Validate a pool's netmask rules against its family: min <= max, default within [min, max]. */
export const validateRules = (pool: Pick<PoolRecord, 'AddressFamily'> & RuleInput): void => {
  const bits = BITS[familyOf(pool.AddressFamily)];
  const min = intInRange(pool.AllocationMinNetmaskLength, 'AllocationMinNetmaskLength', 0, bits);
  const max = intInRange(pool.AllocationMaxNetmaskLength, 'AllocationMaxNetmaskLength', 0, bits);
  const def = intInRange(pool.AllocationDefaultNetmaskLength, 'AllocationDefaultNetmaskLength', 0, bits);
  if (min !== undefined && max !== undefined && min > max) {
    fail(
      'InvalidParameterValue',
      `AllocationMinNetmaskLength (${min}) must not exceed AllocationMaxNetmaskLength (${max}).`,
    );
  }
  if (def !== undefined && ((min !== undefined && def < min) || (max !== undefined && def > max))) {
    fail(
      'InvalidParameterValue',
      `AllocationDefaultNetmaskLength (${def}) must lie within the pool's minimum and maximum netmask lengths.`,
    );
  }
};

export const resourceTags = (tags: { Key?: string; Value?: string }[] | undefined, field: string): Tag[] =>
  (tags ?? []).map((t) => {
    if (!t.Key) fail('InvalidParameterValue', `${field}: every tag needs a Key.`);
    return t.Value === undefined ? { Key: t.Key! } : { Key: t.Key!, Value: t.Value };
  });

/** F-RULE-02 at allocation time (also applied to child-pool provisioning, F-RULE-07). */
export const checkNetmask = (pool: PoolRecord, prefix: number): void => {
  const min = pool.AllocationMinNetmaskLength;
  const max = pool.AllocationMaxNetmaskLength;
  if (min !== undefined && prefix < min) {
    fail(
      'InvalidParameterValue',
      `The netmask length /${prefix} is shorter than the pool's allocation minimum netmask length /${min} (allocation rule).`,
    );
  }
  if (max !== undefined && prefix > max) {
    fail(
      'InvalidParameterValue',
      `The netmask length /${prefix} is longer than the pool's allocation maximum netmask length /${max} (allocation rule).`,
    );
  }
};

export interface ResourceSpec {
  ResourceType: 'vpc' | 'subnet' | 'eip' | 'ec2-public-ipv4-pool' | 'anycast-ip-list';
  ResourceId: string;
  ResourceRegion: string;
  ResourceOwner?: string;
  ResourceTags?: Tag[];
  /** Auto-import (F-IMPORT-03): the pool's allocation rules are not checked. */
  Import?: boolean;
  /**
   * The resource is being created in the EC2 backend (F-ALLOC-13): the allocation is written
   * pending, without `ResourceId`, until the backend names the resource (core/ops/facade).
   */
  Creating?: { Until: number; VpcId?: string };
  /** Writes that belong to the same claim (an Elastic IP's record, a public IPv4 pool's range). */
  Also?: (allocation: AllocationRecord) => Write[];
  /** Strictly the lowest free block, even under contention (sequential Elastic IPs, F-EIP-03). */
  Lowest?: boolean;
}

/** F-RULE-04 and F-RULE-05 for resource allocations (not for custom or ipam-pool ones). */
export const checkResource = (pool: PoolRecord, r: ResourceSpec): void => {
  // F-FAC-04: a resource is created in a region, so it draws only from a pool of that locale.
  if (r.Creating && pool.Locale !== r.ResourceRegion)
    fail(
      'InvalidParameterValue',
      `The locale of the IPAM pool must be equal to the current region: pool ${pool.IpamPoolId}'s locale is ${pool.Locale ?? 'None'}, the request was made in ${r.ResourceRegion}.`,
    );
  if (pool.Locale && r.ResourceRegion !== pool.Locale) {
    fail(
      'InvalidParameterValue',
      `The resource is in ${r.ResourceRegion}, but the IPAM pool's locale is ${pool.Locale} (allocation rule).`,
    );
  }
  const have = r.ResourceTags ?? [];
  const missing = pool.AllocationResourceTags.filter(
    (t) => !have.some((h) => h.Key === t.Key && (h.Value ?? '') === (t.Value ?? '')),
  );
  if (missing.length > 0) {
    fail(
      'InvalidParameterValue',
      'The resource is missing one or more of the resource tags required by the IPAM pool.',
    );
  }
};
