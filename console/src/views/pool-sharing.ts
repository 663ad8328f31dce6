/**
 * The pool page's Resource sharing and Alarms tabs (F-MON-24). Sharing lists the caller's AWS RAM
 * resource shares that hold the pool and the principals of each (RAM's GetResourceShareAssociations,
 * signed for `ram` like `aws ram`). Alarms (F-ALARM) have no API in Allot: the tab says so and
 * where the pool's series are read instead.
 */
import { type Answer, callRam } from '../api';
import type { Credentials } from '../session';
import { html, Show, useLoad } from '../ui';

const loadShares = async (who: Credentials, poolArn: string) => {
  const { resourceShareAssociations: held = [] } = await callRam(who, 'getresourceshareassociations', {
    associationType: 'RESOURCE',
    resourceArn: poolArn,
  });
  if (held.length === 0) return [];
  const { resourceShareAssociations: principals = [] } = await callRam(who, 'getresourceshareassociations', {
    associationType: 'PRINCIPAL',
    resourceShareArns: held.map((a: Answer) => a.resourceShareArn),
  });
  return (held as Answer[]).map(
    (a): Answer => ({
      ...a,
      principals: (principals as Answer[]).filter((p) => p.resourceShareArn === a.resourceShareArn),
    }),
  );
};

export const PoolSharing = ({ who, pool }: { who: Credentials; pool: Answer }) => {
  const shares = useLoad(() => loadShares(who, pool.IpamPoolArn), [who, pool.IpamPoolArn]);
  return html`<h2>Resource sharing</h2>
    <${Show} loaded=${shares}>${(list: Awaited<ReturnType<typeof loadShares>>) =>
      list.length === 0
        ? html`<p class="empty">This pool is in no resource share of yours. To let other accounts of your organization allocate from it, share it with AWS RAM: <code>aws ram create-resource-share --name … --resource-arns ${pool.IpamPoolArn} --principals …</code></p>`
        : html`<table aria-label="Resource shares"><thead><tr><th>Share</th><th>Share ARN</th><th>Pool in share</th><th>Principals</th></tr></thead>
          <tbody>${list.map(
            (
              s: Answer,
            ) => html`<tr><td>${s.resourceShareName}</td><td>${s.resourceShareArn}</td><td>${s.status}</td>
            <td>${(s.principals as Answer[]).map((p) => `${p.associatedEntity} (${p.status})`).join(', ') || 'none yet'}</td></tr>`,
          )}</tbody></table>`}<//>
    <h2>Alarms</h2>
    <p class="empty">Allot has no alarms: CloudWatch's <code>AWS/IPAM</code> alarms are not served here. Alert from your own monitoring on the pool's series (the Monitoring charts below), read with <code>GetIpamMetricData</code> and dimension <code>PoolID=${pool.IpamPoolId}</code>.</p>`;
};
