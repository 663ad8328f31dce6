/**
 * The console's Public IPs page (F-PIP-03..06, F-PIP-09) in headless Chromium against the local
 * stack: two Elastic IPs taken from an Amazon-provided contiguous pool (one associated with a moto
 * instance, one idle) reach the discovery sample on RunDiscovery, and the page counts them by
 * type and association, lists them, filters the table by the chosen count and recommends
 * releasing the idle one; choosing the associated address shows its details, the rules of its
 * instance's security group as moto gives them, and its tags (F-PIP-08). Data is set up through
 * the API and the EC2 backend; the page is only read.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSigner, signedJson } from '../../local/signed';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { chromiumPath, launchChromium, screenshot, seriousViolations, watchPage } from '../helpers/browser';
import { type Moto, motoEc2, motoServerPath, startMoto } from '../helpers/moto';

const CHROMIUM = chromiumPath('console-public-ips.e2e');
const MOTO = motoServerPath('console-public-ips.e2e');
const A = '111122223333';

describe.skipIf(!CHROMIUM || !MOTO)('the console: public IP insights', () => {
  let stack: LocalStack;
  let moto: Moto;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const ids = { ipam: '', discovery: '', used: '', idle: '', instance: '', pool: '', group: '' };
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, checked field by field
  const api = async (action: string, body: object): Promise<any> => {
    const res = await signedJson(stack.url, action, body, accountSigner(A));
    const answer = await res.json();
    if (!res.ok) throw new Error(`${action}: ${JSON.stringify(answer)}`);
    return answer;
  };
  /** Each row of a table as the text of its cells, header cells included. */
  const rows = (table: string) =>
    page
      .getByRole('table', { name: table })
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')),
      );
  const open = async () => {
    // Already on the page, a goto only moves the hash: reload to read the API afresh.
    await page.goto(`${stack.url}/console/#/public-ips`);
    await page.reload();
    await page.getByRole('heading', { name: 'Public IPs', exact: true }).waitFor();
  };

  /**
   * An instance of account A in moto, in a subnet that gives no public address of its own, in a
   * security group that lets HTTPS in (moto adds its default rule out).
   */
  const motoInstance = async () => {
    const ec2 = motoEc2(moto.endpoint, A, 'us-east-1');
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.70.0.0/16' }))).Vpc!.VpcId!;
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.70.1.0/24' })))
      .Subnet!.SubnetId!;
    ids.group = (
      await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))
    ).GroupId!;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: ids.group,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'https' }],
          },
        ],
      }),
    );
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnet,
        SecurityGroupIds: [ids.group],
      }),
    );
    return run.Instances![0]!.InstanceId!;
  };

  /** An IPAM with an Amazon-provided /29 in us-east-1 and two Elastic IPs from it, one in use. */
  const arrange = async () => {
    const { Ipam } = await api('CreateIpam', {});
    [ids.ipam, ids.discovery] = [Ipam.IpamId, Ipam.DefaultResourceDiscoveryId];
    const { IpamPool } = await api('CreateIpamPool', {
      IpamScopeId: Ipam.PublicDefaultScopeId,
      AddressFamily: 'ipv4',
      Locale: 'us-east-1',
      AwsService: 'ec2',
      PublicIpSource: 'amazon',
    });
    ids.pool = IpamPool.IpamPoolId;
    await api('ProvisionIpamPoolCidr', { IpamPoolId: ids.pool, NetmaskLength: 29 });
    const { IpamPoolCidrs } = await api('GetIpamPoolCidrs', { IpamPoolId: ids.pool });
    expect(IpamPoolCidrs.map((c: { Cidr: string; State: string }) => [c.Cidr, c.State])).toEqual([
      ['18.97.0.40/29', 'provisioned'],
    ]);
    const used = await api('AllocateAddress', {
      IpamPoolId: ids.pool,
      TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'team', Value: 'web' }] }],
    });
    const idle = await api('AllocateAddress', { IpamPoolId: ids.pool });
    expect([used.PublicIp, idle.PublicIp]).toEqual(['18.97.0.40', '18.97.0.41']);
    [ids.used, ids.idle] = [used.AllocationId, idle.AllocationId];
    ids.instance = await motoInstance();
    await api('AssociateAddress', { AllocationId: ids.used, InstanceId: ids.instance });
  };

  beforeAll(async () => {
    [moto, browser] = await Promise.all([
      startMoto('console-public-ips.e2e').then((m) => m!),
      launchChromium(CHROMIUM!),
    ]);
    stack = await startLocalStack({
      port: 0,
      inMemory: true,
      tableName: 'allot-console-pips-e2e',
      env: {
        ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1',
        ALLOT_AMAZON_SUPPLY: JSON.stringify({ 'us-east-1': ['18.97.0.40/29'] }),
        ALLOT_PROVISION_SETTLE_SECONDS: '0',
        ALLOT_DISCOVERY_EC2_ENDPOINT: moto.endpoint,
        ALLOT_EC2_BACKEND: moto.endpoint,
      },
    });
    await arrange();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    problems = watchPage(page);
    await page.goto(`${stack.url}/console/`);
    await page.getByLabel('Access key ID').fill(A);
    await page.getByLabel('Secret access key').fill('test');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await moto?.stop();
  });

  it('before any discovery, says what to do next', async () => {
    await page.getByRole('link', { name: 'Public IPs' }).click();
    await page.getByRole('heading', { name: 'Public IPs', exact: true }).waitFor();
    const empty = page.getByText('No public IP address discovered in us-east-1 yet');
    await empty.waitFor({ timeout: 30_000 });
    expect(await empty.textContent()).toBe(
      "No public IP address discovered in us-east-1 yet: run discovery to read the account's addresses, then come back.",
    );
    expect(await page.getByRole('link', { name: 'run discovery' }).getAttribute('href')).toBe('#/discovery');
    expect(await page.getByLabel('Address region').inputValue()).toBe('us-east-1');
    expect(await page.getByLabel('Resource discovery').inputValue()).toBe(ids.discovery);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('after discovery, counts the two contiguous Elastic IPs by type and by association, and lists them', async () => {
    const run = await api('RunDiscovery', {});
    expect([run.Read, run.Failed]).toEqual([run.Targets, 0]);
    const { IpamDiscoveredPublicAddresses: found } = await api('GetIpamDiscoveredPublicAddresses', {
      IpamResourceDiscoveryId: ids.discovery,
      AddressRegion: 'us-east-1',
    });
    const sampled = found.map((a: { SampleTime: string }) => a.SampleTime);
    expect(sampled).toEqual([sampled[0], sampled[0]]);
    await open();
    await page.getByRole('table', { name: 'Public IP addresses' }).waitFor({ timeout: 30_000 });
    expect(await rows('Public IP types')).toEqual([
      ['Amazon-owned EIP', '0'],
      ['EC2 public IP', '0'],
      ['BYOIP', '0'],
      ['Service-managed IP', '0'],
      ['Service-managed BYOIP', '0'],
      ['Amazon-owned contiguous EIP', '2'],
      ['Anycast IP list IP', '0'],
    ]);
    expect(await rows('EIP usage')).toEqual([
      ['Associated Amazon-owned EIPs', '0'],
      ['Unassociated Amazon-owned EIPs', '0'],
      ['Associated BYOIP', '0'],
      ['Unassociated BYOIP', '0'],
      ['Associated Amazon-owned contiguous EIPs', '1'],
      ['Unassociated Amazon-owned contiguous EIPs', '1'],
    ]);
    const row = (ip: string, association: string, eip: string, instance: string) => [
      ...[ip, association, 'Amazon-owned contiguous EIP', 'other', eip, '–', instance, ids.pool],
      ...['us-east-1', sampled[0]],
    ];
    expect(await rows('Public IP addresses')).toEqual([
      row('18.97.0.40', 'associated', ids.used, ids.instance),
      row('18.97.0.41', 'disassociated', ids.idle, '–'),
    ]);
    const banner = page.getByRole('note', { name: 'Release recommendation' });
    expect(await banner.locator('strong').textContent()).toBe('1 unassociated Elastic IP');
    expect(await banner.locator('pre').textContent()).toBe(
      `aws ec2 release-address --allocation-id ${ids.idle}`,
    );
    // F-PIP-05: the pool's figures from this discovery cycle, one point: 2 of its 8 addresses.
    expect(
      await page.getByRole('img', { name: /^Allocated Elastic IPs of / }).getAttribute('aria-label'),
    ).toBe(`Allocated Elastic IPs of ${ids.pool} (2 of 8 addresses): 1 points, latest 25%`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-public-ips');
  });

  it('filters the table by the chosen count, then by text, and shows all again', async () => {
    const status = page.getByRole('status', { name: 'Table filter' });
    const addresses = async () => (await rows('Public IP addresses')).map((r) => r[0]);
    await page.getByRole('button', { name: 'Unassociated Amazon-owned contiguous EIPs' }).click();
    expect(await status.textContent()).toBe(
      'Showing Unassociated Amazon-owned contiguous EIPs: 1 of 2 addresses',
    );
    expect(await addresses()).toEqual(['18.97.0.41']);
    await page.getByRole('button', { name: 'Associated Amazon-owned contiguous EIPs', exact: true }).click();
    expect(await addresses()).toEqual(['18.97.0.40']);
    await page.getByRole('button', { name: 'BYOIP', exact: true }).click();
    expect(await status.textContent()).toBe('Showing BYOIP: 0 of 2 addresses');
    expect(await page.getByText('No address matches the filter.').count()).toBe(1);
    await page.getByRole('button', { name: 'Amazon-owned contiguous EIP', exact: true }).click();
    expect(await addresses()).toEqual(['18.97.0.40', '18.97.0.41']);
    await page.getByLabel('Filter addresses').fill(ids.instance);
    expect(await addresses()).toEqual(['18.97.0.40']);
    await page.getByRole('button', { name: 'Show all types' }).click();
    await page.getByLabel('Filter addresses').fill('');
    expect(await status.textContent()).toBe('Showing all: 2 of 2 addresses');
    expect(await addresses()).toEqual(['18.97.0.40', '18.97.0.41']);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('F-PIP-08: choosing the associated address shows its details, its security group rules and tags', async () => {
    const { IpamDiscoveredPublicAddresses: found } = await api('GetIpamDiscoveredPublicAddresses', {
      IpamResourceDiscoveryId: ids.discovery,
      AddressRegion: 'us-east-1',
    });
    const used = found.find((a: { Address: string }) => a.Address === '18.97.0.40');
    // The rules as moto gives them: the HTTPS rule in, moto's default rule out.
    expect(
      used.SecurityGroupRules.map(({ SecurityGroupRuleId, ...r }: { SecurityGroupRuleId: string }) => [
        SecurityGroupRuleId.startsWith('sgr-'),
        r,
      ]),
    ).toEqual([
      [
        true,
        {
          GroupId: ids.group,
          IsEgress: true,
          IpProtocol: '-1',
          FromPort: -1,
          ToPort: -1,
          CidrIpv4: '0.0.0.0/0',
        },
      ],
      [
        true,
        {
          GroupId: ids.group,
          IsEgress: false,
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          CidrIpv4: '0.0.0.0/0',
          Description: 'https',
        },
      ],
    ]);
    const link = page.getByRole('button', { name: 'Details of 18.97.0.40' });
    await link.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Address 18.97.0.40' });
    await panel.waitFor();
    expect(await link.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator(':focus').textContent()).toBe('Address 18.97.0.40');
    const details = await panel
      .locator('dl.details')
      .evaluate((dl) =>
        [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
      );
    expect(details).toEqual([
      ['IP address', '18.97.0.40'],
      ['Association', 'associated'],
      ['Address type', 'Amazon-owned contiguous EIP'],
      ['Service', 'other'],
      ['Name (EIP ID)', ids.used],
      ['Network interface', '–'],
      ['Instance', ids.instance],
      ['Security groups', `web ${ids.group}`],
      ['Public IPv4 pool', ids.pool],
      ['Network border group', 'us-east-1'],
      ['Owner ID', A],
      ['Sample time', used.SampleTime],
      ['Resource discovery', ids.discovery],
      ['Service resource', '–'],
    ]);
    expect(await rows('Inbound security group rules')).toEqual([
      ['TCP', '443', '0.0.0.0/0', 'https', ids.group],
    ]);
    expect(await rows('Outbound security group rules')).toEqual([
      ['All', 'All', '0.0.0.0/0', '–', ids.group],
    ]);
    expect(await rows('Tags')).toEqual([['EipTags', 'team', 'web']]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-public-ip-details');
    // Escape closes it and gives the focus back to the address.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('button[data-address="18.97.0.40"]:focus').count()).toBe(1);

    // The idle address has no instance: no rule tables, and no tags; the Close button closes it.
    await page.getByRole('button', { name: 'Details of 18.97.0.41' }).click();
    const idle = page.getByRole('region', { name: 'Address 18.97.0.41' });
    expect(await idle.locator('p').allTextContents()).toEqual([
      'Security group rules are shown for addresses that belong to an instance.',
      'No tags.',
    ]);
    expect(await idle.getByRole('table').count()).toBe(0);
    await idle.getByRole('button', { name: 'Close' }).click();
    await idle.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });
});
