/**
 * Service control policies in effect: the AWS-managed FullAWSAccess, which policies apply at a
 * target, and `scpLevelsFor`, what the authorization layer evaluates for an account.
 *
 * As in AWS Organizations, while SCPs are enabled every root, OU and account has at least one
 * SCP, FullAWSAccess by default. Allot stores only explicit attachments: a target with none has
 * FullAWSAccess (so enabling SCPs, creating an OU and an account joining write nothing), and
 * attaching another policy to it stores FullAWSAccess beside it (attachments.ts).
 */
import type { Deps } from '../../ports';
import type {
  OrgAccountRecord,
  OrganizationRecord,
  OrgPolicyRecord,
  PolicyAttachmentRecord,
} from '../../records';
import { chainOf } from './membership';
import { pathOf } from './shapes';
import { readOrganization } from './snapshot';

export const SCP = 'SERVICE_CONTROL_POLICY';
export const FULL_ACCESS_ID = 'p-FullAWSAccess';
export const FULL_ACCESS = {
  PolicyId: FULL_ACCESS_ID,
  Name: 'FullAWSAccess',
  Description: 'Allows access to every operation',
  Type: SCP,
  Content: JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    null,
    2,
  ),
} as const;

export const scpEnabled = (org: OrganizationRecord): boolean => org._policyTypes?.includes(SCP) ?? false;

/** The attachments stored for one target (policy id order). */
export const attachedTo = (attachments: readonly PolicyAttachmentRecord[], targetId: string) =>
  attachments.filter((a) => a.TargetId === targetId);

/**
 * The ids of the SCPs in effect at a target: its attachments (FullAWSAccess first), or
 * FullAWSAccess alone.
 * @example effectivePolicyIds(snap.attachments, 'ou-ab12-11111111') // ['p-FullAWSAccess']
 */
export const effectivePolicyIds = (
  attachments: readonly PolicyAttachmentRecord[],
  targetId: string,
): string[] => {
  const ids = attachedTo(attachments, targetId).map((a) => a.PolicyId);
  if (ids.length === 0) return [FULL_ACCESS_ID];
  // FullAWSAccess first, then the customer policies in id order.
  return ids.includes(FULL_ACCESS_ID) ? [FULL_ACCESS_ID, ...ids.filter((id) => id !== FULL_ACCESS_ID)] : ids;
};

export interface ScpLevels {
  orgId: string;
  /** The account's `aws:PrincipalOrgPaths` value: the path of the OU (or root) it sits in. */
  orgPaths: string[];
  /** SCPs from the root down through each OU to the account itself, one list per level. */
  levels: { name: string; document: string }[][];
}

/**
 * The service control policies an account's requests must pass, level by level: undefined when
 * the account is in no organization, is its management account (SCPs never apply to it), or its
 * organization has SCPs disabled. Otherwise `levels[0]` holds the root's SCPs, then one list per
 * OU from the outermost down, and last the account's own; each entry is the policy's name and
 * JSON text. A request is allowed only if every level allows it (the caller evaluates). Costs one
 * GetItem (the account) and one Query (the organization's partition); cache it per account.
 * @example const scps = await scpLevelsFor(deps, '444455556666') // { orgId: 'o-…', orgPaths: ['o-…/r-…/ou-…/'], levels: [[…], [...], […]] }
 */
export const scpLevelsFor = async (deps: Deps, accountId: string): Promise<ScpLevels | undefined> => {
  const member = await deps.store.get<OrgAccountRecord>({ kind: 'org-account', accountId });
  if (!member) return undefined;
  const snap = await readOrganization(deps, member.OrganizationId);
  if (!snap || snap.org.ManagementAccountId === accountId || !scpEnabled(snap.org)) return undefined;
  const { org, units, policies, attachments } = snap;
  const chain = chainOf(member.ParentId, units);
  const documentOf = (id: string): { name: string; document: string } => {
    const p: Pick<OrgPolicyRecord, 'Name' | 'Content'> | undefined =
      id === FULL_ACCESS_ID ? FULL_ACCESS : policies.get(id);
    return { name: p?.Name ?? id, document: p?.Content ?? '{}' };
  };
  const levels = [org.RootId, ...chain, accountId].map((target) =>
    effectivePolicyIds(attachments, target).map(documentOf),
  );
  return { orgId: org.OrganizationId, orgPaths: [pathOf(org, chain)], levels };
};
