/**
 * `#/public-ips`: public IP insights (F-PIP-03..06, F-PIP-09) for the IPAM of the signed-in
 * account: in one of its operating regions and from one of its resource discoveries, every
 * discovered public IPv4 address (GetIpamDiscoveredPublicAddresses, all pages), counted by type
 * and by Elastic IP association; choosing a count filters the table, and idle Elastic IPs get a
 * banner recommending their release. Choosing an address opens its details (F-PIP-08).
 */
import { useState } from 'preact/hooks';
import { type Answer, callAll, callApi } from '../api';
import { LineChart } from '../chart';
import type { Credentials } from '../session';
import { html, inputText, Show, useLoad } from '../ui';
import { AddressDetails } from './public-ip-details';
import {
  byAddress,
  type Category,
  type ContigUsage,
  contigUsage,
  dash,
  filtered,
  idleEips,
  inCategory,
  nameTag,
  TYPE_LABELS,
  typeCategories,
  usageCategories,
} from './public-ips-model';

const loadIpam = async (who: Credentials) => {
  const [ipams, associations] = await Promise.all([
    callAll(who, 'DescribeIpams', {}, 'Ipams'),
    callAll(who, 'DescribeIpamResourceDiscoveryAssociations', {}, 'IpamResourceDiscoveryAssociations'),
  ]);
  const ipam = ipams[0];
  if (!ipam) return undefined;
  const regions: string[] = (ipam.OperatingRegions ?? []).map((o: Answer) => o.RegionName);
  const discoveries = [
    ipam.DefaultResourceDiscoveryId as string,
    ...associations
      .filter(
        (a) => a.IpamId === ipam.IpamId && a.IpamResourceDiscoveryId !== ipam.DefaultResourceDiscoveryId,
      )
      .map((a) => a.IpamResourceDiscoveryId as string),
  ];
  return { ipam, regions, discoveries };
};

const loadAddresses = (who: Credentials, discovery: string, region: string) =>
  callAll(
    who,
    'GetIpamDiscoveredPublicAddresses',
    { IpamResourceDiscoveryId: discovery, AddressRegion: region, MaxResults: 1000 },
    'IpamDiscoveredPublicAddresses',
    100,
  ).then(byAddress);

/** F-PIP-05's figures (F-MET-05) for the IPAM's pools of one Locale, over the last day. */
const loadContig = async (who: Credentials, ipam: string, region: string) => {
  const end = new Date(Date.now() + 60_000);
  const series = (MetricName: string) =>
    callApi(who, 'GetIpamMetricData', {
      MetricName,
      Dimensions: [
        { Name: 'IpamId', Value: ipam },
        { Name: 'Locale', Value: region },
      ],
      StartTime: new Date(end.getTime() - 24 * 3600_000).toISOString(),
      EndTime: end.toISOString(),
      Period: 300,
      Stat: 'Maximum',
    }).then((a) => (a.MetricDataResults ?? []) as Answer[]);
  const [totals, allocated] = await Promise.all([
    series('AmazonOwnedContigIPs'),
    series('AllocatedAmazonOwnedContigIPs'),
  ]);
  return contigUsage(totals, allocated);
};

const ContigChart = ({ who, ipam, region }: { who: Credentials; ipam: string; region: string }) => {
  const data = useLoad(() => loadContig(who, ipam, region), [who, ipam, region]);
  return html`<section aria-label="Amazon-owned IPv4 contiguous IP usage"><h2>Amazon-owned IPv4 contiguous IP usage</h2>
    <${Show} loaded=${data}>${(pools: ContigUsage[]) =>
      pools.length === 0
        ? html`<p class="empty">No Amazon-provided contiguous pool in ${region} has figures yet: they are written at each discovery cycle.</p>`
        : pools.map(
            (p) =>
              html`<${LineChart} label=${`Allocated Elastic IPs of ${p.pool} (${p.allocated} of ${p.addresses} addresses)`} times=${p.times} values=${p.values} />`,
          )}<//></section>`;
};

const Choice = ({
  label,
  value,
  options,
  set,
  marked,
}: {
  label: string;
  value: string;
  options: string[];
  set: (v: string) => void;
  /** The option shown with " (default)". */
  marked?: string;
}) =>
  html`<label>${label}
    <select value=${value} onChange=${(e: Event) => set(inputText(e))}>
      ${options.map((o) => html`<option value=${o}>${o}${o === marked ? ' (default)' : ''}</option>`)}
    </select>
  </label>`;

export const PublicIps = ({ who }: { who: Credentials }) => {
  const setup = useLoad(() => loadIpam(who), [who]);
  const [region, setRegion] = useState(who.region);
  const [discovery, setDiscovery] = useState('');
  return html`<h1>Public IPs</h1>
    <${Show} loaded=${setup}>${(s: Awaited<ReturnType<typeof loadIpam>>) => {
      if (!s)
        return html`<p class="empty">No IPAM yet: <a href="#/ipams">create an IPAM</a>, then run discovery to see its public IP addresses here.</p>`;
      const rd = s.discoveries.includes(discovery) ? discovery : s.discoveries[0]!;
      const where = s.regions.includes(region) ? region : (s.regions[0] ?? who.region);
      return html`<div class="panel">
          <${Choice} label="Address region" value=${where} options=${s.regions} set=${setRegion} />
          <${Choice} label="Resource discovery" value=${rd} options=${s.discoveries} set=${setDiscovery}
            marked=${s.ipam.DefaultResourceDiscoveryId} />
        </div>
        <${Insights} key=${`${rd} ${where}`} who=${who} discovery=${rd} region=${where} />
        <${ContigChart} key=${where} who=${who} ipam=${s.ipam.IpamId} region=${where} />`;
    }}<//>`;
};

const Insights = ({ who, discovery, region }: { who: Credentials; discovery: string; region: string }) => {
  const data = useLoad(() => loadAddresses(who, discovery, region), [who, discovery, region]);
  const [chosen, choose] = useState<Category | undefined>();
  const [text, setText] = useState('');
  const [open, setOpen] = useState<string | undefined>();
  const close = () => {
    setOpen(undefined);
    // Back to the row the details were opened from.
    setTimeout(() => document.querySelector<HTMLElement>(`button[data-address="${open}"]`)?.focus());
  };
  return html`<${Show} loaded=${data}>${(list: Answer[]) => {
    if (list.length === 0)
      return html`<p class="empty">No public IP address discovered in ${region} yet: <a href="#/discovery">run discovery</a> to read the account's addresses, then come back.</p>`;
    const shown = filtered(list, chosen, text);
    const pick = (c: Category) => choose(chosen?.label === c.label ? undefined : c);
    return html`<${Banner} list=${list} />
      <div class="pip-widgets">
        <${Counts} title="Public IP types" categories=${typeCategories()} list=${list} chosen=${chosen} pick=${pick} />
        <${Counts} title="EIP usage" categories=${usageCategories()} list=${list} chosen=${chosen} pick=${pick} />
      </div>
      <div class="panel">
        <label>Filter addresses <input value=${text} onInput=${(e: Event) => setText(inputText(e))} /></label>
        <span role="status" aria-label="Table filter">${chosen ? `Showing ${chosen.label}: ` : 'Showing all: '}${shown.length} of ${list.length} addresses</span>
        ${chosen && html`<button class="secondary" onClick=${() => choose(undefined)}>Show all types</button>`}
      </div>
      <${AddressTable} list=${shown} open=${open} select=${setOpen} />
      ${selected(list, open, close)}`;
  }}<//>`;
};

const Counts = (p: {
  title: string;
  categories: Category[];
  list: Answer[];
  chosen?: Category;
  pick: (c: Category) => void;
}) =>
  html`<section aria-label=${p.title}><h2>${p.title}</h2>
    <table aria-label=${p.title}><tbody>${p.categories.map(
      (c) => html`<tr>
        <th scope="row"><button class="link" aria-pressed=${p.chosen?.label === c.label} onClick=${() => p.pick(c)}>${c.label}</button></th>
        <td>${p.list.filter((a) => inCategory(a, c)).length}</td></tr>`,
    )}</tbody></table></section>`;

const Banner = ({ list }: { list: Answer[] }) => {
  const idle = idleEips(list);
  if (idle.length === 0) return null;
  const one = idle.length === 1;
  return html`<section class="banner" role="note" aria-label="Release recommendation">
    <p><strong>${idle.length} unassociated Elastic IP${one ? '' : 's'}</strong>: ${one ? 'it is' : 'they are'} allocated to the account but used by no resource, and public IPv4 addresses are charged either way. Release ${one ? 'it' : 'them'} if no longer needed:</p>
    <pre>${idle.map((a) => `aws ec2 release-address --allocation-id ${a.AddressAllocationId}`).join('\n')}</pre>
  </section>`;
};

const selected = (list: Answer[], open: string | undefined, close: () => void) => {
  const a = open === undefined ? undefined : list.find((x) => x.Address === open);
  return a ? html`<${AddressDetails} a=${a} close=${close} />` : null;
};

type TableProps = { list: Answer[]; open?: string; select: (address: string) => void };

/** The address opens its details (F-PIP-08): a button, so the keyboard reaches it too. */
const addressCell = (a: Answer, p: TableProps) =>
  html`<button class="link" data-address=${a.Address} aria-expanded=${p.open === a.Address}
    aria-label=${`Details of ${a.Address}`} onClick=${() => p.select(a.Address)}>${a.Address}</button>`;

const AddressTable = (p: TableProps) =>
  p.list.length === 0
    ? html`<p class="empty">No address matches the filter.</p>`
    : html`<table aria-label="Public IP addresses"><thead><tr>
        <th>IP address</th><th>Association</th><th>Address type</th><th>Service</th><th>Name (EIP ID)</th>
        <th>Network interface</th><th>Instance</th><th>Public IPv4 pool</th><th>Network border group</th><th>Sample time</th>
      </tr></thead><tbody>${p.list.map(
        (a) => html`<tr><td>${addressCell(a, p)}</td><td>${a.AssociationStatus}</td>
          <td>${TYPE_LABELS[a.AddressType] ?? a.AddressType}</td><td>${dash(a.Service)}</td>
          <td>${a.AddressAllocationId ? [nameTag(a), a.AddressAllocationId].filter(Boolean).join(' ') : '–'}</td>
          <td>${dash(a.NetworkInterfaceId)}</td><td>${dash(a.InstanceId)}</td><td>${dash(a.PublicIpv4PoolId)}</td>
          <td>${dash(a.NetworkBorderGroup)}</td><td>${dash(a.SampleTime)}</td></tr>`,
      )}</tbody></table>`;
