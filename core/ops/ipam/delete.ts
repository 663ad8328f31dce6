/**
 * DeleteIpam (F-IPAM-07/08/09). Without cascade the IPAM must be empty and goes in one atomic
 * unit of work. With cascade (refused while the public scope has pools) the IPAM and its scopes
 * are first marked delete-in-progress (ipam-cascade.ts), then its pools, scopes and the IPAM are
 * removed; allocations end
 * with their pools and resources keep their CIDRs. Either way its default RD and every association
 * go with it; other RDs stay with their owners (F-IPAM-09, F-RDA-05).
 */
import { fail } from '../../errors';
import type { Deps, Write } from '../../ports';
import type { IpamRecord, PoolRecord, ScopeRecord } from '../../records';
import { ipamRdDeletes } from '../discovery/common';
import { purgePools } from '../pool/purge';
import { scopeRoot } from '../pool/scope-space';
import { listAssociations, markIpamContents } from './cascade';
import { ipamGuards } from './rules';

export const scopeSpaceDeletes = async (deps: Deps, scopeId: string): Promise<Write[]> => {
  const out: Write[] = [];
  for (const v of [4, 6] as const) {
    const n = await deps.store.readNode(scopeRoot(scopeId, v), true);
    if (n) out.push({ type: 'node', write: { kind: 'delete', key: n.key, expectVersion: n.v } });
  }
  return out;
};

export const deleteIpamData = async (
  deps: Deps,
  ipam: IpamRecord,
  cascade: boolean,
  dryRun: () => void,
): Promise<IpamRecord> => {
  const { scopes, pools } = await ipamGuards(deps, ipam);
  const guard = {
    type: 'delete' as const,
    ref: { kind: 'unique' as const, name: `ipam#${ipam.OwnerId}#${ipam.IpamRegion}` },
  };
  if (!cascade) {
    const extra = scopes.filter((s) => !s.IsDefault);
    if (extra.length > 0 || pools.length > 0) {
      fail(
        'IncorrectState',
        `The IPAM still has ${pools.length} pool(s) and ${extra.length} non-default scope(s); delete them first or use Cascade.`,
      );
    }
    dryRun();
    const writes: Write[] = [
      { type: 'delete', ref: { kind: 'ipam', id: ipam.IpamId }, expectVersion: ipam._v },
      guard,
      ...(await ipamRdDeletes(deps, ipam)),
    ];
    for (const s of scopes) {
      writes.push({ type: 'delete', ref: { kind: 'scope', id: s.IpamScopeId }, requireZero: ['PoolCount'] });
      writes.push(...(await scopeSpaceDeletes(deps, s.IpamScopeId)));
    }
    const res = await deps.store.commit(writes);
    if (!res.ok) fail('IncorrectState', 'The IPAM changed while it was being deleted; retry the request.');
    return { ...ipam, State: 'delete-complete' };
  }
  const refuse = (publicPools: PoolRecord[]): never =>
    fail(
      'IncorrectState',
      `Cascade delete is refused while the public scope has pools: ${publicPools.map((p) => p.IpamPoolId).join(', ')}.`,
    );
  const publicPools = pools.filter((p) => p.IpamScopeType === 'public');
  if (publicPools.length > 0) refuse(publicPools);
  dryRun();
  const marked: IpamRecord = { ...ipam, State: 'delete-in-progress' };
  const res = await deps.store.commit([{ type: 'replace', record: marked, expectVersion: ipam._v }]);
  if (!res.ok) fail('IncorrectState', 'The IPAM changed while it was being deleted; retry the request.');
  const contents = await markIpamContents(deps, ipam, { ...marked, _v: ipam._v + 1 }, refuse);
  await purgePools(deps, contents.pools);
  const associations = await listAssociations(deps, ipam);
  const rdRefs = (await ipamRdDeletes(deps, ipam, associations)).flatMap((w) =>
    w.type === 'delete' ? [w.ref] : [],
  );
  await deps.store.purge([
    ...rdRefs,
    ...contents.scopes.map((s: ScopeRecord) => ({ kind: 'scope' as const, id: s.IpamScopeId })),
    { kind: 'ipam', id: ipam.IpamId },
    guard.ref,
  ]);
  for (const s of contents.scopes) await deps.store.purgeSpace(s.IpamScopeId);
  return { ...ipam, State: 'delete-complete' };
};
