/**
 * F-TUT-DNS (§15.6), F-TUT-B4 (§15.9) and F-TUT-ASN (§15.5) on one stack, with the real AWS CLI as
 * the guide writes them and proof of control checked for real: a DNS server (dns2) and an RDAP
 * server run on loopback, read through ALLOT_DNS_SERVERS and ALLOT_RDAP_URL, and advertising events
 * go to a loopback webhook. CIDRs and ASNs settle at the first read after provisioning
 * (ALLOT_PROVISION_SETTLE_SECONDS=0): the provision response shows pending-provision, and each
 * "wait until" loop ends at its first poll. The CLI costs one to three seconds per command on the
 * shared machine, so the guide's checks that need no outside world (NetmaskLength, an expired or
 * foreign message, the token's 72 hours, describing and deleting tokens, the sixth ASN) run in
 * test/stores/ops/byoip.test.ts and byoasn.test.ts instead.
 *
 * F-TUT-B4-08 creates the share that lets the member allocate (AWSRAMDefaultPermissionsIpamPool);
 * the guide's other share (the import permission, to the account that supplies the range) has no
 * one to go to here: the IPAM account supplies the range itself. The instance of B4-10 is a moto
 * instance (the guide's id exists only in its author's account).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCidr } from '../../core/cidr';
import { txtRecordNames } from '../../core/ops/proof/txt-names';
import { accountSigner, signedJson } from '../../local/signed';
import { OTHER_KEY, type ProofServers, rdapRecord, signed, startProofServers } from '../helpers/proof';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const ACCT = '470889052444';
const MGMT = '999988887777';
const MEMBER = '111122223333';
const B4 = '130.137.245.0/24';
const DNS = '203.0.113.0/24';
const tools = tutorialTools('tut-byoip.e2e');

describe.skipIf(!tools)(
  'F-TUT-DNS, F-TUT-B4 and F-TUT-ASN: proof of control, BYOIPv4, BYOASN with the CLI',
  () => {
    let t: Tutorial;
    let proof: ProofServers;
    /** The advertising webhook: what router automation would receive. */
    let hook: Server;
    const hooked: object[] = [];
    const ids: Record<string, string> = {};
    const ok = (...args: string[]) => t.ok(ACCT, 'ec2', ...args);
    const fails = (code: string, ...args: string[]) => t.fails(code, ACCT, 'ec2', ...args);
    const waitCidr = (pool: string, cidr: string, pending: string) => t.waitCidr(ACCT, pool, cidr, pending);
    /** The regional pool's allocations in its locale region, as the IPAM account sees them. */
    const regionalAllocations = async () =>
      (
        await ok('get-ipam-pool-allocations', '--region', 'us-west-2', '--ipam-pool-id', ids.regional!)
      ).IpamPoolAllocations.map((a: Record<string, string>) => [
        a.Cidr,
        a.ResourceId,
        a.ResourceType,
        a.ResourceOwner,
      ]);
    const authContext = (cidr: string, key?: string) => {
      const c = signed(ACCT, cidr, key ? { key } : {});
      return `Message="${c.Message}",Signature="${c.Signature}"`;
    };

    beforeAll(async () => {
      proof = await startProofServers();
      hook = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          hooked.push(JSON.parse(body));
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
      t = await startTutorial('tut-byoip.e2e', {
        ALLOT_ADVERTISE_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`,
        ALLOT_DNS_SERVERS: proof.dns,
        ALLOT_RDAP_URL: proof.rdapUrl,
        ALLOT_PROVISION_SETTLE_SECONDS: '0',
        // Released addresses are free again at once, so A1 can take the whole /24 after the race.
        ALLOT_REUSE_DELAY_SECONDS: '0',
      });
    }, 180_000);
    afterAll(async () => {
      await t?.stop();
      await proof?.stop();
      await new Promise((resolve) => hook?.close(resolve));
    });

    it('B4-02/03: an IPAM with an operating region and a top-level public IPv4 pool', async () => {
      const { Ipam } = await ok(
        'create-ipam',
        '--description',
        'my-ipam',
        '--region',
        'us-east-1',
        '--operating-regions',
        'RegionName=us-west-2',
      );
      const regions = Ipam.OperatingRegions.map((r: { RegionName: string }) => r.RegionName).sort();
      expect([regions, Ipam.ScopeCount]).toEqual([['us-east-1', 'us-west-2'], 2]);
      [ids.ipam, ids.scope] = [Ipam.IpamId, Ipam.PublicDefaultScopeId];
      const { IpamPool } = await ok(
        'create-ipam-pool',
        '--region',
        'us-east-1',
        '--ipam-scope-id',
        ids.scope!,
        '--description',
        'top-level-IPv4-pool',
        '--address-family',
        'ipv4',
      );
      expect(IpamPool).toMatchObject({ IpamScopeType: 'public', PoolDepth: 1, AutoImport: false });
      expect(IpamPool.Locale ?? 'None').toBe('None');
      ids.top = IpamPool.IpamPoolId;
    });

    it('DNS-02..05: a token, its TXT record, and a CIDR proven by it; a wrong value fails', async () => {
      const { IpamExternalResourceVerificationToken: tok } = await ok(
        'create-ipam-external-resource-verification-token',
        '--ipam-id',
        ids.ipam!,
      );
      expect(tok).toMatchObject({
        IpamExternalResourceVerificationTokenId: expect.stringMatching(
          /^ipam-ext-res-ver-token-[0-9a-f]{17}$/,
        ),
        IpamId: ids.ipam,
        TokenValue: expect.stringMatching(/^[0-9a-f-]{36}$/),
        TokenName: expect.stringMatching(/^\d{8}$/),
        Status: 'valid',
        Tags: [],
      });
      expect(['create-in-progress', 'create-complete']).toContain(tok.State);
      expect(Date.parse(tok.NotAfter) - Date.now()).toBeGreaterThan(71.9 * 3_600_000);
      const [name] = txtRecordNames(parseCidr(DNS), tok.TokenName);
      expect(name).toBe(`${tok.TokenName}.113.0.203.in-addr.arpa`);
      const provision = () =>
        ok(
          'provision-ipam-pool-cidr',
          '--ipam-pool-id',
          ids.top!,
          '--cidr',
          DNS,
          '--verification-method',
          'dns-token',
          '--ipam-external-resource-verification-token-id',
          tok.IpamExternalResourceVerificationTokenId,
        );
      // A record that holds another value: failed-provision, naming the record.
      proof.txt.set(name!, ['a34597c3-5317-4238-9ce7-50da5b6e6dc8']);
      expect((await provision()).IpamPoolCidr).toMatchObject({ Cidr: DNS, State: 'pending-provision' });
      expect(await waitCidr(ids.top!, DNS, 'pending-provision')).toMatchObject({
        State: 'failed-provision',
        FailureReason: { Code: 'cidr-not-available', Message: expect.stringContaining(name!) },
      });
      proof.txt.set(name!, [tok.TokenValue]);
      await provision();
      expect((await waitCidr(ids.top!, DNS, 'pending-provision')).State).toBe('provisioned');
      // DNS-04 (describe, expiry after 72 h, delete, the 101st token) runs in the store tests.
    });

    it('B4-04: provision with the signed message; the negatives of the guide', async () => {
      proof.rdap.set(`ip/${B4}`, rdapRecord(B4));
      const base = ['provision-ipam-pool-cidr', '--region', 'us-east-1', '--ipam-pool-id', ids.top!];
      await fails(
        'InvalidParameterValue',
        ...base,
        '--cidr',
        '130.137.245.0/25',
        '--cidr-authorization-context',
        authContext('130.137.245.0/25'),
      );
      // A signature that does not verify: accepted, then failed-provision.
      await ok(
        ...base,
        '--cidr',
        B4,
        '--verification-method',
        'remarks-x509',
        '--cidr-authorization-context',
        authContext(B4, OTHER_KEY),
      );
      expect((await waitCidr(ids.top!, B4, 'pending-provision')).State).toBe('failed-provision');
      const { IpamPoolCidr } = await ok(
        ...base,
        '--cidr',
        B4,
        '--verification-method',
        'remarks-x509',
        '--cidr-authorization-context',
        authContext(B4),
      );
      expect(IpamPoolCidr).toMatchObject({ Cidr: B4, State: 'pending-provision' });
      expect((await waitCidr(ids.top!, B4, 'pending-provision')).State).toBe('provisioned');
    });

    it('B4-05/06: the regional pool, provisioned without proof', async () => {
      const { IpamPool } = await ok(
        'create-ipam-pool',
        '--description',
        'Regional-IPv4-pool',
        '--region',
        'us-east-1',
        '--ipam-scope-id',
        ids.scope!,
        '--source-ipam-pool-id',
        ids.top!,
        '--locale',
        'us-west-2',
        '--address-family',
        'ipv4',
        '--aws-service',
        'ec2',
      );
      expect(IpamPool).toMatchObject({
        SourceIpamPoolId: ids.top,
        Locale: 'us-west-2',
        PoolDepth: 2,
        AwsService: 'ec2',
      });
      ids.regional = IpamPool.IpamPoolId;
      const { IpamPoolCidr } = await ok(
        'provision-ipam-pool-cidr',
        '--region',
        'us-east-1',
        '--ipam-pool-id',
        ids.regional!,
        '--cidr',
        B4,
      );
      // No proof below the top: provisioned at once, which ends the guide's wait (0.1).
      expect(IpamPoolCidr.State).toBe('provisioned');
    });

    it('B4-07: advertise in the locale region; the router automation hears of it', async () => {
      const { ByoipCidr } = await ok('advertise-byoip-cidr', '--region', 'us-west-2', '--cidr', B4);
      expect(ByoipCidr).toMatchObject({ Cidr: B4, State: 'advertised', NetworkBorderGroup: 'us-west-2' });
      expect(hooked).toEqual([
        expect.objectContaining({ type: 'byoip-cidr-advertised', cidr: B4, asn: 'AWS' }),
      ]);
    });

    it('F-TUT-ASN-01..07: bring ASN 12345, associate it with the advertised CIDR, switch origins', async () => {
      proof.rdap.set('autnum/12345', rdapRecord('AS12345'));
      const msg = signed(ACCT, '12345');
      const { Byoasn } = await ok(
        'provision-ipam-byoasn',
        '--ipam-id',
        ids.ipam!,
        '--asn',
        '12345',
        '--asn-authorization-context',
        `Message="${msg.Message}",Signature="${msg.Signature}"`,
      );
      expect(Byoasn).toEqual({ Asn: '12345', IpamId: ids.ipam, State: 'pending-provision' });
      const { Byoasns } = await ok('describe-ipam-byoasn');
      expect(Byoasns).toEqual([{ Asn: '12345', IpamId: ids.ipam, State: 'provisioned' }]);
      const { AsnAssociation } = await ok('associate-ipam-byoasn', '--asn', '12345', '--cidr', B4);
      expect(AsnAssociation).toEqual({ Asn: '12345', Cidr: B4, State: 'associated' });
      const { ByoipCidrs } = await ok('describe-byoip-cidrs', '--region', 'us-west-2', '--max-results', '10');
      expect(ByoipCidrs).toEqual([
        expect.objectContaining({
          Cidr: B4,
          State: 'advertised',
          AsnAssociations: [{ Asn: '12345', Cidr: B4, State: 'associated' }],
        }),
      ]);
      // 05: already advertised, so the origin swaps from the AWS ASN to 12345; 06: back, and the hour.
      const west = ['advertise-byoip-cidr', '--region', 'us-west-2', '--cidr', B4, '--asn'];
      expect((await ok(...west, '12345')).ByoipCidr.State).toBe('advertised');
      expect((await ok(...west, 'AWS')).ByoipCidr.State).toBe('advertised');
      await fails('OperationNotPermitted', ...west, '12345');
      expect(hooked.map((h) => (h as { asn: string }).asn)).toEqual(['AWS', '12345', 'AWS']);
      // 07: disassociate, then deprovision the ASN.
      const gone = await ok('disassociate-ipam-byoasn', '--asn', '12345', '--cidr', B4);
      expect(gone.AsnAssociation.State).toBe('disassociated');
      const { Byoasn: out } = await ok('deprovision-ipam-byoasn', '--ipam-id', ids.ipam!, '--asn', '12345');
      expect(['pending-deprovision', 'deprovisioned']).toContain(out.State);
    });

    it('B4-01/08: three accounts in an organization; the regional pool shared with the member', async () => {
      await t.ok(MGMT, 'organizations', 'create-organization', '--feature-set', 'ALL');
      for (const account of [ACCT, MEMBER]) await t.join(account, MGMT);
      await t.ok(MGMT, 'ram', 'enable-sharing-with-aws-organization');
      // Pools are shared by the organization's IPAM admin: the IPAM account.
      await t.ok(MGMT, 'ec2', 'enable-ipam-organization-admin-account', '--delegated-admin-account-id', ACCT);
      const { IpamPools } = await ok('describe-ipam-pools', '--ipam-pool-ids', ids.regional!);
      const { resourceShare } = await t.ok(
        ACCT,
        'ram',
        'create-resource-share',
        '--name',
        'regional-pool-share',
        '--resource-arns',
        IpamPools[0].IpamPoolArn,
        '--principals',
        MEMBER,
        '--permission-arns',
        'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionsIpamPool',
      );
      expect([resourceShare.owningAccountId, resourceShare.status]).toEqual([ACCT, 'ACTIVE']);
      ids.share = resourceShare.resourceShareArn;
    });

    it('B4-09/10: the member allocates an Elastic IP from the regional pool and associates it', async () => {
      const west = ['--region', 'us-west-2'];
      const eip = await t.ok(MEMBER, 'ec2', 'allocate-address', ...west, '--ipam-pool-id', ids.regional!);
      expect(eip).toEqual({
        PublicIp: '130.137.245.0',
        AllocationId: expect.stringMatching(/^eipalloc-[0-9a-f]{17}$/),
        PublicIpv4Pool: ids.regional,
        NetworkBorderGroup: 'us-west-2',
        Domain: 'vpc',
      });
      // In the IPAM account's view of the pool, an eip allocation the member owns.
      expect(await regionalAllocations()).toEqual([['130.137.245.0/32', eip.AllocationId, 'eip', MEMBER]]);
      const { Instances } = await t.ok(
        MEMBER,
        'ec2',
        'run-instances',
        ...west,
        '--image-id',
        'ami-12c6146b',
        '--count',
        '1',
      );
      const { AssociationId } = await t.ok(
        MEMBER,
        'ec2',
        'associate-address',
        ...west,
        '--instance-id',
        Instances[0].InstanceId,
        '--public-ip',
        eip.PublicIp,
      );
      expect(AssociationId).toMatch(/^eipassoc-[0-9a-f]{17}$/);
      // 11.3: disassociate and release (no output), as the member; 11.4: the allocation is gone.
      await t.ok(MEMBER, 'ec2', 'disassociate-address', ...west, '--association-id', AssociationId);
      const released = await t.aws(
        MEMBER,
        'ec2',
        'release-address',
        ...west,
        '--allocation-id',
        eip.AllocationId,
      );
      expect([released.code, released.json, released.stderr]).toEqual([0, undefined, '']);
      expect(await regionalAllocations()).toEqual([]);
    });

    it('64 concurrent AllocateAddress from the shared pool: 64 distinct, consecutive addresses', async () => {
      const member = accountSigner(MEMBER, 'us-west-2');
      const call = async (action: string, body: object) => {
        const res = await signedJson(t.stack.url, action, body, member);
        return [res.status, (await res.json()) as Record<string, string>] as const;
      };
      const got = await Promise.all(
        Array.from({ length: 64 }, () => call('AllocateAddress', { IpamPoolId: ids.regional })),
      );
      expect(got.map(([status]) => status)).toEqual(Array(64).fill(200));
      const ips = got.map(([, b]) => Number(String(b.PublicIp).split('.')[3])).sort((a, b) => a - b);
      expect(ips).toEqual(Array.from({ length: 64 }, (_, i) => i));
      expect((await regionalAllocations()).length).toBe(64);
      // Released eight at a time: 64 releases at once all rewrite the same space node, and under
      // load some outlast the local stack's deadline (a retryable 503). The race asked for is the
      // allocation's.
      const released: (readonly [number, unknown])[] = [];
      for (let i = 0; i < got.length; i += 8)
        released.push(
          ...(await Promise.all(
            got.slice(i, i + 8).map(([, b]) => call('ReleaseAddress', { AllocationId: b.AllocationId })),
          )),
        );
      expect(released.map(([status]) => status)).toEqual(Array(64).fill(200));
    });

    it('B4-A1/A2: the member feeds a public IPv4 pool from the regional pool, takes an address, empties it', async () => {
      const m = (...args: string[]) => t.ok(MEMBER, 'ec2', ...args, '--region', 'us-west-2');
      const { PoolId } = await m('create-public-ipv4-pool');
      expect(PoolId).toMatch(/^ipv4pool-ec2-[0-9a-f]{17}$/);
      const range = { FirstAddress: '130.137.245.0', LastAddress: '130.137.245.255', AddressCount: 256 };
      const fed = await m(
        'provision-public-ipv4-pool-cidr',
        '--ipam-pool-id',
        ids.regional!,
        '--pool-id',
        PoolId,
        '--netmask-length',
        '24',
      );
      expect(fed).toEqual({ PoolId, PoolAddressRange: { ...range, AvailableAddressCount: 256 } });
      const { ByoipCidrs } = await m('describe-byoip-cidrs', '--max-results', '10');
      expect(ByoipCidrs).toEqual([
        expect.objectContaining({
          Cidr: B4,
          StatusMessage: 'Cidr successfully provisioned',
          State: 'provisioned',
        }),
      ]);
      const eip = await m('allocate-address', '--public-ipv4-pool', PoolId);
      expect(parseCidr(B4).start <= parseCidr(`${eip.PublicIp}/32`).start).toBe(true);
      expect([eip.PublicIp.startsWith('130.137.245.'), eip.PublicIpv4Pool, eip.Domain]).toEqual([
        true,
        PoolId,
        'vpc',
      ]);
      expect(await regionalAllocations()).toEqual([[B4, PoolId, 'ec2-public-ipv4-pool', MEMBER]]);
      // A2, after the address is released.
      await m('release-address', '--allocation-id', eip.AllocationId);
      const pools = async () =>
        (await m('describe-public-ipv4-pools', '--pool-ids', PoolId)).PublicIpv4Pools[0];
      expect((await pools()).TotalAvailableAddressCount).toBe(256);
      await m('deprovision-public-ipv4-pool-cidr', '--pool-id', PoolId, '--cidr', B4);
      expect(await pools()).toMatchObject({ PoolAddressRanges: [], TotalAddressCount: 0 });
      expect(await m('delete-public-ipv4-pool', '--pool-id', PoolId)).toEqual({ ReturnValue: true });
      expect(await regionalAllocations()).toEqual([]);
    });

    it('B4-11: clean-up: deprovision and wait until deprovisioned, delete the pools and the IPAM', async () => {
      // 11.6: the RAM share goes first.
      expect(
        (await t.ok(ACCT, 'ram', 'delete-resource-share', '--resource-share-arn', ids.share!)).returnValue,
      ).toBe(true);
      const deprovision = async (pool: string, cidr: string) => {
        const { IpamPoolCidr } = await ok(
          'deprovision-ipam-pool-cidr',
          '--region',
          'us-east-1',
          '--ipam-pool-id',
          pool,
          '--cidr',
          cidr,
        );
        expect(['pending-deprovision', 'deprovisioned']).toContain(IpamPoolCidr.State);
        expect((await waitCidr(pool, cidr, 'pending-deprovision')).State).toBe('deprovisioned');
      };
      const { ByoipCidr } = await ok('withdraw-byoip-cidr', '--region', 'us-west-2', '--cidr', B4);
      expect(ByoipCidr.State).toBe('provisioned');
      await deprovision(ids.regional!, B4);
      await ok('delete-ipam-pool', '--region', 'us-east-1', '--ipam-pool-id', ids.regional!);
      // The regional pool's wait shows the loop ending; the top's answers deprovisioned at once.
      await ok('deprovision-ipam-pool-cidr', '--ipam-pool-id', ids.top!, '--cidr', B4);
      await ok('deprovision-ipam-pool-cidr', '--ipam-pool-id', ids.top!, '--cidr', DNS);
      await ok('delete-ipam-pool', '--region', 'us-east-1', '--ipam-pool-id', ids.top!);
      const { Ipam } = await ok('delete-ipam', '--region', 'us-east-1', '--ipam-id', ids.ipam!);
      expect(Ipam).toMatchObject({ IpamId: ids.ipam, ScopeCount: 2 });
    });
  },
);
