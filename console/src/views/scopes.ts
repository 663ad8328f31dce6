/** `#/scopes`: every scope of the caller's IPAMs; create a private scope, describe it, delete (typed). */
import { type Answer, callAll, callApi } from '../api';
import type { Credentials } from '../session';
import { ConfirmDelete, ErrorNote, formValues, html, idOfArn, Show, useAction, useLoad } from '../ui';

const Row = ({ who, scope: s, reload }: { who: Credentials; scope: Answer; reload: () => void }) => {
  const edit = useAction();
  const describe = (e: Event) => {
    const v = formValues(e);
    void edit.run(() =>
      callApi(who, 'ModifyIpamScope', { IpamScopeId: s.IpamScopeId, Description: v.description }).then(
        reload,
      ),
    );
  };
  return html`<tr>
    <td>${s.IpamScopeId}</td><td>${idOfArn(s.IpamArn)}</td><td>${s.IpamScopeType}</td>
    <td>${s.IsDefault ? 'yes' : 'no'}</td><td>${s.PoolCount}</td>
    <td><form onSubmit=${describe} aria-label=${`Description of ${s.IpamScopeId}`}>
      <label>Description <input name="description" value=${s.Description ?? ''} /></label>
      <button class="secondary" disabled=${edit.busy}>Save</button>
      <${ErrorNote} error=${edit.error} />
    </form></td>
    <td>${s.State}</td>
    <td>${
      !s.IsDefault &&
      html`<${ConfirmDelete} what=${s.IpamScopeId}
      onDelete=${() => callApi(who, 'DeleteIpamScope', { IpamScopeId: s.IpamScopeId }).then(reload)} />`
    }</td>
  </tr>`;
};

export const Scopes = ({ who }: { who: Credentials }) => {
  const data = useLoad(
    () =>
      Promise.all([
        callAll(who, 'DescribeIpamScopes', {}, 'IpamScopes'),
        callAll(who, 'DescribeIpams', {}, 'Ipams'),
      ]),
    [who],
  );
  const create = useAction();
  const submit = (e: Event) => {
    const v = formValues(e);
    void create.run(() =>
      callApi(who, 'CreateIpamScope', {
        IpamId: v.ipam,
        ...(v.description ? { Description: v.description } : {}),
      }).then(data.reload),
    );
  };
  return html`<h1>Scopes</h1>
    <${Show} loaded=${data}>${([scopes, ipams]: [Answer[], Answer[]]) => html`
      ${
        scopes.length === 0
          ? html`<p class="empty">No scopes: scopes come with an IPAM. <a href="#/ipams">Create an IPAM</a> first.</p>`
          : html`<table aria-label="Scopes">
          <thead><tr><th>Scope ID</th><th>IPAM</th><th>Type</th><th>Default</th><th>Pools</th><th>Description</th><th>State</th><th>Actions</th></tr></thead>
          <tbody>${scopes.map(
            (s) => html`<${Row} key=${s.IpamScopeId} who=${who} scope=${s} reload=${data.reload} />`,
          )}</tbody></table>`
      }
      ${
        ipams.length > 0 &&
        html`<h2>Create private scope</h2>
        <form onSubmit=${submit} aria-label="Create scope">
          <label>IPAM <select name="ipam">${ipams.map((i) => html`<option value=${i.IpamId}>${i.IpamId} ${i.Description ?? ''}</option>`)}</select></label>
          <label>Description <input name="description" /></label>
          <button disabled=${create.busy}>Create scope</button>
          <${ErrorNote} error=${create.error} />
        </form>`
      }`}<//>`;
};
