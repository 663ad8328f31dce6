/**
 * `#/?scope=<id>`: the dashboard (F-MON-01..16): the scope's utilisation, its resource CIDRs by
 * management, compliance and overlap, the fullest and emptiest pools, the fullest pool's
 * PercentAssigned and PercentAllocated and the scope's overlapping, compliant and noncompliant
 * counts over the last day, from GetIpamMetricData. Which widgets show is the user's
 * choice, kept in this browser per access key (F-MON-02).
 */
import { useState } from 'preact/hooks';
import { type Answer, callApi } from '../api';
import { LineChart } from '../chart';
import { go } from '../router';
import { loadScopes, pickScope, ScopeSelect } from '../scopes';
import type { Credentials } from '../session';
import { Bar, html, Show, useLoad } from '../ui';

const WIDGETS = {
  scope: 'Scope utilisation',
  resources: 'Resource CIDRs',
  pools: 'Pool utilisation',
  series: 'Over time',
  statuses: 'Statuses over time',
};

/** The scope's status counts as the discovery cycles record them (F-MET-04; no nonoverlapping series). */
const STATUS_SERIES = [
  'OverlappingResourceCidrs',
  'CompliantResourceCidrs',
  'NoncompliantResourceCidrs',
] as const;
type Widget = keyof typeof WIDGETS;

const useLayout = (who: Credentials) => {
  const key = `allot.dashboard.${who.accessKeyId}`;
  const [hidden, setHidden] = useState<Widget[]>(() => JSON.parse(localStorage.getItem(key) ?? '[]'));
  const toggle = (w: Widget) => {
    const next = hidden.includes(w) ? hidden.filter((x) => x !== w) : [...hidden, w];
    localStorage.setItem(key, JSON.stringify(next));
    setHidden(next);
  };
  return { shown: (w: Widget) => !hidden.includes(w), toggle };
};

const loadFigures = async (who: Credentials, scope: string) => {
  const end = new Date(Date.now() + 60_000);
  const start = new Date(end.getTime() - 24 * 3600_000);
  const series = (MetricName: string, Dimensions: Answer[], across?: 'MAX') =>
    callApi(who, 'GetIpamMetricData', {
      MetricName,
      Dimensions: [{ Name: 'ScopeID', Value: scope }, ...Dimensions],
      StartTime: start.toISOString(),
      EndTime: end.toISOString(),
      Period: 300,
      Stat: 'Maximum',
      ...(across ? { AcrossSeries: across } : {}),
    }).then((a) => (a.MetricDataResults?.[0] ?? { Timestamps: [], Values: [] }) as Answer);
  const ipv4 = [{ Name: 'AddressFamily', Value: 'IPv4' }];
  const [figures, assigned, allocated, ...statuses] = await Promise.all([
    callApi(who, 'GetIpamMetrics', { IpamScopeId: scope }),
    series('PercentAssigned', [], 'MAX'),
    series('PercentAllocated', [], 'MAX'),
    ...STATUS_SERIES.map((m) => series(m, ipv4)),
  ]);
  return { figures, series: { PercentAssigned: assigned, PercentAllocated: allocated }, statuses };
};

type Figures = Awaited<ReturnType<typeof loadFigures>>;

const usedOf = (p: Answer) => Math.round((100 - p.PercentAvailable) * 10) / 10;

const Figures = ({ data, shown }: { data: Figures; shown: (w: Widget) => boolean }) => {
  const { Scope = [], Pools = [], ResourceCidrs = {} } = data.figures;
  const measured = (Pools as Answer[])
    .filter((p) => typeof p.PercentAvailable === 'number')
    .sort((a, b) => usedOf(b) - usedOf(a));
  const all = ResourceCidrs.all ?? {};
  const counts: [string, number][] = [
    ['Resource CIDRs', all.total],
    ['Managed', all.managed],
    ['Unmanaged', all.unmanaged],
    ['Ignored', all.ignored],
    ['Compliant', all.compliant],
    ['Noncompliant', all.noncompliant],
    ['Overlapping', all.overlapping],
    ['Nonoverlapping', all.nonoverlapping],
  ];
  const poolRow = (p: Answer) =>
    html`<tr><td><a href=${`#/pools/${p.IpamPoolId}`}>${p.IpamPoolId}</a></td><td>${p.Locale ?? 'None'}</td><td><${Bar} percent=${usedOf(p)} label=${`${p.IpamPoolId} used`} /></td></tr>`;
  return html`
    ${
      shown('scope') &&
      html`<section aria-label="Scope utilisation"><h2>Scope utilisation</h2>
      ${
        (Scope as Answer[]).length === 0
          ? html`<p class="empty">Nothing provisioned in this scope yet: <a href="#/pools">create a pool and provision a CIDR</a>.</p>`
          : html`<table aria-label="Scope utilisation"><thead><tr><th>Address family</th><th>Provisioned</th><th>Used</th><th>Used %</th></tr></thead>
          <tbody>${(Scope as Answer[]).map((s) => html`<tr><td>${s.AddressFamily}</td><td>${s.ProvisionedAddressCount}</td><td>${s.UsedAddressCount}</td><td>${s.PercentUsed}%</td></tr>`)}</tbody></table>`
      }</section>`
    }
    ${
      shown('resources') &&
      html`<section aria-label="Resource CIDRs"><h2>Resource CIDRs</h2>
      <table aria-label="Resource CIDR counts"><tbody>${counts.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v ?? 0}</td></tr>`)}</tbody></table></section>`
    }
    ${
      shown('pools') &&
      html`<section aria-label="Pool utilisation"><h2>Pool utilisation</h2>
      ${
        measured.length === 0
          ? html`<p class="empty">No pool has provisioned space yet.</p>`
          : html`<table aria-label="Fullest pools"><caption>Fullest</caption><thead><tr><th>Pool</th><th>Locale</th><th>Used</th></tr></thead><tbody>${measured.slice(0, 5).map(poolRow)}</tbody></table>
          <table aria-label="Emptiest pools"><caption>Emptiest</caption><thead><tr><th>Pool</th><th>Locale</th><th>Used</th></tr></thead><tbody>${[...measured].reverse().slice(0, 5).map(poolRow)}</tbody></table>`
      }</section>`
    }
    ${
      shown('series') &&
      html`<section aria-label="Over time"><h2>Fullest pool over the last day</h2>
      ${(['PercentAssigned', 'PercentAllocated'] as const).map(
        (m) =>
          html`<${LineChart} label=${`${m} of the fullest pool`} times=${data.series[m].Timestamps ?? []} values=${data.series[m].Values ?? []} />`,
      )}</section>`
    }
    ${
      shown('statuses') &&
      html`<section aria-label="Statuses over time"><h2>Overlap and compliance over the last day (IPv4)</h2>
      ${STATUS_SERIES.map(
        (m, i) =>
          html`<${LineChart} label=${`${m} of the scope`} unit="" times=${data.statuses[i]!.Timestamps ?? []} values=${data.statuses[i]!.Values ?? []} />`,
      )}</section>`
    }`;
};

export const Dashboard = ({ who, scope }: { who: Credentials; scope: string | null }) => {
  const scopes = useLoad(() => loadScopes(who), [who]);
  const layout = useLayout(who);
  return html`<h1>Dashboard</h1>
    <${Show} loaded=${scopes}>${(list: Answer[]) => {
      const id = pickScope(list, scope);
      if (!id)
        return html`<p class="empty">No IPAM yet: <a href="#/ipams">create an IPAM</a> to see its space here.</p>`;
      return html`<div class="panel">
          <${ScopeSelect} scopes=${list} value=${id} onChange=${(s: string) => go(`#/?scope=${s}`)} />
          <fieldset><legend>Widgets</legend>${(Object.keys(WIDGETS) as Widget[]).map(
            (w) =>
              html`<label><input type="checkbox" checked=${layout.shown(w)} onChange=${() => layout.toggle(w)} /> ${WIDGETS[w]}</label>`,
          )}</fieldset>
        </div>
        <${ScopeFigures} who=${who} scope=${id} shown=${layout.shown} />`;
    }}<//>`;
};

const ScopeFigures = ({
  who,
  scope,
  shown,
}: {
  who: Credentials;
  scope: string;
  shown: (w: Widget) => boolean;
}) => {
  const data = useLoad(() => loadFigures(who, scope), [who, scope]);
  return html`<${Show} loaded=${data}>${(d: Figures) => html`<${Figures} data=${d} shown=${shown} />`}<//>`;
};
