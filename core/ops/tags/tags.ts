/**
 * CreateTags, DeleteTags and DescribeTags for IPAM resources: IPAMs, scopes, pools, resource
 * discoveries and their associations. A call may also name resources of the EC2 backend
 * (`vpc-…`, `subnet-…`): those go to the backend in one call, and the whole call is all or
 * nothing from the caller's view: every IPAM id is loaded and every tag checked first (nothing
 * written if one is wrong), then the backend part runs (its refusal writes nothing here), then the
 * IPAM records are written in one unit of work.
 * [decision] DescribeTags lists the IPAM resources' tags only; the backend's are read there.
 * [decision] Tags changed here are not checked against pools' required tags: those rules apply to
 * the resources allocated from a pool (F-RULE-04), not to IPAM's own records.
 */
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type {
  IpamRecord,
  PoolRecord,
  RdAssociationRecord,
  ResourceDiscoveryRecord,
  ScopeRecord,
  Tag,
} from '../../records';
import { checkTagRules, dryRun, MAX_TAGS } from '../kit/common';
import { type Filter, filterPredicate, listAll, pageArray } from '../kit/listing';
import { seenFrom } from '../kit/loads';

type Taggable = IpamRecord | ScopeRecord | PoolRecord | ResourceDiscoveryRecord | RdAssociationRecord;

interface Kind {
  prefix: string;
  kind: Taggable['kind'];
  type: string;
  notFound: Parameters<typeof fail>[0];
  what: string;
}

/** Longest prefix first: every IPAM id starts with `ipam-`. */
const KINDS: readonly Kind[] = [
  {
    prefix: 'ipam-res-disco-assoc-',
    kind: 'rd-association',
    type: 'ipam-resource-discovery-association',
    notFound: 'InvalidIpamResourceDiscoveryAssociationId.NotFound',
    what: 'resource discovery association',
  },
  {
    prefix: 'ipam-res-disco-',
    kind: 'resource-discovery',
    type: 'ipam-resource-discovery',
    notFound: 'InvalidIpamResourceDiscoveryId.NotFound',
    what: 'resource discovery',
  },
  {
    prefix: 'ipam-scope-',
    kind: 'scope',
    type: 'ipam-scope',
    notFound: 'InvalidIpamScopeId.NotFound',
    what: 'IPAM scope',
  },
  {
    prefix: 'ipam-pool-',
    kind: 'pool',
    type: 'ipam-pool',
    notFound: 'InvalidIpamPoolId.NotFound',
    what: 'IPAM pool',
  },
  { prefix: 'ipam-', kind: 'ipam', type: 'ipam', notFound: 'InvalidIpamId.NotFound', what: 'IPAM' },
];

const MAX_RESOURCES = 1000;

const kindOf = (id: string): Kind | undefined => KINDS.find((k) => id.startsWith(k.prefix));

const idOf = (r: Taggable): string => {
  switch (r.kind) {
    case 'ipam':
      return r.IpamId;
    case 'scope':
      return r.IpamScopeId;
    case 'pool':
      return r.IpamPoolId;
    case 'resource-discovery':
      return r.IpamResourceDiscoveryId;
    default:
      return r.IpamResourceDiscoveryAssociationId;
  }
};

const regionOk = (caller: Caller, r: Taggable): boolean =>
  r.kind === 'resource-discovery'
    ? r.IpamResourceDiscoveryRegion === caller.region
    : r.kind === 'rd-association'
      ? r.IpamRegion === caller.region
      : seenFrom(caller, r);

/** One of the caller's IPAM resources; any other id answers exactly like an unknown one. */
const loadTaggable = async (deps: Deps, caller: Caller, id: string, k: Kind): Promise<Taggable> => {
  // Allocation ids share the pool prefix but are not taggable resources.
  const found =
    k.kind === 'pool' && id.startsWith('ipam-pool-alloc-')
      ? undefined
      : await deps.store.get<Taggable>({ kind: k.kind, id } as never);
  if (!found || found.OwnerId !== caller.accountId || !regionOk(caller, found))
    return fail(k.notFound, `The ${k.what} ID '${id}' does not exist.`);
  return found;
};

interface TagInput {
  DryRun?: boolean;
  Resources?: string[];
  Tags?: Tag[];
}

/** The IPAM records named (loaded), and the ids left for the backend. */
const split = async (deps: Deps, caller: Caller, input: TagInput) => {
  const ids = input.Resources ?? [];
  if (ids.length === 0) fail('MissingParameter', 'The request must contain the parameter ResourceId.');
  if (ids.length > MAX_RESOURCES)
    fail('InvalidParameterValue', `At most ${MAX_RESOURCES} resources can be tagged in one request.`);
  const records: Taggable[] = [];
  const others: string[] = [];
  for (const id of [...new Set(ids)]) {
    const k = kindOf(id);
    if (k) records.push(await loadTaggable(deps, caller, id, k));
    else others.push(id);
  }
  if (others.length > 0 && !deps.backend) fail('InvalidID', `The ID '${others[0]}' is not valid.`);
  return { records, others };
};

const merged = (have: Tag[], add: Tag[]): Tag[] => {
  const out = have.filter((h) => !add.some((a) => a.Key === h.Key));
  return [...out, ...add.map((a) => ({ Key: a.Key, Value: a.Value ?? '' }))];
};

const without = (have: Tag[], drop: Tag[] | undefined): Tag[] =>
  drop === undefined
    ? []
    : have.filter(
        (h) => !drop.some((d) => d.Key === h.Key && (d.Value === undefined || d.Value === (h.Value ?? ''))),
      );

/** The shared path of CreateTags and DeleteTags. */
const change = async (
  deps: Deps,
  caller: Caller,
  input: TagInput,
  action: 'CreateTags' | 'DeleteTags',
  next: (have: Tag[]) => Tag[],
) => {
  const { records, others } = await split(deps, caller, input);
  const writes: Write[] = records.map((r) => {
    const tags = next(r.Tags);
    if (tags.length > MAX_TAGS)
      fail('TagLimitExceeded', `${idOf(r)} would have ${tags.length} tags; at most ${MAX_TAGS} are allowed.`);
    return { type: 'replace', record: { ...r, Tags: tags }, expectVersion: r._v };
  });
  dryRun(input);
  if (others.length > 0) await deps.backend!.call(caller, action, { ...input, Resources: others });
  for (let i = 0; i < writes.length; i += 100) {
    const res = await deps.store.commit(writes.slice(i, i + 100));
    if (!res.ok) fail('IncorrectState', 'A tagged resource changed meanwhile; retry the request.');
  }
  return {};
};

export const createTags = async (deps: Deps, caller: Caller, input: TagInput) => {
  const tags = input.Tags ?? [];
  if (tags.length === 0) fail('MissingParameter', 'The request must contain the parameter Tag.');
  checkTagRules(tags, false);
  return change(deps, caller, input, 'CreateTags', (have) => merged(have, tags));
};

export const deleteTags = async (deps: Deps, caller: Caller, input: TagInput) => {
  if (input.Tags) checkTagRules(input.Tags, true);
  return change(deps, caller, input, 'DeleteTags', (have) => without(have, input.Tags));
};

interface DescribeTagsInput {
  DryRun?: boolean;
  Filters?: Filter[];
  MaxResults?: number;
  NextToken?: string;
}

/** Every IPAM resource of the caller seen from its region. */
const ownTaggables = async (deps: Deps, caller: Caller): Promise<Taggable[]> => {
  const owner = caller.accountId;
  const ipams = await listAll<IpamRecord>(deps.store, { kind: 'ipam', owner });
  const perIpam = await Promise.all(
    ipams.map(async (i) => [
      ...(await listAll<ScopeRecord>(deps.store, { kind: 'scope', ipamId: i.IpamId })),
      ...(await listAll<RdAssociationRecord>(deps.store, { kind: 'rd-association', ipamId: i.IpamId })),
    ]),
  );
  const pools = await listAll<PoolRecord>(deps.store, { kind: 'pool', owner });
  const rds = await listAll<ResourceDiscoveryRecord>(deps.store, { kind: 'resource-discovery', owner });
  return [...ipams, ...perIpam.flat(), ...pools, ...rds].filter(
    (r) => r.OwnerId === owner && regionOk(caller, r),
  );
};

export const describeTags = async (deps: Deps, caller: Caller, input: DescribeTagsInput) => {
  dryRun(input);
  // EC2's filters key, value, resource-id, resource-type.
  const match = filterPredicate(input.Filters, ['Key', 'Value', 'ResourceId', 'ResourceType']);
  const rows = (await ownTaggables(deps, caller))
    .flatMap((r) =>
      r.Tags.map((t) => ({
        Key: t.Key,
        ResourceId: idOf(r),
        ResourceType: kindOf(idOf(r))!.type,
        Value: t.Value ?? '',
      })),
    )
    .filter(match)
    .sort((a, b) => a.ResourceId.localeCompare(b.ResourceId) || a.Key.localeCompare(b.Key));
  const page = pageArray(rows, input, `tags#${caller.accountId}`);
  return { Tags: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};
