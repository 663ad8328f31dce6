/**
 * `#/pools`: every pool as a tree (source pool → child pools) with its utilisation bar (from
 * GetIpamMetrics, one call per scope), and the create-pool form, which provisions a first CIDR
 * from the source pool with its space preview (F-MON-25) when one is given.
 */
import { useState } from 'preact/hooks';
import { type Answer, callAll, callApi } from '../api';
import { go } from '../router';
import type { Credentials } from '../session';
import { Bar, ErrorNote, formValues, html, inputText, Show, useAction, useLoad } from '../ui';
import { loadSpace } from './pool';
import { SpacePreview } from './pool-space-preview';

interface PoolsData {
  pools: Answer[];
  scopes: Answer[];
  /** Percent of each pool's provisioned space in use, by pool id. */
  used: Map<string, number>;
}

const loadPools = async (who: Credentials): Promise<PoolsData> => {
  const [pools, scopes] = await Promise.all([
    callAll(who, 'DescribeIpamPools', {}, 'IpamPools'),
    callAll(who, 'DescribeIpamScopes', {}, 'IpamScopes'),
  ]);
  const withPools = scopes.filter((s) => pools.some((p) => p.IpamScopeId === s.IpamScopeId));
  const figures = await Promise.all(
    withPools.map((s) => callApi(who, 'GetIpamMetrics', { IpamScopeId: s.IpamScopeId })),
  );
  const used = new Map<string, number>();
  for (const f of figures)
    for (const p of (f.Pools ?? []) as Answer[])
      if (typeof p.PercentAvailable === 'number')
        used.set(p.IpamPoolId, Math.round((100 - p.PercentAvailable) * 10) / 10);
  return { pools, scopes, used };
};

const Tree = ({ pools, parent, used }: { pools: Answer[]; parent?: string; used: Map<string, number> }) => {
  const level = pools.filter((p) =>
    parent
      ? p.SourceIpamPoolId === parent
      : !p.SourceIpamPoolId || !pools.some((q) => q.IpamPoolId === p.SourceIpamPoolId),
  );
  if (level.length === 0) return null;
  return html`<ul class="tree" role=${parent ? 'group' : 'tree'} aria-label=${parent ? undefined : 'Pools'}>
    ${level.map(
      (p) => html`<li role="treeitem" aria-selected="false" key=${p.IpamPoolId}>
        <a href=${`#/pools/${p.IpamPoolId}`}>${p.IpamPoolId}</a>
        ${p.Description ? ` ${p.Description}` : ''} · ${p.AddressFamily} · ${p.Locale ?? 'None'} · ${p.State}
        ${' '}<${Bar} percent=${used.get(p.IpamPoolId) ?? 0} label=${`${p.IpamPoolId} used`} />
        <${Tree} pools=${pools} parent=${p.IpamPoolId} used=${used} />
      </li>`,
    )}
  </ul>`;
};

const CreatePool = ({ who, data, done }: { who: Credentials; data: PoolsData; done: () => void }) => {
  const [scope, setScope] = useState(
    data.scopes.find((s) => s.IsDefault && s.IpamScopeType === 'private')?.IpamScopeId ?? '',
  );
  const [source, setSource] = useState('');
  const [cidr, setCidr] = useState('');
  const space = useLoad(async () => (source ? loadSpace(who, source) : undefined), [who, source]);
  const act = useAction();
  const submit = (e: Event) => {
    const v = formValues(e);
    void act.run(async () => {
      const { IpamPool } = await callApi(who, 'CreateIpamPool', {
        IpamScopeId: v.scope,
        AddressFamily: v.family,
        ...(v.source ? { SourceIpamPoolId: v.source } : {}),
        ...(v.locale ? { Locale: v.locale } : {}),
        ...(v.description ? { Description: v.description } : {}),
      });
      done();
      // A refused CIDR leaves the pool created (in the tree) and says why next to the form.
      if (v.source && v.cidr)
        await callApi(who, 'ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: v.cidr });
      go(`#/pools/${IpamPool.IpamPoolId}`);
    });
  };
  return html`<form onSubmit=${submit} aria-label="Create pool">
    <label>Scope <select name="scope" value=${scope} onChange=${(e: Event) => setScope(inputText(e))}>
      ${data.scopes.map((s) => html`<option value=${s.IpamScopeId}>${s.IpamScopeId} (${s.IpamScopeType})</option>`)}
    </select></label>
    <label>Address family <select name="family"><option>ipv4</option><option>ipv6</option></select></label>
    <label>Source pool <select name="source" value=${source} onChange=${(e: Event) => setSource(inputText(e))}><option value="">none (top-level pool)</option>
      ${data.pools.filter((p) => p.IpamScopeId === scope).map((p) => html`<option value=${p.IpamPoolId}>${p.IpamPoolId} ${p.Description ?? ''}</option>`)}
    </select></label>
    ${source && html`<label>CIDR to provision from the source pool (optional) <input name="cidr" value=${cidr} onInput=${(e: Event) => setCidr(inputText(e))} /></label>`}
    ${space.data && html`<${SpacePreview} source=${space.data} cidr=${cidr} />`}
    <${ErrorNote} error=${space.error} />
    <label>Locale <input name="locale" placeholder="none, or a region such as us-east-1" /></label>
    <label>Description <input name="description" /></label>
    <button disabled=${act.busy || !scope}>Create pool</button>
    <${ErrorNote} error=${act.error} />
  </form>`;
};

export const Pools = ({ who }: { who: Credentials }) => {
  const data = useLoad(() => loadPools(who), [who]);
  return html`<h1>Pools</h1>
    <${Show} loaded=${data}>${(d: PoolsData) => html`
      ${
        d.scopes.length === 0
          ? html`<p class="empty">No scope to put a pool in: <a href="#/ipams">create an IPAM</a> first.</p>`
          : d.pools.length === 0
            ? html`<p class="empty">No pools yet. Create a top-level pool below, then provision a CIDR to it.</p>`
            : html`<${Tree} pools=${d.pools} used=${d.used} />`
      }
      ${d.scopes.length > 0 && html`<h2>Create pool</h2><${CreatePool} who=${who} data=${d} done=${data.reload} />`}`}<//>`;
};
