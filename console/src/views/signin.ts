/**
 * Sign-in: an access key id and secret, checked by one signed DescribeIpams. A refused signature
 * (AuthFailure, SignatureDoesNotMatch, RequestExpired, …) keeps the form with EC2's code and
 * message; a caller merely not allowed to list IPAMs is still signed in.
 */
import { useState } from 'preact/hooks';
import { ApiError, callApi } from '../api';
import { type Credentials, isLocalStack, REGIONS, saveCredentials } from '../session';
import { ErrorNote, formValues, html, useAction } from '../ui';

const accepted = (e: unknown) => e instanceof ApiError && e.code === 'UnauthorizedOperation';

export const SignIn = ({ onSignedIn }: { onSignedIn: (c: Credentials) => void }) => {
  const local = isLocalStack();
  const [region] = useState('us-east-1');
  const act = useAction();
  const submit = (e: Event) => {
    const v = formValues(e);
    const who = {
      accessKeyId: v.accessKeyId ?? '',
      secretAccessKey: v.secretAccessKey ?? '',
      region: v.region ?? region,
    };
    void act.run(async () => {
      await callApi(who, 'DescribeIpams', { MaxResults: 5 }).catch((err) => {
        if (!accepted(err)) throw err;
      });
      saveCredentials(who);
      onSignedIn(who);
    });
  };
  return html`<main>
    <h1>Sign in to Allot</h1>
    <p>Requests are signed in this browser with AWS Signature Version 4, like the AWS CLI. The secret
      stays in this tab's session storage and is never sent.</p>
    ${
      local &&
      html`<p class="note">This is a local stack (<code>npm start</code>): its local credentials
      <code>test</code> / <code>test</code> are filled in.</p>`
    }
    <form class="signin" onSubmit=${submit} aria-label="Sign in">
      <label>Access key ID <input name="accessKeyId" autocomplete="username" required value=${local ? 'test' : ''} /></label>
      <label>Secret access key
        <input name="secretAccessKey" type="password" autocomplete="current-password" required value=${local ? 'test' : ''} />
      </label>
      <label>Region
        <select name="region">${REGIONS.map((r) => html`<option value=${r} selected=${r === region}>${r}</option>`)}</select>
      </label>
      <button type="submit" disabled=${act.busy}>Sign in</button>
      <${ErrorNote} error=${act.error} />
    </form>
  </main>`;
};
