/**
 * `#/pools/<id>`: the pool page of F-MON-24: summary, CIDRs (provision with the source pool's
 * space preview of F-MON-25, deprovision), allocations (preview of the next CIDR, allocate,
 * release), tags, its metrics over the last day, and the way to its CIDR map.
 */
import { type Answer, callAll, callApi } from '../api';
import { go } from '../router';
import type { Credentials } from '../session';
import { ConfirmDelete, html, idOfArn, Show, useLoad } from '../ui';
import { Allocations } from './pool-allocations';
import { Cidrs } from './pool-cidrs';
import { Monitoring } from './pool-monitoring';
import { Tags } from './pool-tags';

export interface PoolData {
  pool: Answer;
  cidrs: Answer[];
  allocations: Answer[];
  /** The source pool's CIDRs and allocations, for the space preview (child pools only). */
  source?: { cidrs: Answer[]; allocations: Answer[] };
}

// The pool first: a pool the caller may not see is one refusal, not three.
const poolAndSpace = async (who: Credentials, id: string) => {
  const pools = await callApi(who, 'DescribeIpamPools', { IpamPoolIds: [id] });
  const [cidrs, allocations] = await Promise.all([
    callAll(who, 'GetIpamPoolCidrs', { IpamPoolId: id }, 'IpamPoolCidrs'),
    callAll(who, 'GetIpamPoolAllocations', { IpamPoolId: id, MaxResults: 1000 }, 'IpamPoolAllocations', 200),
  ]);
  return { pool: pools.IpamPools[0] as Answer, cidrs, allocations };
};

export const loadPool = async (who: Credentials, id: string): Promise<PoolData> => {
  const data = await poolAndSpace(who, id);
  const sourceId = data.pool.SourceIpamPoolId as string | undefined;
  return sourceId ? { ...data, source: await poolAndSpace(who, sourceId) } : data;
};

const Summary = ({ pool }: { pool: Answer }) => {
  const rows: [string, unknown][] = [
    ['Pool ID', pool.IpamPoolId],
    ['Description', pool.Description ?? '–'],
    ['IPAM ID', idOfArn(pool.IpamArn)],
    ['Scope ID', idOfArn(pool.IpamScopeArn)],
    ['Pool ARN', pool.IpamPoolArn],
    ['Owner ID', pool.OwnerId],
    ['Address family', pool.AddressFamily],
    ['Locale', pool.Locale ?? 'None'],
    ['Source pool', pool.SourceIpamPoolId ?? '–'],
    ['State', pool.State],
  ];
  return html`<dl class="summary" aria-label="Pool summary">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
};

export const PoolPage = ({ who, poolId }: { who: Credentials; poolId: string }) => {
  const data = useLoad(() => loadPool(who, poolId), [who, poolId]);
  return html`<${Show} loaded=${data}>${(d: PoolData) =>
    d.pool === undefined
      ? html`<p class="empty">There is no pool ${poolId} in ${who.region} that you can see. <a href="#/pools">Back to pools</a>.</p>`
      : html`<h1>Pool ${poolId}</h1>
        <p><a href=${`#/pools/${poolId}/map`}>CIDR map of this pool</a> · <a href="#/pools">All pools</a></p>
        <${Summary} pool=${d.pool} />
        <${Cidrs} who=${who} data=${d} reload=${data.reload} />
        <${Allocations} who=${who} data=${d} reload=${data.reload} />
        <${Tags} who=${who} pool=${d.pool} reload=${data.reload} />
        <${Monitoring} who=${who} poolId=${poolId} />
        <h2>Delete pool</h2>
        <${ConfirmDelete} what=${poolId}
          onDelete=${() => callApi(who, 'DeleteIpamPool', { IpamPoolId: poolId, Cascade: true }).then(() => go('#/pools'))} />`}<//>`;
};
