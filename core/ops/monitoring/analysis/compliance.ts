/**
 * Compliance of a managed row with the rules of the one pool holding its allocation
 * (F-RES-04, F-STAT-05 step 4; rules never inherited, F-RULE-07). Existing resources are only
 * flagged, never de-allocated (F-RULE-08).
 */
import type { PoolRulesInput, ResourceCidrInput, RuleViolation, Tag } from './types';

const hasLocale = (locale: string | undefined): locale is string => !!locale && locale !== 'None';

const tagMet = (rule: Tag, tags: readonly Tag[]): boolean =>
  // A rule with an empty value only needs the key (F-STAT-05 [infer]).
  tags.some((t) => t.Key === rule.Key && (!rule.Value || t.Value === rule.Value));

/**
 * Every rule of `pool` the row breaks, in rule order; empty means compliant.
 * @example violations({ ...row, ResourceRegion: 'us-east-1' }, 24, { IpamPoolId: 'p', Locale: 'us-west-2' })
 * // [{ Rule: 'locale', Message: "Resource region us-east-1 is not the pool's locale us-west-2." }]
 */
export const violations = (row: ResourceCidrInput, prefix: number, pool: PoolRulesInput): RuleViolation[] => {
  const out: RuleViolation[] = [];
  const min = pool.AllocationMinNetmaskLength;
  const max = pool.AllocationMaxNetmaskLength;
  // F-RULE-02: min is the largest block (shortest prefix), max the smallest.
  if (min !== undefined && prefix < min) {
    out.push({
      Rule: 'min-netmask-length',
      Message: `Netmask /${prefix} is shorter than the pool minimum /${min}.`,
    });
  }
  if (max !== undefined && prefix > max) {
    out.push({
      Rule: 'max-netmask-length',
      Message: `Netmask /${prefix} is longer than the pool maximum /${max}.`,
    });
  }
  // F-RULE-04: every required tag, key and value.
  for (const rule of pool.AllocationResourceTags ?? []) {
    if (!tagMet(rule, row.ResourceTags ?? [])) {
      const want = rule.Value ? `${rule.Key}=${rule.Value}` : rule.Key;
      out.push({ Rule: 'required-tag', Message: `Required tag ${want} is missing or different.` });
    }
  }
  // F-RULE-05: region must equal the locale when the pool has one.
  if (hasLocale(pool.Locale) && row.ResourceRegion !== pool.Locale) {
    out.push({
      Rule: 'locale',
      Message: `Resource region ${row.ResourceRegion} is not the pool's locale ${pool.Locale}.`,
    });
  }
  // F-RULE-06 [infer]: owner must be the pool owner or a share principal, for shared pools.
  if (pool.SharePrincipals !== undefined && pool.OwnerId !== undefined) {
    const owner = row.ResourceOwnerId;
    if (owner !== pool.OwnerId && !pool.SharePrincipals.includes(owner)) {
      out.push({
        Rule: 'share-principal',
        Message: `Owner ${owner} is not a principal of the pool's share.`,
      });
    }
  }
  return out;
};
