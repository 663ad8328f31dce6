/**
 * The permission names of the authorization model, by family: the guide's IPAM actions, the rest
 * of the model, the facade's EC2 actions, AWS RAM's sharing actions, Allot's own actions
 * (`allot:<Action>`, where no AWS action exists) and the Organizations delegation calls.
 */

export const ec2 = (...names: string[]) => names.map((n) => `ec2:${n}`);

// The guide's "all IAM actions used by IPAM" (F-IAM-06): 36 actions.
export const IPAM_ACTIONS = ec2(
  'AssociateIpamByoasn',
  'DeprovisionIpamByoasn',
  'DescribeIpamByoasn',
  'DisassociateIpamByoasn',
  'ProvisionIpamByoasn',
  'CreateIpam',
  'DescribeIpams',
  'ModifyIpam',
  'DeleteIpam',
  'CreateIpamScope',
  'DescribeIpamScopes',
  'ModifyIpamScope',
  'DeleteIpamScope',
  'CreateIpamPool',
  'DescribeIpamPools',
  'ModifyIpamPool',
  'DeleteIpamPool',
  'ProvisionIpamPoolCidr',
  'GetIpamPoolCidrs',
  'DeprovisionIpamPoolCidr',
  'AllocateIpamPoolCidr',
  'GetIpamPoolAllocations',
  'ReleaseIpamPoolAllocation',
  'CreateIpamResourceDiscovery',
  'DescribeIpamResourceDiscoveries',
  'ModifyIpamResourceDiscovery',
  'DeleteIpamResourceDiscovery',
  'AssociateIpamResourceDiscovery',
  'DescribeIpamResourceDiscoveryAssociations',
  'DisassociateIpamResourceDiscovery',
  'GetIpamResourceCidrs',
  'ModifyIpamResourceCidr',
  'GetIpamAddressHistory',
  'GetIpamDiscoveredResourceCidrs',
  'GetIpamDiscoveredAccounts',
  'GetIpamDiscoveredPublicAddresses',
);

// The rest of the authorization model (F-IAM-07, F-IAM-09), the facade's actions (F-FAC-01) and
// the permission-only ImportByoipCidrToIpam (F-XFER-04).
export const MODEL_ACTIONS = ec2(
  'CreateIpamExternalResourceVerificationToken',
  'DescribeIpamExternalResourceVerificationTokens',
  'DeleteIpamExternalResourceVerificationToken',
  'CreateIpamPolicy',
  'DeleteIpamPolicy',
  'DescribeIpamPolicies',
  'EnableIpamPolicy',
  'DisableIpamPolicy',
  'GetEnabledIpamPolicy',
  'GetIpamPolicyAllocationRules',
  'ModifyIpamPolicyAllocationRules',
  'GetIpamPolicyOrganizationTargets',
  'CreateIpamPrefixListResolver',
  'DeleteIpamPrefixListResolver',
  'DescribeIpamPrefixListResolvers',
  'ModifyIpamPrefixListResolver',
  'GetIpamPrefixListResolverRules',
  'GetIpamPrefixListResolverVersions',
  'GetIpamPrefixListResolverVersionEntries',
  'CreateIpamPrefixListResolverTarget',
  'DeleteIpamPrefixListResolverTarget',
  'DescribeIpamPrefixListResolverTargets',
  'ModifyIpamPrefixListResolverTarget',
  'DescribeIpamPoolAllocations',
  'ModifyIpamPoolAllocation',
  'EnableIpamOrganizationAdminAccount',
  'DisableIpamOrganizationAdminAccount',
  'PutResourcePolicy',
  'DeleteResourcePolicy',
  'MoveByoipCidrToIpam',
  'ImportByoipCidrToIpam',
  'ProvisionByoipCidr',
  'AdvertiseByoipCidr',
  'WithdrawByoipCidr',
  'DescribeByoipCidrs',
  'CreatePublicIpv4Pool',
  'ProvisionPublicIpv4PoolCidr',
  'DeprovisionPublicIpv4PoolCidr',
  'DeletePublicIpv4Pool',
  'DescribePublicIpv4Pools',
);

/** The facade's EC2 actions: VPCs, subnets, addresses and tags over the EC2 backend. */
export const FACADE_ACTIONS = ec2(
  'CreateVpc',
  'DeleteVpc',
  'DescribeVpcs',
  'AssociateVpcCidrBlock',
  'DisassociateVpcCidrBlock',
  'CreateSubnet',
  'DeleteSubnet',
  'DescribeSubnets',
  'AllocateAddress',
  'AssociateAddress',
  'DisassociateAddress',
  'ReleaseAddress',
  'DescribeAddresses',
  'DescribeNetworkInterfaces',
  'CreateTags',
  'DeleteTags',
  'DescribeTags',
);

/** AWS RAM's actions for sharing pools and resource discoveries. */
export const RAM_ACTIONS = [
  'CreateResourceShare',
  'GetResourceShares',
  'UpdateResourceShare',
  'DeleteResourceShare',
  'AssociateResourceShare',
  'DisassociateResourceShare',
  'GetResourceShareAssociations',
  'ListResources',
  'ListPrincipals',
  'ListPermissions',
  'EnableSharingWithAwsOrganization',
  'GetResourceShareInvitations',
  'AcceptResourceShareInvitation',
  'RejectResourceShareInvitation',
  'ListPermissionVersions',
  'GetPermission',
  'ListResourceSharePermissions',
  'AssociateResourceSharePermission',
  'ReplacePermissionAssociations',
].map((n) => `ram:${n}`);

/** Allot's own actions: the organization registry, RD sharing, discovery, events, metrics, import. */
export const ALLOT_ACTIONS = [
  'CreateOrganization',
  'DescribeOrganization',
  'CreateOrganizationalUnit',
  'DeleteOrganizationalUnit',
  'RegisterOrganizationAccount',
  'MoveAccount',
  'RemoveAccountFromOrganization',
  'ShareIpamResourceDiscovery',
  'AcceptIpamResourceDiscoveryShare',
  'DeleteIpamResourceDiscoveryShare',
  'GetIpamResourceDiscoveryShares',
  'RunDiscovery',
  'DeliverEvent',
  'GetIpamMetrics',
  'GetIpamMetricData',
  'ImportIpamPoolAllocations',
].map((n) => `allot:${n}`);

/** CloudFront's anycast IP list actions, which the facade serves: their permissions are CloudFront's. */
export const CLOUDFRONT_ACTIONS = [
  'CreateAnycastIpList',
  'DeleteAnycastIpList',
  'GetAnycastIpList',
  'ListAnycastIpLists',
].map((n) => `cloudfront:${n}`);

// Delegation from the management account (F-IAM-02, F-ORG-08).
export const ORGANIZATIONS_ACTIONS = [
  'organizations:EnableAwsServiceAccess',
  'organizations:RegisterDelegatedAdministrator',
  'organizations:ListDelegatedAdministrators',
];
