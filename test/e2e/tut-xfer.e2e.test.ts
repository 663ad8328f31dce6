/**
 * F-TUT-XFER (§15.12): an existing BYOIPv4 CIDR moved into IPAM, with the real AWS CLI as the
 * guide writes it. The precondition (130.137.249.0/24 already in the owner's public IPv4 pool in
 * us-west-2) is made the way EC2 makes it: `provision-byoip-cidr` with a signed message whose
 * certificate an RDAP server on loopback publishes. The IPAM account is the organization's IPAM
 * admin, so it may share its pool. Step 09.8 (deprovision the IPAM pool's CIDR) is the one the
 * guide leaves out (§20 item 12).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProofServers, rdapRecord, signed, startProofServers } from '../helpers/proof';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const IPAM_ACCT = '123456789012';
const OWNER = '111122223333';
const MGMT = '999988887777';
const CIDR = '130.137.249.0/24';
const tools = tutorialTools('tut-xfer.e2e');

describe.skipIf(!tools)('F-TUT-XFER: transfer an existing BYOIPv4 CIDR to IPAM with the CLI', () => {
  let t: Tutorial;
  let proof: ProofServers;
  const ids: Record<string, string> = {};
  const west = ['--region', 'us-west-2'];
  const ipam = (...args: string[]) => t.ok(IPAM_ACCT, ...args);
  const owner = (...args: string[]) => t.ok(OWNER, ...args);

  beforeAll(async () => {
    proof = await startProofServers();
    proof.rdap.set(`ip/${CIDR}`, rdapRecord(CIDR));
    t = await startTutorial('tut-xfer.e2e', { ALLOT_RDAP_URL: proof.rdapUrl, ALLOT_DNS_SERVERS: proof.dns });
    await t.ok(MGMT, 'organizations', 'create-organization', '--feature-set', 'ALL');
    for (const account of [IPAM_ACCT, OWNER]) await t.join(account, MGMT);
    await t.ok(
      MGMT,
      'ec2',
      'enable-ipam-organization-admin-account',
      '--delegated-admin-account-id',
      IPAM_ACCT,
    );
    const msg = signed(OWNER, CIDR);
    const { ByoipCidr } = await owner(
      'ec2',
      'provision-byoip-cidr',
      ...west,
      '--cidr',
      CIDR,
      '--cidr-authorization-context',
      `Message="${msg.Message}",Signature="${msg.Signature}"`,
    );
    expect([ByoipCidr.Cidr, ByoipCidr.State]).toEqual([CIDR, 'pending-provision']);
    const { Ipam } = await ipam(
      'ec2',
      'create-ipam',
      '--description',
      'my-ipam',
      '--operating-regions',
      'RegionName=us-west-2',
    );
    ids.ipam = Ipam.IpamId;
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await proof?.stop();
  });

  it('XFER-02/03: the public scope, and a top-level pool in us-west-2', async () => {
    const { Ipams } = await ipam('ec2', 'describe-ipams');
    expect(Ipams).toEqual([
      expect.objectContaining({ IpamId: ids.ipam, ScopeCount: 2, Description: 'my-ipam' }),
    ]);
    expect(Ipams[0].OperatingRegions.map((r: { RegionName: string }) => r.RegionName).sort()).toEqual([
      'us-east-1',
      'us-west-2',
    ]);
    const { IpamPool } = await ipam(
      'ec2',
      'create-ipam-pool',
      '--ipam-scope-id',
      Ipams[0].PublicDefaultScopeId,
      '--description',
      'top-level-pool',
      '--locale',
      'us-west-2',
      '--aws-service',
      'ec2',
      '--address-family',
      'ipv4',
    );
    expect(IpamPool).toMatchObject({
      IpamScopeType: 'public',
      Locale: 'us-west-2',
      PoolDepth: 1,
      AutoImport: false,
      AwsService: 'ec2',
      OwnerId: IPAM_ACCT,
    });
    [ids.pool, ids.poolArn] = [IpamPool.IpamPoolId, IpamPool.IpamPoolArn];
  });

  it('XFER-04/05/06: the two pool permissions, and the import and allocation shares', async () => {
    const { permissions } = await ipam('ram', 'list-permissions', '--resource-type', 'ec2:IpamPool');
    expect(
      permissions.map((p: Record<string, unknown>) => [
        p.name,
        p.version,
        p.defaultVersion,
        p.status,
        p.isResourceTypeDefault,
      ]),
    ).toEqual([
      ['AWSRAMDefaultPermissionsIpamPool', '1', true, 'ATTACHABLE', true],
      ['AWSRAMPermissionIpamPoolByoipCidrImport', '1', true, 'ATTACHABLE', false],
    ]);
    const share = async (name: string, permission: string) =>
      (
        await ipam(
          'ram',
          'create-resource-share',
          '--name',
          name,
          '--resource-arns',
          ids.poolArn!,
          '--principals',
          OWNER,
          '--permission-arns',
          `arn:aws:ram::aws:permission/${permission}`,
        )
      ).resourceShare;
    const two = await share('PoolShare2', 'AWSRAMPermissionIpamPoolByoipCidrImport');
    expect(two).toMatchObject({
      name: 'PoolShare2',
      owningAccountId: IPAM_ACCT,
      allowExternalPrincipals: true,
      status: 'ACTIVE',
    });
    await share('PoolShare1', 'AWSRAMDefaultPermissionsIpamPool');
  });

  it('XFER-07: IPv6 is refused; the move answers pending-transfer, then complete-transfer', async () => {
    const move = (cidr: string) =>
      owner(
        'ec2',
        'move-byoip-cidr-to-ipam',
        ...west,
        '--cidr',
        cidr,
        '--ipam-pool-id',
        ids.pool!,
        '--ipam-pool-owner',
        IPAM_ACCT,
      );
    await t.fails(
      'InvalidParameterValue',
      OWNER,
      'ec2',
      'move-byoip-cidr-to-ipam',
      ...west,
      '--cidr',
      '2605:9cc0:409::/48',
      '--ipam-pool-id',
      ids.pool!,
      '--ipam-pool-owner',
      IPAM_ACCT,
    );
    expect((await move(CIDR)).ByoipCidr).toEqual({ Cidr: CIDR, State: 'pending-transfer' });
    expect((await move(CIDR)).ByoipCidr).toEqual({ Cidr: CIDR, State: 'complete-transfer' });
  });

  it('XFER-08: the IPAM account sees the owner public IPv4 pool as the allocation', async () => {
    const { PublicIpv4Pools } = await owner('ec2', 'describe-public-ipv4-pools', ...west);
    ids.publicPool = PublicIpv4Pools[0].PoolId;
    const { IpamPoolAllocations } = await ipam(
      'ec2',
      'get-ipam-pool-allocations',
      ...west,
      '--ipam-pool-id',
      ids.pool!,
    );
    expect(
      IpamPoolAllocations.map((a: Record<string, string>) => [
        a.Cidr,
        a.ResourceId,
        a.ResourceType,
        a.ResourceOwner,
      ]),
    ).toEqual([[CIDR, ids.publicPool, 'ec2-public-ipv4-pool', OWNER]]);
    expect(ids.publicPool).toMatch(/^ipv4pool-ec2-[0-9a-f]{17}$/);
  });

  it('XFER-09: shares deleted, the range deprovisioned, the allocation gone, the pool deleted', async () => {
    for (const name of ['PoolShare1', 'PoolShare2']) {
      const { resourceShares } = await ipam(
        'ram',
        'get-resource-shares',
        '--name',
        name,
        '--resource-owner',
        'SELF',
      );
      const arn = resourceShares[0].resourceShareArn;
      expect(await ipam('ram', 'delete-resource-share', '--resource-share-arn', arn)).toMatchObject({
        returnValue: true,
      });
    }
    await owner(
      'ec2',
      'deprovision-public-ipv4-pool-cidr',
      ...west,
      '--pool-id',
      ids.publicPool!,
      '--cidr',
      CIDR,
    );
    const { PublicIpv4Pools } = await owner('ec2', 'describe-public-ipv4-pools', ...west);
    expect(PublicIpv4Pools[0]).toMatchObject({ PoolAddressRanges: [], TotalAddressCount: 0 });
    const left = await ipam('ec2', 'get-ipam-pool-allocations', ...west, '--ipam-pool-id', ids.pool!);
    expect(left).toEqual({ IpamPoolAllocations: [] });
    const { IpamPoolCidr } = await ipam(
      'ec2',
      'deprovision-ipam-pool-cidr',
      '--ipam-pool-id',
      ids.pool!,
      '--cidr',
      CIDR,
    );
    expect([IpamPoolCidr.Cidr, IpamPoolCidr.State]).toEqual([CIDR, 'deprovisioned']);
    const { IpamPool } = await ipam('ec2', 'delete-ipam-pool', '--ipam-pool-id', ids.pool!);
    expect(IpamPool.IpamPoolId).toBe(ids.pool);
  });
});
