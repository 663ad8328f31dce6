/**
 * The web console in headless Chromium against the local stack (serverless-offline over DynamoDB
 * Local): sign-in with SigV4 signed in the browser, IPAMs, scopes, pools, the pool page and the
 * CIDR map, all through the UI, each value checked against the API signed from here. One stack,
 * one browser, several accounts (a 12-digit access key id signs as that account).
 */
import { CreateSubnetCommand, CreateVpcCommand, DeleteVpcCommand } from '@aws-sdk/client-ec2';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d2xy } from '../../console/src/hilbert';
import { COLOURS, LABELS, resourceBlock } from '../../console/src/layout';
import { accountSigner, signedJson } from '../../local/signed';
import type { LocalStack } from '../../local/stack';
import { chromiumPath, screenshot, seriousViolations, tableRows, watchedPage } from '../helpers/browser';
import { consoleStack } from '../helpers/console';
import { type Moto, motoEc2, motoServerPath } from '../helpers/moto';

const CHROMIUM = chromiumPath('console.e2e');
const MOTO = motoServerPath('console.e2e');

/** What the test reads of a canvas (the DOM's types are not in this project's Node build). */
interface Canvas2d {
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Iterable<number> };
  };
}
const A = '111122223333';
const B = '444455556666';

describe.skipIf(!CHROMIUM || !MOTO)('the web console', () => {
  let stack: LocalStack;
  let moto: Moto;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const ids = { ipam: '', privateScope: '', top: '', regional: '' };
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, checked field by field
  const api = async (action: string, body: object, account = A): Promise<any> =>
    (await signedJson(stack.url, action, body, accountSigner(account))).json();

  const signIn = async (accessKeyId: string, secret: string) => {
    await page.goto(`${stack.url}/console/`);
    await page.getByLabel('Access key ID').fill(accessKeyId);
    await page.getByLabel('Secret access key').fill(secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const open = async (hash: string, heading: string) => {
    await page.goto(`${stack.url}/console/${hash}`);
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  };
  const rows = (table: string) => tableRows(page, table);
  /** The text is on the page once (waiting for it to render). */
  const seen = async (text: string) => {
    await page.getByText(text).first().waitFor();
    expect(await page.getByText(text).count()).toBe(1);
  };
  const form = (name: string) => page.getByRole('form', { name });
  const accessible = async (name: string) => {
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `console-${name}`);
  };

  beforeAll(async () => {
    ({ moto, browser, stack } = await consoleStack('console.e2e', CHROMIUM!));
    ({ page, problems } = await watchedPage(browser));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await moto?.stop();
  });

  it('refuses a wrong secret with EC2 code and message, and signs in with the right one', async () => {
    await signIn(A, 'not-the-secret');
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'AuthFailure: AWS was not able to validate the provided access credentials: the request signature does not match (check the secret access key and signing method).',
      );
    expect(await page.evaluate(() => sessionStorage.getItem('allot.credentials'))).toBeNull();
    expect(problems.splice(0)).toEqual(['401 POST /v1/DescribeIpams']);
    await accessible('signin');

    await signIn(A, 'test');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await seen('No IPAM yet: create an IPAM to see its space here.');
    await open('#/ipams', 'IPAMs');
    await seen('No IPAM in us-east-1 yet.');
    // Kept for the tab only, and the secret is never on the wire: each request carries a signature.
    expect(JSON.parse((await page.evaluate(() => sessionStorage.getItem('allot.credentials')))!)).toEqual({
      accessKeyId: A,
      secretAccessKey: 'test',
      region: 'us-east-1',
    });
  });

  it('creates an IPAM and a scope, and deletes the scope only once "delete" is typed', async () => {
    await form('Create IPAM').getByLabel('Description').fill('console ipam');
    await form('Create IPAM')
      .getByLabel(/Operating regions/)
      .fill('us-west-2');
    await form('Create IPAM').getByRole('button', { name: 'Create IPAM' }).click();
    await page.getByRole('table', { name: 'IPAMs' }).waitFor();
    const { Ipams } = await api('DescribeIpams', {});
    expect(Ipams.map((i: { Description: string }) => i.Description)).toEqual(['console ipam']);
    ids.ipam = Ipams[0].IpamId;
    ids.privateScope = Ipams[0].PrivateDefaultScopeId;
    expect((await rows('IPAMs')).map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual([
      [ids.ipam, 'us-east-1', 'us-east-1, us-west-2', '2', 'create-complete'],
    ]);
    await accessible('ipams');

    await open('#/scopes', 'Scopes');
    await form('Create scope').getByLabel('Description').fill('extra');
    await form('Create scope').getByRole('button', { name: 'Create scope' }).click();
    await expect.poll(async () => (await rows('Scopes')).length).toBe(3);
    const extra = (await api('DescribeIpamScopes', {})).IpamScopes.find(
      (x: { Description?: string }) => x.Description === 'extra',
    );
    expect([extra.IpamScopeType, extra.IsDefault]).toEqual(['private', false]);
    const described = form(`Description of ${extra.IpamScopeId}`);
    await described.getByLabel('Description').fill('renamed');
    await described.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(
        async () =>
          (await api('DescribeIpamScopes', { IpamScopeIds: [extra.IpamScopeId] })).IpamScopes[0].Description,
      )
      .toBe('renamed');
    await page.getByRole('button', { name: `Delete ${extra.IpamScopeId}` }).click();
    const confirm = page.getByRole('button', { name: 'Confirm delete' });
    await page.getByLabel(`Type "delete" to confirm deleting ${extra.IpamScopeId}`).fill('delet');
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel(`Type "delete" to confirm deleting ${extra.IpamScopeId}`).fill('delete');
    await accessible('scopes');
    await confirm.click();
    await expect.poll(async () => (await rows('Scopes')).length).toBe(2);
    expect(
      (await api('DescribeIpamScopes', {})).IpamScopes.map((x: { IsDefault: boolean }) => x.IsDefault),
    ).toEqual([true, true]);
  });

  it('creates a top-level and a regional pool and provisions them, with the source space preview', async () => {
    await open('#/pools', 'Pools');
    await seen('No pools yet.');
    await form('Create pool').getByLabel('Description').fill('top');
    await form('Create pool').getByRole('button', { name: 'Create pool' }).click();
    await page.getByRole('heading', { name: /^Pool ipam-pool-/ }).waitFor();
    ids.top = decodeURIComponent(page.url().split('#/pools/')[1]!);
    await seen('This pool has no CIDR yet: provision a CIDR to this pool');
    await form('Provision CIDR').getByLabel('CIDR to provision').fill('10.0.0.0/16');
    await form('Provision CIDR').getByRole('button', { name: 'Provision' }).click();
    await page.getByRole('table', { name: 'Pool CIDRs' }).waitFor();
    const cidrs = (await api('GetIpamPoolCidrs', { IpamPoolId: ids.top })).IpamPoolCidrs;
    expect((await rows('Pool CIDRs')).map((r) => r.slice(0, 4))).toEqual([
      ['10.0.0.0/16', cidrs[0].IpamPoolCidrId, 'provisioned', '65K IPs'],
    ]);

    await open('#/pools', 'Pools');
    await form('Create pool').getByLabel('Source pool').selectOption(ids.top);
    await form('Create pool').getByLabel('Locale').fill('us-east-1');
    await form('Create pool').getByLabel('Description').fill('regional');
    // F-MON-25 in the create form: the source pool's space before and after the first CIDR.
    await form('Create pool').getByLabel('CIDR to provision from the source pool').fill('10.0.0.0/18');
    await expect
      .poll(() => page.getByTestId('space-preview').textContent())
      .toBe('Source pool space: 10.0.0.0/16 (100% available → 75% available after allocations) · 16K IPs');
    await accessible('pool-create');
    await form('Create pool').getByRole('button', { name: 'Create pool' }).click();
    await page.getByRole('heading', { name: /^Pool ipam-pool-/ }).waitFor();
    ids.regional = decodeURIComponent(page.url().split('#/pools/')[1]!);
    expect(ids.regional).not.toBe(ids.top);
    await page.getByRole('table', { name: 'Pool CIDRs' }).waitFor();
    // The pool page's preview counts the /18 now allocated from the source.
    await form('Provision CIDR').getByLabel('CIDR to provision').fill('10.0.64.0/18');
    expect(await page.getByTestId('space-preview').textContent()).toBe(
      'Source pool space: 10.0.0.0/16 (75% available → 50% available after allocations) · 16K IPs',
    );
    await accessible('pool-provision');
    await form('Provision CIDR').getByLabel('CIDR to provision').fill('');
    const [pool] = (await api('DescribeIpamPools', { IpamPoolIds: [ids.regional] })).IpamPools;
    expect([pool.SourceIpamPoolId, pool.Locale, pool.Description]).toEqual([
      ids.top,
      'us-east-1',
      'regional',
    ]);
    const fromTop = (await api('GetIpamPoolAllocations', { IpamPoolId: ids.top })).IpamPoolAllocations;
    expect(fromTop.map((a: { Cidr: string; ResourceType: string }) => [a.Cidr, a.ResourceType])).toEqual([
      ['10.0.0.0/18', 'ipam-pool'],
    ]);
  });

  it('previews the next CIDR, allocates, shows a refusal with its code, and releases', async () => {
    const alloc = form('Create allocation');
    await alloc.getByLabel('Netmask length').fill('24');
    await alloc.getByRole('button', { name: 'Preview next CIDR' }).click();
    await expect.poll(() => alloc.getByRole('status').textContent()).toBe('Next CIDR: 10.0.0.0/24');
    // A preview reserves nothing.
    expect((await api('GetIpamPoolAllocations', { IpamPoolId: ids.regional })).IpamPoolAllocations).toEqual(
      [],
    );
    await alloc.getByLabel('Allocation description').fill('first');
    await alloc.getByRole('button', { name: 'Allocate' }).click();
    await expect.poll(async () => (await rows('Allocations')).length).toBe(1);
    await alloc.getByLabel('Netmask length').fill('24');
    await alloc.getByLabel('Allocation description').fill('second');
    await alloc.getByRole('button', { name: 'Allocate' }).click();
    await expect.poll(async () => (await rows('Allocations')).length).toBe(2);
    const held = (await api('GetIpamPoolAllocations', { IpamPoolId: ids.regional })).IpamPoolAllocations;
    expect((await rows('Allocations')).map((r) => r.slice(0, 4))).toEqual(
      held.map((a: { Cidr: string; IpamPoolAllocationId: string; Description: string }) => [
        a.Cidr,
        a.IpamPoolAllocationId,
        'custom',
        a.Description,
      ]),
    );
    expect(held.map((a: { Cidr: string }) => a.Cidr).sort()).toEqual(['10.0.0.0/24', '10.0.1.0/24']);

    // Outside the pool: the API's own refusal, shown next to the form.
    const outside = { IpamPoolId: ids.regional, Cidr: '192.168.0.0/24' };
    const refusal = (await api('AllocateIpamPoolCidr', outside)).Error;
    await alloc.getByLabel('or a specific CIDR').fill('192.168.0.0/24');
    await alloc.getByRole('button', { name: 'Allocate' }).click();
    await expect
      .poll(() => alloc.getByRole('alert').textContent())
      .toBe(`${refusal.Code}: ${refusal.Message}`);
    expect(problems.splice(0)).toEqual(['400 POST /v1/AllocateIpamPoolCidr']);
    await accessible('pool');

    await page.getByRole('button', { name: 'Release 10.0.0.0/24' }).click();
    await expect.poll(async () => (await rows('Allocations')).map((r) => r[0])).toEqual(['10.0.1.0/24']);
    const left = (await api('GetIpamPoolAllocations', { IpamPoolId: ids.regional })).IpamPoolAllocations;
    expect(left.map((a: { Cidr: string }) => a.Cidr)).toEqual(['10.0.1.0/24']);

    await form('Add tag').getByLabel('Tag key').fill('env');
    await form('Add tag').getByLabel('Tag value').fill('dev');
    await form('Add tag').getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(async () => rows('Tags')).toEqual([['env', 'dev', 'Remove']]);
    const [tagged] = (await api('DescribeIpamPools', { IpamPoolIds: [ids.regional] })).IpamPools;
    expect(tagged.Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
  });

  it('shows the pools as a tree with their utilisation', async () => {
    await open('#/pools', 'Pools');
    const tree = page.getByRole('tree', { name: 'Pools' });
    await tree.waitFor();
    const top = tree.locator(':scope > li');
    expect(await top.count()).toBe(1);
    expect(await top.locator(':scope > a').textContent()).toBe(ids.top);
    expect(await top.locator('ul[role=group] > li > a').allTextContents()).toEqual([ids.regional]);
    // 10.0.0.0/18 of 10.0.0.0/16 is in the regional pool; one /24 of the /18 is allocated.
    expect(await page.getByRole('img', { name: `${ids.top} used: 25%` }).count()).toBe(1);
    expect(await page.getByRole('img', { name: `${ids.regional} used: 1.6%` }).count()).toBe(1);
    await accessible('pools');
  });

  it('maps the pool on a Hilbert curve, coloured by category, and zooms in and out', async () => {
    await open(`#/pools/${ids.regional}/map`, `CIDR map of ${ids.regional}`);
    // 10.0.0.0/18 as 64 × 64 cells of /30 (8 px each); 10.0.1.0/24 holds cells 64..127.
    await expect
      .poll(async () => (await rows('Blocks of the map')).slice(0, 4).map((r) => r.slice(0, 2)))
      .toEqual([
        ['10.0.0.0/24', 'Available'],
        ['10.0.1.0/24', 'Occupied'],
        ['10.0.2.0/23', 'Available'],
        ['10.0.4.0/22', 'Available'],
      ]);
    const canvas = page.locator('canvas');
    const mapOf = async (label: string) =>
      expect
        .poll(() => canvas.getAttribute('aria-label'))
        .toBe(`CIDR map of ${label}; the table below lists them`);
    await mapOf('10.0.0.0/18, 4096 blocks of /30');
    const centre = (d: number): [number, number] => {
      const [x, y] = d2xy(6, d);
      return [x * 8 + 3, y * 8 + 3];
    };
    const pixel = (d: number) =>
      canvas.evaluate((c: Canvas2d, [x, y]) => {
        const [r, g, b] = c.getContext('2d')!.getImageData(x!, y!, 1, 1).data;
        return `#${[r, g, b].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
      }, centre(d));
    expect([await pixel(0), await pixel(63), await pixel(64), await pixel(127), await pixel(128)]).toEqual([
      COLOURS.available,
      COLOURS.available,
      COLOURS.occupied,
      COLOURS.occupied,
      COLOURS.available,
    ]);
    const [hx, hy] = centre(100);
    await canvas.hover({ position: { x: hx, y: hy } });
    await expect
      .poll(() => page.getByTestId('map-hover').textContent())
      .toMatch(
        /^10\.0\.1\.144\/30 in 10\.0\.1\.0\/24: Occupied · custom ipam-pool-alloc-\S+ second · owner 111122223333 · allocated$/,
      );
    await accessible('map');
    await screenshot(page, 'console-map');

    await canvas.click({ position: { x: hx, y: hy } });
    await mapOf('10.0.0.0/20, 4096 blocks of /32');
    expect(new URL(page.url()).hash).toBe(`#/pools/${ids.regional}/map?root=10.0.0.0/20`);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await mapOf('10.0.0.0/18, 4096 blocks of /30');
    await page.getByLabel('Root CIDR').fill('10.0.1.0/24');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await mapOf('10.0.1.0/24, 256 blocks of /32');
    expect(await pixel(0)).toBe(COLOURS.occupied);
  });

  it('runs discovery with progress, then shows resources, history and the dashboard as the API does', async () => {
    const ec2 = motoEc2(moto.endpoint, A, 'us-east-1');
    const twin = async () =>
      (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }))).Vpc!.VpcId!;
    const [kept, gone] = [await twin(), await twin()];
    // A VPC with a subnet, to move to another private scope (F-RES-07).
    const moving = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }))).Vpc!.VpcId!;
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: moving, CidrBlock: '10.60.1.0/24' })))
      .Subnet!.SubnetId!;
    const elsewhere = (await api('CreateIpamScope', { IpamId: ids.ipam, Description: 'elsewhere' })).IpamScope
      .IpamScopeId;
    await open('#/discovery', 'Discovery');
    const progress = page.getByRole('status', { name: 'Discovery progress' });
    await page.getByRole('button', { name: 'Run discovery now' }).click();
    await expect
      .poll(() => progress.textContent(), { timeout: 30_000 })
      .toMatch(/^Discovery finished: 2 targets, 2 read, 0 failed/);
    await expect
      .poll(async () => (await rows('Discovered accounts')).map((r) => r.slice(0, 3)))
      .toEqual([[A, 'us-east-1', 'ok']]);
    await accessible('discovery');

    await open('#/resources', 'Resources');
    const cidrs = (await api('GetIpamResourceCidrs', { IpamScopeId: ids.privateScope })).IpamResourceCidrs;
    const vpcs = cidrs.filter((r: { ResourceCidr: string }) => r.ResourceCidr === '10.50.0.0/16');
    expect(
      vpcs.map((r: { OverlapStatus: string; ManagementState: string }) => [
        r.ManagementState,
        r.OverlapStatus,
      ]),
    ).toEqual([
      ['unmanaged', 'overlapping'],
      ['unmanaged', 'overlapping'],
    ]);
    await page.getByLabel('Filter (any column)').fill('10.50.');
    await expect
      .poll(async () => (await rows('Resource CIDRs')).map((r) => r.slice(0, 5)).sort())
      .toEqual(
        vpcs
          .map((r: { ResourceId: string; ManagementState: string; ComplianceStatus: string }) => [
            r.ResourceId,
            '10.50.0.0/16',
            r.ManagementState,
            r.ComplianceStatus ?? '–',
            'overlapping',
          ])
          .sort(),
      );
    await accessible('resources');
    await page.getByRole('button', { name: 'Ignore 10.50.0.0/16' }).first().click();
    await expect
      .poll(async () => (await rows('Resource CIDRs')).map((r) => r[2]).sort())
      .toEqual(['ignored', 'unmanaged']);
    const after = (await api('GetIpamResourceCidrs', { IpamScopeId: ids.privateScope })).IpamResourceCidrs;
    expect(
      after
        .filter((r: { ResourceCidr: string }) => r.ResourceCidr === '10.50.0.0/16')
        .map((r: { ManagementState: string }) => r.ManagementState)
        .sort(),
    ).toEqual(['ignored', 'unmanaged']);

    // Move scope: a subnet is refused with the API's code next to its row; the VPC's move is
    // recorded, and the next cycle moves it with its subnet.
    await page.getByLabel('Filter (any column)').fill('10.60.');
    await page.getByRole('button', { name: `Move scope of ${subnet} 10.60.1.0/24` }).click();
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: subnet }).getByRole('alert').textContent())
      .toBe('OperationNotPermitted: Only VPC CIDRs can be moved between scopes; their subnets follow.');
    expect(problems.splice(0)).toEqual(['400 POST /v1/ModifyIpamResourceCidr']);
    await page.getByLabel(`Move 10.60.0.0/16 of ${moving} to scope`).selectOption(elsewhere);
    await page.getByRole('button', { name: `Move scope of ${moving} 10.60.0.0/16` }).click();
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: moving }).getByRole('status').textContent())
      .toBe(`Moves to ${elsewhere} at the next discovery cycle.`);

    // One twin goes: the next cycle closes its history record.
    await ec2.send(new DeleteVpcCommand({ VpcId: gone }));
    await open('#/discovery', 'Discovery');
    await page.getByRole('button', { name: 'Run discovery now' }).click();
    await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toMatch(/^Discovery finished/);
    const in10_60 = async (scope: string) =>
      (await api('GetIpamResourceCidrs', { IpamScopeId: scope })).IpamResourceCidrs.filter(
        (r: { ResourceCidr: string }) => r.ResourceCidr.startsWith('10.60.'),
      )
        .map((r: { ResourceId: string; ResourceCidr: string }) => [r.ResourceId, r.ResourceCidr])
        .sort();
    expect([await in10_60(elsewhere), await in10_60(ids.privateScope)]).toEqual([
      [
        [moving, '10.60.0.0/16'],
        [subnet, '10.60.1.0/24'],
      ].sort(),
      [],
    ]);
    await open(`#/resources?scope=${elsewhere}`, 'Resources');
    await expect
      .poll(async () => (await rows('Resource CIDRs')).map((r) => r.slice(0, 2)).sort())
      .toEqual(await in10_60(elsewhere));
    await open(`#/history?cidr=10.50.0.0/16&scope=${ids.privateScope}`, 'Address history');
    const week = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const history = (
      await api('GetIpamAddressHistory', {
        Cidr: '10.50.0.0/16',
        IpamScopeId: ids.privateScope,
        StartTime: week,
      })
    ).HistoryRecords;
    const closed = history.filter((r: { SampledEndTime?: string }) => r.SampledEndTime);
    expect(closed.map((r: { ResourceId: string }) => r.ResourceId)).toContain(gone);
    await expect
      .poll(async () => (await rows('Address history')).filter((r) => r[1] !== 'now').map((r) => r[2]))
      .toEqual(closed.map((r: { ResourceId: string }) => r.ResourceId));
    expect((await rows('Address history')).some((r) => r[1] === 'now' && r[2] === kept)).toBe(true);
    // The timeline: the closed record is a bar from its start to its end on the page's time axis.
    const timeline = page.getByRole('img', { name: /^Timeline of 10\.50\.0\.0\/16:/ });
    const axis = await timeline.evaluate((svg) =>
      ['data-from', 'data-until', 'data-x0', 'data-width'].map((a) => svg.getAttribute(a)!),
    );
    const [t0, t1] = [Date.parse(axis[0]!), Date.parse(axis[1]!)];
    const px = (t: string) => Number(axis[2]) + ((Date.parse(t) - t0) * Number(axis[3])) / (t1 - t0);
    const record = closed.find((r: { ResourceId: string }) => r.ResourceId === gone);
    const bar = await timeline
      .locator(`rect[data-resource="${gone}"]`)
      .evaluate((r) => ['data-from', 'data-until', 'x', 'width'].map((a) => r.getAttribute(a)!));
    expect(bar.slice(0, 2)).toEqual([record.SampledStartTime, record.SampledEndTime]);
    expect(Number(bar[2])).toBeCloseTo(px(record.SampledStartTime), 6);
    expect(Number(bar[2]) + Number(bar[3])).toBeCloseTo(
      Math.max(px(record.SampledEndTime), px(record.SampledStartTime) + 2),
      6,
    );
    expect(await timeline.locator(`rect[data-resource="${kept}"]`).getAttribute('data-until')).toBe('now');
    await accessible('history');

    // The regional pool's own series, written by the discovery cycles: 1 /24 of its /18 assigned.
    await open(`#/pools/${ids.regional}`, `Pool ${ids.regional}`);
    const poolSeries = page.getByRole('img', { name: new RegExp(`^PercentAssigned of ${ids.regional}:`) });
    await poolSeries.waitFor();
    expect((await poolSeries.getAttribute('aria-label'))?.replace(/^.*latest /, '')).toBe('1.5625%');

    // The scope's resource map: what is left at 10.50.0.0/16, in the category its statuses give.
    await open(`#/resources/map?scope=${ids.privateScope}&root=10.50.0.0/16`, 'Resource CIDR map');
    const left = (
      await api('GetIpamResourceCidrs', { IpamScopeId: ids.privateScope })
    ).IpamResourceCidrs.filter((r: { ResourceCidr: string }) => r.ResourceCidr === '10.50.0.0/16');
    expect(left.map((r: { ResourceId: string }) => r.ResourceId)).toEqual([kept]);
    await expect
      .poll(async () => (await rows('Blocks of the map')).map((r) => r.slice(0, 2)))
      .toEqual([['10.50.0.0/16', LABELS[resourceBlock(left[0]).category]]]);
    expect(await page.locator('canvas').getAttribute('aria-label')).toBe(
      'CIDR map of 10.50.0.0/16, 4096 blocks of /28; the table below lists them',
    );
    await accessible('resource-map');

    await open(`#/?scope=${ids.privateScope}`, 'Dashboard');
    const figures = await api('GetIpamMetrics', { IpamScopeId: ids.privateScope });
    await expect
      .poll(async () => rows('Resource CIDR counts'))
      .toEqual([
        [String(figures.ResourceCidrs.all.total)],
        [String(figures.ResourceCidrs.all.managed)],
        [String(figures.ResourceCidrs.all.unmanaged)],
        [String(figures.ResourceCidrs.all.ignored)],
        [String(figures.ResourceCidrs.all.compliant)],
        [String(figures.ResourceCidrs.all.noncompliant)],
        [String(figures.ResourceCidrs.all.overlapping)],
        [String(figures.ResourceCidrs.all.nonoverlapping)],
      ]);
    expect((await rows('Fullest pools'))[0]![0]).toBe(ids.top);
    // The fullest pool over time: the regional pool has one /24 of its /18 assigned, the top pool
    // its /18 of the /16 allocated to a child pool.
    const latest = async (metric: string) =>
      (
        await page
          .getByRole('img', { name: new RegExp(`^${metric} of the fullest pool:`) })
          .getAttribute('aria-label')
      )?.replace(/^.*latest /, '');
    expect([await latest('PercentAssigned'), await latest('PercentAllocated')]).toEqual(['1.5625%', '25%']);
    // The scope's status counts over time, as GetIpamMetricData has them from the cycles.
    const statusSeries = async (MetricName: string) => {
      const end = new Date(Date.now() + 60_000);
      const [r] = (
        await api('GetIpamMetricData', {
          MetricName,
          Dimensions: [
            { Name: 'ScopeID', Value: ids.privateScope },
            { Name: 'AddressFamily', Value: 'IPv4' },
          ],
          StartTime: new Date(end.getTime() - 86_400_000).toISOString(),
          EndTime: end.toISOString(),
          Period: 300,
          Stat: 'Maximum',
        })
      ).MetricDataResults;
      return `${r.Values.length} points, latest ${r.Values.at(-1)}`;
    };
    const charted = async (metric: string) =>
      (
        await page
          .getByRole('img', { name: new RegExp(`^${metric} of the scope:`) })
          .getAttribute('aria-label')
      )?.replace(/^[^:]*: /, '');
    const overlapping = await statusSeries('OverlappingResourceCidrs');
    expect(overlapping).toMatch(/^[1-9]\d* points, latest [1-9]/);
    expect([
      await charted('OverlappingResourceCidrs'),
      await charted('CompliantResourceCidrs'),
      await charted('NoncompliantResourceCidrs'),
    ]).toEqual([
      overlapping,
      await statusSeries('CompliantResourceCidrs'),
      await statusSeries('NoncompliantResourceCidrs'),
    ]);
    await accessible('dashboard');
    await screenshot(page, 'console-dashboard');
  });

  it('shows a second account nothing of the first', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(B, 'test');
    await seen('No IPAM yet: create an IPAM to see its space here.');
    await open('#/ipams', 'IPAMs');
    await seen('No IPAM in us-east-1 yet.');
    await open('#/resources', 'Resources');
    await seen('No IPAM yet: create an IPAM first.');
    await open('#/pools', 'Pools');
    await page.getByText('No scope to put a pool in').waitFor();
    await page.goto(`${stack.url}/console/#/pools/${ids.regional}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(
      `InvalidIpamPoolId.NotFound: ${(await api('DescribeIpamPools', { IpamPoolIds: [ids.regional] }, B)).Error.Message}`,
    );
    expect((await api('DescribeIpams', {}, B)).Ipams).toEqual([]);
    expect(problems.splice(0)).toEqual(['400 POST /v1/DescribeIpamPools']);
  });
});
