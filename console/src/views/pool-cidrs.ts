/** The pool page's CIDRs: provision (with the source pool's space preview), deprovision. */
import { useState } from 'preact/hooks';
import { type Answer, callApi } from '../api';
import type { Credentials } from '../session';
import { cidrSize, ipsLabel, percentOf } from '../sizes';
import { ErrorNote, formValues, html, inputText, useAction } from '../ui';
import type { PoolData } from './pool';

const total = (items: Answer[], key: string) =>
  items.reduce((n, i) => n + (cidrSize(i[key] ?? '') ?? 0n), 0n);

/** F-MON-25: "10.0.0.0/16 (100% available → 75% available after allocations)". */
export const SpacePreview = ({ source, cidr }: { source: NonNullable<PoolData['source']>; cidr: string }) => {
  const provisioned = total(
    source.cidrs.filter((c) => c.State === 'provisioned'),
    'Cidr',
  );
  const used = total(source.allocations, 'Cidr');
  const asked = cidrSize(cidr) ?? 0n;
  const before = percentOf(provisioned - used, provisioned);
  const after = percentOf(provisioned - used - asked, provisioned);
  const names = source.cidrs.map((c) => c.Cidr).join(', ');
  return html`<p class="note" aria-live="polite" data-testid="space-preview">
    Source pool space: ${names} (${before}% available → ${after}% available after allocations)${asked > 0n ? ` · ${ipsLabel(asked)}` : ''}
  </p>`;
};

const Provision = ({ who, data, reload }: { who: Credentials; data: PoolData; reload: () => void }) => {
  const [cidr, setCidr] = useState('');
  const act = useAction();
  const submit = (e: Event) => {
    const v = formValues(e);
    const what = v.cidr ? { Cidr: v.cidr } : { NetmaskLength: Number(v.netmask) };
    void act.run(async () => {
      await callApi(who, 'ProvisionIpamPoolCidr', { IpamPoolId: data.pool.IpamPoolId, ...what });
      setCidr('');
      reload();
    });
  };
  return html`<form onSubmit=${submit} aria-label="Provision CIDR">
    <label>CIDR to provision <input name="cidr" value=${cidr} onInput=${(e: Event) => setCidr(inputText(e))} placeholder="10.0.0.0/16" /></label>
    ${data.source && html`<label>or netmask length <input name="netmask" type="number" min="0" max="128" /></label>`}
    <button disabled=${act.busy}>Provision</button>
    ${data.source && html`<${SpacePreview} source=${data.source} cidr=${cidr} />`}
    <${ErrorNote} error=${act.error} />
  </form>`;
};

const Deprovision = ({
  who,
  poolId,
  cidr,
  reload,
}: {
  who: Credentials;
  poolId: string;
  cidr: string;
  reload: () => void;
}) => {
  const act = useAction();
  return html`<button class="secondary" aria-label=${`Deprovision ${cidr}`} disabled=${act.busy}
      onClick=${() => act.run(() => callApi(who, 'DeprovisionIpamPoolCidr', { IpamPoolId: poolId, Cidr: cidr }).then(reload))}>
      Deprovision</button><${ErrorNote} error=${act.error} />`;
};

export const Cidrs = ({ who, data, reload }: { who: Credentials; data: PoolData; reload: () => void }) => {
  const id = data.pool.IpamPoolId as string;
  return html`<h2>CIDRs</h2>
    ${
      data.cidrs.length === 0
        ? html`<p class="empty">This pool has no CIDR yet: provision a CIDR to this pool${data.source ? ' from its source pool' : ''} before allocating from it.</p>`
        : html`<table aria-label="Pool CIDRs">
        <thead><tr><th>CIDR</th><th>CIDR ID</th><th>State</th><th>Size</th><th>Actions</th></tr></thead>
        <tbody>${data.cidrs.map(
          (c) => html`<tr key=${c.Cidr}><td>${c.Cidr}</td><td>${c.IpamPoolCidrId}</td><td>${c.State}</td>
            <td>${ipsLabel(cidrSize(c.Cidr) ?? 0n)}</td>
            <td>${c.State === 'provisioned' && html`<${Deprovision} who=${who} poolId=${id} cidr=${c.Cidr} reload=${reload} />`}</td></tr>`,
        )}</tbody></table>`
    }
    <${Provision} who=${who} data=${data} reload=${reload} />`;
};
