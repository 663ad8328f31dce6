/**
 * The pool page's Resources and Compliance tabs (F-MON-24): the resource CIDRs the pool manages
 * (GetIpamResourceCidrs of its scope, filtered to the pool), and the pool's compliance and overlap
 * summaries in F-STAT-09's words ("1 compliant resource CIDR, …", "–" when it manages none) with
 * the rows that break a rule or overlap.
 */
import { type Answer, callAll } from '../api';
import type { Credentials } from '../session';
import { html, idOfArn, Show, useLoad } from '../ui';

const plural = (n: number, what: string) => `${n} ${what} resource CIDR${n === 1 ? '' : 's'}`;

/** F-STAT-09: the counts of `states` among the rows' `field`, in words; "–" when there are none. */
export const statusSummary = (rows: Answer[], field: string, states: string[]): string => {
  const parts = states
    .map((s) => [s, rows.filter((r) => r[field] === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => plural(n, s));
  return parts.join(', ') || '–';
};

const Rows = ({ rows, label }: { rows: Answer[]; label: string }) =>
  html`<table aria-label=${label}><thead><tr><th>CIDR</th><th>Resource</th><th>Type</th><th>Owner</th><th>Region</th><th>Management state</th><th>Compliance status</th><th>Overlap status</th></tr></thead>
  <tbody>${rows.map(
    (
      r,
    ) => html`<tr><td>${r.ResourceCidr}</td><td>${r.ResourceId}</td><td>${r.ResourceType}</td><td>${r.ResourceOwnerId ?? '–'}</td>
    <td>${r.ResourceRegion ?? '–'}</td><td>${r.ManagementState ?? '–'}</td><td>${r.ComplianceStatus ?? '–'}</td><td>${r.OverlapStatus ?? '–'}</td></tr>`,
  )}</tbody></table>`;

export const PoolResources = ({ who, pool }: { who: Credentials; pool: Answer }) => {
  const rows = useLoad(
    () =>
      callAll(
        who,
        'GetIpamResourceCidrs',
        { IpamScopeId: idOfArn(pool.IpamScopeArn), IpamPoolId: pool.IpamPoolId },
        'IpamResourceCidrs',
      ),
    [who, pool.IpamPoolId],
  );
  return html`<${Show} loaded=${rows}>${(list: Answer[]) => {
    const flagged = list.filter(
      (r) => r.ComplianceStatus === 'noncompliant' || r.OverlapStatus === 'overlapping',
    );
    return html`<h2>Resources</h2>
      ${
        list.length === 0
          ? html`<p class="empty">This pool manages no resource yet: allocate a VPC from it (or let auto-import adopt one), then <a href="#/discovery">run discovery</a>.</p>`
          : html`<${Rows} rows=${list} label="Pool resources" />`
      }
      <h2>Compliance</h2>
      <dl class="summary" aria-label="Pool compliance">
        <dt>Compliance status</dt><dd>${statusSummary(list, 'ComplianceStatus', ['compliant', 'noncompliant'])}</dd>
        <dt>Overlap status</dt><dd>${statusSummary(list, 'OverlapStatus', ['overlapping', 'nonoverlapping'])}</dd>
      </dl>
      ${
        flagged.length === 0
          ? html`<p class="empty">${list.length === 0 ? 'Nothing to check until the pool manages a resource.' : 'Every resource CIDR of this pool follows its rules and overlaps nothing.'}</p>`
          : html`<${Rows} rows=${flagged} label="Noncompliant or overlapping" />`
      }`;
  }}<//>`;
};
