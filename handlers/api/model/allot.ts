/**
 * Allot's own actions (no EC2 action exists: the organization registry, resource discovery
 * sharing, discovery on demand, events, metrics), described in the same model format as the EC2
 * actions so that one request-shape check and one OpenAPI generator serve every action.
 * Shape names end in `Allot` where an EC2 shape of the same meaning could exist.
 */
import type { Ec2Model, Ec2Shape } from './types';

/** One line per action, for the OpenAPI document. */
const DOCS: Record<string, string> = {
  CreateOrganization: "Create the caller's organization; the caller becomes its management account.",
  DescribeOrganization:
    "The caller's organization; OUs and accounts for its management account and IPAM admin.",
  CreateOrganizationalUnit: 'Add an OU under the root or another OU (management account).',
  DeleteOrganizationalUnit: 'Delete an OU that holds no OUs or accounts (management account).',
  RegisterOrganizationAccount:
    'Invite an account (management account); it joins under the root once it accepts the handshake (AcceptHandshake, signed as itself).',
  MoveAccount: 'Move a member account to another OU or the root (management account).',
  RemoveAccountFromOrganization: 'Remove a member account (not the management account or the IPAM admin).',
  ShareIpamResourceDiscovery: "Share a resource discovery with an account, from the RD's region (RD owner).",
  AcceptIpamResourceDiscoveryShare: 'Accept a resource discovery shared with the caller.',
  DeleteIpamResourceDiscoveryShare: 'Revoke a share (owner, with Principal) or leave it (grantee).',
  GetIpamResourceDiscoveryShares: 'Shares the caller made and shares offered to it.',
  RunDiscovery: "Run a discovery cycle over the caller's IPAMs now.",
  DecodeAuthorizationMessage:
    "The statement behind an UnauthorizedOperation, from its encoded message (STS's action of that name; the caller's own refusals only).",
  DeliverEvent: "Hand a deletion event (EventBridge shape) to reclamation, for the caller's account.",
  GetIpamMetrics: "A scope's utilization and dashboard counts; address counts are decimal strings.",
  CreateAnycastIpList:
    "An anycast static IP list as CloudFront's: IpCount (3) addresses from global pools, one per IpamCidrConfigs entry's family.",
  DeleteAnycastIpList: 'Delete an anycast IP list; its addresses go back to their global pools.',
  GetAnycastIpList: 'One anycast IP list of the caller, with its addresses.',
  ListAnycastIpLists: "The caller's anycast IP lists, a page at a time (Marker, MaxItems).",
  GetIpamMetricData:
    "Stored metric series of the caller's IPAMs over time, in periods, like CloudWatch GetMetricData.",
};

const S = { shape: 'AllotString' };
const B = { shape: 'AllotBoolean' };
const I = { shape: 'AllotInteger' };

const struct = (
  members: Record<string, { shape: string }>,
  required?: string[],
): Extract<Ec2Shape, { type: 'structure' }> => ({
  type: 'structure',
  members,
  ...(required ? { required } : {}),
});

const op = (name: string, input: Ec2Shape, output: Ec2Shape) => ({
  name,
  input,
  output,
  documentation: DOCS[name],
});

const organization = struct({
  OrganizationId: S,
  RootId: S,
  ManagementAccountId: S,
  DelegatedAdminAccountId: S,
});
const unit = struct({ OrganizationalUnitId: S, ParentId: S, Name: S });
const account = struct({ AccountId: S, ParentId: S });
const share = struct({
  IpamResourceDiscoveryId: S,
  OwnerId: S,
  Principal: S,
  Status: { shape: 'AllotShareStatus' },
  CreationTime: S,
});
const list = (shape: string): Ec2Shape => ({ type: 'list', member: { shape } });

const operations = [
  op(
    'CreateOrganization',
    struct({ OrganizationId: S, RootId: S, DryRun: B }),
    struct({ Organization: { shape: 'AllotOrganization' } }),
  ),
  op(
    'DescribeOrganization',
    struct({ DryRun: B }),
    struct({
      Organization: { shape: 'AllotOrganization' },
      OrganizationalUnits: { shape: 'AllotOrganizationalUnitList' },
      Accounts: { shape: 'AllotAccountList' },
    }),
  ),
  op(
    'CreateOrganizationalUnit',
    struct({ ParentId: S, Name: S, OrganizationalUnitId: S, DryRun: B }, ['ParentId', 'Name']),
    struct({ OrganizationalUnit: { shape: 'AllotOrganizationalUnit' } }),
  ),
  op(
    'DeleteOrganizationalUnit',
    struct({ OrganizationalUnitId: S, DryRun: B }, ['OrganizationalUnitId']),
    struct({ OrganizationalUnit: { shape: 'AllotOrganizationalUnit' } }),
  ),
  op(
    'RegisterOrganizationAccount',
    struct({ AccountId: S, DryRun: B }, ['AccountId']),
    // The invitation, in AWS Organizations' Handshake shape.
    struct({ Handshake: { shape: 'AllotDocument' } }),
  ),
  op(
    'MoveAccount',
    struct({ AccountId: S, DestinationParentId: S, DryRun: B }, ['AccountId', 'DestinationParentId']),
    struct({ Account: { shape: 'AllotAccount' } }),
  ),
  op(
    'RemoveAccountFromOrganization',
    struct({ AccountId: S, DryRun: B }, ['AccountId']),
    struct({ Account: { shape: 'AllotAccount' } }),
  ),
  op(
    'ShareIpamResourceDiscovery',
    struct({ IpamResourceDiscoveryId: S, Principal: S, DryRun: B }, ['IpamResourceDiscoveryId', 'Principal']),
    struct({ ResourceDiscoveryShare: { shape: 'AllotResourceDiscoveryShare' } }),
  ),
  op(
    'AcceptIpamResourceDiscoveryShare',
    struct({ IpamResourceDiscoveryId: S, DryRun: B }, ['IpamResourceDiscoveryId']),
    struct({ ResourceDiscoveryShare: { shape: 'AllotResourceDiscoveryShare' } }),
  ),
  op(
    'DeleteIpamResourceDiscoveryShare',
    struct({ IpamResourceDiscoveryId: S, Principal: S, DryRun: B }, ['IpamResourceDiscoveryId']),
    struct({ ResourceDiscoveryShare: { shape: 'AllotResourceDiscoveryShare' } }),
  ),
  op(
    'GetIpamResourceDiscoveryShares',
    struct({ IpamResourceDiscoveryId: S }),
    struct({ ResourceDiscoveryShares: { shape: 'AllotResourceDiscoveryShareList' } }),
  ),
  op(
    'ImportIpamPoolAllocations',
    struct({ Csv: S, Apply: { shape: 'AllotBoolean' }, DryRun: { shape: 'AllotBoolean' } }, ['Csv']),
    struct({ Rows: { shape: 'AllotDocument' }, Summary: { shape: 'AllotDocument' } }),
  ),
  op(
    'DecodeAuthorizationMessage',
    struct({ EncodedMessage: S }, ['EncodedMessage']),
    struct({ DecodedMessage: S }),
  ),
  op(
    'RunDiscovery',
    struct({}),
    struct({
      Targets: I,
      Read: I,
      Failed: I,
      Reconciled: { shape: 'AllotStringList' },
      NotImported: { shape: 'AllotNotImportedList' },
      Remaining: I,
    }),
  ),
  op(
    'DeliverEvent',
    // An EventBridge event: the envelope's members, `detail` as any JSON.
    struct({
      version: S,
      id: S,
      'detail-type': S,
      source: S,
      account: S,
      time: S,
      region: S,
      resources: { shape: 'AllotStringList' },
      detail: { shape: 'AllotDocument' },
    }),
    struct({ Resources: { shape: 'AllotStringList' }, Released: { shape: 'AllotDocument' } }),
  ),
  op(
    'GetIpamMetrics',
    struct({ IpamScopeId: S }, ['IpamScopeId']),
    struct({
      IpamScopeId: S,
      Scope: { shape: 'AllotDocument' },
      Pools: { shape: 'AllotDocument' },
      ResourceCidrs: { shape: 'AllotDocument' },
    }),
  ),
  op(
    'GetIpamMetricData',
    struct(
      {
        Namespace: S,
        MetricName: S,
        Dimensions: { shape: 'AllotDimensionList' },
        StartTime: S,
        EndTime: S,
        Period: I,
        Stat: { shape: 'AllotStatistic' },
        AcrossSeries: { shape: 'AllotAcrossSeries' },
      },
      ['MetricName', 'StartTime', 'EndTime'],
    ),
    struct({ MetricDataResults: { shape: 'AllotMetricDataResultList' } }),
  ),
  op(
    'CreateAnycastIpList',
    struct(
      {
        Name: S,
        IpCount: I,
        IpAddressType: { shape: 'AllotIpAddressType' },
        IpamCidrConfigs: { shape: 'AllotIpamCidrConfigList' },
        Tags: { shape: 'AllotCloudFrontTags' },
      },
      ['Name', 'IpCount'],
    ),
    struct({ AnycastIpList: { shape: 'AllotAnycastIpList' }, ETag: S }),
  ),
  op('DeleteAnycastIpList', struct({ Id: S, IfMatch: S }, ['Id']), struct({})),
  op(
    'GetAnycastIpList',
    struct({ Id: S }, ['Id']),
    struct({ AnycastIpList: { shape: 'AllotAnycastIpList' }, ETag: S }),
  ),
  op(
    'ListAnycastIpLists',
    struct({ Marker: S, MaxItems: I }),
    struct({ AnycastIpLists: { shape: 'AllotDocument' } }),
  ),
];

const shapes: Record<string, Ec2Shape> = {
  AllotString: { type: 'string' },
  AllotBoolean: { type: 'boolean' },
  AllotInteger: { type: 'integer' },
  AllotDouble: { type: 'double' },
  AllotDocument: { type: 'document' },
  AllotShareStatus: { type: 'string', enum: ['pending', 'active', 'deleted'] },
  AllotStatistic: { type: 'string', enum: ['Average', 'Minimum', 'Maximum', 'Sum', 'SampleCount'] },
  AllotAcrossSeries: { type: 'string', enum: ['MAX'] },
  AllotStringList: list('AllotString'),
  AllotDoubleList: list('AllotDouble'),
  AllotOrganization: organization,
  AllotOrganizationalUnit: unit,
  AllotOrganizationalUnitList: list('AllotOrganizationalUnit'),
  AllotAccount: account,
  AllotAccountList: list('AllotAccount'),
  AllotResourceDiscoveryShare: share,
  AllotResourceDiscoveryShareList: list('AllotResourceDiscoveryShare'),
  AllotDimension: struct({ Name: S, Value: S }, ['Name', 'Value']),
  AllotDimensionList: list('AllotDimension'),
  AllotMetricDataResult: struct({
    Label: S,
    Dimensions: { shape: 'AllotDimensionList' },
    Timestamps: { shape: 'AllotStringList' },
    Values: { shape: 'AllotDoubleList' },
  }),
  AllotMetricDataResultList: list('AllotMetricDataResult'),
  // A discovered CIDR an auto-importing pool did not take: the skip reason or refusal code, and why.
  AllotNotImported: struct({ IpamPoolId: S, Cidr: S, ResourceId: S, Reason: S, Message: S }),
  AllotNotImportedList: list('AllotNotImported'),
  // CloudFront's anycast IP list, its IPAM CIDR configurations and its tags ({Items: [...]}).
  AllotIpAddressType: { type: 'string', enum: ['ipv4', 'ipv6', 'dualstack'] },
  AllotIpamCidrConfig: struct({ Cidr: S, IpamPoolArn: S, AnycastIp: S, Status: S }, ['Cidr', 'IpamPoolArn']),
  AllotIpamCidrConfigList: list('AllotIpamCidrConfig'),
  AllotCloudFrontTag: struct({ Key: S, Value: S }, ['Key']),
  AllotCloudFrontTags: struct({ Items: { shape: 'AllotCloudFrontTagList' } }),
  AllotCloudFrontTagList: list('AllotCloudFrontTag'),
  AllotAnycastIpList: struct({
    Id: S,
    Name: S,
    Status: S,
    Arn: S,
    IpAddressType: S,
    AnycastIps: { shape: 'AllotStringList' },
    IpCount: I,
    IpamCidrConfigs: { shape: 'AllotIpamCidrConfigList' },
    LastModifiedTime: S,
  }),
};
for (const o of operations) {
  shapes[`${o.name}Request`] = o.input;
  shapes[`${o.name}Result`] = o.output;
}

/** The Allot-specific actions as a model: merged with the EC2 model by `apiModel` (model.ts). */
export const allotModel: Ec2Model = {
  metadata: { apiVersion: '2016-11-15', xmlNamespace: '' },
  operations: Object.fromEntries(
    operations.map((o) => [
      o.name,
      {
        input: { shape: `${o.name}Request` },
        output: { shape: `${o.name}Result` },
        documentation: o.documentation,
      },
    ]),
  ),
  shapes,
};
