/**
 * Ready policies for the guide's roles, as documents a caller attaches: full IPAM use, read-only,
 * a pool's user, an external authority's read access, and the three SCP patterns that make
 * accounts create VPCs from IPAM. Allot's own actions (no EC2 action exists) are `allot:<Action>`.
 */
import {
  ALLOT_ACTIONS,
  CLOUDFRONT_ACTIONS,
  ec2,
  FACADE_ACTIONS,
  IPAM_ACTIONS,
  MODEL_ACTIONS,
  ORGANIZATIONS_ACTIONS,
  RAM_ACTIONS,
} from './permissions';
import type { PolicyDocument, Statement } from './policy';

/** Everything IPAM, its facade, sharing and Allot's own actions do, on every resource. */
export const AllotIpamFullAccess: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllotIpamFullAccess',
      Effect: 'Allow',
      Action: [
        ...IPAM_ACTIONS,
        ...MODEL_ACTIONS,
        ...FACADE_ACTIONS,
        ...RAM_ACTIONS,
        ...ALLOT_ACTIONS,
        ...CLOUDFRONT_ACTIONS,
        ...ORGANIZATIONS_ACTIONS,
      ],
      Resource: '*',
    },
    // The guide's second statement: the IPAM service-linked role, and only that one.
    {
      Sid: 'IpamServiceLinkedRole',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: 'arn:aws:iam::*:role/aws-service-role/ipam.amazonaws.com/AWSServiceRoleForIPAM',
      Condition: { StringLike: { 'iam:AWSServiceName': 'ipam.amazonaws.com' } },
    },
  ],
};

/** Reads of IPAM only: Describe*, Get* and List* of IPAM objects and Allot's IPAM reads; no writes. */
export const AllotIpamReadOnly: PolicyDocument = {
  Version: '2012-10-17',
  Statement: {
    Sid: 'AllotIpamReadOnly',
    Effect: 'Allow',
    Action: [
      'ec2:DescribeIpam*',
      'ec2:GetIpam*',
      'ec2:GetEnabledIpamPolicy',
      'allot:DescribeOrganization',
      'allot:GetIpam*',
    ],
    Resource: '*',
  },
};

/** The pool id an IPAM pool ARN names (`arn:aws:ec2::111122223333:ipam-pool/ipam-pool-0abc`). */
const poolIdOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/**
 * A pool user's policy: allocate, release and read allocations and CIDRs in these pools, see
 * every pool, and create VPCs and subnets (or add VPC CIDRs) only from these pools.
 * @example poolUserPolicy(['arn:aws:ec2::111122223333:ipam-pool/ipam-pool-0abc'])
 */
export const poolUserPolicy = (poolArns: string[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'UseThesePools',
      Effect: 'Allow',
      Action: ec2(
        'AllocateIpamPoolCidr',
        'ReleaseIpamPoolAllocation',
        'GetIpamPoolAllocations',
        'GetIpamPoolCidrs',
      ),
      Resource: poolArns,
    },
    { Sid: 'SeePools', Effect: 'Allow', Action: 'ec2:DescribeIpamPools', Resource: '*' },
    {
      Sid: 'CreateFromThesePools',
      Effect: 'Allow',
      Action: ec2('CreateVpc', 'CreateSubnet', 'AssociateVpcCidrBlock'),
      Resource: '*',
      Condition: { StringEquals: { 'ec2:Ipv4IpamPoolId': poolArns.map(poolIdOf) } },
    },
  ],
});

/** What an external IP authority (Infoblox and the like) reads of IPAM (F-EXT-05). */
export const AllotIpamExternalAuthority: PolicyDocument = {
  Version: '2012-10-17',
  Statement: {
    Sid: 'ExternalAuthorityReads',
    Effect: 'Allow',
    Action: ec2(
      'DescribeIpamPools',
      'DescribeIpams',
      'DescribeIpamScopes',
      'GetIpamPoolAllocations',
      'GetIpamPoolCidrs',
      'GetIpamResourceCidrs',
    ),
    Resource: '*',
  },
};

/** Organizations' default SCP: without an Allow at every level, nothing is allowed. */
export const FullAWSAccess: PolicyDocument = {
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Action: '*', Resource: '*' },
};

/** The deny the three SCP patterns share: creating or extending a VPC, on condition. */
const vpcDeny = (sid: string, condition: Statement['Condition']): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: {
    Sid: sid,
    Effect: 'Deny',
    Action: ['ec2:CreateVpc', 'ec2:AssociateVpcCidrBlock'],
    Resource: 'arn:aws:ec2:*:*:vpc/*',
    Condition: condition,
  },
});

/** "Must use IPAM" (F-SCP-02): no VPC or VPC CIDR without an IPv4 IPAM pool. */
export const mustUseIpam = (): PolicyDocument =>
  vpcDeny('RequireIpamPoolV4', { Null: { 'ec2:Ipv4IpamPoolId': 'true' } });

/** "Must use a specific pool" (F-SCP-03): no VPC or VPC CIDR from any other IPv4 pool. */
export const mustUsePool = (poolId: string): PolicyDocument =>
  vpcDeny('RequireSpecificIpamPoolV4', { StringNotEquals: { 'ec2:Ipv4IpamPoolId': poolId } });

/**
 * "Keep the contiguous blocks" (F-EIP-06): no member account deprovisions a CIDR of the listed
 * pools (the Amazon-provided contiguous IPv4 blocks its EIP allow-lists rely on).
 */
export const keepContiguousBlocks = (poolArns: string[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: {
    Sid: 'KeepAmazonProvidedContiguousBlocks',
    Effect: 'Deny',
    Action: 'ec2:DeprovisionIpamPoolCidr',
    Resource: poolArns,
  },
});

/**
 * "Must use IPAM except for listed OUs" (F-SCP-04), attached to the root: accounts whose
 * organization path matches none of `paths` (`o-…/r-…/ou-…/`) must use an IPv4 pool.
 */
export const mustUseIpamExcept = (paths: string[]): PolicyDocument =>
  vpcDeny('RequireIpamPoolV4ExceptListedOus', {
    Null: { 'ec2:Ipv4IpamPoolId': 'true' },
    'ForAnyValue:StringNotLike': { 'aws:PrincipalOrgPaths': paths },
  });
