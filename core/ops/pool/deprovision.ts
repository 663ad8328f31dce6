/**
 * DeprovisionIpamPoolCidr (F-PCIDR-08) and the cascade helpers that return a pool's space to its
 * source. A CIDR with any allocation inside cannot go; space still in its reuse delay does not
 * count as an allocation and is dropped with the CIDR. The space goes back to the source pool or
 * scope at once (no reuse delay for child-pool space, F-ALLOC-09).
 */
import { BITS, type Cidr, contains, familyOf, formatCidr, parseCidr } from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type { PoolCidrPastRecord, PoolCidrRecord, PoolRecord } from '../../records';
import { STRIDE } from '../../space/geometry';
import { coolUntil, type NodeKey, type NodeView } from '../../space/node';
import { finalizeWrites } from '../../space/plan';
import { release } from '../allocation/allocator';
import { poolRoots, rootKey } from '../allocation/pool-space';
import { dryRun, required } from '../kit/common';
import { loadPool } from '../kit/loads';
import { cidrShape } from './cidr';
import { isPlanningPool, planGuardRelease } from './cidr-plan';
import { scopeRoot } from './scope-space';

/** Every node under a root, parents before children. */
const subtree = async (deps: Deps, root: NodeView): Promise<NodeView[][]> => {
  const paths: NodeView[][] = [[root]];
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i]!;
    const n = path[path.length - 1]!;
    for (const [h, count] of n.u) {
      if (h < 256 || count <= 0) continue;
      const size = 1n << BigInt(BITS[n.key.version] - n.key.prefix - STRIDE);
      const key: NodeKey = {
        ...n.key,
        start: n.key.start + BigInt(h - 256) * size,
        prefix: n.key.prefix + STRIDE,
      };
      const child = await deps.store.readNode(key, true);
      if (child) paths.push([...path, child]);
    }
  }
  return paths;
};

const liveClaims = (paths: NodeView[][]): number =>
  paths.reduce(
    (sum, p) => sum + [...p[p.length - 1]!.b.values()].filter((v) => coolUntil(v) === undefined).length,
    0,
  );

/** Drop every cooling entry under the root (deepest first), leaving an empty root. */
export const emptyRoot = async (deps: Deps, key: NodeKey, what: string): Promise<NodeView> => {
  for (let pass = 0; pass < 16; pass++) {
    const root = await deps.store.readNode(key, true);
    if (!root) fail('IncorrectState', `${what} is being changed concurrently; retry the request.`);
    const paths = await subtree(deps, root!);
    if (liveClaims(paths) > 0) fail('IncorrectState', `${what} still has allocations; release them first.`);
    if (paths.length === 1 && root!.b.size === 0 && !((root!.u.get(1) ?? 0) > 0)) return root!;
    for (const p of paths.reverse()) {
      const writes = finalizeWrites(p, Number.POSITIVE_INFINITY);
      if (writes.length > 0) await deps.store.commit(writes.map((write) => ({ type: 'node', write })));
    }
  }
  return fail('IncorrectState', `${what} is being changed concurrently; retry the request.`);
};

/** Writes and release that give `cidr` of `pool` back to where it came from. */
export const returnToSource = async (
  deps: Deps,
  pool: PoolRecord,
  rec: PoolCidrRecord,
  extra: Write[],
): Promise<boolean> => {
  const cidr = parseCidr(rec.Cidr);
  const value = rec._sourceAllocationId ?? rec.IpamPoolCidrId;
  let root: NodeKey;
  const more = [...extra];
  if (isPlanningPool(pool)) {
    // A planning pool's CIDR took no scope space, only its guard (F-POOL-10).
    const guard = await planGuardRelease(deps, pool, rec.Cidr);
    if (guard.length > 0) return (await deps.store.commit([...extra, ...guard])).ok;
  }
  if (pool.SourceIpamPoolId) {
    const parent = await deps.store.get<PoolRecord>({ kind: 'pool', id: pool.SourceIpamPoolId });
    const roots = parent ? await poolRoots(deps, parent) : [];
    const holder = roots.find((r) => contains(r.cidr, cidr));
    if (!parent || !holder) return (await deps.store.commit(extra)).ok;
    root = holder.root;
    more.push({ type: 'delete', ref: { kind: 'allocation', poolId: parent.IpamPoolId, cidr: rec.Cidr } });
  } else root = scopeRoot(pool.IpamScopeId, familyOf(pool.AddressFamily));
  const res = await release({ store: deps.store }, { root, block: cidr, value, extra: more });
  if (res.ok) return true;
  if (res.reason === 'not-held') return (await deps.store.commit(extra)).ok;
  return false;
};

/** The record that keeps a gone CIDR listed until its TTL. */
export const pastRecord = (
  deps: Deps,
  rec: PoolCidrRecord,
  State: PoolCidrPastRecord['State'],
  reason?: string,
): PoolCidrPastRecord => {
  const { _proof, _settleAt, ...rest } = rec;
  return {
    ...rest,
    kind: 'pool-cidr-past',
    State,
    // The model's failure codes are cidr-not-available and limit-exceeded: a range whose control
    // is not proven is not available to this account.
    ...(reason ? { FailureReason: { Code: 'cidr-not-available' as const, Message: reason } } : {}),
    ttl: Math.ceil((deps.now() + deps.config.pastCidrTtlMs) / 1000),
    _v: 1,
    _created: deps.now(),
  };
};

export const deprovisionIpamPoolCidr = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamPoolId?: string; Cidr?: string },
): Promise<{ IpamPoolCidr: object }> => {
  required(input.IpamPoolId, 'IpamPoolId');
  const text = required(input.Cidr, 'Cidr');
  const pool = await loadPool(deps, caller, input.IpamPoolId);
  const cidr: Cidr = parseCidr(text, familyOf(pool.AddressFamily));
  const rec = await deps.store.get<PoolCidrRecord>({
    kind: 'pool-cidr',
    poolId: pool.IpamPoolId,
    cidr: formatCidr(cidr),
  });
  if (!rec)
    fail('InvalidParameterValue', `${formatCidr(cidr)} is not provisioned to pool ${pool.IpamPoolId}.`);
  const what = `CIDR ${rec!.Cidr} of pool ${pool.IpamPoolId}`;
  if (rec!.State !== 'provisioned')
    fail('IncorrectState', `${what} is ${rec!.State}; wait until it is provisioned.`);
  // F-BYOIP-13: withdraw the advertisement first.
  if (rec!._advert) fail('IncorrectState', `${what} is advertised; withdraw it first.`);
  // F-ASN-11: and disassociate its ASNs.
  if ((rec!._asns ?? []).length > 0)
    fail(
      'IncorrectState',
      `${what} is associated with ASN ${rec!._asns!.join(', ')}; disassociate it first.`,
    );
  const key = rootKey(pool.IpamPoolId, cidr);
  const probe = await deps.store.readNode(key, true);
  if (probe && liveClaims(await subtree(deps, probe)) > 0)
    fail('IncorrectState', `${what} still has allocations; release them first.`);
  dryRun(input);
  const root = await emptyRoot(deps, key, what);
  const own: Write[] = [
    { type: 'node', write: { kind: 'delete', key, expectVersion: root.v } },
    {
      type: 'delete',
      ref: { kind: 'pool-cidr', poolId: pool.IpamPoolId, cidr: rec!.Cidr },
      expectVersion: rec!._v,
    },
    { type: 'counter', ref: { kind: 'pool', id: pool.IpamPoolId }, field: '_cidrCount', delta: -1 },
    // Listed as deprovisioned for a while, so "wait until deprovisioned" loops end (F-PCIDR-02).
    { type: 'create', record: pastRecord(deps, rec!, 'deprovisioned') },
  ];
  if (!(await returnToSource(deps, pool, rec!, own)))
    fail('IncorrectState', `${what} changed while it was being deprovisioned; retry the request.`);
  return { IpamPoolCidr: { ...cidrShape(rec!), State: 'deprovisioned' } };
};
