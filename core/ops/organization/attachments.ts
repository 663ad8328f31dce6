/**
 * Attaching service control policies to the root, an OU or a member account (the management
 * account only, while SCPs are enabled): AttachPolicy, DetachPolicy, ListPoliciesForTarget and
 * ListTargetsForPolicy. A target has one to five SCPs: FullAWSAccess when nothing is stored for it
 * (scp.ts), so the first other policy attached stores FullAWSAccess beside it, and the last one
 * cannot be detached. Each attachment is written with a count on its policy (no delete while
 * attached) and on its target (at most five; a target deleted or leaving meanwhile fails the
 * write), in one unit of work.
 */
import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite, type Write } from '../../ports';
import type {
  OrgAccountRecord,
  OrganizationRecord,
  OrgUnitRecord,
  PolicyAttachmentRecord,
  RecordRef,
} from '../../records';
import { listAll, pageArray } from '../kit/listing';
import { managementOrg } from './access';
import { unattachWrites } from './attachments-writes';
import { ACCOUNT_ID, OU_ID, orgsText, ROOT_ID } from './ids';
import { accountsOf } from './membership';
import { policyIn, policySummary } from './policies';
import { effectivePolicyIds, FULL_ACCESS_ID, scpEnabled } from './scp';
import { accountArn, ORGS_PAGE, ouArn, rootArn } from './shapes';
import { readOrganization } from './snapshot';

export const MAX_SCPS_PER_TARGET = 5;

type TargetType = PolicyAttachmentRecord['TargetType'];
interface Target {
  id: string;
  type: TargetType;
  ref: RecordRef;
}

export const requireScp = (org: OrganizationRecord): void => {
  if (!scpEnabled(org))
    fail(
      'PolicyTypeNotEnabledException',
      `Service control policies are not enabled on ${org.RootId}; EnablePolicyType first.`,
    );
};

/** The root, an OU or a member account of the organization (TargetNotFoundException otherwise). */
const targetIn = async (deps: Deps, org: OrganizationRecord, id: string | undefined): Promise<Target> => {
  const targetId = orgsText(id, 'TargetId', 100);
  const gone = () =>
    fail(
      'TargetNotFoundException',
      `${targetId} is not the root, an OU or an account of ${org.OrganizationId}.`,
    );
  if (targetId === org.RootId)
    return { id: targetId, type: 'ROOT', ref: { kind: 'organization', id: org.OrganizationId } };
  if (OU_ID.test(targetId)) {
    const ref = { kind: 'org-unit', orgId: org.OrganizationId, id: targetId } as const;
    return (await deps.store.get<OrgUnitRecord>(ref))
      ? { id: targetId, type: 'ORGANIZATIONAL_UNIT', ref }
      : gone();
  }
  if (ACCOUNT_ID.test(targetId)) {
    const ref = { kind: 'org-account', accountId: targetId } as const;
    const m = await deps.store.get<OrgAccountRecord>(ref);
    return m?.OrganizationId === org.OrganizationId ? { id: targetId, type: 'ACCOUNT', ref } : gone();
  }
  if (ROOT_ID.test(targetId)) return gone();
  return fail(
    'InvalidInputException',
    `'${targetId}' is not a root, OU or account id.`,
    'INVALID_PATTERN_TARGET_ID',
  );
};

const storedAt = (deps: Deps, org: OrganizationRecord, targetId: string) =>
  listAll<PolicyAttachmentRecord>(deps.store, {
    kind: 'policy-attachment',
    orgId: org.OrganizationId,
    targetId,
  });

const attachWrites = (org: OrganizationRecord, t: Target, policyIds: string[], now: number): Write[] => [
  ...policyIds.flatMap((PolicyId): Write[] => [
    {
      name: 'attach',
      type: 'create',
      record: {
        kind: 'policy-attachment',
        OrganizationId: org.OrganizationId,
        TargetId: t.id,
        TargetType: t.type,
        PolicyId,
        _v: 1,
        _created: now,
      },
    },
    ...(PolicyId === FULL_ACCESS_ID
      ? []
      : [
          {
            name: 'policy',
            type: 'counter',
            ref: { kind: 'org-policy', orgId: org.OrganizationId, id: PolicyId },
            field: '_attachCount',
            delta: 1,
          } as const,
        ]),
  ]),
  {
    name: 'target',
    type: 'counter',
    ref: t.ref,
    field: '_scpCount',
    delta: policyIds.length,
    limit: MAX_SCPS_PER_TARGET,
  },
];

/** The organization, policy, target and the target's stored attachments an (at|de)tach names. */
const attachment = async (deps: Deps, caller: Caller, input: { PolicyId?: string; TargetId?: string }) => {
  const org = await managementOrg(deps, caller);
  requireScp(org);
  const p = await policyIn(deps, org, input.PolicyId);
  const t = await targetIn(deps, org, input.TargetId);
  return { org, p, t, stored: await storedAt(deps, org, t.id) };
};

export const attachPolicy = async (
  deps: Deps,
  caller: Caller,
  input: { PolicyId?: string; TargetId?: string },
) => {
  const { org, p, t, stored } = await attachment(deps, caller, input);
  if (effectivePolicyIds(stored, t.id).includes(p.PolicyId))
    fail('DuplicatePolicyAttachmentException', `The policy ${p.PolicyId} is already attached to ${t.id}.`);
  const adding = stored.length === 0 ? [FULL_ACCESS_ID, p.PolicyId] : [p.PolicyId];
  if (stored.length + adding.length > MAX_SCPS_PER_TARGET)
    fail(
      'ConstraintViolationException',
      `${t.id} already has ${MAX_SCPS_PER_TARGET} service control policies.`,
      'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    );
  const res = await deps.store.commit(attachWrites(org, t, adding, deps.now()));
  if (!res.ok)
    failedWrite(res, 'attach')
      ? fail(
          'DuplicatePolicyAttachmentException',
          `The policy ${p.PolicyId} was attached to ${t.id} meanwhile.`,
        )
      : failedWrite(res, 'policy')
        ? fail('PolicyNotFoundException', `The policy ${p.PolicyId} was deleted meanwhile.`)
        : fail('ConcurrentModificationException', `${t.id} changed meanwhile; retry the request.`);
  return {};
};

export const detachPolicy = async (
  deps: Deps,
  caller: Caller,
  input: { PolicyId?: string; TargetId?: string },
) => {
  const { p, t, stored } = await attachment(deps, caller, input);
  const effective = effectivePolicyIds(stored, t.id);
  if (!effective.includes(p.PolicyId))
    fail('PolicyNotAttachedException', `The policy ${p.PolicyId} is not attached to ${t.id}.`);
  const attached = stored.find((a) => a.PolicyId === p.PolicyId);
  if (effective.length === 1 || !attached)
    return fail(
      'ConstraintViolationException',
      `${t.id} must keep at least one service control policy.`,
      'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    );
  const res = await deps.store.commit([
    ...unattachWrites(attached),
    { type: 'counter', ref: t.ref, field: '_scpCount', delta: -1 },
  ]);
  if (!res.ok) fail('ConcurrentModificationException', `${t.id} changed meanwhile; retry the request.`);
  return {};
};

type Page = { MaxResults?: number; NextToken?: string };
const paged = <T>(key: string, items: T[], input: Page, scope: string) => {
  const page = pageArray(items, input, scope, ORGS_PAGE);
  return { [key]: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};

export const listPoliciesForTarget = async (
  deps: Deps,
  caller: Caller,
  input: Page & { TargetId?: string; Filter?: string },
) => {
  const org = await managementOrg(deps, caller);
  const t = await targetIn(deps, org, input.TargetId);
  const ids =
    scpEnabled(org) && input.Filter === 'SERVICE_CONTROL_POLICY'
      ? effectivePolicyIds(await storedAt(deps, org, t.id), t.id)
      : [];
  const policies = [];
  for (const id of ids) policies.push(policySummary(deps, org, await policyIn(deps, org, id)));
  return paged('Policies', policies, input, `policies#${t.id}`);
};

/** Where a policy is in effect; FullAWSAccess also wherever nothing else is stored. */
export const listTargetsForPolicy = async (
  deps: Deps,
  caller: Caller,
  input: Page & { PolicyId?: string },
) => {
  const org = await managementOrg(deps, caller);
  const p = await policyIn(deps, org, input.PolicyId);
  const snap = scpEnabled(org) ? await readOrganization(deps, org.OrganizationId) : undefined;
  if (!snap) return paged('Targets', [], input, `targets#${p.PolicyId}`);
  const c = deps.config;
  const all = [
    { TargetId: org.RootId, Arn: rootArn(c, org), Name: 'Root', Type: 'ROOT' },
    ...[...snap.units.values()].map((u) => ({
      TargetId: u.OrganizationalUnitId,
      Arn: ouArn(c, org, u.OrganizationalUnitId),
      Name: u.Name,
      Type: 'ORGANIZATIONAL_UNIT',
    })),
    ...(await accountsOf(deps, org.OrganizationId)).map((a) => ({
      TargetId: a.AccountId,
      Arn: accountArn(c, org, a.AccountId),
      Type: 'ACCOUNT',
    })),
  ];
  const targets = all.filter((t) => effectivePolicyIds(snap.attachments, t.TargetId).includes(p.PolicyId));
  return paged('Targets', targets, input, `targets#${p.PolicyId}`);
};
