/**
 * The pool page's Resource sharing and Alarms tabs (F-MON-24). Sharing lists the caller's AWS RAM
 * resource shares that hold the pool and the principals of each (RAM's GetResourceShareAssociations,
 * signed for `ram` like `aws ram`), and the managed permission each share grants with its version
 * (ListResourceSharePermissions): a share on an older version than the permission's default is
 * what makes a member's allocation unauthorised (F-EIP-09, F-PIP-11), and its button moves that
 * share to the default (AssociateResourceSharePermission with replace). Alarms (F-ALARM) have no API in Allot: the tab says
 * so and where the pool's series are read instead.
 */
import { type Answer, type ApiError, callRam } from '../api';
import type { Credentials } from '../session';
import { ErrorNote, html, Show, useAction, useLoad } from '../ui';

/** The share's managed permission, or why it could not be read (the listing of shares still shows). */
const permissionOf = (who: Credentials, resourceShareArn: string): Promise<Answer> =>
  callRam(who, 'listresourcesharepermissions', { resourceShareArn }).then(
    (a) => (a.permissions?.[0] as Answer | undefined) ?? {},
    (error: ApiError) => ({ error }),
  );

const loadShares = async (who: Credentials, poolArn: string) => {
  const { resourceShareAssociations: held = [] } = await callRam(who, 'getresourceshareassociations', {
    associationType: 'RESOURCE',
    resourceArn: poolArn,
  });
  if (held.length === 0) return [];
  const [{ resourceShareAssociations: principals = [] }, permissions] = await Promise.all([
    callRam(who, 'getresourceshareassociations', {
      associationType: 'PRINCIPAL',
      resourceShareArns: held.map((a: Answer) => a.resourceShareArn),
    }),
    Promise.all((held as Answer[]).map((a) => permissionOf(who, a.resourceShareArn))),
  ]);
  return (held as Answer[]).map(
    (a, i): Answer => ({
      ...a,
      principals: (principals as Answer[]).filter((p) => p.resourceShareArn === a.resourceShareArn),
      permission: permissions[i],
    }),
  );
};

/** This share alone to the permission's default version (RAM's AssociateResourceSharePermission, replace). */
const UpdateVersion = ({ who, share, reload }: { who: Credentials; share: Answer; reload: () => void }) => {
  const act = useAction();
  const p = share.permission as Answer;
  const update = () =>
    callRam(who, 'associateresourcesharepermission', {
      resourceShareArn: share.resourceShareArn,
      permissionArn: p.arn,
      replace: true,
    }).then(reload);
  return html`<button aria-label=${`Update to default version: ${share.resourceShareName}`} disabled=${act.busy}
      title=${`Moves this share from ${p.name} version ${p.version} to the default version`}
      onClick=${() => act.run(update)}>Update to default version</button><${ErrorNote} error=${act.error} />`;
};

const PermissionRow = ({ who, share, reload }: { who: Credentials; share: Answer; reload: () => void }) => {
  const p = share.permission as Answer;
  if (p.error)
    return html`<tr><td>${share.resourceShareName}</td><td colspan="3"><${ErrorNote} error=${p.error} /></td></tr>`;
  return html`<tr><td>${share.resourceShareName}</td><td>${p.name}</td><td>${p.version}</td>
    <td>${p.defaultVersion ? 'yes' : html`<${UpdateVersion} who=${who} share=${share} reload=${reload} />`}</td></tr>`;
};

const ShareTables = ({ who, list, reload }: { who: Credentials; list: Answer[]; reload: () => void }) =>
  html`<table aria-label="Resource shares"><thead><tr><th>Share</th><th>Share ARN</th><th>Pool in share</th><th>Principals</th></tr></thead>
    <tbody>${list.map(
      (s) => html`<tr><td>${s.resourceShareName}</td><td>${s.resourceShareArn}</td><td>${s.status}</td>
        <td>${(s.principals as Answer[]).map((p) => `${p.associatedEntity} (${p.status})`).join(', ') || 'none yet'}</td></tr>`,
    )}</tbody></table>
  <table aria-label="Share permissions"><thead><tr><th>Share</th><th>Managed permission</th><th>Version</th><th>Default version</th></tr></thead>
    <tbody>${list.map((s) => html`<${PermissionRow} who=${who} share=${s} reload=${reload} />`)}</tbody></table>`;

export const PoolSharing = ({ who, pool }: { who: Credentials; pool: Answer }) => {
  const shares = useLoad(() => loadShares(who, pool.IpamPoolArn), [who, pool.IpamPoolArn]);
  return html`<h2>Resource sharing</h2>
    <${Show} loaded=${shares}>${(list: Answer[]) =>
      list.length === 0
        ? html`<p class="empty">This pool is in no resource share of yours. To let other accounts of your organization allocate from it, share it with AWS RAM: <code>aws ram create-resource-share --name … --resource-arns ${pool.IpamPoolArn} --principals …</code></p>`
        : html`<${ShareTables} who=${who} list=${list} reload=${shares.reload} />`}<//>
    <h2>Alarms</h2>
    <p class="empty">Allot has no alarms: CloudWatch's <code>AWS/IPAM</code> alarms are not served here. Alert from your own monitoring on the pool's series (the Monitoring charts below), read with <code>GetIpamMetricData</code> and dimension <code>PoolID=${pool.IpamPoolId}</code>.</p>`;
};
