/**
 * The Allot console: sign-in, then one view per hash route. Every view is a client of the public
 * API (api.ts), signed like the CLI, so the console can do nothing a script cannot.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { useRoute } from './router';
import { type Credentials, clearCredentials, loadCredentials, REGIONS, saveCredentials } from './session';
import { html } from './ui';
import { Dashboard } from './views/dashboard';
import { Discovery } from './views/discovery';
import { History } from './views/history';
import { Ipams } from './views/ipams';
import { PoolMap, ResourceMap } from './views/map';
import { PoolPage } from './views/pool';
import { Pools } from './views/pools';
import { PublicIps } from './views/public-ips';
import { Resources } from './views/resources';
import { Scopes } from './views/scopes';
import { SignIn } from './views/signin';

const NAV = [
  ['#/', 'Dashboard'],
  ['#/ipams', 'IPAMs'],
  ['#/scopes', 'Scopes'],
  ['#/pools', 'Pools'],
  ['#/resources', 'Resources'],
  ['#/history', 'History'],
  ['#/discovery', 'Discovery'],
  ['#/public-ips', 'Public IPs'],
] as const;

const View = ({ who }: { who: Credentials }) => {
  const { parts, query } = useRoute();
  const [page, id, sub] = parts;
  if (page === 'scopes') return html`<${Scopes} who=${who} />`;
  if (page === 'pools' && id && sub === 'map')
    return html`<${PoolMap} who=${who} poolId=${id} root=${query.get('root') ?? ''} />`;
  if (page === 'pools' && id) return html`<${PoolPage} who=${who} poolId=${id} />`;
  if (page === 'pools') return html`<${Pools} who=${who} />`;
  if (page === 'ipams') return html`<${Ipams} who=${who} />`;
  if (page === 'resources' && id === 'map')
    return html`<${ResourceMap} who=${who} scope=${query.get('scope')} root=${query.get('root') ?? ''} />`;
  if (page === 'resources') return html`<${Resources} who=${who} scope=${query.get('scope')} />`;
  if (page === 'history')
    return html`<${History} who=${who} cidr=${query.get('cidr') ?? ''} scope=${query.get('scope')}
      days=${Number(query.get('days') ?? 7)} />`;
  if (page === 'discovery') return html`<${Discovery} who=${who} />`;
  if (page === 'public-ips') return html`<${PublicIps} who=${who} />`;
  return html`<${Dashboard} who=${who} scope=${query.get('scope')} />`;
};

const App = () => {
  const [who, setWho] = useState(loadCredentials);
  if (!who) return html`<${SignIn} onSignedIn=${setWho} />`;
  const setRegion = (region: string) => {
    const next = { ...who, region };
    saveCredentials(next);
    setWho(next);
  };
  return html`<header>
      <strong>Allot</strong>
      <nav aria-label="Console">${NAV.map(([href, text]) => html`<a href=${href}>${text}</a>`)}</nav>
      <label>Region
        <select value=${who.region} onChange=${(e: Event) => setRegion((e.target as HTMLSelectElement).value)}>
          ${REGIONS.map((r) => html`<option value=${r}>${r}</option>`)}
        </select>
      </label>
      <span>Signed in as ${who.accessKeyId}</span>
      <button class="secondary" onClick=${() => {
        clearCredentials();
        setWho(undefined);
      }}>Sign out</button>
    </header>
    <main><${View} key=${who.region} who=${who} /></main>`;
};

render(html`<${App} />`, document.getElementById('app')!);
