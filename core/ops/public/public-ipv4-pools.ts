/**
 * EC2 public IPv4 pools fed from IPAM (F-PV4P-01..07): CreatePublicIpv4Pool,
 * ProvisionPublicIpv4PoolCidr, DeprovisionPublicIpv4PoolCidr, DeletePublicIpv4Pool and
 * DescribePublicIpv4Pools. A range is an allocation of the IPAM pool (`ec2-public-ipv4-pool`,
 * owned by the caller) and, in the same commit, the root of the public pool's own space, where
 * Elastic IPs are claimed (addresses.ts). Deprovisioning gives the range back to the IPAM pool at
 * once, so the tutorials' "wait until the allocation is gone" ends at its first poll.
 */
import { formatAddress, formatCidr, lastAddress, parseCidr, size } from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type {
  AllocationRecord,
  PoolRecord,
  PublicIpv4PoolRecord,
  PublicIpv4RangeRecord,
  UniqueRecord,
} from '../../records';
import { emptyNode } from '../../space/node';
import { allocateIpamPoolCidr } from '../allocation/allocate';
import { rootKey } from '../allocation/pool-space';
import { dryRun, intInRange, required, type TagSpecification, tagsFor } from '../kit/common';
import { filterPredicate, listAll, type PageInput, pageArray } from '../kit/listing';
import { emptyRoot } from '../pool/deprovision';
import { reclaimResource } from '../reclaim/reclaim';
import { loadVisiblePool } from '../sharing/grants';

const POOL_ID = /^ipv4pool-ec2-[0-9a-f]{17}$/;

/** The caller's public IPv4 pool in its region; any other answers as a pool that does not exist. */
export const loadPublicPool = async (
  deps: Deps,
  caller: Caller,
  id: string | undefined,
): Promise<PublicIpv4PoolRecord> => {
  const poolId = required(id, 'PoolId');
  const rec = POOL_ID.test(poolId)
    ? await deps.store.get<PublicIpv4PoolRecord>({ kind: 'public-ipv4-pool', id: poolId })
    : undefined;
  if (!rec || rec._owner !== caller.accountId || rec._region !== caller.region)
    fail('InvalidPublicIpv4PoolID.NotFound', `The public IPv4 pool ID '${poolId}' does not exist.`);
  return rec!;
};

export const rangesOf = (deps: Deps, poolId: string) =>
  listAll<PublicIpv4RangeRecord>(deps.store, { kind: 'public-ipv4-range', poolId });

/** The caller's public IPv4 pools of this region and their ranges. */
export const heldRanges = async (deps: Deps, caller: Caller) => {
  const pools = await listAll<PublicIpv4PoolRecord>(deps.store, {
    kind: 'public-ipv4-pool',
    owner: caller.accountId,
    region: caller.region,
  });
  const out: { pool: PublicIpv4PoolRecord; range: PublicIpv4RangeRecord }[] = [];
  for (const pool of pools) for (const range of await rangesOf(deps, pool.PoolId)) out.push({ pool, range });
  return out;
};

/** One BYOIP range in EC2 at a time, whoever brings it (ProvisionByoipCidr's guard record). */
export const byoipGuard = (cidr: string) => `byoip#${cidr}`;

/** The guard of a plain BYOIP range goes with the range. */
const guardWrites = async (deps: Deps, poolId: string, cidr: string): Promise<Write[]> => {
  const guard = await deps.store.get<UniqueRecord>({ kind: 'unique', name: byoipGuard(cidr) });
  return guard?.OwnerOf === poolId
    ? [{ type: 'delete', ref: { kind: 'unique', name: guard.Name }, expectVersion: guard._v }]
    : [];
};

export const rangeShape = (r: PublicIpv4RangeRecord) => {
  const cidr = parseCidr(r.Cidr, 4);
  const count = Number(size(cidr));
  return {
    FirstAddress: formatAddress(4, cidr.start),
    LastAddress: formatAddress(4, lastAddress(cidr)),
    AddressCount: count,
    AvailableAddressCount: count - (r._used ?? 0),
  };
};

const poolShape = (p: PublicIpv4PoolRecord, ranges: PublicIpv4RangeRecord[]) => {
  const shown = ranges.map(rangeShape);
  return {
    PoolId: p.PoolId,
    ...(p.Description !== undefined ? { Description: p.Description } : {}),
    PoolAddressRanges: shown,
    TotalAddressCount: shown.reduce((n, r) => n + r.AddressCount, 0),
    TotalAvailableAddressCount: shown.reduce((n, r) => n + r.AvailableAddressCount, 0),
    NetworkBorderGroup: p.NetworkBorderGroup,
    Tags: p.Tags,
  };
};

/** A network border group of the caller's region: the region itself or one of its zones' groups. */
const borderGroup = (caller: Caller, given: string | undefined): string => {
  const nbg = given ?? caller.region;
  if (nbg !== caller.region && !nbg.startsWith(`${caller.region}-`))
    fail(
      'InvalidParameterValue',
      `The network border group '${nbg}' is not in the current region ${caller.region}.`,
    );
  return nbg;
};

export const createPublicIpv4Pool = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; TagSpecifications?: TagSpecification[]; NetworkBorderGroup?: string },
) => {
  const tags = tagsFor('ipv4pool-ec2', input.TagSpecifications);
  const nbg = borderGroup(caller, input.NetworkBorderGroup);
  dryRun(input);
  const record: PublicIpv4PoolRecord = {
    kind: 'public-ipv4-pool',
    PoolId: deps.ids.next('ipv4pool-ec2'),
    NetworkBorderGroup: nbg,
    Tags: tags,
    _owner: caller.accountId,
    _region: caller.region,
    _cidrCount: 0,
    _v: 1,
    _created: deps.now(),
  };
  const res = await deps.store.commit([{ type: 'create', record }]);
  if (!res.ok) fail('IncorrectState', 'The public IPv4 pool could not be created; retry the request.');
  return { PoolId: record.PoolId };
};

/** F-PV4P-03: the IPAM pool must be an EC2 public IPv4 pool of this region. */
const checkSource = (pool: PoolRecord, caller: Caller) => {
  if (pool.IpamScopeType !== 'public' || pool.AddressFamily !== 'ipv4' || pool.AwsService !== 'ec2')
    fail(
      'InvalidParameterValue',
      `IPAM pool ${pool.IpamPoolId} cannot feed a public IPv4 pool: it must be an IPv4 pool of the public scope with AwsService ec2.`,
    );
  if (pool.Locale !== caller.region)
    fail(
      'InvalidParameterValue',
      `The locale of the IPAM pool must be equal to the current region: pool ${pool.IpamPoolId}'s locale is ${pool.Locale ?? 'None'}, the request was made in ${caller.region}.`,
    );
};

/** The range's record, its space root and its count on the pool: written with the IPAM allocation. */
const rangeWrites = (p: PublicIpv4PoolRecord, a: AllocationRecord): Write[] => {
  const cidr = parseCidr(a.Cidr, 4);
  const range: PublicIpv4RangeRecord = {
    kind: 'public-ipv4-range',
    PoolId: p.PoolId,
    Cidr: a.Cidr,
    IpamPoolId: a.IpamPoolId,
    IpamPoolAllocationId: a.IpamPoolAllocationId,
    _used: 0,
    _v: 1,
    _created: a._created,
  };
  return [
    { type: 'create', record: range },
    { type: 'node', write: { kind: 'put', node: emptyNode(rootKey(p.PoolId, cidr)), expectVersion: null } },
    { type: 'counter', ref: { kind: 'public-ipv4-pool', id: p.PoolId }, field: '_cidrCount', delta: 1 },
  ];
};

export const provisionPublicIpv4PoolCidr = async (
  deps: Deps,
  caller: Caller,
  input: {
    DryRun?: boolean;
    IpamPoolId?: string;
    PoolId?: string;
    NetmaskLength?: number;
    NetworkBorderGroup?: string;
  },
) => {
  required(input.IpamPoolId, 'IpamPoolId');
  const netmask = intInRange(required(input.NetmaskLength, 'NetmaskLength'), 'NetmaskLength', 24, 32)!;
  const target = await loadPublicPool(deps, caller, input.PoolId);
  if (input.NetworkBorderGroup !== undefined && input.NetworkBorderGroup !== target.NetworkBorderGroup)
    fail(
      'InvalidParameterValue',
      `Public IPv4 pool ${target.PoolId} is in network border group ${target.NetworkBorderGroup}.`,
    );
  checkSource(await loadVisiblePool(deps, caller, input.IpamPoolId), caller);
  let range: PublicIpv4RangeRecord | undefined;
  await allocateIpamPoolCidr(
    deps,
    caller,
    { IpamPoolId: input.IpamPoolId, NetmaskLength: netmask, DryRun: input.DryRun },
    {
      ResourceType: 'ec2-public-ipv4-pool',
      ResourceId: target.PoolId,
      ResourceRegion: caller.region,
      ResourceOwner: caller.accountId,
      ResourceTags: target.Tags,
      Also: (a) => {
        const writes = rangeWrites(target, a);
        range = (writes[0] as { record: PublicIpv4RangeRecord }).record;
        return writes;
      },
    },
  );
  return { PoolId: target.PoolId, PoolAddressRange: rangeShape(range!) };
};

export const deprovisionPublicIpv4PoolCidr = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; PoolId?: string; Cidr?: string },
) => {
  const target = await loadPublicPool(deps, caller, input.PoolId);
  const cidr = formatCidr(parseCidr(required(input.Cidr, 'Cidr'), 4));
  const range = await deps.store.get<PublicIpv4RangeRecord>({
    kind: 'public-ipv4-range',
    poolId: target.PoolId,
    cidr,
  });
  if (!range) fail('InvalidParameterValue', `${cidr} is not a range of public IPv4 pool ${target.PoolId}.`);
  const what = `Range ${cidr} of public IPv4 pool ${target.PoolId}`;
  if ((range!._used ?? 0) > 0)
    fail('IncorrectState', `${what} still holds ${range!._used} Elastic IP addresses; release them first.`);
  dryRun(input);
  const key = rootKey(target.PoolId, parseCidr(cidr, 4));
  const root = await emptyRoot(deps, key, what);
  const res = await deps.store.commit([
    { type: 'node', write: { kind: 'delete', key, expectVersion: root.v } },
    {
      type: 'delete',
      ref: { kind: 'public-ipv4-range', poolId: target.PoolId, cidr },
      expectVersion: range!._v,
      requireZero: ['_used'],
    },
    { type: 'counter', ref: { kind: 'public-ipv4-pool', id: target.PoolId }, field: '_cidrCount', delta: -1 },
    ...(await guardWrites(deps, target.PoolId, cidr)),
  ]);
  if (!res.ok) fail('IncorrectState', `${what} changed while it was being deprovisioned; retry the request.`);
  // The IPAM allocation goes back to its pool now (deployed EC2 would report it at the next cycle).
  await reclaimResource(deps, { ResourceId: target.PoolId, Cidr: cidr, ResourceOwner: caller.accountId });
  const c = parseCidr(cidr, 4);
  const addresses = Array.from({ length: Number(size(c)) }, (_, i) => formatAddress(4, c.start + BigInt(i)));
  return { PoolId: target.PoolId, DeprovisionedAddresses: addresses };
};

export const deletePublicIpv4Pool = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; PoolId?: string; NetworkBorderGroup?: string },
) => {
  const target = await loadPublicPool(deps, caller, input.PoolId);
  if ((target._cidrCount ?? 0) > 0)
    fail(
      'IncorrectState',
      `Public IPv4 pool ${target.PoolId} still has provisioned ranges; deprovision them first.`,
    );
  dryRun(input);
  const res = await deps.store.commit([
    {
      type: 'delete',
      ref: { kind: 'public-ipv4-pool', id: target.PoolId },
      expectVersion: target._v,
      requireZero: ['_cidrCount'],
    },
  ]);
  if (!res.ok)
    fail('IncorrectState', `Public IPv4 pool ${target.PoolId} changed meanwhile; retry the request.`);
  return { ReturnValue: true };
};

const FILTERABLE = ['PoolId', 'NetworkBorderGroup', 'Description'] as const;

export const describePublicIpv4Pools = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { PoolIds?: string[] },
) => {
  const keep = filterPredicate(input.Filters, FILTERABLE);
  const pools = await listAll<PublicIpv4PoolRecord>(deps.store, {
    kind: 'public-ipv4-pool',
    owner: caller.accountId,
    region: caller.region,
  });
  const wanted = input.PoolIds ?? [];
  for (const id of wanted)
    if (!pools.some((p) => p.PoolId === id))
      fail('InvalidPublicIpv4PoolID.NotFound', `The public IPv4 pool ID '${id}' does not exist.`);
  const shown = [];
  for (const p of pools.filter((x) => wanted.length === 0 || wanted.includes(x.PoolId)))
    shown.push(poolShape(p, await rangesOf(deps, p.PoolId)));
  const page = pageArray(shown.filter(keep), input, `pv4p#${caller.accountId}#${caller.region}`, {
    min: 1,
    max: 10,
  });
  return {
    PublicIpv4Pools: page.items,
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
