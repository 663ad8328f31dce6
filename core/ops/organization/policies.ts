/**
 * Service control policies of an organization (the management account only): CreatePolicy,
 * DescribePolicy, UpdatePolicy, DeletePolicy and ListPolicies. Content is checked against the SCP
 * grammar and size (policy-document.ts); names are unique in the organization (a guard item);
 * a policy still attached cannot be deleted (its attachment count must be zero at the delete).
 * The AWS-managed FullAWSAccess is listed and described, never changed.
 */
import { fail } from '../../errors';
import { type Caller, type Deps, failedWrite, type Write } from '../../ports';
import type { OrganizationRecord, OrgPolicyRecord, Tag, UniqueRecord } from '../../records';
import { listAll, pageArray } from '../kit/listing';
import { managementOrg } from './access';
import { orgsId, orgsText, POLICY_ID } from './ids';
import { checkPolicyContent } from './policy-document';
import { FULL_ACCESS, FULL_ACCESS_ID, SCP } from './scp';
import { ORGS_PAGE } from './shapes';

export const policyNameRef = (orgId: string, name: string) =>
  ({ kind: 'unique', name: `orgpolicy#${orgId}#${name}` }) as const;

type Policy = Pick<OrgPolicyRecord, 'PolicyId' | 'Name' | 'Description' | 'Type' | 'Content'>;

export const policyArn = (deps: Deps, org: OrganizationRecord, id: string): string =>
  id === FULL_ACCESS_ID
    ? `arn:${deps.config.partition}:organizations::aws:policy/service_control_policy/${id}`
    : `arn:${deps.config.partition}:organizations::${org.ManagementAccountId}:policy/${org.OrganizationId}/service_control_policy/${id}`;

export const policySummary = (deps: Deps, org: OrganizationRecord, p: Policy) => ({
  Id: p.PolicyId,
  Arn: policyArn(deps, org, p.PolicyId),
  Name: p.Name,
  Description: p.Description,
  Type: p.Type,
  AwsManaged: p.PolicyId === FULL_ACCESS_ID,
});

const policyShape = (deps: Deps, org: OrganizationRecord, p: Policy) => ({
  Policy: { PolicySummary: policySummary(deps, org, p), Content: p.Content },
});

/** A policy of the organization, FullAWSAccess included (PolicyNotFoundException otherwise). */
export const policyIn = async (
  deps: Deps,
  org: OrganizationRecord,
  id: string | undefined,
): Promise<Policy> => {
  const policyId = orgsId(id, POLICY_ID, 'PolicyId');
  if (policyId === FULL_ACCESS_ID) return FULL_ACCESS;
  const p = await deps.store.get<OrgPolicyRecord>({
    kind: 'org-policy',
    orgId: org.OrganizationId,
    id: policyId,
  });
  return (
    p ?? fail('PolicyNotFoundException', `The policy ${policyId} does not exist in ${org.OrganizationId}.`)
  );
};

/** A stored policy the caller may change (the AWS-managed one is immutable). */
const customerPolicy = async (deps: Deps, org: OrganizationRecord, id: string | undefined) => {
  const p = await policyIn(deps, org, id);
  if (p.PolicyId === FULL_ACCESS_ID)
    fail(
      'InvalidInputException',
      'FullAWSAccess is managed by AWS and cannot be changed.',
      'IMMUTABLE_POLICY',
    );
  return p as OrgPolicyRecord;
};

const nameGuard = (deps: Deps, p: OrgPolicyRecord): UniqueRecord => ({
  kind: 'unique',
  Name: policyNameRef(p.OrganizationId, p.Name).name,
  OwnerOf: p.PolicyId,
  _v: 1,
  _created: deps.now(),
});

const duplicate = (name: string) =>
  fail('DuplicatePolicyException', `A policy named '${name}' already exists.`);

export const createPolicy = async (
  deps: Deps,
  caller: Caller,
  input: { Content?: string; Description?: string; Name?: string; Type?: string; Tags?: Tag[] },
) => {
  const org = await managementOrg(deps, caller);
  if (input.Type !== SCP)
    fail(
      'InvalidInputException',
      'Allot serves service control policies only (Type SERVICE_CONTROL_POLICY).',
      'INVALID_ENUM_POLICY_TYPE',
    );
  const p: OrgPolicyRecord = {
    kind: 'org-policy',
    OrganizationId: org.OrganizationId,
    PolicyId: deps.ids.next('p', 10),
    Name: orgsText(input.Name, 'Name', 128),
    Description: orgsText(input.Description, 'Description', 512, 0),
    Type: SCP,
    Content: orgsText(input.Content, 'Content', Number.MAX_SAFE_INTEGER),
    _attachCount: 0,
    ...(input.Tags?.length ? { _tags: input.Tags } : {}),
    _v: 1,
    _created: deps.now(),
  };
  checkPolicyContent(p.Content);
  const res = await deps.store.commit([
    { type: 'create', record: p },
    { name: 'name', type: 'create', record: nameGuard(deps, p) },
  ]);
  if (!res.ok)
    failedWrite(res, 'name') ? duplicate(p.Name) : fail('ConcurrentModificationException', 'Retry.');
  return policyShape(deps, org, p);
};

export const describePolicy = async (deps: Deps, caller: Caller, input: { PolicyId?: string }) => {
  const org = await managementOrg(deps, caller);
  return policyShape(deps, org, await policyIn(deps, org, input.PolicyId));
};

export const updatePolicy = async (
  deps: Deps,
  caller: Caller,
  input: { PolicyId?: string; Name?: string; Description?: string; Content?: string },
) => {
  const org = await managementOrg(deps, caller);
  const p = await customerPolicy(deps, org, input.PolicyId);
  const next: OrgPolicyRecord = {
    ...p,
    ...(input.Name !== undefined ? { Name: orgsText(input.Name, 'Name', 128) } : {}),
    ...(input.Description !== undefined
      ? { Description: orgsText(input.Description, 'Description', 512, 0) }
      : {}),
    ...(input.Content !== undefined
      ? { Content: orgsText(input.Content, 'Content', Number.MAX_SAFE_INTEGER) }
      : {}),
  };
  checkPolicyContent(next.Content);
  const renamed: Write[] =
    next.Name === p.Name
      ? []
      : [
          { name: 'name', type: 'create', record: nameGuard(deps, next) },
          ...((await deps.store.get(policyNameRef(org.OrganizationId, p.Name)))
            ? [{ type: 'delete', ref: policyNameRef(org.OrganizationId, p.Name) } as const]
            : []),
        ];
  const res = await deps.store.commit([{ type: 'replace', record: next, expectVersion: p._v }, ...renamed]);
  if (!res.ok)
    failedWrite(res, 'name')
      ? duplicate(next.Name)
      : fail('ConcurrentModificationException', `The policy ${p.PolicyId} changed meanwhile; retry.`);
  return policyShape(deps, org, next);
};

export const deletePolicy = async (deps: Deps, caller: Caller, input: { PolicyId?: string }) => {
  const org = await managementOrg(deps, caller);
  const p = await customerPolicy(deps, org, input.PolicyId);
  const guard = policyNameRef(org.OrganizationId, p.Name);
  const res = await deps.store.commit([
    {
      type: 'delete',
      ref: { kind: 'org-policy', orgId: org.OrganizationId, id: p.PolicyId },
      requireZero: ['_attachCount'],
    },
    ...((await deps.store.get(guard)) ? [{ type: 'delete', ref: guard } as const] : []),
  ]);
  if (!res.ok)
    fail(
      'PolicyInUseException',
      `The policy ${p.PolicyId} is attached to a root, OU or account; detach it first.`,
    );
  return {};
};

export const listPolicies = async (
  deps: Deps,
  caller: Caller,
  input: { Filter?: string; MaxResults?: number; NextToken?: string },
) => {
  const org = await managementOrg(deps, caller);
  const stored =
    input.Filter === SCP
      ? [
          FULL_ACCESS,
          ...(await listAll<OrgPolicyRecord>(deps.store, { kind: 'org-policy', orgId: org.OrganizationId })),
        ]
      : [];
  const page = pageArray(
    stored.map((p) => policySummary(deps, org, p)),
    input,
    `policies#${input.Filter}`,
    ORGS_PAGE,
  );
  return { Policies: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};
