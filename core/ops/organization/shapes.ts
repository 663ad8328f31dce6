/**
 * The answers of the Organizations API: ARNs as AWS Organizations writes them (the management
 * account in every customer ARN, `aws` as the account of AWS-managed policies), OU and account
 * paths, and the Organization, Root, OrganizationalUnit and Account shapes. Timestamps are epoch
 * seconds, as the JSON protocol carries them.
 */
import type { Config } from '../../ports';
import type { OrgAccountRecord, OrganizationRecord, OrgUnitRecord } from '../../records';

/** Organizations' list operations page 1 to 20 items at a time. */
export const ORGS_PAGE = { min: 1, max: 20 };

const base = (config: Config, org: OrganizationRecord) =>
  `arn:${config.partition}:organizations::${org.ManagementAccountId}`;

export const orgArn = (c: Config, org: OrganizationRecord) =>
  `${base(c, org)}:organization/${org.OrganizationId}`;
export const rootArn = (c: Config, org: OrganizationRecord) =>
  `${base(c, org)}:root/${org.OrganizationId}/${org.RootId}`;
export const ouArn = (c: Config, org: OrganizationRecord, ouId: string) =>
  `${base(c, org)}:ou/${org.OrganizationId}/${ouId}`;
export const accountArn = (c: Config, org: OrganizationRecord, account: string) =>
  `${base(c, org)}:account/${org.OrganizationId}/${account}`;
export const handshakeArn = (
  c: Config,
  org: { ManagementAccountId: string; OrganizationId: string },
  id: string,
) =>
  `arn:${c.partition}:organizations::${org.ManagementAccountId}:handshake/${org.OrganizationId}/invite/${id}`;

/** Epoch ms as the JSON protocol's timestamp (epoch seconds). */
export const seconds = (ms: number): number => ms / 1000;

/**
 * `o-…/r-…/ou-…/…/`: the path of the root followed by an OU chain (outermost first).
 * @example pathOf(org, ['ou-ab12-11111111']) // 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'
 */
export const pathOf = (org: OrganizationRecord, chain: readonly string[]): string =>
  `${[org.OrganizationId, org.RootId, ...chain].join('/')}/`;

export const policyTypesOf = (org: OrganizationRecord) =>
  (org._policyTypes ?? []).map((Type) => ({ Type, Status: 'ENABLED' }));

export const organizationShape = (c: Config, org: OrganizationRecord) => ({
  Id: org.OrganizationId,
  Arn: orgArn(c, org),
  FeatureSet: 'ALL',
  MasterAccountArn: accountArn(c, org, org.ManagementAccountId),
  MasterAccountId: org.ManagementAccountId,
  AvailablePolicyTypes: policyTypesOf(org),
});

export const rootShape = (c: Config, org: OrganizationRecord) => ({
  Id: org.RootId,
  Arn: rootArn(c, org),
  Name: 'Root',
  PolicyTypes: policyTypesOf(org),
});

/** An OU; `chain` is its own ancestry, itself last. */
export const ouShape = (c: Config, org: OrganizationRecord, ou: OrgUnitRecord, chain: readonly string[]) => ({
  Id: ou.OrganizationalUnitId,
  Arn: ouArn(c, org, ou.OrganizationalUnitId),
  Name: ou.Name,
  Path: pathOf(org, chain),
});

/**
 * A member account; `chain` is the OU ancestry of its parent. Allot knows accounts by id only,
 * so Name and Email are left out; every member is ACTIVE.
 */
export const accountShape = (
  c: Config,
  org: OrganizationRecord,
  a: OrgAccountRecord,
  chain: readonly string[],
) => ({
  Id: a.AccountId,
  Arn: accountArn(c, org, a.AccountId),
  Status: 'ACTIVE',
  State: 'ACTIVE',
  JoinedMethod: a._joined ?? (a.AccountId === org.ManagementAccountId ? 'CREATED' : 'INVITED'),
  JoinedTimestamp: seconds(a._created),
  Paths: [`${pathOf(org, chain)}${a.AccountId}/`],
});
