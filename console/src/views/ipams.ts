/** `#/ipams`: the caller's IPAMs; create, change the description, delete (typed confirmation). */
import { type Answer, callAll, callApi } from '../api';
import type { Credentials } from '../session';
import { ConfirmDelete, ErrorNote, formValues, html, Show, useAction, useLoad } from '../ui';

const regionsOf = (text: string, home: string) =>
  [...new Set([home, ...text.split(/[\s,]+/).filter(Boolean)])].map((RegionName) => ({ RegionName }));

const Row = ({ who, ipam, reload }: { who: Credentials; ipam: Answer; reload: () => void }) => {
  const edit = useAction();
  const rename = (e: Event) => {
    const v = formValues(e);
    void edit.run(() =>
      callApi(who, 'ModifyIpam', { IpamId: ipam.IpamId, Description: v.description }).then(reload),
    );
  };
  return html`<tr>
    <td>${ipam.IpamId}</td>
    <td>
      <form onSubmit=${rename} aria-label=${`Description of ${ipam.IpamId}`}>
        <label>Description <input name="description" value=${ipam.Description ?? ''} /></label>
        <button class="secondary" disabled=${edit.busy}>Save</button>
        <${ErrorNote} error=${edit.error} />
      </form>
    </td>
    <td>${ipam.IpamRegion}</td>
    <td>${(ipam.OperatingRegions ?? []).map((r: Answer) => r.RegionName).join(', ')}</td>
    <td>${ipam.ScopeCount}</td>
    <td>${ipam.State}</td>
    <td><${ConfirmDelete} what=${ipam.IpamId}
      onDelete=${() => callApi(who, 'DeleteIpam', { IpamId: ipam.IpamId, Cascade: true }).then(reload)} /></td>
  </tr>`;
};

export const Ipams = ({ who }: { who: Credentials }) => {
  const ipams = useLoad(() => callAll(who, 'DescribeIpams', {}, 'Ipams'), [who]);
  const create = useAction();
  const submit = (e: Event) => {
    const v = formValues(e);
    void create.run(() =>
      callApi(who, 'CreateIpam', {
        ...(v.description ? { Description: v.description } : {}),
        OperatingRegions: regionsOf(v.regions ?? '', who.region),
      }).then(ipams.reload),
    );
  };
  return html`<h1>IPAMs</h1>
    <${Show} loaded=${ipams}>${(list: Answer[]) =>
      list.length === 0
        ? html`<p class="empty">No IPAM in ${who.region} yet. Create one below: it comes with a private and a public scope, where your pools will live.</p>`
        : html`<table aria-label="IPAMs">
            <thead><tr><th>IPAM ID</th><th>Description</th><th>Home region</th><th>Operating regions</th><th>Scopes</th><th>State</th><th>Actions</th></tr></thead>
            <tbody>${list.map((i) => html`<${Row} key=${i.IpamId} who=${who} ipam=${i} reload=${ipams.reload} />`)}</tbody>
          </table>`}<//>
    <h2>Create IPAM</h2>
    <form onSubmit=${submit} aria-label="Create IPAM">
      <label>Description <input name="description" /></label>
      <label>Operating regions (besides ${who.region}) <input name="regions" placeholder="us-west-2, eu-west-1" /></label>
      <button disabled=${create.busy}>Create IPAM</button>
      <${ErrorNote} error=${create.error} />
    </form>`;
};
