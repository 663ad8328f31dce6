/**
 * `#/resources?scope=<id>`: the Resources view (F-MON-17/19/20/21): the scope's resource CIDRs
 * with every column of F-MON-19, IP version selector, a filter over any column, pages of 20, and
 * the row actions ignore / unignore (ModifyIpamResourceCidr Monitored) and move scope (F-RES-07:
 * DestinationIpamScopeId, another private scope of the same IPAM; the move happens at the next
 * discovery cycle, so the row says so until then).
 */
import { useState } from 'preact/hooks';
import { type Answer, callAll, callApi } from '../api';
import { go } from '../router';
import { loadScopes, pickScope, ScopeSelect } from '../scopes';
import type { Credentials } from '../session';
import { ErrorNote, html, idOfArn, inputText, Show, useAction, useLoad } from '../ui';

const PAGE = 20;

const COLUMNS: [string, (r: Answer) => string][] = [
  ['Name (resource ID)', (r) => [r.ResourceName, r.ResourceId].filter(Boolean).join(' ')],
  ['CIDR', (r) => r.ResourceCidr],
  ['Management state', (r) => r.ManagementState ?? '–'],
  ['Compliance status', (r) => r.ComplianceStatus ?? '–'],
  ['Overlap status', (r) => r.OverlapStatus ?? '–'],
  ['IP usage', (r) => (typeof r.IpUsage === 'number' ? `${Math.round(r.IpUsage * 1000) / 10}%` : '–')],
  ['Resource type', (r) => r.ResourceType],
  ['VPC ID', (r) => r.VpcId ?? '–'],
  ['Region', (r) => r.ResourceRegion ?? '–'],
  ['Owner', (r) => r.ResourceOwnerId ?? '–'],
  ['Pool', (r) => r.IpamPoolId ?? '–'],
];

interface RowProps {
  who: Credentials;
  scope: string;
  row: Answer;
  done: () => void;
}

const Ignore = ({ who, scope, row, done }: RowProps) => {
  const act = useAction();
  const ignored = row.ManagementState === 'ignored';
  const name = `${ignored ? 'Unignore' : 'Ignore'} ${row.ResourceCidr}`;
  const modify = () =>
    act.run(() =>
      callApi(who, 'ModifyIpamResourceCidr', {
        ResourceId: row.ResourceId,
        ResourceCidr: row.ResourceCidr,
        ResourceRegion: row.ResourceRegion,
        CurrentIpamScopeId: scope,
        Monitored: ignored,
      }).then(done),
    );
  return html`<button class="secondary" aria-label=${name} disabled=${act.busy} onClick=${modify}>${ignored ? 'Unignore' : 'Ignore'}</button><${ErrorNote} error=${act.error} />`;
};

/** F-RES-07: the other private scopes of the row's IPAM, and the move recorded for the next cycle. */
const Move = ({ who, scope, row, targets }: RowProps & { targets: Answer[] }) => {
  const act = useAction();
  const [to, setTo] = useState(targets[0]?.IpamScopeId ?? '');
  const [moved, setMoved] = useState('');
  if (targets.length === 0) return null;
  const move = () =>
    act.run(async () => {
      await callApi(who, 'ModifyIpamResourceCidr', {
        ResourceId: row.ResourceId,
        ResourceCidr: row.ResourceCidr,
        ResourceRegion: row.ResourceRegion,
        CurrentIpamScopeId: scope,
        DestinationIpamScopeId: to,
        Monitored: row.ManagementState !== 'ignored',
      });
      setMoved(to);
    });
  return html`<label>Move ${row.ResourceCidr} of ${row.ResourceId} to scope
      <select value=${to} onChange=${(e: Event) => setTo(inputText(e))}>${targets.map((s) => html`<option value=${s.IpamScopeId}>${s.IpamScopeId}${s.Description ? ` (${s.Description})` : ''}</option>`)}</select></label>
    <button class="secondary" aria-label=${`Move scope of ${row.ResourceId} ${row.ResourceCidr}`} disabled=${act.busy} onClick=${move}>Move scope</button>
    ${moved ? html`<p class="note" role="status">Moves to ${moved} at the next discovery cycle.</p>` : null}
    <${ErrorNote} error=${act.error} />`;
};

const Table = ({ who, scope, targets }: { who: Credentials; scope: string; targets: Answer[] }) => {
  const rows = useLoad(
    () => callAll(who, 'GetIpamResourceCidrs', { IpamScopeId: scope }, 'IpamResourceCidrs'),
    [who, scope],
  );
  const [filter, setFilter] = useState('');
  const [family, setFamily] = useState('all');
  const [page, setPage] = useState(0);
  return html`<div class="panel">
      <label>IP version <select value=${family} onChange=${(e: Event) => setFamily(inputText(e))}><option value="all">All</option><option value="4">IPv4</option><option value="6">IPv6</option></select></label>
      <label>Filter (any column) <input value=${filter} onInput=${(e: Event) => {
        setFilter(inputText(e));
        setPage(0);
      }} /></label>
    </div>
    <${Show} loaded=${rows}>${(all: Answer[]) => {
      const wanted = all.filter(
        (r) =>
          (family === 'all' || (family === '6') === String(r.ResourceCidr).includes(':')) &&
          COLUMNS.some(([, get]) => get(r).toLowerCase().includes(filter.toLowerCase())),
      );
      if (all.length === 0)
        return html`<p class="empty">No resource CIDRs in this scope yet: they appear after a discovery cycle (<a href="#/discovery">run discovery now</a>).</p>`;
      const pages = Math.max(1, Math.ceil(wanted.length / PAGE));
      return html`<table aria-label="Resource CIDRs">
          <thead><tr>${COLUMNS.map(([name]) => html`<th>${name}</th>`)}<th>Actions</th></tr></thead>
          <tbody>${wanted
            .slice(page * PAGE, (page + 1) * PAGE)
            .map(
              (r) =>
                html`<tr>${COLUMNS.map(([, get]) => html`<td>${get(r)}</td>`)}<td><${Ignore} who=${who} scope=${scope} row=${r} done=${rows.reload} /><${Move} who=${who} scope=${scope} row=${r} done=${rows.reload} targets=${targets} /></td></tr>`,
            )}</tbody></table>
        <p>${wanted.length} of ${all.length} resource CIDRs · page ${page + 1} of ${pages}
          <button class="secondary" disabled=${page === 0} onClick=${() => setPage(page - 1)}>Previous page</button>
          <button class="secondary" disabled=${page + 1 >= pages} onClick=${() => setPage(page + 1)}>Next page</button></p>`;
    }}<//>`;
};

/** Where a resource CIDR of `scope` may move: the other private scopes of its IPAM (F-RES-07). */
const moveTargets = (scopes: Answer[], scope: string): Answer[] => {
  const from = scopes.find((s) => s.IpamScopeId === scope);
  if (from?.IpamScopeType !== 'private') return [];
  return scopes.filter(
    (s) =>
      s.IpamScopeId !== scope &&
      s.IpamScopeType === 'private' &&
      idOfArn(s.IpamArn) === idOfArn(from.IpamArn),
  );
};

export const Resources = ({ who, scope }: { who: Credentials; scope: string | null }) => {
  const scopes = useLoad(() => loadScopes(who), [who]);
  return html`<h1>Resources</h1>
    <${Show} loaded=${scopes}>${(list: Answer[]) => {
      const id = pickScope(list, scope);
      if (!id) return html`<p class="empty">No IPAM yet: <a href="#/ipams">create an IPAM</a> first.</p>`;
      return html`<p><a href=${`#/resources/map?scope=${id}`}>CIDR map of these resources</a></p>
        <${ScopeSelect} scopes=${list} value=${id} onChange=${(s: string) => go(`#/resources?scope=${s}`)} />
        <${Table} key=${id} who=${who} scope=${id} targets=${moveTargets(list, id)} />`;
    }}<//>`;
};
