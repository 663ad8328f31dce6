/**
 * F-TUT-CON (FEATURES-monitoring §15.2), the console tutorial with an organization, through the
 * console in headless Chromium where its steps are console steps: the IPAM and its pools (with the
 * source space previews), the Pre-prod pool's Resource sharing tab, "Run discovery now", the
 * developer's VPC in Resources and in the pool's allocations, and the typed cascade delete (with
 * the share left in place: deleting it is RAM's console, not IPAM's). The
 * steps the console has no page for run through the API as the CLI test does (tut-con.e2e):
 * delegating the admin (CON-01), the Pre-prod pool's allocation rules (CON-05), RAM's organization
 * sharing and the share itself (CON-06/07), the developer's create-vpc (CON-08).
 */
import { DeleteVpcCommand } from '@aws-sdk/client-ec2';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { chromiumPath, seriousViolations, tableRows, watchedPage } from '../helpers/browser';
import { consoleStack, joinOrganization, jsonAs, ramAs, signInAs } from '../helpers/console';
import { type Moto, motoEc2, motoServerPath } from '../helpers/moto';

const CHROMIUM = chromiumPath('console-tut.e2e');
const MOTO = motoServerPath('console-tut.e2e');
const MGMT = '999988887777';
const ADMIN = '111122223333';
const DEV = '444455556666';
const ORG = 'o-example123';
const ROOT = 'r-fssg';
const OU = 'ou-fssg-q5brfv9c';

describe.skipIf(!CHROMIUM || !MOTO)('F-TUT-CON in the web console', () => {
  let stack: LocalStack;
  let moto: Moto;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const ids: Record<string, string> = {};
  const api = (action: string, body: object, account: string, region?: string) =>
    jsonAs(stack.url)(action, body, account, region);
  const rows = (table: string) => tableRows(page, table);
  const form = (name: string) => page.getByRole('form', { name });
  const open = async (hash: string, heading: string | RegExp) => {
    const target = `${stack.url}/console/${hash}`;
    // The same hash again is no navigation: read the page afresh.
    if (page.url() === target) await page.reload();
    else await page.goto(target);
    await page.getByRole('heading', { name: heading, exact: typeof heading === 'string' }).waitFor();
  };
  const preview = () => page.getByTestId('space-preview').textContent();

  beforeAll(async () => {
    ({ moto, browser, stack } = await consoleStack('console-tut.e2e', CHROMIUM!));
    // The prerequisite and CON-01: the organization, the developer in its OU, the admin delegated.
    await api('CreateOrganization', { OrganizationId: ORG, RootId: ROOT }, MGMT);
    await api('CreateOrganizationalUnit', { ParentId: ROOT, Name: 'dev', OrganizationalUnitId: OU }, MGMT);
    await joinOrganization(stack.url, MGMT, ADMIN);
    await joinOrganization(stack.url, MGMT, DEV);
    await api('MoveAccount', { AccountId: DEV, DestinationParentId: OU }, MGMT);
    await api('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: ADMIN }, MGMT);
    ({ page, problems } = await watchedPage(browser));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await moto?.stop();
  });

  /** Creates a pool in the console's form; its id (the page it opens). */
  const createPool = async (fields: {
    source?: string;
    locale?: string;
    cidr?: string;
    description: string;
  }) => {
    await open('#/pools', 'Pools');
    const create = form('Create pool');
    if (fields.source) await create.getByLabel('Source pool').selectOption(fields.source);
    if (fields.locale) await create.getByLabel('Locale').fill(fields.locale);
    await create.getByLabel('Description').fill(fields.description);
    if (fields.cidr) await create.getByLabel('CIDR to provision from the source pool').fill(fields.cidr);
    if (fields.cidr) await expect.poll(preview).toMatch(/^Source pool space/);
    const said = fields.cidr ? await preview() : undefined;
    await create.getByRole('button', { name: 'Create pool' }).click();
    await page.getByRole('heading', { name: /^Pool ipam-pool-/ }).waitFor();
    return { id: decodeURIComponent(page.url().split('#/pools/')[1]!), preview: said };
  };

  it('CON-02..05: the delegated admin creates the IPAM and the pool tree in the console', async () => {
    await signInAs(page, stack.url, ADMIN);
    await open('#/ipams', 'IPAMs');
    await form('Create IPAM')
      .getByLabel(/Operating regions/)
      .fill('us-west-1, us-west-2');
    await form('Create IPAM').getByRole('button', { name: 'Create IPAM' }).click();
    await page.getByRole('table', { name: 'IPAMs' }).waitFor();
    const [ipam] = (await api('DescribeIpams', {}, ADMIN)).Ipams;
    ids.ipam = ipam.IpamId;
    expect((await rows('IPAMs')).map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual([
      [ids.ipam, 'us-east-1', 'us-east-1, us-west-1, us-west-2', '2', 'create-complete'],
    ]);

    // CON-03: the Global pool, 10.0.0.0/16 ("65K IPs"), no resource yet: "–" and "–".
    ids.global = (await createPool({ description: 'Global pool' })).id;
    await form('Provision CIDR').getByLabel('CIDR to provision').fill('10.0.0.0/16');
    await form('Provision CIDR').getByRole('button', { name: 'Provision' }).click();
    await expect
      .poll(async () => (await rows('Pool CIDRs')).map((r) => [r[0], r[2], r[3]]))
      .toEqual([['10.0.0.0/16', 'provisioned', '65K IPs']]);
    expect(await page.locator('dl[aria-label="Pool compliance"] dd').allTextContents()).toEqual(['–', '–']);

    // CON-04: the regional pools with their source space previews (F-MON-25).
    const west1 = await createPool({
      source: ids.global,
      locale: 'us-west-1',
      cidr: '10.0.0.0/18',
      description: 'Regional us-west-1',
    });
    const west2 = await createPool({
      source: ids.global,
      locale: 'us-west-2',
      cidr: '10.0.64.0/18',
      description: 'Regional us-west-2',
    });
    expect([west1.preview, west2.preview]).toEqual([
      'Source pool space: 10.0.0.0/16 (100% available → 75% available after allocations) · 16K IPs',
      'Source pool space: 10.0.0.0/16 (75% available → 50% available after allocations) · 16K IPs',
    ]);
    ids.west1 = west1.id;
    const allocations = (await api('GetIpamPoolAllocations', { IpamPoolId: ids.global }, ADMIN))
      .IpamPoolAllocations;
    expect(
      allocations.map((a: Record<string, string>) => `${a.Cidr} ${a.ResourceType} ${a.ResourceId}`),
    ).toEqual([`10.0.0.0/18 ipam-pool ${west1.id}`, `10.0.64.0/18 ipam-pool ${west2.id}`]);

    // CON-05: Pre-prod from us-west-1, 10.0.0.0/20 ("4K IPs"); its rules through the API.
    const preprod = await createPool({ source: ids.west1, cidr: '10.0.0.0/20', description: 'Pre-prod' });
    expect(preprod.preview).toBe(
      'Source pool space: 10.0.0.0/18 (100% available → 75% available after allocations) · 4K IPs',
    );
    ids.preprod = preprod.id;
    await api(
      'ModifyIpamPool',
      {
        IpamPoolId: ids.preprod,
        AllocationMinNetmaskLength: 24,
        AllocationDefaultNetmaskLength: 24,
        AllocationMaxNetmaskLength: 24,
        AddAllocationResourceTags: [{ Key: 'environment', Value: 'pre-prod' }],
      },
      ADMIN,
    );
    const [pool] = (await api('DescribeIpamPools', { IpamPoolIds: [ids.preprod] }, ADMIN)).IpamPools;
    expect([pool.Locale, pool.PoolDepth, pool.AllocationMaxNetmaskLength]).toEqual(['us-west-1', 3, 24]);
    ids.preprodArn = pool.IpamPoolArn;
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems.splice(0)).toEqual([]);
  });

  it("CON-06..09: the share on Pre-prod's page, and the developer's VPC after a discovery", async () => {
    await ramAs(stack.url, 'enablesharingwithawsorganization', {}, MGMT);
    const { resourceShare } = await ramAs(
      stack.url,
      'createresourceshare',
      {
        name: 'Pre-prod dev pool',
        resourceArns: [ids.preprodArn],
        principals: [`arn:aws:organizations::${MGMT}:ou/${ORG}/${OU}`],
      },
      ADMIN,
    );
    await open(`#/pools/${ids.preprod}`, `Pool ${ids.preprod}`);
    await expect
      .poll(() => rows('Resource shares'))
      .toEqual([
        [
          'Pre-prod dev pool',
          resourceShare.resourceShareArn,
          'ASSOCIATED',
          `arn:aws:organizations::${MGMT}:ou/${ORG}/${OU} (ASSOCIATED)`,
        ],
      ]);

    // CON-08: the developer's VPC from the shared pool, in us-west-1, with the required tag.
    const { Vpc } = await api(
      'CreateVpc',
      {
        Ipv4IpamPoolId: ids.preprod,
        Ipv4NetmaskLength: 24,
        TagSpecifications: [
          {
            ResourceType: 'vpc',
            Tags: [
              { Key: 'Name', Value: 'Example VPC' },
              { Key: 'environment', Value: 'pre-prod' },
            ],
          },
        ],
      },
      DEV,
      'us-west-1',
    );
    expect(Vpc.CidrBlock).toBe('10.0.0.0/24');
    ids.vpc = Vpc.VpcId;

    // CON-09: after "Run discovery now", Resources shows it managed, compliant, nonoverlapping.
    await open('#/discovery', 'Discovery');
    await page.getByRole('button', { name: 'Run discovery now' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Discovery progress' }).textContent(), { timeout: 30_000 })
      .toMatch(/^Discovery finished: 9 targets, 9 read, 0 failed/);
    await open('#/resources', 'Resources');
    await page.getByLabel('Filter (any column)').fill(ids.vpc!);
    // Name (resource ID), CIDR, management, compliance, overlap, IP usage, type, VPC, region, owner, pool.
    await expect
      .poll(async () =>
        (await rows('Resource CIDRs')).map((r) => [r[0], r[1], r[2], r[3], r[4], r[8], r[9], r[10]]),
      )
      .toEqual([
        [
          `Example VPC ${ids.vpc}`,
          '10.0.0.0/24',
          'managed',
          'compliant',
          'nonoverlapping',
          'us-west-1',
          DEV,
          ids.preprod,
        ],
      ]);
    // The pool's allocations are read in its locale, us-west-1, whatever the region selector says.
    await open(`#/pools/${ids.preprod}`, `Pool ${ids.preprod}`);
    await expect
      .poll(async () => (await rows('Allocations')).map((r) => [r[0], r[2], r[4], r[5], r[6]]))
      .toEqual([['10.0.0.0/24', 'vpc', ids.vpc, 'us-west-1', DEV]]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems.splice(0)).toEqual([]);
  });

  it('CON-10: once the VPC is gone, the IPAM is deleted with cascade once "delete" is typed', async () => {
    await motoEc2(moto.endpoint, DEV, 'us-west-1').send(new DeleteVpcCommand({ VpcId: ids.vpc }));
    await open('#/ipams', 'IPAMs');
    await page.getByRole('button', { name: `Delete ${ids.ipam}` }).click();
    await page.getByLabel(`Type "delete" to confirm deleting ${ids.ipam}`).fill('delete');
    await page.getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByText('No IPAM in us-east-1 yet.').waitFor();
    expect((await api('DescribeIpams', {}, ADMIN)).Ipams).toEqual([]);
    expect(problems.splice(0)).toEqual([]);
  });
});
