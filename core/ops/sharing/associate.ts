/**
 * Adding and removing a share's resources and principals, with the grants they imply: one grant
 * per (pool, account) the share newly covers, deleted again when the pool or the principal leaves.
 * Preconditions (F-SHARE-01/03/10): the caller owns each pool, its IPAM is org-integrated (the
 * caller is its organization's IPAM delegated admin) and not on the free tier, and the share is
 * made in the IPAM's home region.
 */
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type {
  IpamRecord,
  OrganizationRecord,
  PoolGrantRecord,
  PoolRecord,
  ResourceDiscoveryRecord,
  ResourceShareRecord,
} from '../../records';
import { delegatedOrgOf } from '../organization/membership';
import { parsePrincipal, poolIdOfArn, rdIdOfArn, uuidOf } from './arns';
import { type Expanded, expandPrincipal } from './expand';
import { grantsOnPool } from './grants';
import { rdVersionOf } from './permissions';

/** The caller's organization, which every share of a pool needs (F-SHARE-01, F-MODE-05). */
export const sharingOrg = async (deps: Deps, caller: Caller): Promise<OrganizationRecord> =>
  (await delegatedOrgOf(deps, caller.accountId)) ??
  fail(
    'OperationNotPermittedException',
    'IPAM pools can be shared only by the IPAM delegated admin of an organization: this account is not one.',
  );

const checkPool = async (deps: Deps, caller: Caller, arn: string): Promise<PoolRecord> => {
  const id = poolIdOfArn(arn);
  const pool = await deps.store.get<PoolRecord>({ kind: 'pool', id });
  if (!pool || pool.OwnerId !== caller.accountId || pool.IpamPoolArn !== arn)
    return fail('UnknownResourceException', `The resource ${arn} does not exist or is not yours.`);
  const ipam = await deps.store.get<IpamRecord>({ kind: 'ipam', id: pool._ipamId });
  // F-SHARE-10: the free tier cannot share; F-SHARE-03: only from the home region.
  if (ipam?.Tier === 'free')
    fail('OperationNotPermittedException', `${arn} belongs to a free-tier IPAM, which cannot share pools.`);
  if (caller.region !== pool.IpamRegion)
    fail(
      'OperationNotPermittedException',
      `Share ${arn} from its IPAM's home region ${pool.IpamRegion}, not ${caller.region}.`,
    );
  return pool;
};

/** An RD of the caller's, shared from its own region (F-RD-07). */
const checkRd = async (deps: Deps, caller: Caller, arn: string, id: string): Promise<void> => {
  const rd = await deps.store.get<ResourceDiscoveryRecord>({ kind: 'resource-discovery', id });
  if (!rd || rd.OwnerId !== caller.accountId || rd.IpamResourceDiscoveryArn !== arn)
    return fail('UnknownResourceException', `The resource ${arn} does not exist or is not yours.`);
  if (caller.region !== rd.IpamResourceDiscoveryRegion)
    fail(
      'OperationNotPermittedException',
      `Share ${arn} from its region ${rd.IpamResourceDiscoveryRegion}, not ${caller.region}.`,
    );
};

/** An external account's grants wait for its answer to the invitation (F-SHARE-07). */
const waits = (share: ResourceShareRecord, account: string, e: Expanded): boolean =>
  e.external && !(share.Accepted ?? []).includes(account);

/**
 * The grant of one resource to one account: a pool's is a `pool-grant`; a resource discovery's is
 * the same `rd-share` item its JSON actions write, so associating it with an IPAM works the same
 * whichever way it was shared.
 */
const grant = (
  share: ResourceShareRecord,
  arn: string,
  account: string,
  e: Expanded,
  now: number,
  rdVersion: number,
): Write => {
  const rdId = rdIdOfArn(arn);
  const base = { _v: 1, _created: now };
  return rdId
    ? {
        type: 'create',
        record: {
          kind: 'rd-share',
          IpamResourceDiscoveryId: rdId,
          OwnerId: share.OwningAccountId,
          Principal: account,
          Status: waits(share, account, e) ? 'pending' : 'active',
          CreationTime: new Date(now).toISOString(),
          _permissionVersion: rdVersion,
          ...base,
        },
      }
    : {
        type: 'create',
        record: {
          kind: 'pool-grant',
          IpamPoolId: poolIdOfArn(arn),
          AccountId: account,
          ShareId: share.ShareId,
          Principal: e.principal,
          Status: waits(share, account, e) ? 'PENDING' : 'ACTIVE',
          ...base,
        },
      };
};

/** The invitation of an external account to a share. */
const invitation = (deps: Deps, share: ResourceShareRecord, account: string, now: number): Write => {
  const id = uuidOf(deps.ids.next('', 32).slice(1));
  return {
    type: 'create',
    record: {
      kind: 'share-invitation',
      InvitationId: id,
      ResourceShareInvitationArn: `arn:${deps.config.partition}:ram:${share.Region}:${share.OwningAccountId}:resource-share-invitation/${id}`,
      ShareId: share.ShareId,
      ResourceShareArn: share.ResourceShareArn,
      ResourceShareName: share.Name,
      SenderAccountId: share.OwningAccountId,
      ReceiverAccountId: account,
      Status: 'PENDING',
      InvitationTimestamp: now,
      _v: 1,
      _created: now,
    },
  };
};

const added = (have: string[], asked: string[] | undefined): string[] =>
  [...new Set(asked ?? [])].filter((x) => !have.includes(x));

/** The share with more resources and principals, and the grant writes that go with it. */
export const associate = async (
  deps: Deps,
  caller: Caller,
  share: ResourceShareRecord,
  input: { resourceArns?: string[]; principals?: string[] },
): Promise<{ next: ResourceShareRecord; writes: Write[] }> => {
  const newArns = added(share.Resources, input.resourceArns);
  const newPrincipals = added(share.Principals, input.principals);
  for (const p of newPrincipals) parsePrincipal(p);
  for (const arn of newArns) {
    const rdId = rdIdOfArn(arn);
    if (rdId) await checkRd(deps, caller, arn, rdId);
    else await checkPool(deps, caller, arn);
  }
  if (newArns.length + newPrincipals.length === 0) return { next: share, writes: [] };
  const org = await sharingOrg(deps, caller);
  const expand = (ps: string[]) =>
    Promise.all(ps.map((p) => expandPrincipal(deps, org, caller.accountId, parsePrincipal(p))));
  const [olds, news] = [await expand(share.Principals), await expand(newPrincipals)];
  const external = news.filter((e) => e.external).map((e) => e.principal);
  if (external.length > 0 && !share.AllowExternalPrincipals)
    fail(
      'OperationNotPermittedException',
      `${external.join(', ')} is outside your organization and this share does not allow external principals.`,
    );
  const now = deps.now();
  const writes: Write[] = [];
  const rdVersion = rdVersionOf(deps.config, share);
  const pairs = (poolArns: string[], es: Expanded[]) => {
    for (const arn of poolArns)
      for (const e of es) for (const a of e.accounts) writes.push(grant(share, arn, a, e, now, rdVersion));
  };
  pairs(newArns, [...olds, ...news]);
  pairs(share.Resources, news);
  // F-SHARE-07: each new external account is invited; its grants wait for its answer.
  for (const account of external) writes.push(invitation(deps, share, account, now));
  const next: ResourceShareRecord = {
    ...share,
    Resources: [...share.Resources, ...newArns],
    Principals: [...share.Principals, ...newPrincipals],
    External: [...share.External, ...external],
    LastUpdatedTime: now,
  };
  return { next, writes: await withoutHeldRds(deps, dedupe(writes)) };
};

/** An account that already holds an RD (another share, or the JSON action) keeps that grant. */
const withoutHeldRds = async (deps: Deps, writes: Write[]): Promise<Write[]> => {
  const keep: Write[] = [];
  for (const w of writes) {
    const held =
      w.type === 'create' &&
      w.record.kind === 'rd-share' &&
      (await deps.store.get({
        kind: 'rd-share',
        rdId: w.record.IpamResourceDiscoveryId,
        principal: w.record.Principal,
      }));
    if (!held) keep.push(w);
  }
  return keep;
};

/** One grant per (pool, account, share): two principals covering one account grant it once. */
const dedupe = (writes: Write[]): Write[] => {
  const seen = new Set<string>();
  return writes.filter((w) => {
    if (w.type !== 'create' || (w.record.kind !== 'pool-grant' && w.record.kind !== 'rd-share')) return true;
    const k =
      w.record.kind === 'pool-grant'
        ? `${w.record.IpamPoolId}#${w.record.AccountId}`
        : `${w.record.IpamResourceDiscoveryId}#${w.record.Principal}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** The share without some resources and principals, and the deletes of the grants they gave. */
export const disassociate = async (
  deps: Deps,
  share: ResourceShareRecord,
  input: { resourceArns?: string[]; principals?: string[] },
): Promise<{ next: ResourceShareRecord; writes: Write[] }> => {
  const goneArns = [...new Set(input.resourceArns ?? [])];
  const gonePrincipals = [...new Set(input.principals ?? [])];
  for (const arn of goneArns)
    if (!share.Resources.includes(arn))
      fail('UnknownResourceException', `${arn} is not associated with ${share.ResourceShareArn}.`);
  for (const p of gonePrincipals)
    if (!share.Principals.includes(p))
      fail('UnknownResourceException', `${p} is not associated with ${share.ResourceShareArn}.`);
  const writes: Write[] = [];
  for (const arn of share.Resources) {
    const gone = goneArns.includes(arn);
    const rdId = rdIdOfArn(arn);
    if (rdId) {
      writes.push(...(await rdRevokes(deps, share, rdId, gone ? share.Principals : gonePrincipals)));
      continue;
    }
    for (const g of await grantsOnPool(deps, poolIdOfArn(arn)))
      if (g.ShareId === share.ShareId && (gone || gonePrincipals.includes(g.Principal)))
        writes.push({ type: 'delete', ref: grantRef(g) });
  }
  const next: ResourceShareRecord = {
    ...share,
    Resources: share.Resources.filter((r) => !goneArns.includes(r)),
    Principals: share.Principals.filter((p) => !gonePrincipals.includes(p)),
    External: share.External.filter((p) => !gonePrincipals.includes(p)),
    LastUpdatedTime: deps.now(),
  };
  return { next, writes };
};

/** The deletes of an RD's grants to the accounts these principals cover. */
const rdRevokes = async (deps: Deps, share: ResourceShareRecord, rdId: string, principals: string[]) => {
  const org = await delegatedOrgOf(deps, share.OwningAccountId);
  const out: Write[] = [];
  const seen = new Set<string>();
  for (const p of principals) {
    const accounts = org
      ? (await expandPrincipal(deps, org, share.OwningAccountId, parsePrincipal(p))).accounts
      : [p];
    for (const principal of accounts) {
      if (seen.has(principal)) continue;
      seen.add(principal);
      if (await deps.store.get({ kind: 'rd-share', rdId, principal }))
        out.push({ type: 'delete', ref: { kind: 'rd-share', rdId, principal } });
    }
  }
  return out;
};

export const grantRef = (g: PoolGrantRecord) =>
  ({ kind: 'pool-grant', poolId: g.IpamPoolId, accountId: g.AccountId, shareId: g.ShareId }) as const;
