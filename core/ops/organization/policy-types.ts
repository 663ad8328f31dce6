/**
 * EnablePolicyType and DisablePolicyType on the root (the management account; only
 * SERVICE_CONTROL_POLICY is served). Enabling gives every root, OU and account FullAWSAccess, as
 * AWS does: nothing is written for it, since a target without stored attachments has it (scp.ts).
 * Disabling turns SCPs off at once (the organization record), then detaches every stored
 * attachment, each in its own unit of work with its counts, as AWS detaches them all; enabling
 * again starts from FullAWSAccess everywhere.
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { OrganizationRecord, PolicyAttachmentRecord } from '../../records';
import { listAll } from '../kit/listing';
import { updateRecord } from '../kit/loads';
import { managementOrg } from './access';
import { unattachWrites } from './attachments-writes';
import { orgsText } from './ids';
import { SCP, scpEnabled } from './scp';
import { rootShape } from './shapes';

type Input = { RootId?: string; PolicyType?: string };

const checked = async (deps: Deps, caller: Caller, input: Input) => {
  const org = await managementOrg(deps, caller);
  const rootId = orgsText(input.RootId, 'RootId', 34);
  if (rootId !== org.RootId)
    fail('RootNotFoundException', `${rootId} is not the root of ${org.OrganizationId}.`);
  if (input.PolicyType !== SCP)
    fail(
      'InvalidInputException',
      'Allot serves service control policies only (SERVICE_CONTROL_POLICY).',
      'INVALID_ENUM_POLICY_TYPE',
    );
  return org;
};

const setScp = (deps: Deps, caller: Caller, on: boolean) =>
  updateRecord<OrganizationRecord>(
    deps,
    () => managementOrg(deps, caller),
    (o) => {
      if (scpEnabled(o) === on)
        on
          ? fail(
              'PolicyTypeAlreadyEnabledException',
              `Service control policies are already enabled on ${o.RootId}.`,
            )
          : fail('PolicyTypeNotEnabledException', `Service control policies are not enabled on ${o.RootId}.`);
      const others = (o._policyTypes ?? []).filter((t) => t !== SCP);
      return { next: { ...o, _policyTypes: on ? [...others, SCP] : others } };
    },
  );

export const enablePolicyType = async (deps: Deps, caller: Caller, input: Input) => {
  await checked(deps, caller, input);
  const org = await setScp(deps, caller, true);
  return { Root: rootShape(deps.config, org) };
};

export const disablePolicyType = async (deps: Deps, caller: Caller, input: Input) => {
  await checked(deps, caller, input);
  const org = await setScp(deps, caller, false);
  const stored = await listAll<PolicyAttachmentRecord>(deps.store, {
    kind: 'policy-attachment',
    orgId: org.OrganizationId,
  });
  for (const a of stored) {
    const target =
      a.TargetType === 'ROOT'
        ? ({ kind: 'organization', id: org.OrganizationId } as const)
        : a.TargetType === 'ORGANIZATIONAL_UNIT'
          ? ({ kind: 'org-unit', orgId: org.OrganizationId, id: a.TargetId } as const)
          : ({ kind: 'org-account', accountId: a.TargetId } as const);
    await deps.store.commit([
      ...unattachWrites(a),
      { type: 'counter', ref: target, field: '_scpCount', delta: -1 },
    ]);
  }
  return { Root: rootShape(deps.config, org) };
};
