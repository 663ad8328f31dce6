/**
 * Elastic IPs from pools (F-EIP-01..07, F-PV4P-05): AllocateAddress with `IpamPoolId` (an `eip`
 * allocation of the IPAM pool, the lowest free address first, F-EIP-03) or with `PublicIpv4Pool`
 * (a /32 claimed in the public IPv4 pool's own space), ReleaseAddress, AssociateAddress,
 * DisassociateAddress and DescribeAddresses. Allot is the EC2 of these addresses: each claim, its
 * address record and its counts are one commit. Addresses that come from neither (Amazon's own
 * pool) are the EC2 backend's, and requests about them go there unchanged.
 */
import { contains, formatAddress, parseAddress, parseCidr } from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type { AddressRecord, PoolRecord, PublicIpv4RangeRecord, Tag } from '../../records';
import { allocateIpamPoolCidr } from '../allocation/allocate';
import { claim, release } from '../allocation/allocator';
import { rootKey } from '../allocation/pool-space';
import { backendOf } from '../facade/pending';
import { dryRun, type TagSpecification, tagsFor } from '../kit/common';
import { type Filter, filterPredicate, listAll } from '../kit/listing';
import { reclaimResource } from '../reclaim/reclaim';
import { loadVisiblePool } from '../sharing/grants';
import { requirePoolPermission } from '../sharing/share-permissions';
import { loadPublicPool, rangesOf } from './public-ipv4-pools';

export interface AllocateAddressInput {
  DryRun?: boolean;
  Domain?: string;
  Address?: string;
  PublicIpv4Pool?: string;
  IpamPoolId?: string;
  NetworkBorderGroup?: string;
  TagSpecifications?: TagSpecification[];
  [other: string]: unknown;
}

export const addressShape = (r: AddressRecord) => ({
  PublicIp: r.PublicIp,
  AllocationId: r.AllocationId,
  ...(r.AssociationId ? { AssociationId: r.AssociationId } : {}),
  Domain: r.Domain,
  ...(r.InstanceId ? { InstanceId: r.InstanceId } : {}),
  ...(r.NetworkInterfaceId
    ? { NetworkInterfaceId: r.NetworkInterfaceId, NetworkInterfaceOwnerId: r._owner }
    : {}),
  ...(r.PrivateIpAddress ? { PrivateIpAddress: r.PrivateIpAddress } : {}),
  Tags: r.Tags,
  PublicIpv4Pool: r.PublicIpv4Pool,
  NetworkBorderGroup: r.NetworkBorderGroup,
});

const allocated = (r: AddressRecord) => ({
  PublicIp: r.PublicIp,
  AllocationId: r.AllocationId,
  PublicIpv4Pool: r.PublicIpv4Pool,
  NetworkBorderGroup: r.NetworkBorderGroup,
  Domain: r.Domain,
});

const newAddress = (
  deps: Deps,
  caller: Caller,
  a: {
    id: string;
    ip: string;
    pool: string;
    nbg: string;
    tags: Tag[];
    ipam?: { pool: string; alloc: string };
  },
): AddressRecord => ({
  kind: 'address',
  AllocationId: a.id,
  PublicIp: a.ip,
  PublicIpv4Pool: a.pool,
  ...(a.ipam ? { IpamPoolId: a.ipam.pool, IpamPoolAllocationId: a.ipam.alloc } : {}),
  NetworkBorderGroup: a.nbg,
  Domain: 'vpc',
  Tags: a.tags,
  _owner: caller.accountId,
  _region: caller.region,
  _v: 1,
  _created: deps.now(),
});

/** F-EIP-01: an IPv4 pool of the public scope whose locale is this region. */
const checkEipPool = (pool: PoolRecord, caller: Caller) => {
  if (pool.IpamScopeType !== 'public' || pool.AddressFamily !== 'ipv4')
    fail(
      'InvalidParameterValue',
      `Elastic IP addresses come only from IPv4 pools of the public scope; ${pool.IpamPoolId} is not one.`,
    );
  if (pool.Locale !== caller.region)
    fail(
      'InvalidParameterValue',
      `The locale of the IPAM pool must be equal to the current region: pool ${pool.IpamPoolId}'s locale is ${pool.Locale ?? 'None'}, the request was made in ${caller.region}.`,
    );
};

const fromIpamPool = async (deps: Deps, caller: Caller, input: AllocateAddressInput, tags: Tag[]) => {
  const pool = await loadVisiblePool(deps, caller, input.IpamPoolId);
  checkEipPool(pool, caller);
  await requirePoolPermission(deps, caller, pool, 'ec2:AllocateAddress');
  const id = deps.ids.next('eipalloc');
  let record: AddressRecord | undefined;
  const ip = input.Address !== undefined ? formatAddress(4, parseAddress(input.Address, 4).value) : undefined;
  await allocateIpamPoolCidr(
    deps,
    caller,
    {
      IpamPoolId: pool.IpamPoolId,
      DryRun: input.DryRun,
      ...(ip !== undefined ? { Cidr: `${ip}/32` } : { NetmaskLength: 32 }),
    },
    {
      ResourceType: 'eip',
      ResourceId: id,
      ResourceRegion: caller.region,
      ResourceOwner: caller.accountId,
      ResourceTags: tags,
      Lowest: true,
      Also: (a) => {
        const at = a.Cidr.slice(0, a.Cidr.indexOf('/'));
        const ipam = { pool: pool.IpamPoolId, alloc: a.IpamPoolAllocationId };
        record = newAddress(deps, caller, {
          id,
          ip: at,
          pool: pool.IpamPoolId,
          nbg: caller.region,
          tags,
          ipam,
        });
        return [{ type: 'create', record }];
      },
    },
  );
  return allocated(record!);
};

const rangeHolding = (ranges: PublicIpv4RangeRecord[], ip: string) =>
  ranges.find((r) => contains(parseCidr(r.Cidr, 4), parseCidr(`${ip}/32`, 4)));

const fromPublicPool = async (deps: Deps, caller: Caller, input: AllocateAddressInput, tags: Tag[]) => {
  const target = await loadPublicPool(deps, caller, input.PublicIpv4Pool);
  const ranges = await rangesOf(deps, target.PoolId);
  const explicit = input.Address !== undefined ? parseCidr(`${input.Address}/32`, 4) : undefined;
  if (explicit && !ranges.some((r) => contains(parseCidr(r.Cidr, 4), explicit)))
    fail('InvalidParameterValue', `${input.Address} is not in public IPv4 pool ${target.PoolId}.`);
  dryRun(input);
  const id = deps.ids.next('eipalloc');
  let record: AddressRecord | undefined;
  const res = await claim(
    { store: deps.store, random: deps.random },
    {
      roots: ranges.map((r) => rootKey(target.PoolId, parseCidr(r.Cidr, 4))),
      prefix: 32,
      ...(explicit ? { block: explicit } : {}),
      value: id,
      now: deps.now(),
      strategy: 'lowest',
      extra: (block) => {
        const ip = formatAddress(4, block.start);
        const range = rangeHolding(ranges, ip)!;
        record = newAddress(deps, caller, {
          id,
          ip,
          pool: target.PoolId,
          nbg: target.NetworkBorderGroup,
          tags,
        });
        return [
          { type: 'create', record },
          {
            type: 'counter',
            ref: { kind: 'public-ipv4-range', poolId: target.PoolId, cidr: range.Cidr },
            field: '_used',
            delta: 1,
          },
        ];
      },
    },
  );
  if (!res.ok)
    fail(
      'InsufficientCidrBlocks',
      explicit
        ? `${input.Address} is already allocated.`
        : `Public IPv4 pool ${target.PoolId} has no free address.`,
    );
  return allocated(record!);
};

export const allocateAddress = async (deps: Deps, caller: Caller, input: AllocateAddressInput) => {
  const fromPool = input.IpamPoolId !== undefined || (input.PublicIpv4Pool ?? 'amazon') !== 'amazon';
  if (!fromPool) return backendOf(deps).call(caller, 'AllocateAddress', input);
  if (input.IpamPoolId !== undefined && input.PublicIpv4Pool !== undefined)
    fail('InvalidParameterCombination', 'Specify either IpamPoolId or PublicIpv4Pool, not both.');
  if (input.Domain !== undefined && input.Domain !== 'vpc')
    fail(
      'InvalidParameterValue',
      `Elastic IP addresses from pools are in the domain vpc, not '${input.Domain}'.`,
    );
  if (
    input.NetworkBorderGroup !== undefined &&
    input.NetworkBorderGroup !== caller.region &&
    input.IpamPoolId
  )
    fail('InvalidParameterValue', `The network border group must be the pool's locale, ${caller.region}.`);
  const tags = tagsFor('elastic-ip', input.TagSpecifications);
  return input.IpamPoolId !== undefined
    ? fromIpamPool(deps, caller, input, tags)
    : fromPublicPool(deps, caller, input, tags);
};

const mine = (deps: Deps, caller: Caller) =>
  listAll<AddressRecord>(deps.store, { kind: 'address', owner: caller.accountId, region: caller.region });

/** The caller's pool address named by allocation id, public IP or association id; undefined if none. */
const findAddress = async (
  deps: Deps,
  caller: Caller,
  by: { AllocationId?: string; PublicIp?: string; AssociationId?: string },
): Promise<AddressRecord | undefined> => {
  if (by.AllocationId !== undefined) {
    const r = /^eipalloc-[0-9a-f]{8,17}$/.test(by.AllocationId)
      ? await deps.store.get<AddressRecord>({ kind: 'address', id: by.AllocationId })
      : undefined;
    return r && r._owner === caller.accountId && r._region === caller.region ? r : undefined;
  }
  const all = await mine(deps, caller);
  if (by.AssociationId !== undefined) return all.find((r) => r.AssociationId === by.AssociationId);
  return all.find((r) => r.PublicIp === by.PublicIp);
};

/** Not one of Allot's addresses: the EC2 backend's, if there is one; otherwise EC2's not-found. */
const elsewhere = (deps: Deps, caller: Caller, action: string, input: Record<string, unknown>) => {
  if (deps.backend) return deps.backend.call(caller, action, input);
  if (input.AssociationId !== undefined)
    return fail(
      'InvalidAssociationID.NotFound',
      `The association ID '${input.AssociationId}' does not exist.`,
    );
  if (input.AllocationId !== undefined)
    return fail('InvalidAllocationID.NotFound', `The allocation ID '${input.AllocationId}' does not exist.`);
  return fail('InvalidAddress.NotFound', `The address '${String(input.PublicIp ?? '')}' does not exist.`);
};

const needOne = (input: Record<string, unknown>, names: string[]) => {
  if (names.every((n) => input[n] === undefined))
    fail('MissingParameter', `The request must contain the parameter ${names.join(' or ')}.`);
};

export const releaseAddress = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; AllocationId?: string; PublicIp?: string; NetworkBorderGroup?: string },
) => {
  needOne(input, ['AllocationId', 'PublicIp']);
  const rec = await findAddress(deps, caller, input);
  if (!rec) return elsewhere(deps, caller, 'ReleaseAddress', input);
  if (rec.AssociationId)
    fail('InvalidIPAddress.InUse', `Address ${rec.PublicIp} is in use: disassociate it first.`);
  dryRun(input);
  const drop: Write = {
    type: 'delete',
    ref: { kind: 'address', id: rec.AllocationId },
    expectVersion: rec._v,
  };
  if (rec.IpamPoolId) {
    // The pool gets the /32 back (after the reuse delay, F-ALLOC-09); a retry after a crash
    // between the two finds no allocation and removes the record.
    await reclaimResource(deps, { ResourceId: rec.AllocationId, ResourceOwner: caller.accountId });
    await deps.store.commit([drop]);
    return {};
  }
  const range = rangeHolding(await rangesOf(deps, rec.PublicIpv4Pool), rec.PublicIp);
  const res = range
    ? await release(
        { store: deps.store },
        {
          root: rootKey(rec.PublicIpv4Pool, parseCidr(range.Cidr, 4)),
          block: parseCidr(`${rec.PublicIp}/32`, 4),
          value: rec.AllocationId,
          extra: [
            drop,
            {
              type: 'counter',
              ref: { kind: 'public-ipv4-range', poolId: rec.PublicIpv4Pool, cidr: range.Cidr },
              field: '_used',
              delta: -1,
            },
          ],
        },
      )
    : await deps.store.commit([drop]);
  if (!res.ok) fail('IncorrectState', `Address ${rec.PublicIp} changed meanwhile; retry the request.`);
  return {};
};

export interface AssociateAddressInput {
  DryRun?: boolean;
  AllocationId?: string;
  PublicIp?: string;
  InstanceId?: string;
  NetworkInterfaceId?: string;
  PrivateIpAddress?: string;
  AllowReassociation?: boolean;
}

/** The instance or interface must exist where the EC2 backend keeps them (when there is one). */
const checkTarget = async (deps: Deps, caller: Caller, input: AssociateAddressInput) => {
  if (input.InstanceId !== undefined && !/^i-[0-9a-f]{8,17}$/.test(input.InstanceId))
    fail('InvalidInstanceID.Malformed', `Invalid id: '${input.InstanceId}'.`);
  if (!deps.backend) return;
  if (input.InstanceId !== undefined)
    await deps.backend.call(caller, 'DescribeInstances', { InstanceIds: [input.InstanceId] });
  else
    await deps.backend.call(caller, 'DescribeNetworkInterfaces', {
      NetworkInterfaceIds: [input.NetworkInterfaceId],
    });
};

export const associateAddress = async (deps: Deps, caller: Caller, input: AssociateAddressInput) => {
  needOne(input as Record<string, unknown>, ['AllocationId', 'PublicIp']);
  const rec = await findAddress(deps, caller, input);
  if (!rec) return elsewhere(deps, caller, 'AssociateAddress', input as Record<string, unknown>);
  needOne(input as Record<string, unknown>, ['InstanceId', 'NetworkInterfaceId']);
  if (rec.AssociationId && input.AllowReassociation !== true)
    fail('Resource.AlreadyAssociated', `Address ${rec.PublicIp} is already associated.`);
  await checkTarget(deps, caller, input);
  dryRun(input);
  const { AssociationId: _a, InstanceId: _i, NetworkInterfaceId: _n, PrivateIpAddress: _p, ...rest } = rec;
  const next: AddressRecord = {
    ...rest,
    AssociationId: deps.ids.next('eipassoc'),
    ...(input.InstanceId !== undefined ? { InstanceId: input.InstanceId } : {}),
    ...(input.NetworkInterfaceId !== undefined ? { NetworkInterfaceId: input.NetworkInterfaceId } : {}),
    ...(input.PrivateIpAddress !== undefined ? { PrivateIpAddress: input.PrivateIpAddress } : {}),
    _v: rec._v + 1,
  };
  const res = await deps.store.commit([{ type: 'replace', record: next, expectVersion: rec._v }]);
  if (!res.ok) fail('IncorrectState', `Address ${rec.PublicIp} changed meanwhile; retry the request.`);
  return { AssociationId: next.AssociationId };
};

export const disassociateAddress = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; AssociationId?: string; PublicIp?: string },
) => {
  needOne(input, ['AssociationId', 'PublicIp']);
  const rec = await findAddress(deps, caller, input);
  if (!rec?.AssociationId) return elsewhere(deps, caller, 'DisassociateAddress', input);
  dryRun(input);
  const { AssociationId: _a, InstanceId: _i, NetworkInterfaceId: _n, PrivateIpAddress: _p, ...rest } = rec;
  const res = await deps.store.commit([
    { type: 'replace', record: { ...rest, _v: rec._v + 1 }, expectVersion: rec._v },
  ]);
  if (!res.ok) fail('IncorrectState', `Address ${rec.PublicIp} changed meanwhile; retry the request.`);
  return {};
};

const FILTERABLE = [
  'PublicIp',
  'AllocationId',
  'AssociationId',
  'Domain',
  'InstanceId',
  'NetworkInterfaceId',
  'PrivateIpAddress',
  'PublicIpv4Pool',
  'NetworkBorderGroup',
] as const;

export const describeAddresses = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; PublicIps?: string[]; AllocationIds?: string[]; Filters?: Filter[] },
) => {
  const keep = filterPredicate(input.Filters, FILTERABLE);
  dryRun(input);
  const ours = (await mine(deps, caller)).map(addressShape);
  const named = (r: { PublicIp: string; AllocationId: string }) =>
    (input.PublicIps === undefined || input.PublicIps.includes(r.PublicIp)) &&
    (input.AllocationIds === undefined || input.AllocationIds.includes(r.AllocationId));
  const shown = ours.filter((r) => named(r) && keep(r));
  const rest = {
    ...input,
    ...(input.PublicIps
      ? { PublicIps: input.PublicIps.filter((ip) => !ours.some((r) => r.PublicIp === ip)) }
      : {}),
    ...(input.AllocationIds
      ? { AllocationIds: input.AllocationIds.filter((id) => !ours.some((r) => r.AllocationId === id)) }
      : {}),
  };
  const asked = (input.PublicIps?.length ?? 0) + (input.AllocationIds?.length ?? 0);
  const left = (rest.PublicIps?.length ?? 0) + (rest.AllocationIds?.length ?? 0);
  if (asked > 0 && left === 0) return { Addresses: shown };
  if (!deps.backend) {
    if (left > 0)
      fail(
        'InvalidAllocationID.NotFound',
        `The allocation ID or address '${[...(rest.AllocationIds ?? []), ...(rest.PublicIps ?? [])][0]}' does not exist.`,
      );
    return { Addresses: shown };
  }
  const theirs = (await deps.backend.call(caller, 'DescribeAddresses', rest)).Addresses as
    | object[]
    | undefined;
  return { Addresses: [...shown, ...(theirs ?? [])] };
};
