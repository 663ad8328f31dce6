/** The scope selector the dashboard, resources and history share (default: the private scope). */
import { type Answer, callAll } from './api';
import type { Credentials } from './session';
import { html, inputText } from './ui';

export const loadScopes = (who: Credentials) => callAll(who, 'DescribeIpamScopes', {}, 'IpamScopes');

/** The scope in the URL, else the first default private scope, else the first one. */
export const pickScope = (scopes: Answer[], wanted: string | null): string =>
  (
    scopes.find((s) => s.IpamScopeId === wanted) ??
    scopes.find((s) => s.IsDefault && s.IpamScopeType === 'private') ??
    scopes[0]
  )?.IpamScopeId ?? '';

export const ScopeSelect = ({
  scopes,
  value,
  onChange,
}: {
  scopes: Answer[];
  value: string;
  onChange: (id: string) => void;
}) =>
  html`<label>Scope
    <select value=${value} onChange=${(e: Event) => onChange(inputText(e))}>
      ${scopes.map((s) => html`<option value=${s.IpamScopeId}>${s.IpamScopeId} (${s.IpamScopeType}${s.IsDefault ? ', default' : ''})</option>`)}
    </select>
  </label>`;
