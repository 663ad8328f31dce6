/**
 * Anycast static IP lists (F-GLOBAL-04, F-TUT-CF-04), the facade's CloudFront resource: CloudFront
 * does not exist self-hosted, so Allot keeps the list and its addresses. Names follow CloudFront's
 * Create/Get/List/DeleteAnycastIpList. Self-hosted every list comes from global pools: one
 * `IpamCidrConfigs` entry per family names a global pool (`IpamPoolArn`) and one of its provisioned
 * CIDRs; `IpCount` is 3 (CloudFront's count for BYOIP lists). Each address is its own allocation
 * (`ResourceType anycast-ip-list`, `ResourceId` = the list's Id, a /32 or /128: three addresses
 * are no single CIDR), claimed through AllocateIpamPoolCidr's path, lowest free first. The list is
 * written `Deploying` first, so whatever a failure leaves is named by a list its owner can delete;
 * a claim that fails gives back the addresses already taken and removes the list.
 */
import { familyOf, formatCidr, parseCidr } from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import { type AnycastIpListRecord, isGlobalPool, type PoolRecord, type Tag } from '../../records';
import { allocateIpamPoolCidr } from '../allocation/allocate';
import { checkTagRules, publicShape, required } from '../kit/common';
import { listPage } from '../kit/listing';
import { loadPool } from '../kit/loads';
import { reclaimResource } from '../reclaim/reclaim';

interface CidrConfig {
  Cidr?: string;
  IpamPoolArn?: string;
}

export interface CreateAnycastIpListInput {
  Name?: string;
  IpCount?: number;
  IpAddressType?: string;
  IpamCidrConfigs?: CidrConfig[];
  Tags?: { Items?: Tag[] };
}

/** CloudFront's count for lists of BYOIP addresses (F-GLOBAL-04). */
const BYOIP_COUNT = 3;
const NAME = /^[a-zA-Z0-9-_]{1,64}$/;

const notFound = (id: string | undefined): never =>
  fail('InvalidAnycastIpListId.NotFound', `The anycast IP list '${id ?? ''}' does not exist.`);

/** What the request says on its own: name, count, type, one CIDR config per family, tags. */
const checkRequest = (input: CreateAnycastIpListInput) => {
  const name = required(input.Name, 'Name');
  if (!NAME.test(name))
    fail('InvalidParameterValue', 'Name must be 1-64 letters, digits, hyphens or underscores.');
  const count = required(input.IpCount, 'IpCount');
  if (count !== BYOIP_COUNT)
    fail(
      'InvalidParameterValue',
      `IpCount must be ${BYOIP_COUNT} for a list of BYOIP addresses; got ${count}.`,
    );
  const configs = input.IpamCidrConfigs ?? [];
  if (configs.length === 0)
    fail(
      'MissingParameter',
      'The request must contain IpamCidrConfigs: self-hosted, addresses come from global pools.',
    );
  const parsed = configs.map((c) => ({
    cidr: parseCidr(required(c.Cidr, 'IpamCidrConfigs.Cidr')),
    arn: required(c.IpamPoolArn, 'IpamCidrConfigs.IpamPoolArn'),
  }));
  const families = parsed.map((c) => c.cidr.version);
  const type = families.length === 2 && families[0] !== families[1] ? 'dualstack' : `ipv${families[0]}`;
  if (families.length > 2 || (families.length === 2 && type !== 'dualstack'))
    fail('InvalidParameterCombination', 'Give one IpamCidrConfigs entry per address family.');
  if (input.IpAddressType !== undefined && input.IpAddressType !== type)
    fail(
      'InvalidParameterCombination',
      `IpAddressType ${input.IpAddressType} does not match the IpamCidrConfigs given (${type}).`,
    );
  const tags = input.Tags?.Items ?? [];
  checkTagRules(tags, false);
  return { name, type: type as AnycastIpListRecord['IpAddressType'], parsed, tags };
};

type Checked = ReturnType<typeof checkRequest>;

/** Each config's global pool (the caller's), holding the CIDR as a provisioned CIDR. */
const globalPools = async (deps: Deps, caller: Caller, parsed: Checked['parsed']) => {
  const out: { pool: PoolRecord; cidr: string }[] = [];
  for (const { cidr, arn } of parsed) {
    const id = /:ipam-pool\/(ipam-pool-[0-9a-f]+)$/.exec(arn)?.[1];
    if (!id) fail('InvalidParameterValue', `IpamPoolArn '${arn}' is not an IPAM pool ARN.`);
    const pool = await loadPool(deps, caller, id);
    if (pool.IpamPoolArn !== arn)
      fail('InvalidIpamPoolId.NotFound', `The IPAM pool ID '${id}' does not exist.`);
    if (!isGlobalPool(pool))
      fail('InvalidParameterValue', `Pool ${pool.IpamPoolId} is not a global-services pool.`);
    const text = formatCidr(cidr);
    const held = (await deps.store.getPool(pool.IpamPoolId)).cidrs.find((c) => c.Cidr === text);
    if (held?.State !== 'provisioned')
      fail('InvalidParameterValue', `${text} is not a provisioned CIDR of pool ${pool.IpamPoolId}.`);
    out.push({ pool, cidr: text });
  }
  return out;
};

export const anycastShape = (r: AnycastIpListRecord): Record<string, unknown> => {
  const { Tags: _t, ...rest } = r;
  return publicShape(rest);
};

/** Claims `count` addresses in `cidr` of `pool` for the list, lowest free first. */
const claimAddresses = async (
  deps: Deps,
  caller: Caller,
  list: AnycastIpListRecord,
  { pool, cidr }: { pool: PoolRecord; cidr: string },
) => {
  const bits = familyOf(pool.AddressFamily) === 4 ? 32 : 128;
  const resource = {
    ResourceType: 'anycast-ip-list' as const,
    ResourceId: list.Id,
    // A global resource: the IPAM's home region stands for "everywhere".
    ResourceRegion: pool.IpamRegion,
    ResourceOwner: caller.accountId,
    ResourceTags: list.Tags,
  };
  const ips: string[] = [];
  for (let i = 0; i < list.IpCount; i++) {
    const input = { IpamPoolId: pool.IpamPoolId, NetmaskLength: bits, AllowedCidrs: [cidr] };
    const { IpamPoolAllocation } = await allocateIpamPoolCidr(deps, caller, input, resource);
    ips.push(((IpamPoolAllocation as { Cidr: string }).Cidr ?? '').split('/')[0]!);
  }
  return ips;
};

/** Writes the list `Deploying`, claims its addresses, and marks it `Deployed`; all or nothing. */
const deploy = async (
  deps: Deps,
  caller: Caller,
  list: AnycastIpListRecord,
  at: { pool: PoolRecord; cidr: string }[],
) => {
  const created = await deps.store.commit([{ type: 'create', record: list }]);
  if (!created.ok) fail('IncorrectState', 'The anycast IP list could not be created; retry the request.');
  try {
    const ips: string[][] = [];
    for (const a of at) ips.push(await claimAddresses(deps, caller, list, a));
    const done: AnycastIpListRecord = {
      ...list,
      Status: 'Deployed',
      AnycastIps: ips.flat(),
      IpamCidrConfigs: list.IpamCidrConfigs.map((c, i) => ({
        ...c,
        Status: 'Deployed',
        AnycastIp: ips[i]![0]!,
      })),
      _v: list._v + 1,
    };
    const res = await deps.store.commit([{ type: 'replace', record: done, expectVersion: list._v }]);
    if (!res.ok) fail('IncorrectState', `Anycast IP list ${list.Id} changed meanwhile.`);
    return done;
  } catch (e) {
    await reclaimResource(deps, { ResourceId: list.Id, ResourceOwner: caller.accountId, NeverUsed: true });
    await deps.store.commit([{ type: 'delete', ref: { kind: 'anycast-ip-list', id: list.Id } }]);
    throw e;
  }
};

export const createAnycastIpList = async (deps: Deps, caller: Caller, input: CreateAnycastIpListInput) => {
  const req = checkRequest(input);
  const at = await globalPools(deps, caller, req.parsed);
  const id = `aip_${deps.ids.next('x', 22).slice(2)}`;
  const list: AnycastIpListRecord = {
    kind: 'anycast-ip-list',
    Id: id,
    Arn: `arn:${deps.config.partition}:cloudfront::${caller.accountId}:anycast-ip-list/${id}`,
    Name: req.name,
    Status: 'Deploying',
    IpCount: input.IpCount!,
    IpAddressType: req.type,
    AnycastIps: [],
    IpamCidrConfigs: at.map((a) => ({ Cidr: a.cidr, IpamPoolArn: a.pool.IpamPoolArn, Status: 'Deploying' })),
    LastModifiedTime: new Date(deps.now()).toISOString(),
    Tags: req.tags,
    _owner: caller.accountId,
    _v: 1,
    _created: deps.now(),
  };
  return { AnycastIpList: anycastShape(await deploy(deps, caller, list, at)), ETag: `E${list._v + 1}` };
};

const loadList = async (deps: Deps, caller: Caller, id: string | undefined) => {
  const found = await deps.store.get<AnycastIpListRecord>({
    kind: 'anycast-ip-list',
    id: required(id, 'Id'),
  });
  return found && found._owner === caller.accountId ? found : notFound(id);
};

export const getAnycastIpList = async (deps: Deps, caller: Caller, input: { Id?: string }) => {
  const list = await loadList(deps, caller, input.Id);
  return { AnycastIpList: anycastShape(list), ETag: `E${list._v}` };
};

export const listAnycastIpLists = async (
  deps: Deps,
  caller: Caller,
  input: { Marker?: string; MaxItems?: number },
) => {
  const page = await listPage<AnycastIpListRecord>(
    deps.store,
    { kind: 'anycast-ip-list', owner: caller.accountId },
    {
      ...(input.Marker ? { NextToken: input.Marker } : {}),
      ...(input.MaxItems !== undefined ? { MaxResults: input.MaxItems } : {}),
    },
    () => true,
    { min: 1, max: 100 },
  );
  return {
    AnycastIpLists: {
      Items: page.items.map(anycastShape),
      Quantity: page.items.length,
      Marker: input.Marker ?? '',
      MaxItems: input.MaxItems ?? 100,
      ...(page.NextToken ? { NextMarker: page.NextToken } : {}),
    },
  };
};

/** Gives every address back to its global pool, then removes the list (F-GLOBAL-07 step 1). */
export const deleteAnycastIpList = async (
  deps: Deps,
  caller: Caller,
  input: { Id?: string; IfMatch?: string },
) => {
  const list = await loadList(deps, caller, input.Id);
  if (input.IfMatch !== undefined && input.IfMatch !== `E${list._v}`)
    fail('InvalidParameterValue', `IfMatch ${input.IfMatch} is not the list's current ETag (E${list._v}).`);
  await reclaimResource(deps, { ResourceId: list.Id, ResourceOwner: caller.accountId });
  const res = await deps.store.commit([
    { type: 'delete', ref: { kind: 'anycast-ip-list', id: list.Id }, expectVersion: list._v },
  ]);
  if (!res.ok) fail('IncorrectState', `Anycast IP list ${list.Id} changed meanwhile; retry the request.`);
  return {};
};
