import { defineKind, type Versioned } from './kind';

/**
 * A policy attached to a target of an organization: its root, an OU or a member account. Written
 * with a counter on the policy (`_attachCount`) and on the target (`_scpCount`, at most 5), in
 * one unit of work. A target without any attachment has the AWS-managed FullAWSAccess, as every
 * root, OU and account has in AWS once service control policies are enabled; attaching another
 * policy to it stores FullAWSAccess explicitly beside it (core/ops/organization/attachments.ts).
 */
export interface PolicyAttachmentRecord extends Versioned {
  kind: 'policy-attachment';
  OrganizationId: string;
  TargetId: string;
  TargetType: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  PolicyId: string;
}

export type PolicyAttachmentRef = {
  kind: 'policy-attachment';
  orgId: string;
  targetId: string;
  policyId: string;
};
/** The attachments of an organization, or of one of its targets, by target then policy. */
export type PolicyAttachmentQuery = { kind: 'policy-attachment'; orgId: string; targetId?: string };

export const policyAttachment = defineKind<
  PolicyAttachmentRecord,
  PolicyAttachmentRef,
  PolicyAttachmentQuery
>({
  ref: (r) => ({
    kind: 'policy-attachment',
    orgId: r.OrganizationId,
    targetId: r.TargetId,
    policyId: r.PolicyId,
  }),
  key: (ref) => ({ PK: `ORG#${ref.orgId}`, SK: `ATTACH#${ref.targetId}#${ref.policyId}` }),
  query: (q) => ({ pk: `ORG#${q.orgId}`, skPrefix: q.targetId ? `ATTACH#${q.targetId}#` : 'ATTACH#' }),
});
