/** A pool's space: the root nodes of its provisioned CIDRs, and where its own space came from. */
import { type Cidr, formatCidr, parseCidr as parse } from '../../cidr';
import type { Deps, Write } from '../../ports';
import { type CidrProof, DELETING, type PoolCidrRecord, type PoolRecord } from '../../records';
import { emptyNode, type NodeKey } from '../../space/node';

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
      const cidr = parse(record.Cidr);
      return { cidr, record, root: rootKey(pool.IpamPoolId, cidr) };
    });

/** Provisioned CIDRs of a pool in address order, with their root node keys. */
export const poolRoots = async (deps: Deps, pool: PoolRecord): Promise<PoolRoot[]> =>
  rootsOf(pool, (await deps.store.getPool(pool.IpamPoolId)).cidrs);

/**
 * A newly provisioned CIDR of `pool`: its record, and the writes that store it with an empty root
 * node and count it against the pool's CIDR quota.
 */
export const newPoolCidr = (
  deps: Deps,
  pool: PoolRecord,
  cidrId: string,
  block: Cidr,
  sourceAllocationId?: string,
  proof?: CidrProof,
): { record: PoolCidrRecord; writes: Write[] } => {
  const record: PoolCidrRecord = {
    kind: 'pool-cidr',
    IpamPoolId: pool.IpamPoolId,
    IpamPoolCidrId: cidrId,
    Cidr: formatCidr(block),
    NetmaskLength: block.prefix,
    // A BYOIP CIDR waits for its proof of control (F-BYOIP-09); the rest is provisioned at once.
    State: proof ? 'pending-provision' : 'provisioned',
    ...(sourceAllocationId !== undefined ? { _sourceAllocationId: sourceAllocationId } : {}),
    ...(proof ? { _proof: proof, _settleAt: deps.now() + deps.config.provisionSettleMs } : {}),
    _v: 1,
    _created: deps.now(),
  };
  return {
    record,
    writes: [
      { type: 'create', record },
      {
        type: 'node',
        write: { kind: 'put', node: emptyNode(rootKey(pool.IpamPoolId, block)), expectVersion: null },
      },
      {
        type: 'counter',
        ref: { kind: 'pool', id: pool.IpamPoolId },
        field: '_cidrCount',
        delta: 1,
        limit: deps.config.quotas.cidrsPerPool,
        // A cascade delete lists the pool's CIDRs once it is marked: none may be added after.
        unlessState: DELETING,
      },
    ],
  };
};
