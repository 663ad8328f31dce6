/**
 * F-TUT-B6 (§15.10), BYOIPv6 with the CLI only, as the guide writes it, with the real AWS CLI: an
 * organization of three accounts (management, ipam-account as the delegated IPAM admin,
 * member-account), the top-level IPv6 pool publicly advertisable and proven with the signed
 * message against a loopback RDAP server, the regional pool in us-west-2, its RAM share, the
 * member's VPC with IPv6 from the pool over moto as the EC2 backend, advertising, and the whole
 * clean-up with its states. The /48 and /60 floors of B6-03 run in test/stores/ops/byoip.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProofServers, rdapRecord, signed, startProofServers } from '../helpers/proof';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const MGMT = '999988887777';
const IPAM_ACCT = '470889052444';
const MEMBER = '444455556666';
const ORG = 'o-b6example1';
const ROOT = 'r-b6ex';
const B6 = '2605:9cc0:409::/48';
const tools = tutorialTools('tut-b6.e2e');

describe.skipIf(!tools)('F-TUT-B6: BYOIPv6 with the CLI only, in an organization', () => {
  let t: Tutorial;
  let proof: ProofServers;
  const ids: Record<string, string> = {};
  const ipam = (...args: string[]) => t.ok(IPAM_ACCT, 'ec2', ...args);
  const member = (...args: string[]) => t.ok(MEMBER, 'ec2', ...args);
  const east = ['--region', 'us-east-1'];
  const west = ['--region', 'us-west-2'];
  const waitCidr = (pool: string, cidr: string, pending: string) =>
    t.waitCidr(IPAM_ACCT, pool, cidr, pending, ...east);
  const allocations = async () =>
    (
      await ipam('get-ipam-pool-allocations', ...west, '--ipam-pool-id', ids.regional!)
    ).IpamPoolAllocations.map((a: Record<string, string>) => [
      a.Cidr,
      a.ResourceId,
      a.ResourceType,
      a.ResourceOwner,
    ]);

  beforeAll(async () => {
    proof = await startProofServers();
    t = await startTutorial('tut-b6.e2e', {
      ALLOT_RDAP_URL: proof.rdapUrl,
      ALLOT_PROVISION_SETTLE_SECONDS: '0',
    });
    await t.json('CreateOrganization', { OrganizationId: ORG, RootId: ROOT }, MGMT);
    await t.join(IPAM_ACCT, MGMT);
    await t.join(MEMBER, MGMT);
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await proof?.stop();
  });

  it('B6-01: the management account delegates ipam-account, which creates the IPAM', async () => {
    const enable = ['ec2', 'enable-ipam-organization-admin-account', '--delegated-admin-account-id'];
    expect(await t.ok(MGMT, ...enable, IPAM_ACCT)).toEqual({ Success: true });
    const { Ipam } = await ipam('create-ipam', ...east, '--operating-regions', 'RegionName=us-west-2');
    expect([Ipam.OwnerId, Ipam.ScopeCount]).toEqual([IPAM_ACCT, 2]);
    [ids.ipam, ids.scope] = [Ipam.IpamId, Ipam.PublicDefaultScopeId];
  });

  it('B6-02: the top-level IPv6 pool, publicly advertisable', async () => {
    const { IpamPool } = await ipam(
      'create-ipam-pool',
      ...east,
      '--ipam-scope-id',
      ids.scope!,
      '--description',
      'top-level-IPv6-pool',
      '--address-family',
      'ipv6',
      '--publicly-advertisable',
    );
    expect(IpamPool).toMatchObject({
      IpamScopeType: 'public',
      PoolDepth: 1,
      AutoImport: false,
      PubliclyAdvertisable: true,
      AddressFamily: 'ipv6',
    });
    expect(IpamPool.Locale ?? 'None').toBe('None');
    expect(['create-in-progress', 'create-complete']).toContain(IpamPool.State);
    ids.top = IpamPool.IpamPoolId;
    const { IpamPools } = await ipam('describe-ipam-pools', ...east, '--ipam-pool-ids', ids.top!);
    expect(IpamPools[0].State).toBe('create-complete');
  });

  it('B6-03: provision the /48 with the signed message: pending-provision, then provisioned', async () => {
    proof.rdap.set(`ip/${B6}`, rdapRecord(B6));
    const c = signed(IPAM_ACCT, B6);
    const { IpamPoolCidr } = await ipam(
      'provision-ipam-pool-cidr',
      ...east,
      '--ipam-pool-id',
      ids.top!,
      '--cidr',
      B6,
      '--verification-method',
      'remarks-x509',
      '--cidr-authorization-context',
      `Message="${c.Message}",Signature="${c.Signature}"`,
    );
    expect(IpamPoolCidr).toMatchObject({ Cidr: B6, State: 'pending-provision' });
    expect((await waitCidr(ids.top!, B6, 'pending-provision')).State).toBe('provisioned');
  });

  it('B6-04/05: the regional pool inherits advertisability and is provisioned without proof', async () => {
    const { IpamPool } = await ipam(
      'create-ipam-pool',
      ...east,
      '--description',
      'Regional-IPv6-pool',
      '--ipam-scope-id',
      ids.scope!,
      '--source-ipam-pool-id',
      ids.top!,
      '--locale',
      'us-west-2',
      '--address-family',
      'ipv6',
      '--aws-service',
      'ec2',
    );
    expect(IpamPool).toMatchObject({
      Locale: 'us-west-2',
      PoolDepth: 2,
      PubliclyAdvertisable: true,
      AwsService: 'ec2',
    });
    ids.regional = IpamPool.IpamPoolId;
    ids.regionalArn = IpamPool.IpamPoolArn;
    const { IpamPoolCidr } = await ipam(
      'provision-ipam-pool-cidr',
      ...east,
      '--ipam-pool-id',
      ids.regional!,
      '--cidr',
      B6,
    );
    expect(IpamPoolCidr).toMatchObject({ Cidr: B6, State: 'provisioned' });
  });

  it('B6-06: RAM sharing with the organization, the regional pool shared with member-account', async () => {
    expect(await t.ok(MGMT, 'ram', 'enable-sharing-with-aws-organization')).toEqual({ returnValue: true });
    const { resourceShare } = await t.ok(
      IPAM_ACCT,
      'ram',
      'create-resource-share',
      '--region',
      'us-east-1',
      '--name',
      'regional-ipv6-pool',
      '--resource-arns',
      ids.regionalArn!,
      '--principals',
      MEMBER,
      '--permission-arns',
      'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionsIpamPool',
    );
    expect([resourceShare.status, resourceShare.owningAccountId]).toEqual(['ACTIVE', IPAM_ACCT]);
    ids.share = resourceShare.resourceShareArn;
  });

  it('B6-07: member-account creates the VPC with a /56 from the pool in us-west-2', async () => {
    const vpc = ['create-vpc', '--ipv6-ipam-pool-id', ids.regional!, '--ipv6-netmask-length', '56'];
    // The IPv4 CidrBlock is mandatory.
    await t.fails('MissingParameter', MEMBER, 'ec2', ...vpc, ...west);
    const { Vpc } = await member(...vpc, '--cidr-block', '10.0.0.0/16', ...west);
    expect(Vpc).toMatchObject({
      CidrBlock: '10.0.0.0/16',
      State: 'pending',
      OwnerId: MEMBER,
      Ipv6CidrBlockAssociationSet: [
        {
          AssociationId: expect.stringMatching(/^vpc-cidr-assoc-/),
          Ipv6CidrBlock: '2605:9cc0:409::/56',
          Ipv6CidrBlockState: { State: 'associating' },
          NetworkBorderGroup: 'us-west-2',
          Ipv6Pool: ids.regional,
        },
      ],
      CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } }],
    });
    ids.vpc = Vpc.VpcId;
    expect(await allocations()).toEqual([['2605:9cc0:409::/56', ids.vpc, 'vpc', MEMBER]]);
  });

  it('beyond the guide: a second /56 associated from the pool and taken off again goes back to it', async () => {
    const { Ipv6CidrBlockAssociation: a } = await member(
      'associate-vpc-cidr-block',
      '--vpc-id',
      ids.vpc!,
      '--ipv6-ipam-pool-id',
      ids.regional!,
      '--ipv6-netmask-length',
      '56',
      ...west,
    );
    expect(a).toMatchObject({ Ipv6CidrBlock: '2605:9cc0:409:100::/56', Ipv6Pool: ids.regional });
    const off = await member('disassociate-vpc-cidr-block', '--association-id', a.AssociationId, ...west);
    expect(off.Ipv6CidrBlockAssociation).toMatchObject({
      AssociationId: a.AssociationId,
      Ipv6CidrBlock: '2605:9cc0:409:100::/56',
      Ipv6CidrBlockState: { State: 'disassociating' },
    });
    expect(await allocations()).toEqual([['2605:9cc0:409::/56', ids.vpc, 'vpc', MEMBER]]);
  });

  it('B6-08: advertise the /48 in us-west-2', async () => {
    const { ByoipCidr } = await ipam('advertise-byoip-cidr', ...west, '--cidr', B6);
    expect(ByoipCidr).toMatchObject({
      Cidr: B6,
      State: 'advertised',
      NetworkBorderGroup: 'us-west-2',
      AdvertisementType: 'unicast',
    });
  });

  it('B6-09: clean-up in the guide order, with its states', async () => {
    expect(await allocations()).toEqual([['2605:9cc0:409::/56', ids.vpc, 'vpc', MEMBER]]);
    expect((await ipam('withdraw-byoip-cidr', ...west, '--cidr', B6)).ByoipCidr.State).toBe('provisioned');
    expect((await t.aws(MEMBER, 'ec2', 'delete-vpc', '--vpc-id', ids.vpc!, ...west)).code).toBe(0);
    expect(await allocations()).toEqual([]);
    expect(
      await t.ok(IPAM_ACCT, 'ram', 'delete-resource-share', '--resource-share-arn', ids.share!),
    ).toMatchObject({ returnValue: true });
    // Allot deprovisions and deletes at once: the guide's pending-deprovision and delete-in-progress
    // are the states its waits pass through; here the first answer is already the end state.
    const deprovision = async (pool: string) => {
      const args = ['deprovision-ipam-pool-cidr', ...east, '--ipam-pool-id', pool, '--cidr', B6];
      expect((await ipam(...args)).IpamPoolCidr).toMatchObject({ Cidr: B6, State: 'deprovisioned' });
      expect(await waitCidr(pool, B6, 'pending-deprovision')).toMatchObject({
        Cidr: B6,
        State: 'deprovisioned',
      });
    };
    const remove = async (pool: string) => {
      const { IpamPool } = await ipam('delete-ipam-pool', ...east, '--ipam-pool-id', pool);
      expect([IpamPool.IpamPoolId, IpamPool.State]).toEqual([pool, 'delete-complete']);
    };
    await deprovision(ids.regional!);
    await remove(ids.regional!);
    await deprovision(ids.top!);
    await remove(ids.top!);
    const { Ipam } = await ipam('delete-ipam', ...east, '--ipam-id', ids.ipam!);
    expect([Ipam.IpamId, Ipam.ScopeCount]).toEqual([ids.ipam, 2]);
  });
});
