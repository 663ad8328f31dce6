/**
 * RAM's managed permissions for what Allot shares, with their versions (F-IAM-08, F-PIP-11,
 * F-EIP-09). A share records the version it was made with; when a release of Allot adds a version
 * (a new action the grantees may call), shares made before keep the old one and its grantees are
 * refused the new action until the owner moves the share to the default version
 * (ReplacePermissionAssociations, or AssociateResourceSharePermission with replace).
 * [self-hosted, decision] A record written before versions were recorded is at version 1.
 */
import { fail } from '../../errors';
import type { Config, ManagedPermission } from '../../ports';
import { POOL_TYPE, RD_TYPE } from './arns';

const ARN_PREFIX = 'arn:aws:ram::aws:permission/';
export const DEFAULT_PERMISSION = `${ARN_PREFIX}AWSRAMDefaultPermissionsIpamPool`;
export const BYOIP_PERMISSION = `${ARN_PREFIX}AWSRAMPermissionIpamPoolByoipCidrImport`;
export const RD_PERMISSION = `${ARN_PREFIX}AWSRAMDefaultPermissionsIpamResourceDiscovery`;

const POOL_USE = [
  'ec2:AllocateIpamPoolCidr',
  'ec2:GetIpamPoolAllocations',
  'ec2:GetIpamPoolCidrs',
  'ec2:ReleaseIpamPoolAllocation',
  'ec2:AllocateAddress',
];
const RD_USE = [
  'ec2:AssociateIpamResourceDiscovery',
  'ec2:GetIpamDiscoveredAccounts',
  'ec2:GetIpamDiscoveredResourceCidrs',
];
/** When each version appeared (epoch ms): the release that added it. */
const V1 = Date.UTC(2023, 0, 25);
const V2 = Date.UTC(2026, 11, 5);

/**
 * The catalog Allot ships. The resource discovery permission gained
 * GetIpamDiscoveredPublicAddresses with public IP insights (version 2); the pool permissions have
 * one version, as the transfer tutorial lists them (F-TUT-XFER-04).
 */
export const MANAGED_PERMISSIONS: readonly ManagedPermission[] = [
  {
    arn: DEFAULT_PERMISSION,
    name: 'AWSRAMDefaultPermissionsIpamPool',
    resourceType: POOL_TYPE,
    isResourceTypeDefault: true,
    versions: [{ version: 1, created: V1, actions: POOL_USE }],
  },
  {
    arn: BYOIP_PERMISSION,
    name: 'AWSRAMPermissionIpamPoolByoipCidrImport',
    resourceType: POOL_TYPE,
    isResourceTypeDefault: false,
    versions: [{ version: 1, created: V1, actions: ['ec2:ImportByoipCidrToIpam', 'ec2:GetIpamPoolCidrs'] }],
  },
  {
    arn: RD_PERMISSION,
    name: 'AWSRAMDefaultPermissionsIpamResourceDiscovery',
    resourceType: RD_TYPE,
    isResourceTypeDefault: true,
    versions: [
      { version: 1, created: V1, actions: RD_USE },
      { version: 2, created: V2, actions: [...RD_USE, 'ec2:GetIpamDiscoveredPublicAddresses'] },
    ],
  },
];

export const catalogOf = (config: Config): readonly ManagedPermission[] =>
  config.managedPermissions ?? MANAGED_PERMISSIONS;

/** The permission with this ARN, or RAM's answer for an unknown one. */
export const permissionOf = (config: Config, arn: string | undefined): ManagedPermission => {
  if (!arn) return fail('MissingRequiredParameterException', 'The permissionArn parameter is required.');
  return (
    catalogOf(config).find((p) => p.arn === arn) ??
    fail('UnknownResourceException', `The permission ${arn} does not exist or cannot be used with IPAM.`)
  );
};

/** The default (newest) version. */
export const defaultVersion = (p: ManagedPermission): number => Math.max(...p.versions.map((v) => v.version));

/** The version a share's RD grants carry: its own permission's, or the RD permission's default. */
export const rdVersionOf = (
  config: Config,
  share: { PermissionArn: string; PermissionVersion?: number },
): number =>
  share.PermissionArn === RD_PERMISSION
    ? (share.PermissionVersion ?? 1)
    : defaultVersion(permissionOf(config, RD_PERMISSION));

/** The resource type's default permission. */
export const defaultPermissionFor = (config: Config, resourceType: string): ManagedPermission =>
  catalogOf(config).find((p) => p.resourceType === resourceType && p.isResourceTypeDefault)!;

/**
 * Does `version` of the permission allow `action`? True without a lookup of the version when every
 * version allows it, so callers can skip reading the share's version (`needsVersion`).
 */
export const allows = (config: Config, arn: string, version: number | undefined, action: string): boolean => {
  const p = catalogOf(config).find((x) => x.arn === arn);
  const v = p?.versions.find((x) => x.version === (version ?? 1));
  return v?.actions.includes(action) ?? false;
};

/** Do some versions of the permission lack `action`, so a grant's version matters? */
export const needsVersion = (config: Config, arn: string, action: string): boolean =>
  catalogOf(config).some((p) => p.arn === arn && p.versions.some((v) => !v.actions.includes(action)));

/**
 * F-PIP-11 / F-EIP-09: the refusal of a grantee whose share is on a version without the action,
 * naming the fix.
 */
export const outdated = (
  config: Config,
  arn: string,
  version: number | undefined,
  action: string,
  resource: string,
  owner: string,
): never => {
  const p = permissionOf(config, arn);
  const to = defaultVersion(p);
  return fail(
    'UnauthorizedOperation',
    `You are not authorized to perform: ${action} on ${resource}. The resource share grants the managed permission ${p.name} at version ${version ?? 1}, which does not include ${action}; the share's owner (account ${owner}) can update it to the default version ${to}: aws ram replace-permission-associations --from-permission-arn ${arn} --from-permission-version ${version ?? 1} --to-permission-arn ${arn}`,
  );
};

/** RAM's `ResourceSharePermissionSummary` of one version. */
export const summaryOf = (p: ManagedPermission, version = defaultVersion(p), status = 'ATTACHABLE') => {
  const v = p.versions.find((x) => x.version === version)!;
  return {
    arn: p.arn,
    version: String(version),
    defaultVersion: version === defaultVersion(p),
    name: p.name,
    resourceType: p.resourceType,
    status,
    creationTime: v.created / 1000,
    lastUpdatedTime: v.created / 1000,
    isResourceTypeDefault: p.isResourceTypeDefault,
    permissionType: 'AWS_MANAGED',
    featureSet: 'STANDARD',
  };
};

/** The policy text RAM's GetPermission shows for a version. */
export const policyOf = (p: ManagedPermission, version: number): string =>
  JSON.stringify({ Effect: 'Allow', Action: p.versions.find((v) => v.version === version)!.actions });
