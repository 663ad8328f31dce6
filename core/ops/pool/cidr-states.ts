/**
 * How a pool CIDR's state moves after the request (F-PCIDR-02, F-BYOIP-09), and GetIpamPoolCidrs,
 * which shows it. A BYOIP CIDR is stored `pending-provision` with its space claimed (so nothing
 * overlaps it) but outside the pool's allocatable roots. The first read of the pool's CIDRs after
 * `provisionSettleMs` settles it [self-hosted, decision]: the proof of control is verified then
 * (DNS, RDAP), and the CIDR becomes `provisioned`, or `failed-provision` with its space returned.
 * Settling on read needs no scheduler and ends every "wait until provisioned" loop; concurrent
 * readers race on the record's version and the loser's write is dropped. Deprovisioned and failed
 * CIDRs stay listed for `pastCidrTtlMs`, as EC2 lists them.
 */
import { parseCidr } from '../../cidr';
import type { Caller, Deps, Write } from '../../ports';
import { isPastLive, type PoolCidrPastRecord, type PoolCidrRecord, type PoolRecord } from '../../records';
import { rootKey } from '../allocation/pool-space';
import { dryRun, required } from '../kit/common';
import { filterPredicate, listAll, type PageInput, pageArray } from '../kit/listing';
import { proofProblem } from '../proof/verify';
import { loadVisiblePool } from '../sharing/grants';
import { cidrShape } from './cidr';
import { pastRecord, returnToSource } from './deprovision';

/** `failed-provision`: the live record, its (empty) root and its claim go; a past record stays. */
const failCidr = async (deps: Deps, pool: PoolRecord, rec: PoolCidrRecord, reason: string) => {
  const key = rootKey(pool.IpamPoolId, parseCidr(rec.Cidr));
  const root = await deps.store.readNode(key, true);
  const own: Write[] = [
    ...(root
      ? [{ type: 'node' as const, write: { kind: 'delete' as const, key, expectVersion: root.v } }]
      : []),
    {
      type: 'delete',
      ref: { kind: 'pool-cidr', poolId: pool.IpamPoolId, cidr: rec.Cidr },
      expectVersion: rec._v,
    },
    { type: 'counter', ref: { kind: 'pool', id: pool.IpamPoolId }, field: '_cidrCount', delta: -1 },
    { type: 'create', record: pastRecord(deps, rec, 'failed-provision', reason) },
  ];
  await returnToSource(deps, pool, rec, own);
};

const isDue = (deps: Deps, r: PoolCidrRecord) =>
  r.State === 'pending-provision' && (r._settleAt ?? 0) <= deps.now();

/** Settles the pool's pending CIDRs whose time has come; true when any was due. */
export const settleCidrs = async (
  deps: Deps,
  pool: PoolRecord,
  records: PoolCidrRecord[],
): Promise<boolean> => {
  const due = records.filter((r) => isDue(deps, r));
  for (const rec of due) {
    const problem = rec._proof ? await proofProblem(deps, parseCidr(rec.Cidr), rec._proof) : undefined;
    if (problem) {
      await failCidr(deps, pool, rec, problem);
      continue;
    }
    const { _proof, _settleAt, ...rest } = rec;
    await deps.store.commit([
      { type: 'replace', record: { ...rest, State: 'provisioned', _v: rec._v + 1 }, expectVersion: rec._v },
    ]);
  }
  return due.length > 0;
};

const byAddress = (a: { Cidr: string }, b: { Cidr: string }) => {
  const [x, y] = [parseCidr(a.Cidr), parseCidr(b.Cidr)];
  return x.start === y.start ? x.prefix - y.prefix : x.start < y.start ? -1 : 1;
};

export const getIpamPoolCidrs = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean; IpamPoolId?: string },
): Promise<{ IpamPoolCidrs: object[]; NextToken?: string }> => {
  required(input.IpamPoolId, 'IpamPoolId');
  const keep = filterPredicate(input.Filters, ['Cidr', 'State', 'IpamPoolCidrId', 'NetmaskLength']);
  const pool = await loadVisiblePool(deps, caller, input.IpamPoolId);
  dryRun(input);
  const q = { kind: 'pool-cidr', poolId: pool.IpamPoolId } as const;
  let live = await listAll<PoolCidrRecord>(deps.store, q);
  if (await settleCidrs(deps, pool, live)) live = await listAll<PoolCidrRecord>(deps.store, q);
  const past = (
    await listAll<PoolCidrPastRecord>(deps.store, { kind: 'pool-cidr-past', poolId: pool.IpamPoolId })
  ).filter((r) => isPastLive(r, deps.now()));
  const shown = [...live, ...past].sort(byAddress).filter(keep).map(cidrShape);
  const page = pageArray(shown, input, `cidrs#${pool.IpamPoolId}`);
  return { IpamPoolCidrs: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};
