/**
 * Organizational-unit exclusion paths of a resource discovery (F-OUX-03/04/07): syntax, no
 * duplicates in one list, removals must exist, the result must not exclude one OU twice, and at
 * most 10 per RD. A trailing `/` is optional; `/*` covers the OU and all its descendants.
 */
import { fail } from '../../errors';
import type { OuExclusion } from '../../records';

export const MAX_OU_EXCLUSIONS = 10;
const PATH = /^o-[a-z0-9]{10,32}\/r-[a-z0-9]{4,32}(\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})+(\/\*|\/)?$/;

const norm = (p: string) => p.replace(/\/$/, '');
const ouPath = (p: string) => norm(p).replace(/\/\*$/, '');
const wildcard = (p: string) => norm(p).endsWith('/*');

/** An exclusion path split into its organization, root, OU chain and `/*` flag. */
export const parsePath = (p: string) => {
  const parts = ouPath(p).split('/');
  return { orgId: parts[0]!, rootId: parts[1]!, ous: parts.slice(2), wildcard: wildcard(p) };
};

/**
 * Is an account excluded ([self-hosted] F-OUX)? `chain` is the account's OU ancestry, outermost
 * first and its own OU last (empty for an account directly under the root). A `/`-path matches
 * only its own OU, a `/*`-path that OU or any descendant.
 * @example isExcluded({ OrganizationId: 'o-a1b2c3d4e5', RootId: 'r-f6g7' }, ['ou-f6g7-aaaaaaaa'], exclusions)
 */
export const isExcluded = (
  org: { OrganizationId: string; RootId: string },
  chain: readonly string[],
  exclusions: readonly OuExclusion[],
): boolean =>
  exclusions.some((e) => {
    const x = parsePath(e.OrganizationsEntityPath);
    if (x.orgId !== org.OrganizationId || x.rootId !== org.RootId) return false;
    const ou = x.ous[x.ous.length - 1]!;
    return x.wildcard ? chain.includes(ou) : chain[chain.length - 1] === ou;
  });

/** Does `a` exclude an OU that `b` also excludes? */
const overlaps = (a: string, b: string): boolean =>
  ouPath(a) === ouPath(b) ||
  (wildcard(a) && ouPath(b).startsWith(`${ouPath(a)}/`)) ||
  (wildcard(b) && ouPath(a).startsWith(`${ouPath(b)}/`));

const paths = (list: { OrganizationsEntityPath?: string }[] | undefined, field: string): string[] => {
  const out = (list ?? []).map((e) => {
    const p = e.OrganizationsEntityPath ?? '';
    if (!PATH.test(p))
      fail('InvalidParameterValue', `'${p}' is not an OU path like o-…/r-…/ou-…/ (${field}).`);
    return p;
  });
  if (new Set(out.map(norm)).size !== out.length)
    // F-OUX-04
    fail('InvalidParameterCombination', `${field} lists a path twice.`);
  return out;
};

/**
 * The exclusions after removing then adding.
 * @example applyExclusions([], [{ OrganizationsEntityPath: 'o-a1b2c3d4e5/r-f6g7/ou-ghi0-awsccccc/*' }], [])
 */
export const applyExclusions = (
  current: readonly OuExclusion[],
  add: { OrganizationsEntityPath?: string }[] | undefined,
  remove: { OrganizationsEntityPath?: string }[] | undefined,
): OuExclusion[] => {
  const adding = paths(add, 'AddOrganizationalUnitExclusions');
  const removing = paths(remove, 'RemoveOrganizationalUnitExclusions');
  const kept = current.filter((e) => !removing.some((r) => norm(r) === norm(e.OrganizationsEntityPath)));
  for (const r of removing) {
    if (!current.some((e) => norm(e.OrganizationsEntityPath) === norm(r)))
      fail('InvalidParameterValue', `The exclusion '${r}' is not on this resource discovery.`);
  }
  const next = [...kept.map((e) => e.OrganizationsEntityPath), ...adding];
  for (let i = 0; i < next.length; i++)
    for (let j = i + 1; j < next.length; j++)
      if (overlaps(next[i]!, next[j]!))
        fail(
          'InvalidParameterCombination',
          // F-OUX-04
          `The exclusions '${next[i]}' and '${next[j]}' exclude the same OU.`,
        );
  if (next.length > MAX_OU_EXCLUSIONS)
    fail(
      'ResourceLimitExceeded',
      `A resource discovery can have at most ${MAX_OU_EXCLUSIONS} OU exclusions.`,
    );
  return next.map((OrganizationsEntityPath) => ({ OrganizationsEntityPath }));
};
