/**
 * F-TUT-CF (§15.11), BYOIP for CloudFront, with the real AWS CLI for the EC2 steps and the signed
 * JSON API for the anycast IP list (CloudFront does not exist self-hosted: the list is Allot's
 * facade resource) and for the preconditions, which the B4 and B6 tests run with the CLI. An organization whose delegated IPAM admin brings a /24 and a /48 with the
 * signed message (checked against a loopback RDAP server), global pools for each family, a list of
 * 3 addresses per family, anycast advertising, and the clean-up in the guide's order. The
 * distribution (05) and the DNS migration (06) are outside IPAM and have no step here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCases } from '../../local/probe-cases';
import { accountSigner, signedPost } from '../../local/signed';
import { type ProofServers, rdapRecord, signed, startProofServers } from '../helpers/proof';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const MGMT = '999988887777';
const IPAM_ACCT = '470889052444';
const V4 = '130.137.245.0/24';
const V6 = '2605:9cc0:409::/48';
const tools = tutorialTools('tut-cf.e2e');

describe.skipIf(!tools)('F-TUT-CF: BYOIP for CloudFront (global services)', () => {
  let t: Tutorial;
  let proof: ProofServers;
  const ids: Record<string, string> = {};
  const ipam = (...args: string[]) => t.ok(IPAM_ACCT, 'ec2', ...args);
  const fails = (code: string, ...args: string[]) => t.fails(code, IPAM_ACCT, 'ec2', ...args);
  const allocations = async (pool: string) =>
    (await ipam('get-ipam-pool-allocations', '--ipam-pool-id', pool)).IpamPoolAllocations.map(
      (a: Record<string, string>) => [a.Cidr, a.ResourceType, a.ResourceId],
    );

  beforeAll(async () => {
    proof = await startProofServers();
    t = await startTutorial('tut-cf.e2e', {
      ALLOT_RDAP_URL: proof.rdapUrl,
      ALLOT_PROVISION_SETTLE_SECONDS: '0',
    });
    await t.json('CreateOrganization', { OrganizationId: 'o-cfexample1', RootId: 'r-cfex' }, MGMT);
    await t.join(IPAM_ACCT, MGMT);
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await proof?.stop();
  });

  // The preconditions are F-TUT-B4/B6 steps, which their own tests run with the CLI; here they go
  // through the signed JSON API (the same operations), which spares a CLI start per call.
  it('CF-01: the delegated admin, an IPAM and a proven top-level BYOIP pool per family', async () => {
    const admin = (action: string, body: object) => t.json(action, body, IPAM_ACCT);
    const enabled = await t.json(
      'EnableIpamOrganizationAdminAccount',
      { DelegatedAdminAccountId: IPAM_ACCT },
      MGMT,
    );
    expect(enabled.Success).toBe(true);
    const { Ipam } = await admin('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
    [ids.ipam, ids.scope] = [Ipam.IpamId, Ipam.PublicDefaultScopeId];
    for (const [family, cidr] of [
      ['ipv4', V4],
      ['ipv6', V6],
    ] as const) {
      const { IpamPool } = await admin('CreateIpamPool', { IpamScopeId: ids.scope, AddressFamily: family });
      ids[`top-${family}`] = IpamPool.IpamPoolId;
      proof.rdap.set(`ip/${cidr}`, rdapRecord(cidr));
      const auth = signed(IPAM_ACCT, cidr);
      await admin('ProvisionIpamPoolCidr', {
        IpamPoolId: IpamPool.IpamPoolId,
        Cidr: cidr,
        CidrAuthorizationContext: auth,
      });
      const { IpamPoolCidrs } = await admin('GetIpamPoolCidrs', { IpamPoolId: IpamPool.IpamPoolId });
      expect(IpamPoolCidrs.map((c: Record<string, string>) => [c.Cidr, c.State])).toEqual([
        [cidr, 'provisioned'],
      ]);
    }
  });

  it('CF-02/03: a global pool per family; the full /24 and /48 go to it, a /25 is refused', async () => {
    for (const [family, cidr, part] of [
      ['ipv4', V4, '130.137.245.0/25'],
      ['ipv6', V6, '2605:9cc0:409::/49'],
    ] as const) {
      const { IpamPool } = await ipam(
        'create-ipam-pool',
        '--ipam-scope-id',
        ids.scope!,
        '--source-ipam-pool-id',
        ids[`top-${family}`]!,
        '--address-family',
        family,
        '--locale',
        'None',
        '--aws-service',
        'global-services',
      );
      expect(IpamPool).toMatchObject({ AwsService: 'global-services', Locale: 'Global', PoolDepth: 2 });
      ids[`global-${family}`] = IpamPool.IpamPoolId;
      ids[`arn-${family}`] = IpamPool.IpamPoolArn;
      const provision = ['provision-ipam-pool-cidr', '--ipam-pool-id', IpamPool.IpamPoolId, '--cidr'];
      await fails('InvalidParameterValue', ...provision, part);
      expect((await ipam(...provision, cidr)).IpamPoolCidr).toMatchObject({
        Cidr: cidr,
        State: 'provisioned',
      });
    }
  });

  it('CF-04: an anycast IP list of 3 addresses per family; the global pools gain its allocations', async () => {
    const { AnycastIpList } = await t.json(
      'CreateAnycastIpList',
      {
        Name: 'cdn-byoip',
        IpCount: 3,
        IpAddressType: 'dualstack',
        IpamCidrConfigs: [
          { Cidr: V4, IpamPoolArn: ids['arn-ipv4'] },
          { Cidr: V6, IpamPoolArn: ids['arn-ipv6'] },
        ],
      },
      IPAM_ACCT,
    );
    expect(AnycastIpList).toMatchObject({
      Name: 'cdn-byoip',
      Status: 'Deployed',
      IpCount: 3,
      AnycastIps: [
        '130.137.245.0',
        '130.137.245.1',
        '130.137.245.2',
        '2605:9cc0:409::',
        '2605:9cc0:409::1',
        '2605:9cc0:409::2',
      ],
    });
    ids.list = AnycastIpList.Id;
    expect(await allocations(ids['global-ipv4']!)).toEqual(
      ['130.137.245.0/32', '130.137.245.1/32', '130.137.245.2/32'].map((c) => [
        c,
        'anycast-ip-list',
        ids.list,
      ]),
    );
    expect((await allocations(ids['global-ipv6']!)).map((a: string[]) => a[1])).toEqual([
      'anycast-ip-list',
      'anycast-ip-list',
      'anycast-ip-list',
    ]);
  });

  it('CF-07: advertise the /24 and the /48: advertised, anycast', async () => {
    for (const cidr of [V4, V6]) {
      const { ByoipCidr } = await ipam('advertise-byoip-cidr', '--cidr', cidr);
      expect(ByoipCidr).toMatchObject({ Cidr: cidr, State: 'advertised', AdvertisementType: 'anycast' });
    }
    // Listed in pool order, and pool ids are random: sorted here.
    const { ByoipCidrs } = await ipam('describe-byoip-cidrs', '--max-results', '10');
    expect(
      ByoipCidrs.map((c: Record<string, string>) => [c.Cidr, c.State, c.AdvertisementType]).sort(),
    ).toEqual([
      [V4, 'advertised', 'anycast'],
      [V6, 'advertised', 'anycast'],
    ]);
  });

  it('hostile input to the anycast actions: a 4xx with an EC2 code each time, never a 500, no list', async () => {
    const names = ['CreateAnycastIpList', 'GetAnycastIpList', 'ListAnycastIpLists', 'DeleteAnycastIpList'];
    const cases = probeCases(names);
    const answers: string[] = [];
    for (const c of cases) {
      const res = await signedPost(`${t.stack.url}/v1/${c.action}`, c.body, accountSigner(IPAM_ACCT));
      const name = ((await res.json()) as { Error?: { Code?: string } }).Error?.Code;
      if (
        res.status >= 500 ||
        (res.status >= 400 && !name) ||
        (res.status < 400 && c.action === 'CreateAnycastIpList')
      )
        answers.push(`${c.action} ${c.kind}: ${res.status} ${name}`);
    }
    expect([cases.length > 40, answers]).toEqual([true, []]);
    const { AnycastIpLists } = await t.json('ListAnycastIpLists', {}, IPAM_ACCT);
    expect(AnycastIpLists.Items.map((l: { Id: string }) => l.Id)).toEqual([ids.list]);
  });

  it('CF-08: the list first, then withdraw, deprovision and delete the pools', async () => {
    const deprovision = (family: string, cidr: string) => [
      'deprovision-ipam-pool-cidr',
      '--ipam-pool-id',
      ids[family]!,
      '--cidr',
      cidr,
    ];
    // IPAM first would pull the addresses from under the list: refused while it holds them.
    await fails('IncorrectState', ...deprovision('global-ipv4', V4));
    const deleted = await t.json('DeleteAnycastIpList', { Id: ids.list }, IPAM_ACCT);
    expect(Object.keys(deleted)).toEqual(['RequestId']);
    expect(await allocations(ids['global-ipv4']!)).toEqual([]);
    for (const [family, cidr] of [
      ['ipv4', V4],
      ['ipv6', V6],
    ] as const) {
      expect((await ipam('withdraw-byoip-cidr', '--cidr', cidr)).ByoipCidr.State).toBe('provisioned');
      const { IpamPoolCidr } = await ipam(...deprovision(`global-${family}`, cidr));
      expect([IpamPoolCidr.Cidr, IpamPoolCidr.State]).toEqual([cidr, 'deprovisioned']);
      await ipam('delete-ipam-pool', '--ipam-pool-id', ids[`global-${family}`]!);
      await ipam(...deprovision(`top-${family}`, cidr));
      await ipam('delete-ipam-pool', '--ipam-pool-id', ids[`top-${family}`]!);
    }
    expect((await ipam('delete-ipam', '--ipam-id', ids.ipam!)).Ipam.IpamId).toBe(ids.ipam);
  });
});
