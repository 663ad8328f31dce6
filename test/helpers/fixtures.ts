/**
 * The one fixture module (STYLE habit 11: makeX(overrides)): complete records and nodes with
 * overridable fields for the store tests, and discovered rows and allocations for the monitoring
 * analysis. One `makePool` serves both: a stored pool is also the pool an evaluation reads.
 */

import { parseCidr } from '../../core/cidr';
import type { PoolAllocationInput, ResourceCidrInput } from '../../core/ops/monitoring/analysis/types';
import type { CommitResult, Write } from '../../core/ports';
import type {
  AllocationRecord,
  IpamRecord,
  PoolCidrRecord,
  PoolRecord,
  ScopeRecord,
} from '../../core/records';
import type { NodeKey, NodeView } from '../../core/space/node';

export const OWNER = '111122223333';

export const makeIpam = (o: Partial<IpamRecord> = {}): IpamRecord => ({
  kind: 'ipam',
  _v: 1,
  _created: 0,
  IpamId: 'ipam-1',
  IpamArn: 'arn:aws:ec2::111122223333:ipam/ipam-1',
  OwnerId: OWNER,
  IpamRegion: 'us-east-1',
  OperatingRegions: [{ RegionName: 'us-east-1' }],
  Tier: 'advanced',
  EnablePrivateGua: false,
  MeteredAccount: 'ipam-owner',
  PublicDefaultScopeId: 'ipam-scope-pub',
  PrivateDefaultScopeId: 'ipam-scope-priv',
  ScopeCount: 2,
  DefaultResourceDiscoveryId: 'ipam-res-disco-1',
  DefaultResourceDiscoveryAssociationId: 'ipam-res-disco-assoc-1',
  ResourceDiscoveryAssociationCount: 1,
  State: 'create-complete',
  Tags: [],
  ...o,
});

export const makeScope = (o: Partial<ScopeRecord> = {}): ScopeRecord => ({
  kind: 'scope',
  _v: 1,
  _created: 0,
  IpamScopeId: 'ipam-scope-priv',
  IpamScopeArn: 'arn:aws:ec2::111122223333:ipam-scope/ipam-scope-priv',
  IpamId: 'ipam-1',
  IpamArn: 'arn:aws:ec2::111122223333:ipam/ipam-1',
  IpamRegion: 'us-east-1',
  OwnerId: OWNER,
  IpamScopeType: 'private',
  IsDefault: true,
  PoolCount: 0,
  State: 'create-complete',
  Tags: [],
  ...o,
});

/** A stored pool; `SharePrincipals` is what the evaluation's sharing rule reads (F-RULE-06). */
export const makePool = (
  o: Partial<PoolRecord> & { SharePrincipals?: string[] } = {},
): PoolRecord & { SharePrincipals?: string[] } => ({
  kind: 'pool',
  _v: 1,
  _created: 0,
  IpamPoolId: 'ipam-pool-1',
  IpamPoolArn: 'arn:aws:ec2::111122223333:ipam-pool/ipam-pool-1',
  OwnerId: OWNER,
  _ipamId: 'ipam-1',
  IpamScopeId: 'ipam-scope-priv',
  IpamScopeArn: 'arn:aws:ec2::111122223333:ipam-scope/ipam-scope-priv',
  IpamScopeType: 'private',
  IpamArn: 'arn:aws:ec2::111122223333:ipam/ipam-1',
  IpamRegion: 'us-east-1',
  AddressFamily: 'ipv4',
  PoolDepth: 1,
  State: 'create-complete',
  AutoImport: false,
  AllocationResourceTags: [],
  Tags: [],
  _cidrCount: 0,
  _childCount: 0,
  ...o,
});

export const makePoolCidr = (cidr: string, o: Partial<PoolCidrRecord> = {}): PoolCidrRecord => ({
  kind: 'pool-cidr',
  _v: 1,
  _created: 0,
  IpamPoolId: 'ipam-pool-1',
  IpamPoolCidrId: `ipam-pool-cidr-${cidr}`,
  Cidr: cidr,
  NetmaskLength: parseCidr(cidr).prefix,
  State: 'provisioned',
  ...o,
});

export const makeAllocation = (cidr: string, o: Partial<AllocationRecord> = {}): AllocationRecord => ({
  kind: 'allocation',
  _v: 1,
  _created: 0,
  IpamPoolId: 'ipam-pool-1',
  IpamPoolAllocationId: `ipam-pool-alloc-${cidr.replace(/[./:]/g, '-')}`,
  Cidr: cidr,
  ResourceType: 'custom',
  ResourceOwner: OWNER,
  Tags: [],
  ...o,
});

export const nodeKey = (o: Partial<NodeKey> = {}): NodeKey => ({
  space: 'ipam-pool-1',
  version: 4,
  start: 0x0a000000n,
  prefix: 8,
  ...o,
});

/** A view from plain position maps, e.g. makeNode({ v: 3, b: { 5: 'a' }, u: { 2: 1, 1: 1 } }). */
export const makeNode = (
  o: {
    key?: NodeKey;
    v?: number;
    b?: Record<number, string>;
    u?: Record<number, number>;
    m?: Record<number, number>;
  } = {},
): NodeView => ({
  key: o.key ?? nodeKey(),
  v: o.v ?? 1,
  b: new Map(Object.entries(o.b ?? {}).map(([h, x]) => [Number(h), x])),
  u: new Map(Object.entries(o.u ?? {}).map(([h, x]) => [Number(h), x])),
  m: new Map(Object.entries(o.m ?? {}).map(([h, x]) => [Number(h), x])),
});

/**
 * A commit outcome with each failed write given as its position in `writes` (-1 if the store
 * handed back a write it was not given).
 * @example expect(indexed(await store.commit(w), w)).toEqual({ ok: false, failed: [0], nodes: [] });
 */
export const indexed = (res: CommitResult, writes: Write[]) =>
  res.ok ? res : { ...res, failed: res.failed.map((w) => writes.indexOf(w)) };

export const OSAKA = 'ap-northeast-3';
export const ACCOUNT = OWNER;

/** A discovered resource CIDR (a VPC in Osaka of OWNER unless told otherwise). */
export const makeRow = (
  overrides: Partial<ResourceCidrInput> & Pick<ResourceCidrInput, 'ResourceId' | 'ResourceCidr'>,
): ResourceCidrInput => ({
  ResourceType: 'vpc',
  ResourceRegion: OSAKA,
  ResourceOwnerId: ACCOUNT,
  ...overrides,
});

/** An allocation as the evaluation reads it. */
export const alloc = (
  IpamPoolId: string,
  Cidr: string,
  ResourceType: PoolAllocationInput['ResourceType'],
  ResourceId?: string,
): PoolAllocationInput => ({ IpamPoolId, Cidr, ResourceType, ...(ResourceId ? { ResourceId } : {}) });
