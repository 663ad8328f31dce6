/**
 * DeleteIpam (F-IPAM-07/08/09). Without cascade the IPAM must be empty and goes in one atomic
 * unit of work. With cascade (refused while the public scope has pools) the IPAM and its scopes
 * are first marked delete-in-progress (ipam-cascade.ts), then its pools, scopes and the IPAM are
 * removed; allocations end
 * with their pools and resources keep their CIDRs. Either way its default RD and every association
 * go with it; other RDs stay with their owners (F-IPAM-09, F-RDA-05). Its verification tokens go
 * too; an ASN still provisioned to it refuses the deletion.
 */
import { fail } from '../../errors';
import type { Deps, Write } from '../../ports';
import type {
  ByoasnRecord,
  IpamRecord,
  PoolRecord,
  ScopeRecord,
  VerificationTokenRecord,
} from '../../records';
import { ipamRdDeletes } from '../discovery/common';
import { listAll } from '../kit/listing';
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

/**
 * An ASN provisioned to the IPAM (or on its way) holds the deletion back: deleting the IPAM would
 * strand it, since DeprovisionIpamByoasn names the IPAM [decision].
 */
const refuseHeldAsns = async (deps: Deps, ipam: IpamRecord) => {
  const held = (await listAll<ByoasnRecord>(deps.store, { kind: 'byoasn', owner: ipam.OwnerId })).filter(
    (a) => a.IpamId === ipam.IpamId && (a.State === 'provisioned' || a.State === 'pending-provision'),
  );
  if (held.length > 0)
    fail(
      'IncorrectState',
      `The IPAM still has ASN ${held.map((a) => a.Asn).join(', ')} provisioned; deprovision it with DeprovisionIpamByoasn first.`,
    );
};

/** The IPAM's verification tokens, which go with it. */
const tokenRefs = async (deps: Deps, ipam: IpamRecord) =>
  (
    await listAll<VerificationTokenRecord>(deps.store, { kind: 'verification-token', ipamId: ipam.IpamId })
  ).map((t) => ({ kind: 'verification-token' as const, id: t.IpamExternalResourceVerificationTokenId }));

/** Without cascade: an IPAM with only its default scopes goes in one unit of work. */
const deleteEmptyIpam = async (
  deps: Deps,
  ipam: IpamRecord,
  { scopes, pools }: { scopes: ScopeRecord[]; pools: PoolRecord[] },
  guard: Write,
  dryRun: () => void,
): Promise<IpamRecord> => {
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
  const tokens = await tokenRefs(deps, ipam);
  const res = await deps.store.commit(writes);
  if (!res.ok) fail('IncorrectState', 'The IPAM changed while it was being deleted; retry the request.');
  await deps.store.purge(tokens);
  return { ...ipam, State: 'delete-complete' };
};

export const deleteIpamData = async (
  deps: Deps,
  ipam: IpamRecord,
  cascade: boolean,
  dryRun: () => void,
): Promise<IpamRecord> => {
  const { scopes, pools } = await ipamGuards(deps, ipam);
  await refuseHeldAsns(deps, ipam);
  const guard = {
    type: 'delete' as const,
    ref: { kind: 'unique' as const, name: `ipam#${ipam.OwnerId}#${ipam.IpamRegion}` },
  };
  if (!cascade) return deleteEmptyIpam(deps, ipam, { scopes, pools }, guard, dryRun);
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
    ...(await tokenRefs(deps, ipam)),
    { kind: 'ipam', id: ipam.IpamId },
    guard.ref,
  ]);
  for (const s of contents.scopes) await deps.store.purgeSpace(s.IpamScopeId);
  return { ...ipam, State: 'delete-complete' };
};
