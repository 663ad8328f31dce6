/**
 * Reading the organization registry (F-ORG, [self-hosted] equivalent): which organization an
 * account belongs to, an account's OU ancestry, and the accounts a resource discovery monitors
 * (F-ORG-05/06, F-OUX-05/10): its owner alone, or, when the owner is its organization's IPAM
 * delegated admin, every member account minus those in excluded OUs (never the admin itself).
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { OrgAccountRecord, OrganizationRecord, OrgUnitRecord, OuExclusion } from '../../records';
import { listAll } from '../kit/listing';
import { isExcluded, parsePath } from './ou-exclusions';

export interface Membership {
  org: OrganizationRecord;
  member: OrgAccountRecord;
}

/** The organization an account belongs to, if any. */
export const membershipOf = async (deps: Deps, accountId: string): Promise<Membership | undefined> => {
  const member = await deps.store.get<OrgAccountRecord>({ kind: 'org-account', accountId });
  if (!member) return undefined;
  const org = await deps.store.get<OrganizationRecord>({ kind: 'organization', id: member.OrganizationId });
  return org ? { org, member } : undefined;
};

/**
 * The organization the caller manages; anyone else is refused (F-ERR-01).
 * @example const org = await managedOrg(deps, caller)
 */
export const managedOrg = async (deps: Deps, caller: Caller): Promise<OrganizationRecord> => {
  const m = await membershipOf(deps, caller.accountId);
  if (!m || m.org.ManagementAccountId !== caller.accountId)
    fail(
      'UnauthorizedOperation',
      'Only the management account of an organization can change its registry or its IPAM admin.',
    );
  return (m as Membership).org;
};

/** The organization whose IPAM delegated admin is `accountId`, if any. */
export const delegatedOrgOf = async (
  deps: Deps,
  accountId: string,
): Promise<OrganizationRecord | undefined> => {
  const m = await membershipOf(deps, accountId);
  return m?.org.DelegatedAdminAccountId === accountId ? m.org : undefined;
};

export const unitsOf = (deps: Deps, orgId: string): Promise<OrgUnitRecord[]> =>
  listAll<OrgUnitRecord>(deps.store, { kind: 'org-unit', orgId });

export const accountsOf = (deps: Deps, orgId: string): Promise<OrgAccountRecord[]> =>
  listAll<OrgAccountRecord>(deps.store, { kind: 'org-account', orgId });

/** OU ancestry of a parent id, outermost first; [] for the root. OU depth is bounded (5). */
export const chainOf = (parentId: string, units: ReadonlyMap<string, OrgUnitRecord>): string[] => {
  const chain: string[] = [];
  for (let id = parentId; units.has(id) && chain.length < 16; id = units.get(id)!.ParentId) chain.unshift(id);
  return chain;
};

export interface MonitoredAccount {
  AccountId: string;
  OrganizationalUnitId?: string;
}

/**
 * Accounts a resource discovery owned by `ownerId` monitors, and the member accounts its OU
 * exclusions leave out (their discovered data goes, F-OUX-10).
 * @example const { accounts, excluded } = await monitoredBy(deps, '111122223333', rd.OrganizationalUnitExclusions)
 */
export const monitoredBy = async (
  deps: Deps,
  ownerId: string,
  exclusions: readonly OuExclusion[],
): Promise<{ accounts: MonitoredAccount[]; excluded: string[] }> => {
  const org = await delegatedOrgOf(deps, ownerId);
  if (!org) return { accounts: [{ AccountId: ownerId }], excluded: [] };
  const units = new Map((await unitsOf(deps, org.OrganizationId)).map((u) => [u.OrganizationalUnitId, u]));
  const accounts: MonitoredAccount[] = [];
  const excluded: string[] = [];
  for (const a of await accountsOf(deps, org.OrganizationId)) {
    const chain = chainOf(a.ParentId, units);
    if (a.AccountId !== ownerId && isExcluded(org, chain, exclusions)) {
      excluded.push(a.AccountId);
      continue;
    }
    const ou = chain[chain.length - 1];
    accounts.push({ AccountId: a.AccountId, ...(ou ? { OrganizationalUnitId: ou } : {}) });
  }
  return { accounts, excluded };
};

/**
 * Who may change OU exclusions and which paths make sense (F-OUX-04/05/06): only the IPAM
 * delegated admin of an organization that has OUs; each added path must name that organization
 * and root, and every OU of it already in the registry must sit under the one before it. An OU
 * not registered yet is accepted and takes effect once it appears (F-OUX-06).
 */
export const checkExclusionChange = async (
  deps: Deps,
  caller: Caller,
  add: readonly { OrganizationsEntityPath?: string }[] | undefined,
  remove: readonly { OrganizationsEntityPath?: string }[] | undefined,
): Promise<void> => {
  if ((add?.length ?? 0) + (remove?.length ?? 0) === 0) return;
  const org = await delegatedOrgOf(deps, caller.accountId);
  if (!org)
    return fail(
      'UnauthorizedOperation',
      // F-OUX-05
      'Only the IPAM delegated admin of an organization can change OU exclusions.',
    );
  const units = new Map((await unitsOf(deps, org.OrganizationId)).map((u) => [u.OrganizationalUnitId, u]));
  if (units.size === 0)
    // F-OUX-05
    fail('IncorrectState', `Organization ${org.OrganizationId} has no OUs to exclude.`);
  for (const { OrganizationsEntityPath: p = '' } of add ?? []) {
    const x = parsePath(p);
    if (x.orgId !== org.OrganizationId || x.rootId !== org.RootId)
      fail('InvalidParameterValue', `'${p}' is not in ${org.OrganizationId}/${org.RootId}.`);
    x.ous.forEach((ou, i) => {
      const known = units.get(ou);
      const parent = i === 0 ? org.RootId : x.ous[i - 1];
      if (known && known.ParentId !== parent)
        fail(
          'InvalidParameterValue',
          `'${p}' does not follow the OU tree: ${ou} is under ${known.ParentId}.`,
        );
    });
  }
};
