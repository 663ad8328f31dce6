/** `#/scopes`: every scope of the caller's IPAMs; create a private scope, delete (typed). */
import { type Answer, callAll, callApi } from '../api';
import type { Credentials } from '../session';
import { ConfirmDelete, ErrorNote, formValues, html, idOfArn, Show, useAction, useLoad } from '../ui';

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
            (s) => html`<tr key=${s.IpamScopeId}>
              <td>${s.IpamScopeId}</td><td>${idOfArn(s.IpamArn)}</td><td>${s.IpamScopeType}</td>
              <td>${s.IsDefault ? 'yes' : 'no'}</td><td>${s.PoolCount}</td><td>${s.Description ?? ''}</td><td>${s.State}</td>
              <td>${
                !s.IsDefault &&
                html`<${ConfirmDelete} what=${s.IpamScopeId}
                onDelete=${() => callApi(who, 'DeleteIpamScope', { IpamScopeId: s.IpamScopeId }).then(data.reload)} />`
              }</td>
            </tr>`,
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
