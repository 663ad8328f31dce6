/**
 * The pool page's CIDRs (F-MON-24): provision (pool-provision.ts), deprovision, and for BYOIP pools
 * the states of F-BYOIP-09, re-read while a CIDR waits for its proof of control, and the
 * Advertising column of F-BYOIP-10 with its Advertise and Withdraw actions, called in the region
 * the pool's CIDRs are advertised in (its locale, or a global pool's IPAM home region).
 */
import { useEffect } from 'preact/hooks';
import { type Answer, callAll, callApi } from '../api';
import { advertisingOf, advertisingRegion, anyPending } from '../byoip';
import type { Credentials } from '../session';
import { cidrSize, ipsLabel } from '../sizes';
import { ErrorNote, html, type Loaded, useAction, useLoad } from '../ui';
import type { PoolData } from './pool';
import { Provision } from './pool-provision';

/** How often a pending CIDR is re-read: the first read after the settle delay settles it. */
const POLL_MS = 2000;

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

/** Advertise or Withdraw `cidr` in `region` (F-BYOIP-10), then read the region's BYOIP CIDRs again. */
const Advert = ({
  who,
  cidr,
  shown,
  reload,
}: {
  who: Credentials;
  cidr: string;
  shown: string;
  reload: () => void;
}) => {
  const act = useAction();
  const [verb, action] =
    shown === 'Advertised' ? ['Withdraw', 'WithdrawByoipCidr'] : ['Advertise', 'AdvertiseByoipCidr'];
  return html`<button aria-label=${`${verb} ${cidr}`} disabled=${act.busy}
      onClick=${() => act.run(() => callApi(who, action, { Cidr: cidr }).then(reload))}>${verb}</button>
    <${ErrorNote} error=${act.error} />`;
};

/** The region's BYOIP CIDRs (DescribeByoipCidrs), re-read with the pool's CIDRs. */
const useByoip = (who: Credentials, region: string | undefined, cidrs: Answer[]): Loaded<Answer[]> =>
  useLoad(
    () =>
      region
        ? callAll({ ...who, region }, 'DescribeByoipCidrs', { MaxResults: 100 }, 'ByoipCidrs')
        : Promise.resolve([]),
    [who, region, cidrs],
  );

/** While a CIDR is pending-provision, reads the pool again every POLL_MS; stops when none is, or on leaving. */
const usePendingPoll = (cidrs: Answer[], reload: () => void) =>
  useEffect(() => {
    if (!anyPending(cidrs)) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [cidrs]);

const State = ({ c }: { c: Answer }) =>
  html`<td>${c.State}${c.FailureReason?.Message && html`<p class="note reason">${c.FailureReason.Message}</p>`}</td>`;

export const Cidrs = ({ who, data, reload }: { who: Credentials; data: PoolData; reload: () => void }) => {
  const id = data.pool.IpamPoolId as string;
  const region = advertisingRegion(data.pool);
  const byoip = useByoip(who, region, data.cidrs);
  usePendingPoll(data.cidrs, reload);
  const at = region ? { ...who, region } : who;
  const row = (c: Answer) => {
    const shown = advertisingOf(byoip.data ?? [], c.Cidr);
    const provisioned = c.State === 'provisioned';
    return html`<tr key=${c.Cidr}><td>${c.Cidr}</td><td>${c.IpamPoolCidrId}</td><${State} c=${c} />
      ${region && html`<td>${shown}</td>`}
      <td>${ipsLabel(cidrSize(c.Cidr) ?? 0n)}</td>
      <td>${provisioned && region && shown !== '–' && html`<${Advert} who=${at} cidr=${c.Cidr} shown=${shown} reload=${byoip.reload} />`}
        ${provisioned && html`<${Deprovision} who=${who} poolId=${id} cidr=${c.Cidr} reload=${reload} />`}</td></tr>`;
  };
  return html`<h2>CIDRs</h2>
    ${
      data.cidrs.length === 0
        ? html`<p class="empty">This pool has no CIDR yet: provision a CIDR to this pool${data.source ? ' from its source pool' : ''} before allocating from it.</p>`
        : html`<table aria-label="Pool CIDRs">
        <thead><tr><th>CIDR</th><th>CIDR ID</th><th>State</th>${region && html`<th>Advertising</th>`}<th>Size</th><th>Actions</th></tr></thead>
        <tbody>${data.cidrs.map(row)}</tbody></table>`
    }
    ${anyPending(data.cidrs) && html`<p class="note" role="status">Waiting for proof of control: the CIDRs are read again every ${POLL_MS / 1000} s until none is pending.</p>`}
    ${region && html`<${ErrorNote} error=${byoip.error} />`}
    <${Provision} who=${who} data=${data} reload=${reload} />`;
};
