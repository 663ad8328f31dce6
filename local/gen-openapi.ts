/**
 * Writes handlers/api/openapi.json: the JSON API (POST /v1/<Action>) described from the EC2 API
 * model, so request and response bodies use exactly the EC2 member names.
 * Run: npx tsx local/gen-openapi.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { operations } from '../core/ops/registry';

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  enum?: string[];
  required?: string[];
}

const model = JSON.parse(
  readFileSync(new URL('../docs/reference/ec2-ipam-api.json', import.meta.url), 'utf8'),
) as {
  operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>;
  shapes: Record<string, Shape>;
};

const schemas: Record<string, unknown> = {};
const schemaOf = (name: string): unknown => {
  const s = model.shapes[name];
  if (!s) return {};
  switch (s.type) {
    case 'structure': {
      if (!(name in schemas)) {
        schemas[name] = {};
        schemas[name] = {
          type: 'object',
          ...(s.required ? { required: s.required } : {}),
          properties: Object.fromEntries(
            Object.entries(s.members ?? {}).map(([k, m]) => [k, schemaOf(m.shape)]),
          ),
        };
      }
      return { $ref: `#/components/schemas/${name}` };
    }
    case 'list':
      return { type: 'array', items: schemaOf(s.member!.shape) };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
    case 'long':
      return { type: 'integer' };
    case 'double':
    case 'float':
      return { type: 'number' };
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    default:
      return s.enum ? { type: 'string', enum: s.enum } : { type: 'string' };
  }
};

const error = {
  description: 'EC2-style error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          Error: { type: 'object', properties: { Code: { type: 'string' }, Message: { type: 'string' } } },
          RequestId: { type: 'string' },
        },
      },
    },
  },
};

const path = (action: string, input: unknown, output: unknown, summary?: string) => [
  `/v1/${action}`,
  {
    post: {
      operationId: action,
      ...(summary ? { summary } : {}),
      security: [{ account: [] }],
      requestBody: { content: { 'application/json': { schema: input } } },
      responses: {
        200: { description: 'Result', content: { 'application/json': { schema: output } } },
        400: error,
        401: error,
        403: error,
        412: { ...error, description: 'DryRunOperation: the request would have succeeded' },
      },
    },
  },
];

// Allot's own actions (no EC2 shape exists): the organization registry, discovery, events, metrics.
const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const obj = (properties: Record<string, unknown>, required?: string[]) => ({
  type: 'object',
  ...(required ? { required } : {}),
  properties,
});
const list = (items: unknown) => ({ type: 'array', items });
const org = obj({ OrganizationId: str, RootId: str, ManagementAccountId: str, DelegatedAdminAccountId: str });
const ou = obj({ OrganizationalUnitId: str, ParentId: str, Name: str });
const account = obj({ AccountId: str, ParentId: str });
const share = obj({
  IpamResourceDiscoveryId: str,
  OwnerId: str,
  Principal: str,
  Status: { type: 'string', enum: ['pending', 'active', 'deleted'] },
  CreationTime: str,
});
const allot: [string, string, unknown, unknown][] = [
  [
    'CreateOrganization',
    "Create the caller's organization; the caller becomes its management account.",
    obj({ OrganizationId: str, RootId: str, DryRun: bool }),
    obj({ Organization: org }),
  ],
  [
    'DescribeOrganization',
    "The caller's organization; OUs and accounts for its management account and IPAM admin.",
    obj({ DryRun: bool }),
    obj({ Organization: org, OrganizationalUnits: list(ou), Accounts: list(account) }),
  ],
  [
    'CreateOrganizationalUnit',
    'Add an OU under the root or another OU (management account).',
    obj({ ParentId: str, Name: str, OrganizationalUnitId: str, DryRun: bool }, ['ParentId', 'Name']),
    obj({ OrganizationalUnit: ou }),
  ],
  [
    'DeleteOrganizationalUnit',
    'Delete an OU that holds no OUs or accounts (management account).',
    obj({ OrganizationalUnitId: str, DryRun: bool }, ['OrganizationalUnitId']),
    obj({ OrganizationalUnit: ou }),
  ],
  [
    'RegisterOrganizationAccount',
    'Add a member account under the root or an OU (management account).',
    obj({ AccountId: str, ParentId: str, DryRun: bool }, ['AccountId']),
    obj({ Account: account }),
  ],
  [
    'MoveAccount',
    'Move a member account to another OU or the root (management account).',
    obj({ AccountId: str, DestinationParentId: str, DryRun: bool }, ['AccountId', 'DestinationParentId']),
    obj({ Account: account }),
  ],
  [
    'RemoveAccountFromOrganization',
    'Remove a member account (not the management account or the IPAM admin).',
    obj({ AccountId: str, DryRun: bool }, ['AccountId']),
    obj({ Account: account }),
  ],
  [
    'ShareIpamResourceDiscovery',
    "Share a resource discovery with an account, from the RD's region (RD owner).",
    obj({ IpamResourceDiscoveryId: str, Principal: str, DryRun: bool }, [
      'IpamResourceDiscoveryId',
      'Principal',
    ]),
    obj({ ResourceDiscoveryShare: share }),
  ],
  [
    'AcceptIpamResourceDiscoveryShare',
    'Accept a resource discovery shared with the caller.',
    obj({ IpamResourceDiscoveryId: str, DryRun: bool }, ['IpamResourceDiscoveryId']),
    obj({ ResourceDiscoveryShare: share }),
  ],
  [
    'DeleteIpamResourceDiscoveryShare',
    'Revoke a share (owner, with Principal) or leave it (grantee).',
    obj({ IpamResourceDiscoveryId: str, Principal: str, DryRun: bool }, ['IpamResourceDiscoveryId']),
    obj({ ResourceDiscoveryShare: share }),
  ],
  [
    'GetIpamResourceDiscoveryShares',
    'Shares the caller made and shares offered to it.',
    obj({ IpamResourceDiscoveryId: str }),
    obj({ ResourceDiscoveryShares: list(share) }),
  ],
  [
    'RunDiscovery',
    "Run a discovery cycle over the caller's IPAMs now.",
    obj({}),
    obj({ Targets: int, Read: int, Failed: int, Reconciled: list(str), Remaining: int }),
  ],
  [
    'DeliverEvent',
    "Hand a deletion event (EventBridge shape) to reclamation, for the caller's account.",
    obj({ source: str, 'detail-type': str, detail: { type: 'object' } }),
    obj({ Resources: list(str), Released: list(str) }),
  ],
  [
    'GetIpamMetrics',
    "A scope's utilization and dashboard counts; address counts are decimal strings.",
    obj({ IpamScopeId: str }, ['IpamScopeId']),
    obj({
      IpamScopeId: str,
      Scope: { type: 'object' },
      Pools: list({ type: 'object' }),
      ResourceCidrs: { type: 'object' },
    }),
  ],
  [
    'GetIpamMetricData',
    "Stored metric series of the caller's IPAMs over time, in periods, like CloudWatch GetMetricData.",
    obj(
      {
        Namespace: str,
        MetricName: str,
        Dimensions: list(obj({ Name: str, Value: str }, ['Name', 'Value'])),
        StartTime: str,
        EndTime: str,
        Period: { type: 'integer' },
        Stat: { type: 'string', enum: ['Average', 'Minimum', 'Maximum', 'Sum', 'SampleCount'] },
        AcrossSeries: { type: 'string', enum: ['MAX'] },
      },
      ['MetricName', 'StartTime', 'EndTime'],
    ),
    obj({
      MetricDataResults: list(
        obj({
          Label: str,
          Dimensions: list(obj({ Name: str, Value: str })),
          Timestamps: list(str),
          Values: list({ type: 'number' }),
        }),
      ),
    }),
  ],
];

const paths = Object.fromEntries([
  ...Object.keys(operations).map((action) => {
    const op = model.operations[action]!;
    return path(action, op.input ? schemaOf(op.input.shape) : {}, op.output ? schemaOf(op.output.shape) : {});
  }),
  ...allot.map(([action, summary, input, output]) => path(action, input, output, summary)),
]);

const doc = {
  openapi: '3.0.3',
  info: {
    title: 'Allot JSON API',
    version: '2016-11-15',
    description:
      'EC2 IPAM actions as JSON: POST /v1/<Action> with the request shape, answering the result shape.',
  },
  servers: [{ url: 'http://127.0.0.1:3000' }],
  paths,
  components: {
    securitySchemes: {
      account: {
        type: 'apiKey',
        in: 'header',
        name: 'x-allot-account-id',
        description: '12-digit caller account id; x-allot-region sets the region context.',
      },
    },
    schemas,
  },
};
writeFileSync(new URL('../handlers/api/openapi.json', import.meta.url), `${JSON.stringify(doc, null, 2)}\n`);
console.log(`wrote ${Object.keys(paths).length} operations, ${Object.keys(schemas).length} schemas`);
