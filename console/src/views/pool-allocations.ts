/** The pool page's allocations: preview the next CIDR, allocate (custom), release custom ones. */
import { useState } from 'preact/hooks';
import { type Answer, atLocale, callApi } from '../api';
import type { Credentials } from '../session';
import { ErrorNote, formValues, html, useAction } from '../ui';
import type { PoolData } from './pool';

const SHOWN = 200;

const Release = ({
  who,
  poolId,
  a,
  reload,
}: {
  who: Credentials;
  poolId: string;
  a: Answer;
  reload: () => void;
}) => {
  const act = useAction();
  const release = () =>
    act.run(() =>
      callApi(who, 'ReleaseIpamPoolAllocation', {
        IpamPoolId: poolId,
        IpamPoolAllocationId: a.IpamPoolAllocationId,
        Cidr: a.Cidr,
      }).then(reload),
    );
  return html`<button class="secondary" aria-label=${`Release ${a.Cidr}`} disabled=${act.busy} onClick=${release}>Release</button>
    <${ErrorNote} error=${act.error} />`;
};

const Allocate = ({ who, poolId, reload }: { who: Credentials; poolId: string; reload: () => void }) => {
  const [next, setNext] = useState<string | undefined>();
  const act = useAction();
  const request = (form: HTMLFormElement) => {
    const v = Object.fromEntries([...new FormData(form).entries()].map(([k, x]) => [k, String(x).trim()]));
    return {
      IpamPoolId: poolId,
      ...(v.cidr ? { Cidr: v.cidr } : { NetmaskLength: Number(v.netmask) }),
      ...(v.description ? { Description: v.description } : {}),
    };
  };
  const preview = (e: Event) => {
    const form = (e.target as HTMLButtonElement).form!;
    void act.run(async () => {
      const { IpamPoolAllocation } = await callApi(who, 'AllocateIpamPoolCidr', {
        ...request(form),
        PreviewNextCidr: true,
      });
      setNext(IpamPoolAllocation.Cidr);
    });
  };
  const submit = (e: Event) => {
    formValues(e);
    const form = e.target as HTMLFormElement;
    void act.run(async () => {
      await callApi(who, 'AllocateIpamPoolCidr', request(form));
      setNext(undefined);
      form.reset();
      reload();
    });
  };
  return html`<form onSubmit=${submit} aria-label="Create allocation">
    <label>Netmask length <input name="netmask" type="number" min="0" max="128" /></label>
    <label>or a specific CIDR <input name="cidr" /></label>
    <label>Allocation description <input name="description" /></label>
    <button type="button" class="secondary" disabled=${act.busy} onClick=${preview}>Preview next CIDR</button>
    <button disabled=${act.busy}>Allocate</button>
    <output aria-live="polite" aria-label="Next CIDR">${next ? `Next CIDR: ${next}` : ''}</output>
    <${ErrorNote} error=${act.error} />
  </form>`;
};

export const Allocations = ({
  who,
  data,
  reload,
}: {
  who: Credentials;
  data: PoolData;
  reload: () => void;
}) => {
  const id = data.pool.IpamPoolId as string;
  const list = data.allocations;
  return html`<h2>Allocations</h2>
    ${
      list.length === 0
        ? html`<p class="empty">Nothing is allocated from this pool. ${data.cidrs.length === 0 ? 'Provision a CIDR first, then create' : 'Create'} an allocation below, or create a child pool from it.</p>`
        : html`<table aria-label="Allocations">
        <thead><tr><th>CIDR</th><th>Allocation ID</th><th>Resource type</th><th>Description</th><th>Resource ID</th><th>Resource region</th><th>Owner</th><th>Actions</th></tr></thead>
        <tbody>${list.slice(0, SHOWN).map(
          (
            a,
          ) => html`<tr key=${a.IpamPoolAllocationId}><td>${a.Cidr}</td><td>${a.IpamPoolAllocationId}</td><td>${a.ResourceType}</td>
            <td>${a.Description ?? ''}</td><td>${a.ResourceId ?? ''}</td><td>${a.ResourceRegion ?? ''}</td><td>${a.ResourceOwner ?? ''}</td>
            <td>${a.ResourceType === 'custom' && html`<${Release} who=${atLocale(who, data.pool)} poolId=${id} a=${a} reload=${reload} />`}</td></tr>`,
        )}</tbody></table>
        ${list.length > SHOWN && html`<p class="note">Showing the first ${SHOWN} of ${list.length} allocations; the <a href=${`#/pools/${id}/map`}>CIDR map</a> shows them all.</p>`}`
    }
    ${data.cidrs.length > 0 && html`<${Allocate} who=${atLocale(who, data.pool)} poolId=${id} reload=${reload} />`}`;
};
