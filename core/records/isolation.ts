import { defineKind, type Versioned } from './kind';

/**
 * An account removed from its organization (F-GEN-06 [self-hosted]): what it owns shows
 * `isolate-complete` until the account is registered in an organization again.
 */
export interface IsolationRecord extends Versioned {
  kind: 'isolation';
  AccountId: string;
  /** The organization it was removed from. */
  OrganizationId: string;
  Since: string;
}

export type IsolationRef = { kind: 'isolation'; accountId: string };

export const isolation = defineKind<IsolationRecord, IsolationRef>({
  ref: (r) => ({ kind: 'isolation', accountId: r.AccountId }),
  key: (ref) => ({ PK: `ORGACCT#${ref.accountId}`, SK: 'ISOLATED' }),
});
