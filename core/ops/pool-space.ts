/** A pool's space: the root nodes of its provisioned CIDRs, and where its own space came from. */
import { parseCidr } from '../cidr';
import type { Cidr } from '../cidr/types';
import type { PoolCidrRecord, PoolRecord } from '../model';
import type { NodeKey } from '../space/node';
import type { Deps } from './context';

export const rootKey = (poolId: string, c: Cidr): NodeKey => ({
  space: poolId,
  version: c.version,
  start: c.start,
  prefix: c.prefix,
});

export interface PoolRoot {
  cidr: Cidr;
  record: PoolCidrRecord;
  root: NodeKey;
}

/** The provisioned CIDRs among `records`, in address order, with their root node keys. */
export const rootsOf = (pool: PoolRecord, records: PoolCidrRecord[]): PoolRoot[] =>
  records
    .filter((r) => r.State === 'provisioned')
    .map((record) => {
      const cidr = parseCidr(record.Cidr);
      return { cidr, record, root: rootKey(pool.IpamPoolId, cidr) };
    });

/** Provisioned CIDRs of a pool in address order, with their root node keys. */
export const poolRoots = async (deps: Deps, pool: PoolRecord): Promise<PoolRoot[]> =>
  rootsOf(pool, (await deps.store.getPool(pool.IpamPoolId)).cidrs);

export const contains = (outer: Cidr, inner: Cidr): boolean => {
  if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
  const shift = BigInt((outer.version === 4 ? 32 : 128) - outer.prefix);
  return inner.start >> shift === outer.start >> shift;
};
