/**
 * The operation registry: EC2 action name → operation. Handlers (JSON API, EC2 Query facade)
 * look actions up here, so both front doors run exactly the same code.
 */

import type { Operation } from '../ports';
import { allocateIpamPoolCidr } from './allocation/allocate';
import {
  describeIpamPoolAllocations,
  getIpamPoolAllocations,
  modifyIpamPoolAllocation,
  releaseIpamPoolAllocation,
} from './allocation/allocations';
import { importIpamPoolAllocations } from './bulk/import';
import {
  associateIpamResourceDiscovery,
  describeIpamResourceDiscoveryAssociations,
  disassociateIpamResourceDiscovery,
} from './discovery/association';
import {
  createIpamResourceDiscovery,
  deleteIpamResourceDiscovery,
  describeIpamResourceDiscoveries,
  modifyIpamResourceDiscovery,
} from './discovery/resource-discovery';
import {
  acceptIpamResourceDiscoveryShare,
  deleteIpamResourceDiscoveryShare,
  getIpamResourceDiscoveryShares,
  shareIpamResourceDiscovery,
} from './discovery/share';
import { createSubnet, deleteSubnet } from './facade/subnet';
import { associateVpcCidrBlock, createVpc, deleteVpc, disassociateVpcCidrBlock } from './facade/vpc';
import { createIpam, deleteIpam, describeIpams, modifyIpam } from './ipam/ipam';
import { createIpamScope, deleteIpamScope, describeIpamScopes, modifyIpamScope } from './ipam/scope';
import { getIpamAddressHistory } from './monitoring/history/address-history';
import { getIpamMetricData } from './monitoring/metrics/get-metric-data';
import { getIpamMetrics } from './monitoring/metrics/get-metrics';
import { getIpamResourceCidrs } from './monitoring/resources/get-resource-cidrs';
import { modifyIpamResourceCidr } from './monitoring/resources/modify-resource-cidr';
import {
  getIpamDiscoveredAccounts,
  getIpamDiscoveredPublicAddresses,
  getIpamDiscoveredResourceCidrs,
} from './monitoring/run/discovered';
import {
  describeAccount,
  leaveOrganization,
  listAccounts,
  listAccountsForParent,
  moveAccount,
  removeAccountFromOrganization,
} from './organization/accounts';
import {
  disableIpamOrganizationAdminAccount,
  enableIpamOrganizationAdminAccount,
} from './organization/admin';
import {
  createOrganizationAlias,
  createOrganizationalUnitAlias,
  deleteOrganizationalUnitAlias,
  describeOrganizationAlias,
  moveAccountAlias,
  registerOrganizationAccount,
  removeAccountAlias,
} from './organization/aliases';
import {
  attachPolicy,
  detachPolicy,
  listPoliciesForTarget,
  listTargetsForPolicy,
} from './organization/attachments';
import {
  deregisterDelegatedAdministrator,
  disableAWSServiceAccess,
  enableAWSServiceAccess,
  listAWSServiceAccessForOrganization,
  listDelegatedAdministrators,
  registerDelegatedAdministrator,
} from './organization/delegated';
import {
  acceptHandshake,
  cancelHandshake,
  declineHandshake,
  describeHandshake,
  inviteAccountToOrganization,
  listHandshakesForAccount,
  listHandshakesForOrganization,
} from './organization/handshakes';
import {
  createOrganization,
  deleteOrganization,
  describeOrganization,
  listRoots,
} from './organization/organization';
import {
  createPolicy,
  deletePolicy,
  describePolicy,
  listPolicies,
  updatePolicy,
} from './organization/policies';
import { disablePolicyType, enablePolicyType } from './organization/policy-types';
import { listChildren, listOrganizationalUnitsForParent, listParents } from './organization/tree';
import {
  createOrganizationalUnit,
  deleteOrganizationalUnit,
  describeOrganizationalUnit,
  updateOrganizationalUnit,
} from './organization/units';
import { provisionIpamPoolCidr } from './pool/cidr';
import { getIpamPoolCidrs } from './pool/cidr-states';
import { createIpamPool } from './pool/create';
import { deprovisionIpamPoolCidr } from './pool/deprovision';
import { describeIpamPools } from './pool/pool';
import { deleteIpamPool, modifyIpamPool } from './pool/pool-admin';
import {
  createIpamExternalResourceVerificationToken,
  deleteIpamExternalResourceVerificationToken,
  describeIpamExternalResourceVerificationTokens,
} from './proof/tokens';
import {
  allocateAddress,
  associateAddress,
  describeAddresses,
  disassociateAddress,
  releaseAddress,
} from './public/addresses';
import {
  createAnycastIpList,
  deleteAnycastIpList,
  getAnycastIpList,
  listAnycastIpLists,
} from './public/anycast';
import {
  associateIpamByoasn,
  deprovisionIpamByoasn,
  describeIpamByoasn,
  disassociateIpamByoasn,
  provisionIpamByoasn,
} from './public/byoasn';
import { advertiseByoipCidr, describeByoipCidrs, withdrawByoipCidr } from './public/byoip-cidrs';
import {
  createPublicIpv4Pool,
  deletePublicIpv4Pool,
  deprovisionPublicIpv4PoolCidr,
  describePublicIpv4Pools,
  provisionPublicIpv4PoolCidr,
} from './public/public-ipv4-pools';
import { moveByoipCidrToIpam, provisionByoipCidr } from './public/transfer';
import {
  acceptResourceShareInvitation,
  getResourceShareInvitations,
  rejectResourceShareInvitation,
} from './sharing/invitations';
import {
  enableSharingWithAwsOrganization,
  listPermissions,
  listPrincipals,
  listResources,
  updateResourceShare,
} from './sharing/lists';
import { getResourceShareAssociations, getResourceShares } from './sharing/reads';
import {
  associateResourceSharePermission,
  getPermission,
  listPermissionVersions,
  listResourceSharePermissions,
  replacePermissionAssociations,
} from './sharing/share-permissions';
import {
  associateResourceShare,
  createResourceShare,
  deleteResourceShare,
  disassociateResourceShare,
} from './sharing/shares';
import { createTags, deleteTags, describeTags } from './tags/tags';

// biome-ignore lint/suspicious/noExplicitAny: operations take their own input shapes
type AnyOperation = Operation<any, object>;

export const operations = {
  CreateIpam: createIpam,
  DescribeIpams: describeIpams,
  ModifyIpam: modifyIpam,
  DeleteIpam: deleteIpam,
  CreateIpamScope: createIpamScope,
  DescribeIpamScopes: describeIpamScopes,
  ModifyIpamScope: modifyIpamScope,
  DeleteIpamScope: deleteIpamScope,
  CreateIpamPool: createIpamPool,
  DescribeIpamPools: describeIpamPools,
  ModifyIpamPool: modifyIpamPool,
  DeleteIpamPool: deleteIpamPool,
  ProvisionIpamPoolCidr: provisionIpamPoolCidr,
  DeprovisionIpamPoolCidr: deprovisionIpamPoolCidr,
  GetIpamPoolCidrs: getIpamPoolCidrs,
  AllocateIpamPoolCidr: (deps, caller, input) => allocateIpamPoolCidr(deps, caller, input),
  ReleaseIpamPoolAllocation: releaseIpamPoolAllocation,
  GetIpamPoolAllocations: getIpamPoolAllocations,
  DescribeIpamPoolAllocations: describeIpamPoolAllocations,
  ModifyIpamPoolAllocation: modifyIpamPoolAllocation,
  GetIpamResourceCidrs: getIpamResourceCidrs,
  ModifyIpamResourceCidr: modifyIpamResourceCidr,
  GetIpamAddressHistory: getIpamAddressHistory,
  CreateIpamResourceDiscovery: createIpamResourceDiscovery,
  DescribeIpamResourceDiscoveries: describeIpamResourceDiscoveries,
  ModifyIpamResourceDiscovery: modifyIpamResourceDiscovery,
  DeleteIpamResourceDiscovery: deleteIpamResourceDiscovery,
  AssociateIpamResourceDiscovery: associateIpamResourceDiscovery,
  DisassociateIpamResourceDiscovery: disassociateIpamResourceDiscovery,
  DescribeIpamResourceDiscoveryAssociations: describeIpamResourceDiscoveryAssociations,
  GetIpamDiscoveredResourceCidrs: getIpamDiscoveredResourceCidrs,
  GetIpamDiscoveredAccounts: getIpamDiscoveredAccounts,
  GetIpamDiscoveredPublicAddresses: getIpamDiscoveredPublicAddresses,
  EnableIpamOrganizationAdminAccount: enableIpamOrganizationAdminAccount,
  DisableIpamOrganizationAdminAccount: disableIpamOrganizationAdminAccount,
  CreateIpamExternalResourceVerificationToken: createIpamExternalResourceVerificationToken,
  DescribeIpamExternalResourceVerificationTokens: describeIpamExternalResourceVerificationTokens,
  DeleteIpamExternalResourceVerificationToken: deleteIpamExternalResourceVerificationToken,
  AdvertiseByoipCidr: advertiseByoipCidr,
  WithdrawByoipCidr: withdrawByoipCidr,
  DescribeByoipCidrs: describeByoipCidrs,
  ProvisionIpamByoasn: provisionIpamByoasn,
  DescribeIpamByoasn: describeIpamByoasn,
  DeprovisionIpamByoasn: deprovisionIpamByoasn,
  AssociateIpamByoasn: associateIpamByoasn,
  DisassociateIpamByoasn: disassociateIpamByoasn,
  // EC2 public IPv4 pools fed from IPAM pools (F-PV4P).
  CreatePublicIpv4Pool: createPublicIpv4Pool,
  ProvisionPublicIpv4PoolCidr: provisionPublicIpv4PoolCidr,
  DeprovisionPublicIpv4PoolCidr: deprovisionPublicIpv4PoolCidr,
  DeletePublicIpv4Pool: deletePublicIpv4Pool,
  DescribePublicIpv4Pools: describePublicIpv4Pools,
  // Plain EC2 BYOIP, and its move into IPAM (F-XFER).
  ProvisionByoipCidr: provisionByoipCidr,
  MoveByoipCidrToIpam: moveByoipCidrToIpam,
} satisfies Record<string, AnyOperation>;

export type ActionName = keyof typeof operations;

/**
 * Allot-specific actions, JSON API only (no EC2 action exists): the organization registry and
 * resource discovery sharing, which stand in for AWS Organizations and AWS RAM, and the metrics.
 * The front door adds the two that need more than (deps, caller, input): RunDiscovery and
 * DeliverEvent (handlers/api/actions.ts).
 */
export const allotOperations = {
  // The registry's older JSON actions: aliases over the Organizations core (organization/aliases.ts).
  CreateOrganization: createOrganizationAlias,
  DescribeOrganization: describeOrganizationAlias,
  CreateOrganizationalUnit: createOrganizationalUnitAlias,
  DeleteOrganizationalUnit: deleteOrganizationalUnitAlias,
  RegisterOrganizationAccount: registerOrganizationAccount,
  MoveAccount: moveAccountAlias,
  RemoveAccountFromOrganization: removeAccountAlias,
  ShareIpamResourceDiscovery: shareIpamResourceDiscovery,
  AcceptIpamResourceDiscoveryShare: acceptIpamResourceDiscoveryShare,
  DeleteIpamResourceDiscoveryShare: deleteIpamResourceDiscoveryShare,
  GetIpamResourceDiscoveryShares: getIpamResourceDiscoveryShares,
  GetIpamMetrics: getIpamMetrics,
  GetIpamMetricData: getIpamMetricData,
  ImportIpamPoolAllocations: importIpamPoolAllocations,
  // CloudFront's anycast IP lists, kept by the facade (public/anycast.ts).
  CreateAnycastIpList: createAnycastIpList,
  DeleteAnycastIpList: deleteAnycastIpList,
  GetAnycastIpList: getAnycastIpList,
  ListAnycastIpLists: listAnycastIpLists,
} satisfies Record<string, AnyOperation>;

export type AllotActionName = keyof typeof allotOperations;

/**
 * EC2's own VPC, subnet and tag actions, served because they can take an IPAM pool or an IPAM
 * resource (F-FAC-01): the resources live in the EC2 backend, the address space and IPAM's own
 * records here. Both EC2 doors serve them.
 */
export const facadeOperations = {
  CreateVpc: createVpc,
  DeleteVpc: deleteVpc,
  AssociateVpcCidrBlock: associateVpcCidrBlock,
  DisassociateVpcCidrBlock: disassociateVpcCidrBlock,
  CreateSubnet: createSubnet,
  DeleteSubnet: deleteSubnet,
  // Tags of IPAM resources here, of backend resources there (core/ops/tags).
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
  // Elastic IPs from IPAM pools and public IPv4 pools here, every other one in the backend (F-EIP).
  AllocateAddress: allocateAddress,
  ReleaseAddress: releaseAddress,
  AssociateAddress: associateAddress,
  DisassociateAddress: disassociateAddress,
  DescribeAddresses: describeAddresses,
} satisfies Record<string, AnyOperation>;

export type FacadeActionName = keyof typeof facadeOperations;

/** AWS RAM's operations on IPAM pool shares (F-SHARE), served by the RAM REST-JSON codec only. */
export const ramOperations = {
  CreateResourceShare: createResourceShare,
  GetResourceShares: getResourceShares,
  AssociateResourceShare: associateResourceShare,
  DisassociateResourceShare: disassociateResourceShare,
  GetResourceShareAssociations: getResourceShareAssociations,
  DeleteResourceShare: deleteResourceShare,
  ListResources: listResources,
  ListPrincipals: listPrincipals,
  ListPermissions: listPermissions,
  EnableSharingWithAwsOrganization: enableSharingWithAwsOrganization,
  UpdateResourceShare: updateResourceShare,
  GetResourceShareInvitations: getResourceShareInvitations,
  AcceptResourceShareInvitation: acceptResourceShareInvitation,
  RejectResourceShareInvitation: rejectResourceShareInvitation,
  ListPermissionVersions: listPermissionVersions,
  GetPermission: getPermission,
  ListResourceSharePermissions: listResourceSharePermissions,
  AssociateResourceSharePermission: associateResourceSharePermission,
  ReplacePermissionAssociations: replacePermissionAssociations,
} satisfies Record<string, AnyOperation>;

export type RamActionName = keyof typeof ramOperations;

/**
 * AWS Organizations' operations (the organization registry, handshakes, service control
 * policies), served by the Organizations JSON 1.1 codec only. Six names are also the older JSON
 * aliases above, with other shapes, so the door keeps them in a table of their own.
 */
export const orgsOperations = {
  CreateOrganization: createOrganization,
  DescribeOrganization: describeOrganization,
  DeleteOrganization: deleteOrganization,
  ListRoots: listRoots,
  CreateOrganizationalUnit: createOrganizationalUnit,
  UpdateOrganizationalUnit: updateOrganizationalUnit,
  DeleteOrganizationalUnit: deleteOrganizationalUnit,
  DescribeOrganizationalUnit: describeOrganizationalUnit,
  ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,
  ListChildren: listChildren,
  ListParents: listParents,
  ListAccounts: listAccounts,
  ListAccountsForParent: listAccountsForParent,
  DescribeAccount: describeAccount,
  MoveAccount: moveAccount,
  RemoveAccountFromOrganization: removeAccountFromOrganization,
  LeaveOrganization: leaveOrganization,
  InviteAccountToOrganization: inviteAccountToOrganization,
  ListHandshakesForAccount: listHandshakesForAccount,
  ListHandshakesForOrganization: listHandshakesForOrganization,
  DescribeHandshake: describeHandshake,
  AcceptHandshake: acceptHandshake,
  DeclineHandshake: declineHandshake,
  CancelHandshake: cancelHandshake,
  EnablePolicyType: enablePolicyType,
  DisablePolicyType: disablePolicyType,
  CreatePolicy: createPolicy,
  DescribePolicy: describePolicy,
  UpdatePolicy: updatePolicy,
  DeletePolicy: deletePolicy,
  AttachPolicy: attachPolicy,
  DetachPolicy: detachPolicy,
  ListPolicies: listPolicies,
  ListPoliciesForTarget: listPoliciesForTarget,
  ListTargetsForPolicy: listTargetsForPolicy,
  EnableAWSServiceAccess: enableAWSServiceAccess,
  DisableAWSServiceAccess: disableAWSServiceAccess,
  ListAWSServiceAccessForOrganization: listAWSServiceAccessForOrganization,
  RegisterDelegatedAdministrator: registerDelegatedAdministrator,
  DeregisterDelegatedAdministrator: deregisterDelegatedAdministrator,
  ListDelegatedAdministrators: listDelegatedAdministrators,
} satisfies Record<string, AnyOperation>;

export type OrgsActionName = keyof typeof orgsOperations;

export { scpLevelsFor } from './organization/scp';

export const isAction = (name: string): name is ActionName => Object.hasOwn(operations, name);

export type { Caller, Config, Deps } from '../ports/context';
export { defaultConfig, randomIds } from '../ports/context';
