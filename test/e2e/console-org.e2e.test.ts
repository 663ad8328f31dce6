/**
 * The web console for an organization, in headless Chromium against the local stack over moto:
 * the resources view and the pool page after a discovery of two member accounts show the
 * statuses of the seminar deck's matrix (F-TUT-OVL), and the pool's AWS RAM share; the IPAM
 * delegated admin picks OUs to exclude from its resource discovery in the OU tree (F-OUX-08), and
 * the paths the API then holds are exactly the ones the picker's rules give. Its own stack, so it
 * runs beside console.e2e.test.ts.
 */
import { CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { chromiumPath, screenshot, seriousViolations, tableRows, watchedPage } from '../helpers/browser';
import { consoleStack, joinOrganization, jsonAs, ramAs, signInAs } from '../helpers/console';
import { type Moto, motoEc2, motoServerPath } from '../helpers/moto';

const CHROMIUM = chromiumPath('console-org.e2e');
const MOTO = motoServerPath('console-org.e2e');
const MGMT = '999988887777';
const ADMIN = '222233334444';
const MEMBER = '555566667777';
const OSAKA = 'ap-northeast-3';
const ORG = 'o-a1b2c3d4e5';
const ROOT = 'r-abcd';
const PROD = 'ou-abcd-prod0000';
const WEB = 'ou-abcd-web00000';
const DB = 'ou-abcd-db000000';
const REPLICA = 'ou-abcd-replica0';
const DEV = 'ou-abcd-dev00000';
const P = `${ORG}/${ROOT}/${PROD}`;

describe.skipIf(!CHROMIUM || !MOTO)('the web console for an organization', () => {
  let stack: LocalStack;
  let moto: Moto;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let rdId = '';
  let scope = '';
  const api = (action: string, body: object, account: string, region?: string) =>
    jsonAs(stack.url)(action, body, account, region);

  const exclusions = async (): Promise<string[]> =>
    (
      await api('DescribeIpamResourceDiscoveries', { IpamResourceDiscoveryIds: [rdId] }, ADMIN)
    ).IpamResourceDiscoveries[0].OrganizationalUnitExclusions.map(
      (o: { OrganizationsEntityPath: string }) => o.OrganizationsEntityPath,
    );

  beforeAll(async () => {
    ({ moto, browser, stack } = await consoleStack('console-org.e2e', CHROMIUM!));
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
    // Each account joins by accepting its invitation as itself; both stay under the root.
    for (const account of [ADMIN, MEMBER]) await joinOrganization(stack.url, MGMT, account);
    await api('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: ADMIN }, MGMT);
    // The delegated admin's IPAM, monitoring the organization in us-east-1 and ap-northeast-3.
    const { Ipam } = await api('CreateIpam', { OperatingRegions: [{ RegionName: OSAKA }] }, ADMIN);
    scope = Ipam.PrivateDefaultScopeId;
    rdId = Ipam.DefaultResourceDiscoveryId;
    ({ page, problems } = await watchedPage(browser, ['clipboard-read', 'clipboard-write']));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await moto?.stop();
  });

  const signIn = () => signInAs(page, stack.url, ADMIN);

  const rows = (table: string) => tableRows(page, table);

  it('F-TUT-OVL-02: the resources view and the pool page show the deck matrix after a discovery', async () => {
    // F-TUT-OVL-01: global 10.0.0.0/12 > osaka 10.0.0.0/14 (ap-northeast-3) > dev 10.0.0.0/16, prod 10.1.0.0/16.
    const pool = async (cidr: string, input: object) => {
      const { IpamPool } = await api(
        'CreateIpamPool',
        { IpamScopeId: scope, AddressFamily: 'ipv4', ...input },
        ADMIN,
      );
      await api('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: cidr }, ADMIN);
      return IpamPool as { IpamPoolId: string; IpamPoolArn: string };
    };
    const global = await pool('10.0.0.0/12', {});
    const osaka = await pool('10.0.0.0/14', { SourceIpamPoolId: global.IpamPoolId, Locale: OSAKA });
    const dev = await pool('10.0.0.0/16', { SourceIpamPoolId: osaka.IpamPoolId });
    const prod = await pool('10.1.0.0/16', {
      SourceIpamPoolId: osaka.IpamPoolId,
      Description: 'Prod pool in Osaka',
    });
    // A, B and D take their CIDRs from the pools (the facade over moto); the rules come after,
    // so B (no env=prod tag) and D (a /16 where /20 is the largest) break them.
    const fromPool = async (poolId: string, netmask: number, tags: { Key: string; Value: string }[]) =>
      (
        await api(
          'CreateVpc',
          {
            Ipv4IpamPoolId: poolId,
            Ipv4NetmaskLength: netmask,
            ...(tags.length ? { TagSpecifications: [{ ResourceType: 'vpc', Tags: tags }] } : {}),
          },
          ADMIN,
          OSAKA,
        )
      ).Vpc as { VpcId: string; CidrBlock: string };
    const a = await fromPool(prod.IpamPoolId, 24, [{ Key: 'env', Value: 'prod' }]);
    const b = await fromPool(prod.IpamPoolId, 24, []);
    const d = await fromPool(dev.IpamPoolId, 16, []);
    expect([a.CidrBlock, b.CidrBlock, d.CidrBlock]).toEqual(['10.1.0.0/24', '10.1.1.0/24', '10.0.0.0/16']);
    await api(
      'ModifyIpamPool',
      { IpamPoolId: prod.IpamPoolId, AddAllocationResourceTags: [{ Key: 'env', Value: 'prod' }] },
      ADMIN,
    );
    await api('ModifyIpamPool', { IpamPoolId: dev.IpamPoolId, AllocationMinNetmaskLength: 20 }, ADMIN);
    // C and E exist only in EC2; F and G are the two accounts' default VPCs.
    const own = motoEc2(moto.endpoint, ADMIN, OSAKA);
    const c = (await own.send(new CreateVpcCommand({ CidrBlock: '172.16.0.0/24' }))).Vpc!.VpcId!;
    const e = (await own.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/20' }))).Vpc!.VpcId!;
    const defaultVpc = async (account: string) =>
      (
        await motoEc2(moto.endpoint, account, OSAKA).send(
          new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
        )
      ).Vpcs![0]!.VpcId!;
    const [f, g] = [await defaultVpc(ADMIN), await defaultVpc(MEMBER)];

    await signIn();
    await page.goto(`${stack.url}/console/#/discovery`);
    await page.getByRole('button', { name: 'Run discovery now' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Discovery progress' }).textContent(), { timeout: 30_000 })
      .toMatch(/^Discovery finished: 6 targets, 6 read, 0 failed/);

    await page.goto(`${stack.url}/console/#/resources?scope=${scope}`);
    const filter = page.getByLabel('Filter (any column)');
    // Name (resource ID), CIDR, management, compliance, overlap, IP usage, type, VPC, region, owner.
    const shown = async (text: string) => {
      await filter.fill(text);
      return (await rows('Resource CIDRs')).map((r) => r.slice(0, 5)).sort();
    };
    await expect
      .poll(() => shown(a.VpcId))
      .toEqual([[a.VpcId, '10.1.0.0/24', 'managed', 'compliant', 'nonoverlapping']]);
    expect(await shown(b.VpcId)).toEqual([
      [b.VpcId, '10.1.1.0/24', 'managed', 'noncompliant', 'nonoverlapping'],
    ]);
    expect(await shown(c)).toEqual([[c, '172.16.0.0/24', 'unmanaged', 'unmanaged', 'nonoverlapping']]);
    expect(await shown(d.VpcId)).toEqual([
      [d.VpcId, '10.0.0.0/16', 'managed', 'noncompliant', 'overlapping'],
    ]);
    expect(await shown(e)).toEqual([[e, '10.0.0.0/20', 'unmanaged', 'unmanaged', 'overlapping']]);
    for (const vpc of [f, g])
      expect((await shown(vpc)).find((r) => r[0] === vpc)).toEqual([
        vpc,
        '172.31.0.0/16',
        'unmanaged',
        'unmanaged',
        'overlapping',
      ]);
    // F's subnets: no status applies ("–"), 0 % used.
    await filter.fill(f);
    const subnets = (await rows('Resource CIDRs')).filter((r) => r[6] === 'subnet');
    expect(subnets.length).toBeGreaterThan(1);
    expect(new Set(subnets.map((r) => r.slice(2, 6).join(' ')))).toEqual(new Set(['– – – 0%']));
    expect(await seriousViolations(page)).toEqual([]);

    // osaka-prod's pool page: F-STAT-09's summaries, its resources, the rows that break a rule.
    await page.goto(`${stack.url}/console/#/pools/${prod.IpamPoolId}`);
    const summary = page.locator('dl[aria-label="Pool compliance"] dd');
    await expect
      .poll(() => summary.allTextContents())
      .toEqual([
        '1 compliant resource CIDR, 1 noncompliant resource CIDR',
        '2 nonoverlapping resource CIDRs',
      ]);
    expect((await rows('Pool resources')).map((r) => [r[0], r[1], r[6], r[7]])).toEqual([
      ['10.1.0.0/24', a.VpcId, 'compliant', 'nonoverlapping'],
      ['10.1.1.0/24', b.VpcId, 'noncompliant', 'nonoverlapping'],
    ]);
    expect((await rows('Noncompliant or overlapping')).map((r) => r[1])).toEqual([b.VpcId]);
    await page
      .getByText(
        `This pool is in no resource share of yours. To let other accounts of your organization allocate from it, share it with AWS RAM`,
      )
      .waitFor();

    // Shared with the member account through AWS RAM: the Resource sharing tab lists the share.
    const { resourceShare } = await ramAs(
      stack.url,
      'createresourceshare',
      { name: 'Prod in Osaka', resourceArns: [prod.IpamPoolArn], principals: [MEMBER] },
      ADMIN,
    );
    await page.reload();
    await expect
      .poll(() => rows('Resource shares'))
      .toEqual([['Prod in Osaka', resourceShare.resourceShareArn, 'ASSOCIATED', `${MEMBER} (ASSOCIATED)`]]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-pool-resources');
    expect(problems.splice(0)).toEqual([]);
  });

  it('F-OUX-08: the delegated admin ticks OUs in the tree and saves exactly their paths', async () => {
    await signIn();
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
