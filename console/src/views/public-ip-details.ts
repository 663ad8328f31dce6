/**
 * F-PIP-08: one address's details, opened from the address table: the table's values, the
 * inbound and outbound rules of its security groups when it belongs to an instance, and its tags.
 * A labelled region that takes the focus when opened; Escape or Close gives it back to the row.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Answer } from '../api';
import { html } from '../ui';
import { ruleRows, tagRows } from './public-ip-rules';
import { detailRows } from './public-ips-model';

const RULE_HEADS = ['Protocol', 'Port range', 'Source', 'Description', 'Security group'];

const Rules = ({ a, egress }: { a: Answer; egress: boolean }) => {
  const title = egress ? 'Outbound security group rules' : 'Inbound security group rules';
  const rows = ruleRows(a.SecurityGroupRules, egress);
  const heads = egress ? RULE_HEADS.map((h) => (h === 'Source' ? 'Destination' : h)) : RULE_HEADS;
  return html`<h3>${title}</h3>${
    rows === undefined
      ? html`<p class="empty">No security group rules are known for this address: the last discovery could not read them.</p>`
      : rows.length === 0
        ? html`<p class="empty">No ${egress ? 'outbound' : 'inbound'} rules.</p>`
        : html`<table aria-label=${title}><thead><tr>${heads.map((h) => html`<th>${h}</th>`)}</tr></thead>
          <tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>`
  }`;
};

export const AddressDetails = ({ a, close }: { a: Answer; close: () => void }) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [a.Address]);
  const tags = tagRows(a.Tags);
  const id = 'pip-details-heading';
  return html`<section class="panel column" aria-labelledby=${id}
      onKeyDown=${(e: KeyboardEvent) => e.key === 'Escape' && close()}>
    <div class="row"><h2 id=${id} tabindex="-1" ref=${heading}>Address ${a.Address}</h2>
      <button class="secondary" onClick=${close}>Close</button></div>
    <h3>Details</h3>
    <dl class="details">${detailRows(a).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
    ${
      a.InstanceId
        ? html`<${Rules} a=${a} egress=${false} /><${Rules} a=${a} egress=${true} />`
        : html`<p class="note">Security group rules are shown for addresses that belong to an instance.</p>`
    }
    <h3>Tags</h3>
    ${
      tags.length === 0
        ? html`<p class="empty">No tags.</p>`
        : html`<table aria-label="Tags"><thead><tr><th>Tag set</th><th>Key</th><th>Value</th></tr></thead>
          <tbody>${tags.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>`
    }
  </section>`;
};
