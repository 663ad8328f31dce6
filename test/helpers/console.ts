/**
 * What the console's browser tests share: moto, Chromium and a local stack over moto; the JSON
 * API and AWS RAM as an account (each answer must be a 200), an account joining the organization
 * by accepting its invitation as itself, and signing in to the console as an account.
 */
import { AcceptHandshakeCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { accountSigner, signedJson, signedPost } from '../../local/signed';
import { startLocalStack } from '../../local/stack';
import { launchChromium } from './browser';
import { startMoto } from './moto';

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, checked field by field
type Json = any;

/** `action` on the JSON API of the stack at `url`, as `account` in `region`; the answer, which must be a 200. */
export const jsonAs =
  (url: string) =>
  async (action: string, body: object, account: string, region?: string): Promise<Json> => {
    const res = await signedJson(url, action, body, accountSigner(account, region));
    const answer = await res.json();
    expect([action, res.status, res.status === 200 || answer]).toEqual([action, 200, true]);
    return answer;
  };

/** An AWS RAM operation (its lower-case path) as `account`, as `aws ram` signs it; the answer, which must be a 200. */
export const ramAs = async (url: string, path: string, body: object, account: string): Promise<Json> => {
  const res = await signedPost(
    `${url}/${path}`,
    JSON.stringify(body),
    accountSigner(account),
    { 'content-type': 'application/json' },
    'ram',
  );
  const answer = await res.json();
  expect([path, res.status]).toEqual([path, 200]);
  return answer;
};

/** `account` joins `mgmt`'s organization: invited, it accepts as itself (AWS Organizations' API). */
export const joinOrganization = async (url: string, mgmt: string, account: string): Promise<void> => {
  const { Handshake } = await jsonAs(url)('RegisterOrganizationAccount', { AccountId: account }, mgmt);
  const orgs = new OrganizationsClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: account, secretAccessKey: 'test' },
  });
  await orgs.send(new AcceptHandshakeCommand({ HandshakeId: Handshake.Id }));
  orgs.destroy();
};

/** Signs in to the console as `account` (signing out whoever was signed in). */
export const signInAs = async (page: Page, url: string, account: string): Promise<void> => {
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.count()) await signOut.click();
  else await page.goto(`${url}/console/`);
  await page.getByLabel('Access key ID').fill(account);
  await page.getByLabel('Secret access key').fill('test');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signOut.waitFor();
};

/**
 * Moto, Chromium and a local stack whose EC2 backend and discovery read moto, for the console
 * suite `suite` (its own table, `allot-console-e2e` for `console.e2e`).
 */
export const consoleStack = async (suite: string, chromium: string) => {
  const [moto, browser] = await Promise.all([startMoto(suite).then((m) => m!), launchChromium(chromium)]);
  const stack = await startLocalStack({
    port: 0,
    inMemory: true,
    tableName: `allot-${suite.replace('.', '-')}`,
    env: {
      ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1',
      ALLOT_REUSE_DELAY_SECONDS: '0',
      ALLOT_DISCOVERY_EC2_ENDPOINT: moto.endpoint,
      ALLOT_EC2_BACKEND: moto.endpoint,
    },
  });
  return { moto, browser, stack };
};
