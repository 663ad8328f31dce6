/**
 * The pool page's provision form (F-PCIDR, F-MON-25): a CIDR or, in a child pool, a netmask length
 * with the source pool's space preview; in a top-level BYOIP pool of the public scope, the proof
 * of control of F-BYOIP-02 besides: the signed authorization message (remarks-x509) or one of the
 * IPAM's verification tokens (dns-token, F-VTOK).
 */
import { useState } from 'preact/hooks';
import { type Answer, callAll, callApi } from '../api';
import { needsProof, provisionRequest } from '../byoip';
import type { Credentials } from '../session';
import { ErrorNote, formValues, html, idOfArn, inputText, Show, useAction, useLoad } from '../ui';
import type { PoolData } from './pool';
import { SpacePreview } from './pool-space-preview';

/** The IPAM's verification tokens (read in its home region), to choose one from. */
const TokenPicker = ({ who, pool }: { who: Credentials; pool: Answer }) => {
  const ipamId = idOfArn(pool.IpamArn);
  const tokens = useLoad(
    () =>
      callAll(
        { ...who, region: pool.IpamRegion ?? who.region },
        'DescribeIpamExternalResourceVerificationTokens',
        { Filters: [{ Name: 'ipam-id', Values: [ipamId] }] },
        'IpamExternalResourceVerificationTokens',
      ),
    [who, ipamId],
  );
  return html`<${Show} loaded=${tokens}>${(list: Answer[]) =>
    list.length === 0
      ? html`<p class="note">${ipamId} has no verification token: create one (<code>aws ec2 create-ipam-external-resource-verification-token --ipam-id ${ipamId}</code>) and publish its TXT records first.</p>`
      : html`<label>Verification token <select name="token" required>
          ${list.map(
            (t) =>
              html`<option value=${t.IpamExternalResourceVerificationTokenId}>${t.IpamExternalResourceVerificationTokenId} (name ${t.TokenName}, ${t.Status})</option>`,
          )}</select></label>`}<//>`;
};

/** F-BYOIP-02: the verification method and what it needs. */
const Proof = ({ who, pool }: { who: Credentials; pool: Answer }) => {
  const [method, setMethod] = useState('remarks-x509');
  const choice = (value: string, label: string) =>
    html`<label><input type="radio" name="method" value=${value} checked=${method === value}
      onChange=${() => setMethod(value)} /> ${label}</label>`;
  return html`<fieldset><legend>Verification method</legend>
      ${choice('remarks-x509', 'Signed message (remarks-x509)')}
      ${choice('dns-token', 'DNS TXT record (dns-token)')}</fieldset>
    ${
      method === 'dns-token'
        ? html`<${TokenPicker} who=${who} pool=${pool} />`
        : html`<label>Authorization message <input name="message" size="48" placeholder="1|aws|<account>|<cidr>|<YYYYMMDD>|SHA256|RSAPSS" /></label>
          <label>Signature <textarea name="signature" rows="2" cols="48"></textarea></label>`
    }`;
};

export const Provision = ({
  who,
  data,
  reload,
}: {
  who: Credentials;
  data: PoolData;
  reload: () => void;
}) => {
  const [cidr, setCidr] = useState('');
  const act = useAction();
  const proof = needsProof(data.pool);
  const submit = (e: Event) => {
    const request = provisionRequest(data.pool.IpamPoolId, formValues(e), proof);
    void act.run(async () => {
      await callApi(who, 'ProvisionIpamPoolCidr', request);
      setCidr('');
      reload();
    });
  };
  return html`<form onSubmit=${submit} aria-label="Provision CIDR" class=${proof ? 'proof' : ''}>
    <label>CIDR to provision <input name="cidr" value=${cidr} onInput=${(e: Event) => setCidr(inputText(e))} placeholder=${proof ? '130.137.245.0/24' : '10.0.0.0/16'} /></label>
    ${data.source && html`<label>or netmask length <input name="netmask" type="number" min="0" max="128" /></label>`}
    ${proof && html`<${Proof} who=${who} pool=${data.pool} />`}
    <button disabled=${act.busy}>Provision</button>
    ${data.source && html`<${SpacePreview} source=${data.source} cidr=${cidr} />`}
    <${ErrorNote} error=${act.error} />
  </form>`;
};
