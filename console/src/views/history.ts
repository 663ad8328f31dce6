/**
 * `#/history?cidr=…&scope=…&days=…`: address history search (F-HIST-13): who held exactly this
 * CIDR in the scope during the time range (the last 7 days unless chosen): a timeline of the holds
 * (history-timeline.ts), then the records newest first.
 */
import { useState } from 'preact/hooks';
import { type Answer, callAll } from '../api';
import { go } from '../router';
import { loadScopes, pickScope, ScopeSelect } from '../scopes';
import type { Credentials } from '../session';
import { html, inputText, Show, useLoad } from '../ui';
import { Timeline } from './history-timeline';

const when = (t?: string) => (t ? `${t.slice(0, 19).replace('T', ' ')} UTC` : 'now');

const RANGES: [number, string][] = [
  [1, 'Last day'],
  [7, 'Last 7 days'],
  [30, 'Last 30 days'],
  [365, 'Last year'],
];

const Records = ({
  who,
  cidr,
  scope,
  days,
}: {
  who: Credentials;
  cidr: string;
  scope: string;
  days: number;
}) => {
  const records = useLoad(async () => {
    const t1 = Date.now();
    const t0 = t1 - days * 86_400_000;
    const StartTime = new Date(t0).toISOString();
    const list = await callAll(
      who,
      'GetIpamAddressHistory',
      { Cidr: cidr, IpamScopeId: scope, StartTime },
      'HistoryRecords',
    );
    return { list, t0, t1 };
  }, [who, cidr, scope, days]);
  return html`<${Show} loaded=${records}>${({ list, t0, t1 }: { list: Answer[]; t0: number; t1: number }) =>
    list.length === 0
      ? html`<p class="empty">No resource held ${cidr} in this scope. History is exact: search the CIDR a resource used (a VPC's or subnet's CIDR), or a single address.</p>`
      : html`<h2>Timeline of ${cidr}</h2>
        <${Timeline} cidr=${cidr} records=${list} t0=${t0} t1=${t1} />
        <table aria-label="Address history">
          <thead><tr><th>From</th><th>Until</th><th>Resource</th><th>Type</th><th>CIDR</th><th>Owner</th><th>Region</th><th>VPC</th><th>Compliance</th><th>Overlap</th></tr></thead>
          <tbody>${list.map(
            (
              r,
            ) => html`<tr><td>${when(r.SampledStartTime)}</td><td>${when(r.SampledEndTime)}</td><td>${[r.ResourceName, r.ResourceId].filter(Boolean).join(' ')}</td>
              <td>${r.ResourceType}</td><td>${r.ResourceCidr}</td><td>${r.ResourceOwnerId}</td><td>${r.ResourceRegion}</td><td>${r.VpcId ?? '–'}</td>
              <td>${r.ResourceComplianceStatus}</td><td>${r.ResourceOverlapStatus}</td></tr>`,
          )}</tbody></table>`}<//>`;
};

export const History = (props: { who: Credentials; cidr: string; scope: string | null; days: number }) => {
  const { who, cidr, scope, days } = props;
  const scopes = useLoad(() => loadScopes(who), [who]);
  const [typed, setTyped] = useState(cidr);
  const [range, setRange] = useState(days);
  return html`<h1>Address history</h1>
    <${Show} loaded=${scopes}>${(list: Answer[]) => {
      const id = pickScope(list, scope);
      if (!id) return html`<p class="empty">No IPAM yet: <a href="#/ipams">create an IPAM</a> first.</p>`;
      let chosen = id;
      const search = (e: Event) => {
        e.preventDefault();
        go(`#/history?cidr=${encodeURIComponent(typed.trim())}&scope=${chosen}&days=${range}`);
      };
      return html`<form onSubmit=${search} aria-label="Search history">
          <label>CIDR or address <input value=${typed} onInput=${(e: Event) => setTyped(inputText(e))} required /></label>
          <${ScopeSelect} scopes=${list} value=${id} onChange=${(s: string) => {
            chosen = s;
          }} />
          <label>Time range <select value=${range} onChange=${(e: Event) => setRange(Number(inputText(e)))}>
            ${RANGES.map(([d, name]) => html`<option value=${d}>${name}</option>`)}</select></label>
          <button>Search</button>
        </form>
        ${cidr && html`<${Records} key=${`${cidr} ${id} ${days}`} who=${who} cidr=${cidr} scope=${id} days=${days} />`}`;
    }}<//>`;
};
