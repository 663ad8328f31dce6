/**
 * Isolation (F-GEN-06 [self-hosted]): when the organization's management account removes a member
 * from the registry, everything that account owns (IPAMs, scopes, pools, resource discoveries, and
 * the associations of either side) shows `isolate-complete` with a StateMessage naming the
 * organization, and shows its stored state again once the account is registered anew.
 *
 * [decision] Isolation is shown, not enforced: the stored state is left as it was and no
 * operation is refused, so nothing has to be rewritten or remembered for the restore, and an
 * account that leaves by mistake loses no address space. It is a lens applied when describing,
 * fed by one marker item per removed account (written atomically with the removal, deleted
 * atomically with the new registration). Registration completes synchronously, so
 * `restore-in-progress` is never observed (F-GEN-06 [infer]).
 */

import type { Deps, Write } from '../../ports';
import type { IsolationRecord } from '../../records';

export const ISOLATED_STATE = 'isolate-complete';

export type IsolationLens = <T extends { State: string }>(record: T, ...owners: (string | undefined)[]) => T;

/** Loads the markers of `owners` (one read per distinct account) and returns the lens. */
export const isolationLens = async (
  deps: Deps,
  owners: Iterable<string | undefined>,
): Promise<IsolationLens> => {
  const isolated = new Map<string, IsolationRecord>();
  for (const owner of new Set(owners)) {
    if (owner === undefined) continue;
    const marker = await deps.store.get<IsolationRecord>({ kind: 'isolation', accountId: owner });
    if (marker) isolated.set(owner, marker);
  }
  return (record, ...recordOwners) => {
    const hit = recordOwners.map((o) => (o === undefined ? undefined : isolated.get(o))).find(Boolean);
    if (!hit) return record;
    return {
      ...record,
      State: ISOLATED_STATE,
      StateMessage: `Account ${hit.AccountId} was removed from organization ${hit.OrganizationId}; joining it again restores this resource.`,
    };
  };
};

/** The write that isolates `accountId` on its removal from `orgId` (replacing an older marker). */
export const isolateWrite = async (deps: Deps, accountId: string, orgId: string): Promise<Write> => {
  const prior = await deps.store.get<IsolationRecord>({ kind: 'isolation', accountId });
  const record: IsolationRecord = {
    kind: 'isolation',
    AccountId: accountId,
    OrganizationId: orgId,
    Since: new Date(deps.now()).toISOString(),
    _v: 1,
    _created: deps.now(),
  };
  return prior ? { type: 'replace', record, expectVersion: prior._v } : { type: 'create', record };
};

/** The write that restores `accountId` when it is registered again (none if it was never isolated). */
export const restoreWrites = async (deps: Deps, accountId: string): Promise<Write[]> => {
  const prior = await deps.store.get<IsolationRecord>({ kind: 'isolation', accountId });
  return prior
    ? [{ name: 'restore', type: 'delete', ref: { kind: 'isolation', accountId }, expectVersion: prior._v }]
    : [];
};
