/**
 * The console's Public IPs page (F-PIP-03..06, F-PIP-09) in headless Chromium against the local
 * stack: two Elastic IPs taken from an Amazon-provided contiguous pool (one associated with a moto
 * instance, one idle) reach the discovery sample on RunDiscovery, and the page counts them by
 * type and association, lists them, filters the table by the chosen count and recommends
 * releasing the idle one; choosing the associated address shows its details, the rules of its
 * instance's security group as moto gives them, and its tags (F-PIP-08). Data is set up through
 * the API and the EC2 backend; the page is only read.
 *
 * Last, F-TUT-B4C's console steps on the same IPAM: a BYOIP /24 provisioned on the pool page
 * with its signed message, checked for real against the RDAP record of a loopback server and
 * re-read by the page until it settles (ALLOT_PROVISION_SETTLE_SECONDS=2, so the pending state is
 * there to see), then the regional pool's CIDR advertised and withdrawn from its CIDRs section and
 * its share's managed permission shown with its version. It runs after the address counts above.
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
import { joinOrganization, jsonAs, ramAs } from '../helpers/console';
import { type Moto, motoEc2, motoServerPath, startMoto } from '../helpers/moto';
import {
  authMessage,
  OTHER_KEY,
  type ProofServers,
  rdapRecord,
  signMessage,
  startProofServers,
} from '../helpers/proof';

const CHROMIUM = chromiumPath('console-public-ips.e2e');
const MOTO = motoServerPath('console-public-ips.e2e');
const A = '111122223333';
const B4 = '130.137.245.0/24';
const FORGED = '130.137.246.0/24';
const MGMT = '999988887777';
const MEMBER = '444455556666';

describe.skipIf(!CHROMIUM || !MOTO)('the console: public IP insights', () => {
  let stack: LocalStack;
  let moto: Moto;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let proof: ProofServers;
  const ids = { ipam: '', scope: '', discovery: '', used: '', idle: '', instance: '', pool: '', group: '' };
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
    [ids.ipam, ids.scope, ids.discovery] = [
      Ipam.IpamId,
      Ipam.PublicDefaultScopeId,
      Ipam.DefaultResourceDiscoveryId,
    ];
    const { IpamPool } = await api('CreateIpamPool', {
      IpamScopeId: Ipam.PublicDefaultScopeId,
      AddressFamily: 'ipv4',
      Locale: 'us-east-1',
      AwsService: 'ec2',
      PublicIpSource: 'amazon',
    });
    ids.pool = IpamPool.IpamPoolId;
    await api('ProvisionIpamPoolCidr', { IpamPoolId: ids.pool, NetmaskLength: 29 });
    // The block settles at the first read after the settle delay (expect.poll is for tests only).
    let cidrs: { Cidr: string; State: string }[] = [];
    for (
      const until = Date.now() + 10_000;
      Date.now() < until;
      await new Promise((r) => setTimeout(r, 500))
    ) {
      cidrs = (await api('GetIpamPoolCidrs', { IpamPoolId: ids.pool })).IpamPoolCidrs;
      if (cidrs.every((c) => c.State !== 'pending-provision')) break;
    }
    expect(cidrs.map((c) => [c.Cidr, c.State])).toEqual([['18.97.0.40/29', 'provisioned']]);
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
    [moto, browser, proof] = await Promise.all([
      startMoto('console-public-ips.e2e').then((m) => m!),
      launchChromium(CHROMIUM!),
      startProofServers(),
    ]);
    stack = await startLocalStack({
      port: 0,
      inMemory: true,
      tableName: 'allot-console-pips-e2e',
      env: {
        ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1',
        ALLOT_AMAZON_SUPPLY: JSON.stringify({ 'us-east-1': ['18.97.0.40/29'] }),
        // Long enough for the page to show a BYOIP CIDR pending before its poll settles it.
        ALLOT_PROVISION_SETTLE_SECONDS: '2',
        ALLOT_DNS_SERVERS: proof.dns,
        ALLOT_RDAP_URL: proof.rdapUrl,
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
    await proof?.stop();
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

  it('F-TUT-B4C in the console: a BYOIP /24 with its signed message, then the regional CIDR advertised and withdrawn', async () => {
    // Arrange: the IPAM operates in us-west-2 too; its top-level public IPv4 pool holds BYOIP
    // space, and the range's RDAP record publishes the certificate.
    await api('ModifyIpam', { IpamId: ids.ipam, AddOperatingRegions: [{ RegionName: 'us-west-2' }] });
    const { IpamPool: top } = await api('CreateIpamPool', {
      IpamScopeId: ids.scope,
      AddressFamily: 'ipv4',
      PublicIpSource: 'byoip',
    });
    for (const cidr of [B4, FORGED]) proof.rdap.set(`ip/${cidr}`, rdapRecord(cidr));
    const form = () => page.getByRole('form', { name: 'Provision CIDR' });
    const provision = async (cidr: string, key?: string) => {
      await form().getByLabel('CIDR to provision').fill(cidr);
      await form().getByLabel('Authorization message').fill(authMessage(A, cidr));
      await form()
        .getByLabel('Signature')
        .fill(signMessage(authMessage(A, cidr), key));
      await form().getByRole('button', { name: 'Provision' }).click();
    };
    const openPool = async (id: string) => {
      // A new hash is a navigation; the same one again is read afresh by a reload.
      const url = `${stack.url}/console/#/pools/${id}`;
      await (page.url() === url ? page.reload() : page.goto(url));
      await page.getByRole('heading', { name: `Pool ${id}` }).waitFor();
      // The heading follows the hash at once; the summary shows when the pool's own data is in.
      await expect.poll(() => page.locator('dl.summary dd').first().textContent()).toBe(id);
    };
    await openPool(top.IpamPoolId);
    expect(await form().getByRole('radio', { name: 'Signed message (remarks-x509)' }).isChecked()).toBe(true);

    // The other method offers the IPAM's verification tokens instead of the message.
    const { IpamExternalResourceVerificationToken: token } = await api(
      'CreateIpamExternalResourceVerificationToken',
      { IpamId: ids.ipam },
    );
    await form().getByRole('radio', { name: 'DNS TXT record (dns-token)' }).check();
    await form().getByLabel('Verification token').waitFor();
    expect(await form().getByLabel('Verification token').locator('option').allTextContents()).toEqual([
      `${token.IpamExternalResourceVerificationTokenId} (name ${token.TokenName}, valid)`,
    ]);
    expect(await form().getByLabel('Authorization message').count()).toBe(0);
    await form().getByRole('radio', { name: 'Signed message (remarks-x509)' }).check();

    // A /25 is refused at once, with EC2's error shown.
    await provision('130.137.245.0/25');
    expect(await form().getByRole('alert').textContent()).toBe(
      'InvalidParameterValue: The most specific BYOIP ipv4 CIDR is /24; got /25.',
    );
    expect(problems.splice(0)).toEqual(['400 POST /v1/ProvisionIpamPoolCidr']);

    // A /24 signed with another key, then the good one: both wait for their proof, and the
    // page's poll reads them again until they settle.
    await provision(FORGED, OTHER_KEY);
    await page.getByRole('cell', { name: FORGED }).waitFor();
    await provision(B4);
    await expect
      .poll(async () => (await rows('Pool CIDRs'))[0])
      .toEqual([B4, expect.stringMatching(/^ipam-pool-cidr-/), 'pending-provision', '256 IPs', '']);
    const [pending, forged] = await rows('Pool CIDRs');
    expect(await page.getByRole('status').filter({ hasText: 'Waiting for proof of control' }).count()).toBe(
      1,
    );
    await page.getByRole('cell', { name: 'provisioned', exact: true }).waitFor();
    const reason =
      'The authorization message could not be verified: the signature does not verify against the published certificate.';
    expect(await rows('Pool CIDRs')).toEqual([
      [B4, pending![1], 'provisioned', '256 IPs', 'Deprovision'],
      [FORGED, forged![1], `failed-provision${reason}`, '256 IPs', ''],
    ]);
    expect(await page.locator('td .reason').allTextContents()).toEqual([reason]);
    expect(await page.getByText('Waiting for proof of control').count()).toBe(0);
    await screenshot(page, 'console-byoip-provisioned');

    // The regional pool in us-west-2, provisioned from the top-level pool in the console.
    const { IpamPool: regional } = await api('CreateIpamPool', {
      IpamScopeId: ids.scope,
      SourceIpamPoolId: top.IpamPoolId,
      AddressFamily: 'ipv4',
      Locale: 'us-west-2',
      AwsService: 'ec2',
    });
    await openPool(regional.IpamPoolId);
    expect(await form().getByLabel('Authorization message').count()).toBe(0);
    await form().getByLabel('CIDR to provision').fill(B4);
    await form().getByRole('button', { name: 'Provision' }).click();
    const advertising = async () => (await rows('Pool CIDRs')).map((r) => [r[0], r[2], r[3], r[5]]);
    await expect.poll(advertising).toEqual([[B4, 'provisioned', 'Withdrawn', 'AdvertiseDeprovision']]);
    expect(await page.getByRole('columnheader').allTextContents()).toContain('Advertising');
    expect(await seriousViolations(page)).toEqual([]);

    // Advertise, in the locale region (the session's is us-east-1), then withdraw.
    await page.getByRole('button', { name: `Advertise ${B4}` }).click();
    await expect.poll(advertising).toEqual([[B4, 'provisioned', 'Advertised', 'WithdrawDeprovision']]);
    const described = await signedJson(
      stack.url,
      'DescribeByoipCidrs',
      { MaxResults: 10 },
      accountSigner(A, 'us-west-2'),
    ).then((r) => r.json() as Promise<{ ByoipCidrs: { Cidr: string; State: string }[] }>);
    expect(described.ByoipCidrs.map((c) => [c.Cidr, c.State])).toEqual([[B4, 'advertised']]);
    await screenshot(page, 'console-byoip-advertised');
    await page.getByRole('button', { name: `Withdraw ${B4}` }).click();
    await expect.poll(advertising).toEqual([[B4, 'provisioned', 'Withdrawn', 'AdvertiseDeprovision']]);

    // F-TUT-B4C-05: in an organization whose IPAM admin is delegated to this account, the pool
    // is shared with the member; its share shows the managed permission and its version, the
    // default: nothing to update.
    const org = jsonAs(stack.url);
    await org('CreateOrganization', { OrganizationId: 'o-b4c0example', RootId: 'r-b4c0' }, MGMT);
    for (const account of [A, MEMBER]) await joinOrganization(stack.url, MGMT, account);
    await org('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: A }, MGMT);
    await ramAs(stack.url, 'enablesharingwithawsorganization', {}, MGMT);
    const { resourceShare } = await ramAs(
      stack.url,
      'createresourceshare',
      { name: 'EIPs', resourceArns: [regional.IpamPoolArn], principals: [MEMBER] },
      A,
    );
    expect(resourceShare.name).toBe('EIPs');
    await openPool(regional.IpamPoolId);
    await expect
      .poll(() => rows('Share permissions'))
      .toEqual([['EIPs', 'AWSRAMDefaultPermissionsIpamPool', '1', 'yes']]);
    expect(await page.getByRole('button', { name: /^Update to default version/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
