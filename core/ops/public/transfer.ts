/**
 * Plain EC2 BYOIP and its transfer into IPAM (F-XFER-01..06). ProvisionByoipCidr brings a range
 * to EC2 without IPAM: proof of control checked at once (the signed message, and its signature
 * against the range's RDAP record), and a public IPv4 pool of the caller's holding the range.
 * MoveByoipCidrToIpam, called by the range's owner, gives the range to a top-level public pool
 * of the IPAM account that shared it with the import permission: first the pool CIDR, claimed
 * in the public scope and held `pending-import` (no one can allocate from it), then, in one
 * commit, the whole CIDR as the `ec2-public-ipv4-pool` allocation of the owner's pool and the
 * CIDR provisioned. A repeated call finishes what a crash left half done, and answers
 * `complete-transfer` once it is done (F-XFER-05).
 */
import { type Cidr, formatCidr, parseCidr } from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type {
  AllocationRecord,
  PoolCidrRecord,
  PoolGrantRecord,
  PoolRecord,
  PublicIpv4PoolRecord,
  PublicIpv4RangeRecord,
  ResourceShareRecord,
  Tag,
} from '../../records';
import { emptyNode } from '../../space/node';
import { resourceRef } from '../allocation/allocate';
import { claim } from '../allocation/allocator';
import { newPoolCidr, rootKey } from '../allocation/pool-space';
import { dryRun, required, type TagSpecification, tagsFor } from '../kit/common';
import { listAll } from '../kit/listing';
import { scopeRoot } from '../pool/scope-space';
import { type AuthorizationContext, checkMessage } from '../proof/authorization';
import { proofProblem } from '../proof/verify';
import { BYOIP_PERMISSION } from '../sharing/permissions';
import { byoipGuard, heldRanges } from './public-ipv4-pools';

export const provisionByoipCidr = async (
  deps: Deps,
  caller: Caller,
  input: {
    DryRun?: boolean;
    Cidr?: string;
    CidrAuthorizationContext?: AuthorizationContext;
    Description?: string;
    PoolTagSpecifications?: TagSpecification[];
  },
) => {
  const cidr = parseCidr(required(input.Cidr, 'Cidr'), 4);
  const text = formatCidr(cidr);
  if (cidr.prefix > 24)
    fail('InvalidParameterValue', `The most specific BYOIP IPv4 CIDR is /24; got /${cidr.prefix}.`);
  const tags = tagsFor('ipv4pool-ec2', input.PoolTagSpecifications);
  const signed = checkMessage(required(input.CidrAuthorizationContext, 'CidrAuthorizationContext'), {
    account: caller.accountId,
    now: deps.now(),
    sameSubject: (s) => s === text,
    what: text,
  });
  const problem = await proofProblem(deps, cidr, { method: 'remarks-x509', ...signed });
  if (problem) fail('InvalidParameterValue', problem);
  dryRun(input);
  const res = await deps.store.commit(plainByoip(deps, caller, cidr, input.Description, tags));
  if (!res.ok) fail('InvalidParameterValue', `${text} is already provisioned as a BYOIP CIDR.`);
  return { ByoipCidr: { Cidr: text, State: 'pending-provision', StatusMessage: 'Cidr pending provision' } };
};

/** A public IPv4 pool holding the range (no IPAM allocation), its space root, and the range's guard. */
const plainByoip = (
  deps: Deps,
  caller: Caller,
  cidr: Cidr,
  description: string | undefined,
  tags: Tag[],
): Write[] => {
  const text = formatCidr(cidr);
  const pool: PublicIpv4PoolRecord = {
    kind: 'public-ipv4-pool',
    PoolId: deps.ids.next('ipv4pool-ec2'),
    ...(description !== undefined ? { Description: description } : {}),
    NetworkBorderGroup: caller.region,
    Tags: tags,
    _owner: caller.accountId,
    _region: caller.region,
    _cidrCount: 1,
    _v: 1,
    _created: deps.now(),
  };
  const range: PublicIpv4RangeRecord = {
    kind: 'public-ipv4-range',
    PoolId: pool.PoolId,
    Cidr: text,
    _used: 0,
    _v: 1,
    _created: deps.now(),
  };
  return [
    {
      name: 'guard',
      type: 'create',
      record: { kind: 'unique', Name: byoipGuard(text), OwnerOf: pool.PoolId, _v: 1, _created: deps.now() },
    },
    { type: 'create', record: pool },
    { type: 'create', record: range },
    {
      type: 'node',
      write: { kind: 'put', node: emptyNode(rootKey(pool.PoolId, cidr)), expectVersion: null },
    },
  ];
};

/** F-XFER-02: a top-level IPv4 EC2 pool of the public scope whose locale is the CIDR's region. */
const checkTarget = (pool: PoolRecord, caller: Caller) => {
  if (pool.IpamScopeType !== 'public' || pool.AddressFamily !== 'ipv4' || pool.AwsService !== 'ec2')
    fail(
      'InvalidParameterValue',
      `Pool ${pool.IpamPoolId} must be an IPv4 pool of the public scope with AwsService ec2.`,
    );
  if (pool.SourceIpamPoolId !== undefined)
    fail(
      'InvalidParameterValue',
      `A BYOIP CIDR moves only into a top-level pool; ${pool.IpamPoolId} is not one.`,
    );
  if (pool.Locale !== caller.region)
    fail(
      'InvalidParameterValue',
      `Pool ${pool.IpamPoolId}'s locale is ${pool.Locale ?? 'None'}; the CIDR is in ${caller.region}.`,
    );
};

/** F-XFER-03: a share of the pool with the caller carrying the import permission. */
const mayImport = async (deps: Deps, caller: Caller, pool: PoolRecord): Promise<boolean> => {
  const grants = await listAll<PoolGrantRecord>(deps.store, {
    kind: 'pool-grant',
    poolId: pool.IpamPoolId,
    accountId: caller.accountId,
  });
  for (const g of grants.filter((x) => x.Status === 'ACTIVE')) {
    const share = await deps.store.get<ResourceShareRecord>({ kind: 'resource-share', id: g.ShareId });
    if (share?.PermissionArn === BYOIP_PERMISSION) return true;
  }
  return false;
};

const noPool = (id: string): never =>
  fail('InvalidIpamPoolId.NotFound', `The IPAM pool ID '${id}' does not exist.`);

/** Step 1: the CIDR claimed in the scope and held in the pool, `pending-import`. */
const holdInPool = async (deps: Deps, pool: PoolRecord, cidr: Cidr): Promise<PoolCidrRecord> => {
  const cidrId = deps.ids.next('ipam-pool-cidr', 32);
  let held: PoolCidrRecord | undefined;
  const res = await claim(
    { store: deps.store, random: deps.random },
    {
      roots: [scopeRoot(pool.IpamScopeId, 4)],
      prefix: cidr.prefix,
      block: cidr,
      value: cidrId,
      now: deps.now(),
      extra: (block) => {
        const fresh = newPoolCidr(deps, pool, cidrId, block, cidrId);
        held = { ...fresh.record, State: 'pending-import' };
        return [{ type: 'create', record: held }, ...fresh.writes.slice(1)];
      },
    },
  );
  if (!res.ok)
    fail('InvalidParameterValue', `${formatCidr(cidr)} overlaps space already in the IPAM's public scope.`);
  return held!;
};

/** Step 2, one commit: the owner's pool takes the whole CIDR as its allocation; the CIDR is provisioned. */
const completeMove = async (
  deps: Deps,
  caller: Caller,
  target: {
    pool: PoolRecord;
    rec: PoolCidrRecord;
    owned: { pool: PublicIpv4PoolRecord; range: PublicIpv4RangeRecord };
  },
) => {
  const cidr = parseCidr(target.rec.Cidr, 4);
  const id = deps.ids.next('ipam-pool-alloc', 32);
  const now = deps.now();
  const allocation: AllocationRecord = {
    kind: 'allocation',
    IpamPoolId: target.pool.IpamPoolId,
    IpamPoolAllocationId: id,
    Cidr: target.rec.Cidr,
    ResourceType: 'ec2-public-ipv4-pool',
    ResourceId: target.owned.pool.PoolId,
    ResourceRegion: caller.region,
    ResourceOwner: caller.accountId,
    Tags: [],
    _v: 1,
    _created: now,
  };
  const { range } = target.owned;
  const writes: Write[] = [
    { type: 'create', record: allocation },
    ...resourceRef(allocation),
    {
      type: 'replace',
      record: { ...target.rec, State: 'provisioned', _v: target.rec._v + 1 },
      expectVersion: target.rec._v,
    },
    {
      type: 'replace',
      record: { ...range, IpamPoolId: target.pool.IpamPoolId, IpamPoolAllocationId: id, _v: range._v + 1 },
      expectVersion: range._v,
    },
  ];
  const res = await claim(
    { store: deps.store, random: deps.random },
    {
      roots: [rootKey(target.pool.IpamPoolId, cidr)],
      prefix: cidr.prefix,
      block: cidr,
      value: id,
      now,
      extra: () => writes,
    },
  );
  if (!res.ok)
    fail('IncorrectState', `The move of ${target.rec.Cidr} changed meanwhile; repeat the request.`);
};

export const moveByoipCidrToIpam = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; Cidr?: string; IpamPoolId?: string; IpamPoolOwner?: string },
) => {
  const text = required(input.Cidr, 'Cidr');
  const poolId = required(input.IpamPoolId, 'IpamPoolId');
  const owner = required(input.IpamPoolOwner, 'IpamPoolOwner');
  const cidr = parseCidr(text);
  if (cidr.version !== 4) fail('InvalidParameterValue', 'Only IPv4 BYOIP CIDRs can be moved into IPAM.');
  const shown = formatCidr(cidr);
  const owned = (await heldRanges(deps, caller)).find((h) => h.range.Cidr === shown);
  if (!owned)
    fail('InvalidParameterValue', `${shown} is not a BYOIP CIDR of this account in ${caller.region}.`);
  const pool = await deps.store.get<PoolRecord>({ kind: 'pool', id: poolId });
  if (!pool || pool.OwnerId !== owner || !(await mayImport(deps, caller, pool))) {
    // A pool shared without the import permission is refused as EC2 refuses it; others do not exist.
    if (pool && pool.OwnerId === owner && (await deps.store.grantsOf(poolId, caller.accountId)).length > 0)
      fail(
        'UnauthorizedOperation',
        `You are not authorized to move a BYOIP CIDR into pool ${poolId}: it is not shared with you with the permission AWSRAMPermissionIpamPoolByoipCidrImport.`,
      );
    noPool(poolId);
  }
  if (owned!.range.IpamPoolId === poolId) return { ByoipCidr: { Cidr: shown, State: 'complete-transfer' } };
  if (owned!.range.IpamPoolId !== undefined)
    fail('IncorrectState', `${shown} is already in IPAM pool ${owned!.range.IpamPoolId}.`);
  checkTarget(pool!, caller);
  dryRun(input);
  const existing = (await deps.store.getPool(poolId)).cidrs.find((c) => c.Cidr === shown);
  if (existing && existing.State !== 'pending-import')
    fail('InvalidParameterValue', `${shown} is already provisioned to pool ${poolId}.`);
  const rec = existing ?? (await holdInPool(deps, pool!, cidr));
  await completeMove(deps, caller, { pool: pool!, rec, owned: owned! });
  return { ByoipCidr: { Cidr: shown, State: 'pending-transfer' } };
};
