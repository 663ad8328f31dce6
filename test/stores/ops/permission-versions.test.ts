/**
 * RAM managed permission versions (F-PIP-11, F-EIP-09): a share made before its permission gained
 * an action leaves its grantees without that action, with an error naming the fix, until the owner
 * moves the share to the default version. A share "made before" is a record written without a
 * version, as every share was before versions were kept.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PERMISSION,
  MANAGED_PERMISSIONS,
  RD_PERMISSION,
} from '../../../core/ops/sharing/permissions';
import type { ManagedPermission } from '../../../core/ports';
import type { RdShareRecord, ResourceShareRecord } from '../../../core/records';
import { ACCOUNT, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { orgWithTree } from '../../helpers/org';
import { asBeforeVersions } from '../../helpers/permission-versions';
import { amazonEipPool } from '../../helpers/proof';
import { storeFactories } from '../../helpers/stores';

const member = { accountId: OTHER_ACCOUNT };

describe.each(storeFactories())('RAM managed permission versions (%s store)', (_name, makeStore) => {
  it('F-PIP-11: an RD share on version 1 refuses public addresses, naming the fix, until replaced', async () => {
    const e = makeEnv(await makeStore());
    await orgWithTree(e, { delegate: true });
    const { IpamResourceDiscovery: rd } = await e.call('CreateIpamResourceDiscovery', {
      OperatingRegions: [{ RegionName: 'us-east-1' }],
    });
    const rdId = rd.IpamResourceDiscoveryId as string;
    // No permission named: an RD share gets the RD's default permission, at its default version.
    const { resourceShare } = await e.call('CreateResourceShare', {
      name: 'rd',
      resourceArns: [rd.IpamResourceDiscoveryArn],
      principals: [OTHER_ACCOUNT],
    });
    const shareArn = resourceShare.resourceShareArn as string;
    const versionOfShare = async () =>
      (await e.call('ListResourceSharePermissions', { resourceShareArn: shareArn })).permissions.map(
        (p: Record<string, unknown>) => [p.name, p.version, p.defaultVersion, p.status],
      );
    expect(await versionOfShare()).toEqual([
      ['AWSRAMDefaultPermissionsIpamResourceDiscovery', '2', true, 'ASSOCIATED'],
    ]);
    const read = { IpamResourceDiscoveryId: rdId, AddressRegion: 'us-east-1' };
    expect(await e.call('GetIpamDiscoveredPublicAddresses', read, member)).toEqual({
      IpamDiscoveredPublicAddresses: [],
    });

    await asBeforeVersions(e.deps.store, shareArn);
    expect(await versionOfShare()).toEqual([
      ['AWSRAMDefaultPermissionsIpamResourceDiscovery', '1', false, 'ASSOCIATED'],
    ]);
    const msg = await e.expectError(
      'GetIpamDiscoveredPublicAddresses',
      read,
      'UnauthorizedOperation',
      member,
    );
    expect(msg).toBe(
      `You are not authorized to perform: ec2:GetIpamDiscoveredPublicAddresses on ${rdId}. The resource share grants the managed permission AWSRAMDefaultPermissionsIpamResourceDiscovery at version 1, which does not include ec2:GetIpamDiscoveredPublicAddresses; the share's owner (account ${ACCOUNT}) can update it to the default version 2: aws ram replace-permission-associations --from-permission-arn ${RD_PERMISSION} --from-permission-version 1 --to-permission-arn ${RD_PERMISSION}`,
    );
    // Version 1 still has the rest; the owner is never checked.
    const cidrs = { IpamResourceDiscoveryId: rdId, ResourceRegion: 'us-east-1' };
    expect(await e.call('GetIpamDiscoveredResourceCidrs', cidrs, member)).toEqual({
      IpamDiscoveredResourceCidrs: [],
    });
    expect(await e.call('GetIpamDiscoveredPublicAddresses', read)).toEqual({
      IpamDiscoveredPublicAddresses: [],
    });

    // The versions, and what each allows.
    const versions = await e.call('ListPermissionVersions', { permissionArn: RD_PERMISSION });
    expect(versions.permissions.map((p: Record<string, unknown>) => [p.version, p.defaultVersion])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    const v1 = await e.call('GetPermission', { permissionArn: RD_PERMISSION, permissionVersion: 1 });
    expect(JSON.parse(v1.permission.permission)).toEqual({
      Effect: 'Allow',
      Action: [
        'ec2:AssociateIpamResourceDiscovery',
        'ec2:GetIpamDiscoveredAccounts',
        'ec2:GetIpamDiscoveredResourceCidrs',
      ],
    });
    await e.expectError(
      'GetPermission',
      { permissionArn: RD_PERMISSION, permissionVersion: 3 },
      'UnknownResourceException',
    );

    // Only the default version can be associated, and replacing must be asked for.
    const assoc = { resourceShareArn: shareArn, permissionArn: RD_PERMISSION };
    await e.expectError(
      'AssociateResourceSharePermission',
      { ...assoc, permissionVersion: 1, replace: true },
      'InvalidParameterException',
    );
    await e.expectError('AssociateResourceSharePermission', assoc, 'InvalidParameterException');
    await e.expectError(
      'AssociateResourceSharePermission',
      { resourceShareArn: shareArn, permissionArn: DEFAULT_PERMISSION, replace: true },
      'InvalidParameterException',
    );
    // Another account's share is unknown to it.
    await e.expectError(
      'ReplacePermissionAssociations',
      { fromPermissionArn: RD_PERMISSION, toPermissionArn: DEFAULT_PERMISSION },
      'InvalidParameterException',
    );
    const other = await e.call(
      'ReplacePermissionAssociations',
      { fromPermissionArn: RD_PERMISSION, fromPermissionVersion: 1, toPermissionArn: RD_PERMISSION },
      member,
    );
    expect(other.replacePermissionAssociationsWork.statusMessage).toBe(
      '0 resource share(s) now use AWSRAMDefaultPermissionsIpamResourceDiscovery version 2.',
    );
    await e.expectError('GetIpamDiscoveredPublicAddresses', read, 'UnauthorizedOperation', member);

    const work = await e.call('ReplacePermissionAssociations', {
      fromPermissionArn: RD_PERMISSION,
      fromPermissionVersion: 1,
      toPermissionArn: RD_PERMISSION,
      clientToken: 'update-rd',
    });
    expect(work).toEqual({
      replacePermissionAssociationsWork: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        fromPermissionArn: RD_PERMISSION,
        fromPermissionVersion: '1',
        toPermissionArn: RD_PERMISSION,
        toPermissionVersion: '2',
        status: 'COMPLETED',
        statusMessage: '1 resource share(s) now use AWSRAMDefaultPermissionsIpamResourceDiscovery version 2.',
        creationTime: e.clock.now / 1000,
        lastUpdatedTime: e.clock.now / 1000,
      },
      clientToken: 'update-rd',
    });
    expect(await versionOfShare()).toEqual([
      ['AWSRAMDefaultPermissionsIpamResourceDiscovery', '2', true, 'ASSOCIATED'],
    ]);
    expect(await e.call('GetIpamDiscoveredPublicAddresses', read, member)).toEqual({
      IpamDiscoveredPublicAddresses: [],
    });
    const grant = await e.deps.store.get<RdShareRecord>({ kind: 'rd-share', rdId, principal: OTHER_ACCOUNT });
    expect(grant?._permissionVersion).toBe(2);
  });

  it('F-PIP-11: AssociateResourceSharePermission with replace also updates an outdated share', async () => {
    const e = makeEnv(await makeStore());
    await orgWithTree(e, { delegate: true });
    const { IpamResourceDiscovery: rd } = await e.call('CreateIpamResourceDiscovery', {
      OperatingRegions: [{ RegionName: 'us-east-1' }],
    });
    const { resourceShare } = await e.call('CreateResourceShare', {
      name: 'rd',
      resourceArns: [rd.IpamResourceDiscoveryArn],
      principals: [OTHER_ACCOUNT],
      permissionArns: [RD_PERMISSION],
    });
    await asBeforeVersions(e.deps.store, resourceShare.resourceShareArn);
    const read = { IpamResourceDiscoveryId: rd.IpamResourceDiscoveryId, AddressRegion: 'us-east-1' };
    await e.expectError('GetIpamDiscoveredPublicAddresses', read, 'UnauthorizedOperation', member);
    expect(
      await e.call('AssociateResourceSharePermission', {
        resourceShareArn: resourceShare.resourceShareArn,
        permissionArn: RD_PERMISSION,
        replace: true,
        permissionVersion: 2,
      }),
    ).toEqual({ returnValue: true });
    expect(await e.call('GetIpamDiscoveredPublicAddresses', read, member)).toEqual({
      IpamDiscoveredPublicAddresses: [],
    });
  });

  it('F-PIP-11: a grant made by the JSON ShareIpamResourceDiscovery before versions moves with the replacement too', async () => {
    const e = makeEnv(await makeStore());
    const { IpamResourceDiscovery: rd } = await e.call('CreateIpamResourceDiscovery', {
      OperatingRegions: [{ RegionName: 'us-east-1' }],
    });
    const rdId = rd.IpamResourceDiscoveryId as string;
    await e.call('ShareIpamResourceDiscovery', { IpamResourceDiscoveryId: rdId, Principal: OTHER_ACCOUNT });
    await e.call('AcceptIpamResourceDiscoveryShare', { IpamResourceDiscoveryId: rdId }, member);
    const ref = { kind: 'rd-share' as const, rdId, principal: OTHER_ACCOUNT };
    const grant = (await e.deps.store.get<RdShareRecord>(ref))!;
    expect(grant._permissionVersion).toBe(2);
    const { _permissionVersion, ...old } = grant;
    expect((await e.deps.store.commit([{ type: 'replace', record: old, expectVersion: grant._v }])).ok).toBe(
      true,
    );
    const read = { IpamResourceDiscoveryId: rdId, AddressRegion: 'us-east-1' };
    await e.expectError('GetIpamDiscoveredPublicAddresses', read, 'UnauthorizedOperation', member);
    await e.call('ReplacePermissionAssociations', {
      fromPermissionArn: RD_PERMISSION,
      fromPermissionVersion: 1,
      toPermissionArn: RD_PERMISSION,
    });
    expect((await e.deps.store.get<RdShareRecord>(ref))?._permissionVersion).toBe(2);
    expect(await e.call('GetIpamDiscoveredPublicAddresses', read, member)).toEqual({
      IpamDiscoveredPublicAddresses: [],
    });
  });

  it('F-EIP-09: a pool share on a version without AllocateAddress refuses EIPs to its grantee, until replaced', async () => {
    // A catalog in which the pool permission gained ec2:AllocateAddress in version 2.
    const pool = MANAGED_PERMISSIONS.find((p) => p.arn === DEFAULT_PERMISSION)!;
    const [v1] = pool.versions;
    const withV2: ManagedPermission = {
      ...pool,
      versions: [
        { ...v1!, actions: v1!.actions.filter((a) => a !== 'ec2:AllocateAddress') },
        { version: 2, created: v1!.created + 1000, actions: v1!.actions },
      ],
    };
    const e = makeEnv(await makeStore(), {
      amazonSupply: { 'us-east-1': ['192.0.2.0/30'] },
      managedPermissions: MANAGED_PERMISSIONS.map((p) => (p === pool ? withV2 : p)),
    });
    await orgWithTree(e, { delegate: true });
    const { pool: IpamPool, poolId } = await amazonEipPool(e, 30, '192.0.2.0/30');
    const { resourceShare } = await e.call('CreateResourceShare', {
      name: 'eips',
      resourceArns: [IpamPool.IpamPoolArn],
      principals: [OTHER_ACCOUNT],
    });
    const eip = { IpamPoolId: poolId, Domain: 'vpc' };
    expect((await e.call('AllocateAddress', eip, member)).PublicIp).toBe('192.0.2.0');

    // The share as it was before version 2: the grantee may still use the pool, but not for EIPs.
    const id = resourceShare.resourceShareArn.split('/')[1];
    const share = (await e.deps.store.get<ResourceShareRecord>({ kind: 'resource-share', id }))!;
    const res = await e.deps.store.commit([
      { type: 'replace', record: { ...share, PermissionVersion: 1 }, expectVersion: share._v },
    ]);
    expect(res.ok).toBe(true);
    const msg = await e.expectError('AllocateAddress', eip, 'UnauthorizedOperation', member);
    expect(msg).toContain(
      `ec2:AllocateAddress on ${IpamPool.IpamPoolArn}. The resource share grants the managed permission AWSRAMDefaultPermissionsIpamPool at version 1`,
    );
    expect(msg).toContain(`the share's owner (account ${ACCOUNT}) can update it to the default version 2`);
    const cidr = await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 32 }, member);
    expect(cidr.IpamPoolAllocation.Cidr).toBe('192.0.2.1/32');
    expect((await e.call('AllocateAddress', eip)).PublicIp).toBe('192.0.2.2');

    await e.call('ReplacePermissionAssociations', {
      fromPermissionArn: DEFAULT_PERMISSION,
      toPermissionArn: DEFAULT_PERMISSION,
    });
    expect((await e.call('AllocateAddress', eip, member)).PublicIp).toBe('192.0.2.3');
  });
});
