/**
 * The web console for an organization (F-OUX-08), in headless Chromium against the local stack:
 * the IPAM delegated admin picks OUs to exclude from its resource discovery in the OU tree, and
 * the paths the API then holds are exactly the ones the picker's rules give. Its own stack, so it
 * runs beside console.e2e.test.ts.
 */
import { AcceptHandshakeCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSigner, signedJson } from '../../local/signed';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { chromiumPath, launchChromium, screenshot, seriousViolations, watchedPage } from '../helpers/browser';

const CHROMIUM = chromiumPath('console-org.e2e');
const MGMT = '999988887777';
const ADMIN = '222233334444';
const ORG = 'o-a1b2c3d4e5';
const ROOT = 'r-abcd';
const PROD = 'ou-abcd-prod0000';
const WEB = 'ou-abcd-web00000';
const DB = 'ou-abcd-db000000';
const REPLICA = 'ou-abcd-replica0';
const DEV = 'ou-abcd-dev00000';
const P = `${ORG}/${ROOT}/${PROD}`;

describe.skipIf(!CHROMIUM)('the web console for an organization', () => {
  let stack: LocalStack;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let rdId = '';
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, checked field by field
  const api = async (action: string, body: object, account: string): Promise<any> => {
    const res = await signedJson(stack.url, action, body, accountSigner(account));
    const answer = await res.json();
    expect([action, res.status]).toEqual([action, 200]);
    return answer;
  };
  const exclusions = async (): Promise<string[]> =>
    (
      await api('DescribeIpamResourceDiscoveries', { IpamResourceDiscoveryIds: [rdId] }, ADMIN)
    ).IpamResourceDiscoveries[0].OrganizationalUnitExclusions.map(
      (o: { OrganizationsEntityPath: string }) => o.OrganizationsEntityPath,
    );

  beforeAll(async () => {
    browser = await launchChromium(CHROMIUM!);
    stack = await startLocalStack({
      port: 0,
      inMemory: true,
      tableName: 'allot-console-org-e2e',
      env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1' },
    });
    // o-a1b2c3d4e5 / r-abcd: prod > (web, db > replica); dev. ADMIN joins and is delegated.
    await api('CreateOrganization', { OrganizationId: ORG, RootId: ROOT }, MGMT);
    for (const [id, parent, name] of [
      [PROD, ROOT, 'prod'],
      [WEB, PROD, 'web'],
      [DB, PROD, 'db'],
      [REPLICA, DB, 'replica'],
      [DEV, ROOT, 'dev'],
    ] as const)
      await api('CreateOrganizationalUnit', { ParentId: parent, Name: name, OrganizationalUnitId: id }, MGMT);
    const { Handshake } = await api('RegisterOrganizationAccount', { AccountId: ADMIN }, MGMT);
    const orgs = new OrganizationsClient({
      endpoint: stack.url,
      region: 'us-east-1',
      credentials: { accessKeyId: ADMIN, secretAccessKey: 'test' },
    });
    await orgs.send(new AcceptHandshakeCommand({ HandshakeId: Handshake.Id }));
    orgs.destroy();
    await api('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: ADMIN }, MGMT);
    rdId = (await api('CreateIpamResourceDiscovery', { Description: 'org rd' }, ADMIN)).IpamResourceDiscovery
      .IpamResourceDiscoveryId;
    ({ page, problems } = await watchedPage(browser, ['clipboard-read', 'clipboard-write']));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('F-OUX-08: the delegated admin ticks OUs in the tree and saves exactly their paths', async () => {
    await page.goto(`${stack.url}/console/`);
    await page.getByLabel('Access key ID').fill(ADMIN);
    await page.getByLabel('Secret access key').fill('test');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(`${stack.url}/console/#/discovery`);
    const picker = page.getByRole('region', { name: `OU exclusions of ${rdId}` });
    const box = (name: string, id: string) => picker.getByRole('checkbox', { name: `${name} (${id})` });
    const chips = () =>
      picker.getByRole('list', { name: 'Selected exclusions' }).locator('code').allTextContents();
    const saveButton = picker.getByRole('button', { name: 'Save OU exclusions' });
    const save = async (expected: string[]) => {
      await saveButton.click();
      await expect.poll(exclusions, { timeout: 30_000 }).toEqual(expected);
      // The picker is drawn again from what was saved: nothing left to save.
      await expect.poll(() => saveButton.isDisabled(), { timeout: 30_000 }).toBe(true);
      await expect.poll(chips).toEqual(expected);
    };

    // Ticking prod ticks its child OUs: one /* path.
    await box('prod', PROD).check();
    expect(await chips()).toEqual([`${P}/*`]);
    expect(await box('replica', REPLICA).isChecked()).toBe(true);
    expect(await box('dev', DEV).isChecked()).toBe(false);
    await save([`${P}/*`]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-ou-exclusions');

    // Unticking a child leaves the parent alone (trailing /), its other children by their own paths.
    await box('replica', REPLICA).uncheck();
    await save([`${P}/`, `${P}/${DB}/`, `${P}/${WEB}/*`]);

    // Row actions and the free-text path.
    await picker.getByRole('button', { name: 'Select only db' }).click();
    await picker.getByRole('button', { name: 'Select all child OUs of dev' }).click();
    await picker.getByRole('button', { name: `Remove ${P}/${WEB}/*`, exact: true }).click();
    await picker.getByLabel('Exclusion path').fill(`${P}/${WEB}/`);
    await picker.getByRole('button', { name: 'Add path' }).click();
    await save([`${P}/`, `${P}/${DB}/`, `${ORG}/${ROOT}/${DEV}/*`, `${P}/${WEB}/`]);

    await picker.getByRole('button', { name: 'Copy OU entity path of replica' }).click();
    await expect
      .poll(() => picker.getByRole('status', { name: 'Copied path' }).textContent())
      .toBe(`Copied ${P}/${DB}/${REPLICA}/`);
    // The DOM is not in this project's Node types: the page reads its own clipboard.
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(`${P}/${DB}/${REPLICA}/`);

    // A refusal shows the API's code next to the picker: prod/* and prod/ exclude prod twice.
    await picker.getByLabel('Exclusion path').fill(`${P}/*`);
    await picker.getByRole('button', { name: 'Add path' }).click();
    await saveButton.click();
    await expect
      .poll(() => picker.getByRole('alert').textContent())
      .toBe(`InvalidParameterCombination: The exclusions '${P}/' and '${P}/*' exclude the same OU.`);
    expect(await exclusions()).toEqual([`${P}/`, `${P}/${DB}/`, `${ORG}/${ROOT}/${DEV}/*`, `${P}/${WEB}/`]);
    expect(problems.splice(0)).toEqual(['400 POST /v1/ModifyIpamResourceDiscovery']);
  });
});
