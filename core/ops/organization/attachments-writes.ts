/**
 * The writes that detach policies, shared by DetachPolicy, DisablePolicyType and whatever ends a
 * target (an OU deleted, an account removed or leaving): each attachment deleted with its policy's
 * count, in the caller's unit of work. FullAWSAccess has no stored policy, so no count.
 */
import type { Deps, Write } from '../../ports';
import type { PolicyAttachmentRecord } from '../../records';
import { listAll } from '../kit/listing';
import { FULL_ACCESS_ID } from './scp';

export const attachmentRef = (a: Pick<PolicyAttachmentRecord, 'OrganizationId' | 'TargetId' | 'PolicyId'>) =>
  ({
    kind: 'policy-attachment',
    orgId: a.OrganizationId,
    targetId: a.TargetId,
    policyId: a.PolicyId,
  }) as const;

/** The attachment's delete and its policy's count (not the target's: callers decide). */
export const unattachWrites = (a: PolicyAttachmentRecord): Write[] => [
  { type: 'delete', ref: attachmentRef(a) },
  ...(a.PolicyId === FULL_ACCESS_ID
    ? []
    : [
        {
          type: 'counter',
          ref: { kind: 'org-policy', orgId: a.OrganizationId, id: a.PolicyId },
          field: '_attachCount',
          delta: -1,
        } as const,
      ]),
];

/**
 * The writes that drop every policy attached to a target that is going away (at most five).
 * @example const drops = await dropTargetWrites(deps, org.OrganizationId, ou.OrganizationalUnitId)
 */
export const dropTargetWrites = async (deps: Deps, orgId: string, targetId: string): Promise<Write[]> =>
  (await listAll<PolicyAttachmentRecord>(deps.store, { kind: 'policy-attachment', orgId, targetId })).flatMap(
    unattachWrites,
  );
