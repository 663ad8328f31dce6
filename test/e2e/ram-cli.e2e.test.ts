/**
 * Pool sharing through AWS RAM with the real AWS CLI (`aws ram … --endpoint-url`, unchanged) against
 * the local stack: the organization's IPAM admin shares a pool with a member account, the member
 * sees it and allocates from it as itself, a stranger is told it does not exist, and revoking the
 * share refuses new allocations; a resource discovery share from before its permission's version 2
 * is refused public addresses until the owner replaces its permission (F-PIP-11). Skipped, with a message, where `aws` is not installed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, DynamoStore } from '../../core/store/dynamo';
import { accountSigner, signedJson } from '../../local/signed';
import type { LocalStack } from '../../local/stack';
import { type CliResult, runAws } from '../helpers/aws-cli';
import { asBeforeVersions } from '../helpers/permission-versions';
import { testStack } from '../helpers/stack';
import { requireTool } from '../helpers/tools';

const AWS = requireTool('aws', 'the AWS CLI', 'ram-cli.e2e');
const MGMT = '999988887777';
const ADMIN = '111122223333';
const MEMBER = '444455556666';
const STRANGER = '777788889999';
const WEST = ['--region', 'us-west-2'];
const RD = 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionsIpamResourceDiscovery';

let stack: LocalStack;
let home: string;

/** `aws <service> <args>` signed with a 12-digit access key, which the stack takes as that account. */
const aws = (account: string, ...args: string[]): Promise<CliResult> =>
  runAws(AWS!, { home, url: stack.url, accessKeyId: account }, ...args);

const ok = async (account: string, ...args: string[]) => {
  const r = await aws(account, ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.json;
};

const fails = async (code: string, account: string, ...args: string[]) => {
  const r = await aws(account, ...args);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain(`An error occurred (${code})`);
};

const json = async (action: string, body: object, account: string) => {
  const res = await signedJson(stack.url, action, body, accountSigner(account));
  const answer = (await res.json()) as Record<string, never>;
  expect([res.status, answer]).toEqual([200, expect.anything()]);
  return answer;
};

describe.skipIf(!AWS)('AWS RAM CLI against the local stack', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'allot-ram-'));
    writeFileSync(join(home, 'config'), '');
    writeFileSync(join(home, 'credentials'), '');
    stack = await testStack({
      tableName: 'allot-e2e-ram',
      env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1' },
    });
    await json('CreateOrganization', { OrganizationId: 'o-a1b2c3d4e5', RootId: 'r-abcd' }, MGMT);
    // Each account joins by accepting its invitation as itself.
    for (const account of [ADMIN, MEMBER]) {
      const { Handshake } = await json('RegisterOrganizationAccount', { AccountId: account }, MGMT);
      await ok(
        account,
        'organizations',
        'accept-handshake',
        '--handshake-id',
        (Handshake as unknown as { Id: string }).Id,
      );
    }
    await json('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: ADMIN }, MGMT);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('F-SHARE-02/08: a member account allocates from a pool shared with it, until the share is revoked', async () => {
    const { Ipam } = await ok(ADMIN, 'ec2', 'create-ipam');
    const { IpamPool } = await ok(
      ADMIN,
      'ec2',
      'create-ipam-pool',
      '--ipam-scope-id',
      Ipam.PrivateDefaultScopeId,
      '--address-family',
      'ipv4',
    );
    await ok(
      ADMIN,
      'ec2',
      'provision-ipam-pool-cidr',
      '--ipam-pool-id',
      IpamPool.IpamPoolId,
      '--cidr',
      '10.0.0.0/16',
    );

    // The share, as the guide creates it.
    const created = await ok(
      ADMIN,
      'ram',
      'create-resource-share',
      '--name',
      'dev-pool-share',
      '--resource-arns',
      IpamPool.IpamPoolArn,
      '--principals',
      MEMBER,
    );
    const arn = created.resourceShare.resourceShareArn;
    expect(arn).toMatch(/^arn:aws:ram:us-east-1:111122223333:resource-share\/[0-9a-f-]{36}$/);
    expect(created.resourceShare).toMatchObject({
      name: 'dev-pool-share',
      owningAccountId: ADMIN,
      allowExternalPrincipals: true,
      status: 'ACTIVE',
      featureSet: 'STANDARD',
    });
    const listed = await ok(ADMIN, 'ram', 'get-resource-shares', '--resource-owner', 'SELF');
    expect(listed.resourceShares.map((s: { resourceShareArn: string }) => s.resourceShareArn)).toEqual([arn]);
    const assoc = await ok(ADMIN, 'ram', 'get-resource-share-associations', '--association-type', 'RESOURCE');
    expect(
      assoc.resourceShareAssociations.map((a: { associatedEntity: string; status: string }) => [
        a.associatedEntity,
        a.status,
      ]),
    ).toEqual([[IpamPool.IpamPoolArn, 'ASSOCIATED']]);

    const resources = await ok(MEMBER, 'ram', 'list-resources', '--resource-owner', 'OTHER-ACCOUNTS');
    expect(resources.resources.map((r: { arn: string; type: string }) => [r.arn, r.type])).toEqual([
      [IpamPool.IpamPoolArn, 'ec2:IpamPool'],
    ]);
    const principals = await ok(ADMIN, 'ram', 'list-principals', '--resource-owner', 'SELF');
    expect(principals.principals.map((p: { id: string }) => p.id)).toEqual([MEMBER]);
    const perms = await ok(ADMIN, 'ram', 'list-permissions', '--resource-type', 'ec2:IpamPool');
    expect(perms.permissions.map((p: { name: string }) => p.name)).toEqual([
      'AWSRAMDefaultPermissionsIpamPool',
      'AWSRAMPermissionIpamPoolByoipCidrImport',
    ]);

    // The member sees the pool (owned by the IPAM account) and allocates as itself.
    const pools = await ok(MEMBER, 'ec2', 'describe-ipam-pools');
    expect(
      pools.IpamPools.map((p: { IpamPoolId: string; OwnerId: string }) => [p.IpamPoolId, p.OwnerId]),
    ).toEqual([[IpamPool.IpamPoolId, ADMIN]]);
    const alloc = [
      'ec2',
      'allocate-ipam-pool-cidr',
      '--ipam-pool-id',
      IpamPool.IpamPoolId,
      '--netmask-length',
      '24',
    ];
    const mine = await ok(MEMBER, ...alloc);
    expect(mine.IpamPoolAllocation).toMatchObject({ Cidr: '10.0.0.0/24', ResourceOwner: MEMBER });
    await fails('InvalidIpamPoolId.NotFound', STRANGER, ...alloc);

    // Revoked: no new allocations; the existing one stays.
    const gone = await ok(
      ADMIN,
      'ram',
      'disassociate-resource-share',
      '--resource-share-arn',
      arn,
      '--principals',
      MEMBER,
    );
    expect(gone.resourceShareAssociations).toMatchObject([
      { associatedEntity: MEMBER, status: 'DISASSOCIATED' },
    ]);
    await fails('InvalidIpamPoolId.NotFound', MEMBER, ...alloc);
    const kept = await ok(ADMIN, 'ec2', 'get-ipam-pool-allocations', '--ipam-pool-id', IpamPool.IpamPoolId);
    expect(kept.IpamPoolAllocations.map((a: { Cidr: string }) => a.Cidr)).toEqual(['10.0.0.0/24']);

    expect(await ok(ADMIN, 'ram', 'delete-resource-share', '--resource-share-arn', arn)).toEqual({
      returnValue: true,
    });
  }, 180_000);

  it('F-SHARE-07: an account outside the organization accepts its invitation, then allocates', async () => {
    const { IpamPools } = await ok(ADMIN, 'ec2', 'describe-ipam-pools');
    const pool = IpamPools[0];
    const { resourceShare } = await ok(
      ADMIN,
      'ram',
      'create-resource-share',
      '--name',
      'partner',
      '--resource-arns',
      pool.IpamPoolArn,
      '--principals',
      STRANGER,
    );
    const { resourceShareInvitations } = await ok(STRANGER, 'ram', 'get-resource-share-invitations');
    expect(
      resourceShareInvitations.map((i: Record<string, string>) => [
        i.resourceShareArn,
        i.senderAccountId,
        i.status,
      ]),
    ).toEqual([[resourceShare.resourceShareArn, ADMIN, 'PENDING']]);
    const invitation = resourceShareInvitations[0].resourceShareInvitationArn;
    await fails(
      'ResourceShareInvitationArnNotFoundException',
      MEMBER,
      'ram',
      'accept-resource-share-invitation',
      '--resource-share-invitation-arn',
      invitation,
    );
    const accepted = await ok(
      STRANGER,
      'ram',
      'accept-resource-share-invitation',
      '--resource-share-invitation-arn',
      invitation,
    );
    expect(accepted.resourceShareInvitation.status).toBe('ACCEPTED');
    const mine = await ok(
      STRANGER,
      'ec2',
      'allocate-ipam-pool-cidr',
      '--ipam-pool-id',
      pool.IpamPoolId,
      '--netmask-length',
      '24',
    );
    expect([mine.IpamPoolAllocation.Cidr, mine.IpamPoolAllocation.ResourceOwner]).toEqual([
      '10.0.1.0/24',
      STRANGER,
    ]);
    await fails(
      'ResourceShareInvitationAlreadyAcceptedException',
      STRANGER,
      'ram',
      'reject-resource-share-invitation',
      '--resource-share-invitation-arn',
      invitation,
    );
  }, 180_000);

  it('F-PIP-11: a resource discovery share from before version 2 refuses public addresses until replaced', async () => {
    // The admin's IPAM already has its default resource discovery in us-east-1: this one is in us-west-2.
    const { IpamResourceDiscovery: rd } = await ok(
      ADMIN,
      'ec2',
      'create-ipam-resource-discovery',
      '--operating-regions',
      'RegionName=us-west-2',
      ...WEST,
    );
    const { resourceShare } = await ok(
      ADMIN,
      'ram',
      'create-resource-share',
      '--name',
      'rd-share',
      '--resource-arns',
      rd.IpamResourceDiscoveryArn,
      '--principals',
      MEMBER,
      ...WEST,
    );
    const arn = resourceShare.resourceShareArn;
    const versionOfShare = async () =>
      (
        await ok(ADMIN, 'ram', 'list-resource-share-permissions', '--resource-share-arn', arn, ...WEST)
      ).permissions.map((p: Record<string, unknown>) => [p.name, p.version, p.defaultVersion]);
    expect(await versionOfShare()).toEqual([['AWSRAMDefaultPermissionsIpamResourceDiscovery', '2', true]]);
    const read = [
      'ec2',
      'get-ipam-discovered-public-addresses',
      '--ipam-resource-discovery-id',
      rd.IpamResourceDiscoveryId,
      '--address-region',
      'us-west-2',
      ...WEST,
    ];
    expect(await ok(MEMBER, ...read)).toEqual({ IpamDiscoveredPublicAddresses: [] });

    // The share as a release before versions wrote it.
    const client = createDocumentClient({ endpoint: stack.ddbEndpoint, region: 'us-east-1' });
    await asBeforeVersions(new DynamoStore({ client, tableName: stack.tableName }), arn);
    expect(await versionOfShare()).toEqual([['AWSRAMDefaultPermissionsIpamResourceDiscovery', '1', false]]);
    const refused = await aws(MEMBER, ...read);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('An error occurred (UnauthorizedOperation)');
    expect(refused.stderr).toContain(
      `aws ram replace-permission-associations --from-permission-arn ${RD} --from-permission-version 1 --to-permission-arn ${RD}`,
    );

    const versions = await ok(ADMIN, 'ram', 'list-permission-versions', '--permission-arn', RD);
    expect(versions.permissions.map((p: Record<string, unknown>) => [p.version, p.defaultVersion])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    const v2 = await ok(ADMIN, 'ram', 'get-permission', '--permission-arn', RD, '--permission-version', '2');
    expect(JSON.parse(v2.permission.permission).Action).toContain('ec2:GetIpamDiscoveredPublicAddresses');

    // The fix the error names.
    const work = await ok(
      ADMIN,
      'ram',
      'replace-permission-associations',
      '--from-permission-arn',
      RD,
      '--from-permission-version',
      '1',
      '--to-permission-arn',
      RD,
      ...WEST,
    );
    expect(work.replacePermissionAssociationsWork).toMatchObject({
      fromPermissionVersion: '1',
      toPermissionVersion: '2',
      status: 'COMPLETED',
    });
    expect(await versionOfShare()).toEqual([['AWSRAMDefaultPermissionsIpamResourceDiscovery', '2', true]]);
    expect(await ok(MEMBER, ...read)).toEqual({ IpamDiscoveredPublicAddresses: [] });
    expect(
      await ok(
        ADMIN,
        'ram',
        'associate-resource-share-permission',
        '--resource-share-arn',
        arn,
        '--permission-arn',
        RD,
        '--replace',
        ...WEST,
      ),
    ).toEqual({ returnValue: true });
  }, 180_000);

  it('answers bad input with RAM error codes', async () => {
    await fails(
      'MalformedArnException',
      ADMIN,
      'ram',
      'delete-resource-share',
      '--resource-share-arn',
      'not-an-arn',
    );
    await fails(
      'UnknownResourceException',
      ADMIN,
      'ram',
      'delete-resource-share',
      '--resource-share-arn',
      'arn:aws:ram:us-east-1:111122223333:resource-share/00000000-0000-0000-0000-00000000ffff',
    );
    await fails(
      'InvalidParameterException',
      ADMIN,
      'ram',
      'get-resource-shares',
      '--resource-owner',
      'NOBODY',
    );
  }, 180_000);
});
