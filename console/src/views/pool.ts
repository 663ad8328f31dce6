/**
 * `#/pools/<id>`: the pool page of F-MON-24: summary, CIDRs (provision with the source pool's
 * space preview of F-MON-25, deprovision), allocations (preview of the next CIDR, allocate,
 * release), the resources it manages and their compliance and overlap, tags, its AWS RAM shares,
 * its metrics over the last day, what stands for alarms, and the way to its CIDR map. The page renders
 * with the first 1,000 allocations and reads the rest page by page behind it, saying so.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, type ApiError, atLocale, callAll, callApi } from '../api';
import { type Progress, readOn } from '../paging';
import { go } from '../router';
import type { Credentials } from '../session';
import { ConfirmDelete, ErrorNote, html, idOfArn, type Loaded, Show, useLoad } from '../ui';
import { Allocations } from './pool-allocations';
import { Cidrs } from './pool-cidrs';
import { Monitoring } from './pool-monitoring';
import { PoolResources } from './pool-resources';
import { PoolSharing } from './pool-sharing';
import { Tags } from './pool-tags';

export interface PoolData {
  pool: Answer;
  cidrs: Answer[];
  allocations: Answer[];
  /** The NextToken of the allocations still to read (the page shows the first page at once). */
  more?: string;
  /** The source pool's CIDRs and allocations, for the space preview (child pools only). */
  source?: { cidrs: Answer[]; allocations: Answer[] };
}

const PAGE = 1000;

// The pool first: a pool the caller may not see is one refusal, not three.
const poolAndSpace = async (who: Credentials, id: string) => {
  const pools = await callApi(who, 'DescribeIpamPools', { IpamPoolIds: [id] });
  const [cidrs, first] = await Promise.all([
    callAll(who, 'GetIpamPoolCidrs', { IpamPoolId: id }, 'IpamPoolCidrs'),
    callApi(atLocale(who, pools.IpamPools[0]), 'GetIpamPoolAllocations', {
      IpamPoolId: id,
      MaxResults: PAGE,
    }),
  ]);
  return {
    pool: pools.IpamPools[0] as Answer,
    cidrs,
    allocations: (first.IpamPoolAllocations ?? []) as Answer[],
    more: first.NextToken as string | undefined,
  };
};

/** Every allocation of `pool` after the page behind `token`. */
const restOf = (who: Credentials, pool: Answer, token: string | undefined) =>
  token
    ? callAll(
        atLocale(who, pool),
        'GetIpamPoolAllocations',
        { IpamPoolId: pool.IpamPoolId, MaxResults: PAGE, NextToken: token },
        'IpamPoolAllocations',
        200,
      )
    : Promise.resolve([]);

/** A source pool's CIDRs and every one of its allocations, for the space preview of F-MON-25. */
export const loadSpace = async (who: Credentials, id: string): Promise<NonNullable<PoolData['source']>> => {
  const space = await poolAndSpace(who, id);
  const rest = await restOf(who, space.pool, space.more);
  return { cidrs: space.cidrs, allocations: [...space.allocations, ...rest] };
};

export const loadPool = async (who: Credentials, id: string): Promise<PoolData> => {
  const data = await poolAndSpace(who, id);
  const sourceId = data.pool.SourceIpamPoolId as string | undefined;
  return sourceId ? { ...data, source: await loadSpace(who, sourceId) } : data;
};

interface Rest extends Progress<Answer> {
  /** The first page these rows follow (rows of an earlier load are not shown with a new one). */
  after?: PoolData;
  error?: ApiError;
}

/** The pages after the first, read one after another and shown as they arrive. */
const useRest = (who: Credentials, id: string, loaded: Loaded<PoolData>): Rest => {
  const [rest, setRest] = useState<Rest>({ items: [], pages: 1 });
  useEffect(() => {
    let live = true;
    const after = loaded.data;
    let now: Rest = { after, items: [], pages: 1, token: after?.more };
    setRest(now);
    const page = async (token: string) => {
      const answer = await callApi(atLocale(who, after?.pool), 'GetIpamPoolAllocations', {
        IpamPoolId: id,
        MaxResults: PAGE,
        NextToken: token,
      });
      return { items: (answer.IpamPoolAllocations ?? []) as Answer[], token: answer.NextToken };
    };
    const shown = (p: Progress<Answer>) => {
      now = { after, ...p };
      setRest(now);
    };
    readOn(page, now.token, shown, () => live).catch((e: ApiError) => live && setRest({ ...now, error: e }));
    return () => {
      live = false;
    };
  }, [loaded.data]);
  return rest.after === loaded.data ? rest : { items: [], pages: 1, token: loaded.data?.more };
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

const Reading = ({ rest, shown }: { rest: Rest; shown: number }) =>
  rest.error
    ? html`<${ErrorNote} error=${rest.error} />`
    : rest.token
      ? html`<p class="note" role="status" aria-label="Allocations loading">Loading allocations: page ${rest.pages + 1} after ${shown.toLocaleString('en-US')} read…</p>`
      : null;

export const PoolPage = ({ who, poolId }: { who: Credentials; poolId: string }) => {
  const data = useLoad(() => loadPool(who, poolId), [who, poolId]);
  const rest = useRest(who, poolId, data);
  return html`<${Show} loaded=${data}>${(first: PoolData) => {
    const d = { ...first, allocations: [...first.allocations, ...rest.items], more: rest.token };
    return d.pool === undefined
      ? html`<p class="empty">There is no pool ${poolId} in ${who.region} that you can see. <a href="#/pools">Back to pools</a>.</p>`
      : html`<h1>Pool ${poolId}</h1>
        <p><a href=${`#/pools/${poolId}/map`}>CIDR map of this pool</a> · <a href="#/pools">All pools</a></p>
        <${Summary} pool=${d.pool} />
        <${Cidrs} who=${who} data=${d} reload=${data.reload} />
        <${Reading} rest=${rest} shown=${d.allocations.length} />
        <${Allocations} who=${who} data=${d} reload=${data.reload} />
        <${PoolResources} who=${who} pool=${d.pool} />
        <${Tags} who=${who} pool=${d.pool} reload=${data.reload} />
        <${PoolSharing} who=${who} pool=${d.pool} />
        <${Monitoring} who=${who} poolId=${poolId} />
        <h2>Delete pool</h2>
        <${ConfirmDelete} what=${poolId}
          onDelete=${() => callApi(who, 'DeleteIpamPool', { IpamPoolId: poolId, Cascade: true }).then(() => go('#/pools'))} />`;
  }}<//>`;
};
