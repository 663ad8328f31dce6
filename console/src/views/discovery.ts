/**
 * `#/discovery`: resource discoveries and their associations, the accounts each discovered
 * (status, last success, failure reason), "Run discovery now" (RunDiscovery) with progress, and
 * the OU exclusions picker (ou-exclusions.ts).
 */

import { useState } from 'preact/hooks';
import { type Answer, callAll, callApi } from '../api';
import type { Credentials } from '../session';
import { ErrorNote, html, Show, useAction, useLoad } from '../ui';
import { OuExclusions } from './ou-exclusions';

const loadDiscovery = async (who: Credentials) => {
  const [discoveries, associations] = await Promise.all([
    callAll(who, 'DescribeIpamResourceDiscoveries', {}, 'IpamResourceDiscoveries'),
    callAll(who, 'DescribeIpamResourceDiscoveryAssociations', {}, 'IpamResourceDiscoveryAssociations'),
  ]);
  const accounts = await Promise.all(
    discoveries.map((d) =>
      callAll(
        who,
        'GetIpamDiscoveredAccounts',
        { IpamResourceDiscoveryId: d.IpamResourceDiscoveryId, DiscoveryRegion: who.region },
        'IpamDiscoveredAccounts',
      ).then((list) =>
        list.map((a): Answer => ({ ...a, IpamResourceDiscoveryId: d.IpamResourceDiscoveryId })),
      ),
    ),
  );
  return { discoveries, associations, accounts: accounts.flat() };
};

const RunNow = ({ who, done }: { who: Credentials; done: () => void }) => {
  const act = useAction();
  const [result, setResult] = useState<Answer | undefined>();
  const run = () =>
    act.run(async () => {
      setResult(undefined);
      setResult(await callApi(who, 'RunDiscovery', {}));
      done();
    });
  return html`<div class="panel">
    <button onClick=${run} disabled=${act.busy}>Run discovery now</button>
    <p role="status" aria-label="Discovery progress">${act.busy ? 'Discovery running: reading every monitored account and region…' : result ? `Discovery finished: ${result.Targets} targets, ${result.Read} read, ${result.Failed} failed, ${(result.Reconciled ?? []).length} scopes reconciled.` : ''}</p>
    <${ErrorNote} error=${act.error} />
  </div>`;
};

export const Discovery = ({ who }: { who: Credentials }) => {
  const data = useLoad(() => loadDiscovery(who), [who]);
  return html`<h1>Discovery</h1>
    <${RunNow} who=${who} done=${data.reload} />
    <${Show} loaded=${data}>${(d: Awaited<ReturnType<typeof loadDiscovery>>) => html`
      <h2>Resource discoveries</h2>
      ${
        d.discoveries.length === 0
          ? html`<p class="empty">No resource discovery: <a href="#/ipams">create an IPAM</a> (it comes with its default one).</p>`
          : html`<table aria-label="Resource discoveries"><thead><tr><th>ID</th><th>Default</th><th>Operating regions</th><th>OU exclusions</th><th>Owner</th><th>State</th></tr></thead>
          <tbody>${d.discoveries.map(
            (r) => html`<tr><td>${r.IpamResourceDiscoveryId}</td><td>${r.IsDefault ? 'yes' : 'no'}</td>
            <td>${(r.OperatingRegions ?? []).map((o: Answer) => o.RegionName).join(', ')}</td>
            <td>${(r.OrganizationalUnitExclusions ?? []).map((o: Answer) => o.OrganizationsEntityPath).join(', ') || '–'}</td><td>${r.OwnerId}</td><td>${r.State}</td></tr>`,
          )}</tbody></table>`
      }
      <h2>Associations</h2>
      ${
        d.associations.length === 0
          ? html`<p class="empty">No association yet.</p>`
          : html`<table aria-label="Associations"><thead><tr><th>Association</th><th>IPAM</th><th>Discovery</th><th>Status</th><th>State</th></tr></thead>
          <tbody>${d.associations.map((a) => html`<tr><td>${a.IpamResourceDiscoveryAssociationId}</td><td>${a.IpamId}</td><td>${a.IpamResourceDiscoveryId}</td><td>${a.ResourceDiscoveryStatus}</td><td>${a.State}</td></tr>`)}</tbody></table>`
      }
      <h2>Discovered accounts (${who.region})</h2>
      ${
        d.accounts.length === 0
          ? html`<p class="empty">No account discovered in ${who.region} yet: run discovery now.</p>`
          : html`<table aria-label="Discovered accounts"><thead><tr><th>Account</th><th>Region</th><th>Status</th><th>Last success</th><th>Failure reason</th></tr></thead>
          <tbody>${d.accounts.map(
            (
              a,
            ) => html`<tr><td>${a.AccountId}</td><td>${a.DiscoveryRegion}</td><td>${a.FailureReason ? 'failed' : 'ok'}</td>
            <td>${a.LastSuccessfulDiscoveryTime ?? '–'}</td><td>${a.FailureReason ? `${a.FailureReason.Status}: ${a.FailureReason.Message}` : '–'}</td></tr>`,
          )}</tbody></table>`
      }
      <${OuExclusions} who=${who} discoveries=${d.discoveries} done=${data.reload} />`}<//>`;
};
