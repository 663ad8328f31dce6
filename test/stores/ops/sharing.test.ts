import { describe, expect, it } from 'vitest';
import { ACCOUNT, type Env, ipamWithPool, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { ORG, OU_D, orgWithTree } from '../../helpers/org';
import { storeFactories } from '../../helpers/stores';

const STRANGER = '777788889999';
const SHARE_ARN = `arn:aws:ram:us-east-1:${ACCOUNT}:resource-share/00000000-0000-0000-0000-000000000001`;
const member = { accountId: OTHER_ACCOUNT };

describe.each(storeFactories())('pool sharing through RAM (%s store)', (_name, makeStore) => {
  const env = async () => makeEnv(await makeStore());
  /** The delegated admin's pool 10.0.0.0/16 shared with MEMBER (in OU d). */
  const shared = async (e: Env, principals = [OTHER_ACCOUNT]) => {
    await orgWithTree(e, { delegate: true });
    const { poolId, pool } = await ipamWithPool(e, {}, '10.0.0.0/16');
    const res = await e.call('CreateResourceShare', {
      name: 'dev',
      resourceArns: [pool.IpamPoolArn],
      principals,
    });
    return { poolId, pool, share: res.resourceShare };
  };

  it('F-SHARE-02: a principal sees the pool, its CIDRs, and allocates as itself', async () => {
    const e = await env();
    const { poolId, share } = await shared(e);
    expect(share).toMatchObject({
      resourceShareArn: SHARE_ARN,
      name: 'dev',
      owningAccountId: ACCOUNT,
      status: 'ACTIVE',
      allowExternalPrincipals: true,
    });
    const pools = await e.call('DescribeIpamPools', {}, member);
    expect(
      pools.IpamPools.map((p: { IpamPoolId: string; OwnerId: string }) => [p.IpamPoolId, p.OwnerId]),
    ).toEqual([[poolId, ACCOUNT]]);
    const cidrs = await e.call('GetIpamPoolCidrs', { IpamPoolId: poolId }, member);
    expect(cidrs.IpamPoolCidrs.map((c: { Cidr: string }) => c.Cidr)).toEqual(['10.0.0.0/16']);
    const a = await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 }, member);
    expect(a.IpamPoolAllocation).toMatchObject({
      Cidr: '10.0.0.0/24',
      ResourceOwner: OTHER_ACCOUNT,
      ResourceType: 'custom',
    });
    const b = await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 });
    expect(b.IpamPoolAllocation).toMatchObject({ Cidr: '10.0.1.0/24', ResourceOwner: ACCOUNT });
    const seen = await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId }, member);
    expect(seen.IpamPoolAllocations.map((x: { Cidr: string }) => x.Cidr)).toEqual([
      '10.0.0.0/24',
      '10.0.1.0/24',
    ]);
    // A principal releases its own allocation, not the owner's.
    const owners = {
      IpamPoolId: poolId,
      Cidr: '10.0.1.0/24',
      IpamPoolAllocationId: b.IpamPoolAllocation.IpamPoolAllocationId,
    };
    await e.expectError('ReleaseIpamPoolAllocation', owners, 'InvalidIpamPoolAllocationId.NotFound', member);
    const mine = {
      IpamPoolId: poolId,
      Cidr: '10.0.0.0/24',
      IpamPoolAllocationId: a.IpamPoolAllocation.IpamPoolAllocationId,
    };
    expect(await e.call('ReleaseIpamPoolAllocation', mine, member)).toEqual({ Success: true });
  });

  it('F-RULE-06: any other account is told the pool does not exist, as for an unknown id', async () => {
    const e = await env();
    const { poolId } = await shared(e);
    const stranger = { accountId: STRANGER };
    const msg = await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 24 },
      'InvalidIpamPoolId.NotFound',
      stranger,
    );
    expect(msg).toBe(`The IPAM pool ID '${poolId}' does not exist.`);
    await e.expectError(
      'DescribeIpamPools',
      { IpamPoolIds: [poolId] },
      'InvalidIpamPoolId.NotFound',
      stranger,
    );
    await e.expectError('GetIpamPoolCidrs', { IpamPoolId: poolId }, 'InvalidIpamPoolId.NotFound', stranger);
    expect((await e.call('DescribeIpamPools', {}, stranger)).IpamPools).toEqual([]);
  });

  it('F-SHARE-08: a revoked share refuses new allocations and keeps existing ones', async () => {
    const e = await env();
    const { poolId, pool } = await shared(e);
    await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 }, member);
    const res = await e.call('DisassociateResourceShare', {
      resourceShareArn: SHARE_ARN,
      principals: [OTHER_ACCOUNT],
    });
    expect(res.resourceShareAssociations).toMatchObject([
      { associatedEntity: OTHER_ACCOUNT, associationType: 'PRINCIPAL', status: 'DISASSOCIATED' },
    ]);
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 24 },
      'InvalidIpamPoolId.NotFound',
      member,
    );
    const left = await e.call('GetIpamPoolAllocations', { IpamPoolId: poolId });
    expect(
      left.IpamPoolAllocations.map((x: { Cidr: string; ResourceOwner: string }) => [x.Cidr, x.ResourceOwner]),
    ).toEqual([['10.0.0.0/24', OTHER_ACCOUNT]]);
    // Associating again restores it; deleting the share revokes every grant.
    await e.call('AssociateResourceShare', { resourceShareArn: SHARE_ARN, principals: [OTHER_ACCOUNT] });
    await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 }, member);
    expect(await e.call('DeleteResourceShare', { resourceShareArn: SHARE_ARN })).toEqual({
      returnValue: true,
    });
    await e.expectError('GetIpamPoolCidrs', { IpamPoolId: poolId }, 'InvalidIpamPoolId.NotFound', member);
    const gone = await e.call('GetResourceShares', { resourceOwner: 'SELF' });
    expect(gone.resourceShares.map((s: { status: string }) => s.status)).toEqual(['DELETED']);
    expect(pool.IpamPoolArn).toContain(poolId);
  });

  it('F-SHARE-02: OU and organization principals cover their member accounts', async () => {
    const e = await env();
    const { poolId } = await shared(e, [`arn:aws:organizations::999988887777:ou/${ORG}/${OU_D}`]);
    await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 }, member);
    const assoc = await e.call('GetResourceShareAssociations', { associationType: 'PRINCIPAL' });
    expect(
      assoc.resourceShareAssociations.map(
        (a: { associatedEntity: string; status: string; external: boolean }) => [
          a.associatedEntity,
          a.status,
          a.external,
        ],
      ),
    ).toEqual([[`arn:aws:organizations::999988887777:ou/${ORG}/${OU_D}`, 'ASSOCIATED', false]]);
    const other = await e.call('GetResourceShares', { resourceOwner: 'OTHER-ACCOUNTS' }, member);
    expect(other.resourceShares.map((s: { resourceShareArn: string }) => s.resourceShareArn)).toEqual([
      SHARE_ARN,
    ]);
  });

  it('F-SHARE-01/03/07: org-integrated IPAM, home region, external accounts wait for acceptance', async () => {
    const e = await env();
    const { poolId, pool } = await ipamWithPool(e, {}, '10.0.0.0/16');
    const create = { name: 'x', resourceArns: [pool.IpamPoolArn], principals: [OTHER_ACCOUNT] };
    await e.expectError('CreateResourceShare', create, 'OperationNotPermittedException');
    await orgWithTree(e, { delegate: true });
    await e.expectError('CreateResourceShare', create, 'OperationNotPermittedException', {
      region: 'us-west-2',
    });
    await e.expectError(
      'CreateResourceShare',
      { ...create, resourceArns: ['not-an-arn'] },
      'MalformedArnException',
    );
    await e.expectError(
      'CreateResourceShare',
      { ...create, principals: [STRANGER], allowExternalPrincipals: false },
      'OperationNotPermittedException',
    );
    await e.call('CreateResourceShare', { ...create, principals: [STRANGER] });
    const assoc = await e.call('GetResourceShareAssociations', { associationType: 'PRINCIPAL' });
    expect(
      assoc.resourceShareAssociations.map((a: { status: string; external: boolean }) => [
        a.status,
        a.external,
      ]),
    ).toEqual([['ASSOCIATING', true]]);
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 24 },
      'InvalidIpamPoolId.NotFound',
      { accountId: STRANGER },
    );
  });

  it('F-SHARE-05: ListResources, ListPrincipals, ListPermissions and UpdateResourceShare', async () => {
    const e = await env();
    const { pool } = await shared(e);
    const resources = await e.call('ListResources', { resourceOwner: 'SELF' });
    expect(resources.resources).toEqual([
      {
        arn: pool.IpamPoolArn,
        type: 'ec2:IpamPool',
        resourceShareArn: SHARE_ARN,
        status: 'AVAILABLE',
        creationTime: e.clock.now / 1000,
        lastUpdatedTime: e.clock.now / 1000,
        resourceRegionScope: 'REGIONAL',
      },
    ]);
    const theirs = await e.call('ListResources', { resourceOwner: 'OTHER-ACCOUNTS' }, member);
    expect(theirs.resources.map((r: { arn: string }) => r.arn)).toEqual([pool.IpamPoolArn]);
    const principals = await e.call('ListPrincipals', {
      resourceOwner: 'SELF',
      resourceArn: pool.IpamPoolArn,
    });
    expect(principals.principals.map((p: { id: string; external: boolean }) => [p.id, p.external])).toEqual([
      [OTHER_ACCOUNT, false],
    ]);
    const perms = await e.call('ListPermissions', { resourceType: 'ec2:IpamPool' });
    expect(
      perms.permissions.map((p: { name: string; isResourceTypeDefault: boolean }) => [
        p.name,
        p.isResourceTypeDefault,
      ]),
    ).toEqual([
      ['AWSRAMDefaultPermissionsIpamPool', true],
      ['AWSRAMPermissionIpamPoolByoipCidrImport', false],
    ]);
    await e.expectError('ListPermissions', { resourceType: 'ec2:Subnet' }, 'InvalidParameterException');
    const renamed = await e.call('UpdateResourceShare', {
      resourceShareArn: SHARE_ARN,
      name: 'prod',
      allowExternalPrincipals: false,
    });
    expect([renamed.resourceShare.name, renamed.resourceShare.allowExternalPrincipals]).toEqual([
      'prod',
      false,
    ]);
    await e.expectError(
      'UpdateResourceShare',
      { resourceShareArn: SHARE_ARN, name: 'x' },
      'UnknownResourceException',
      member,
    );
  });

  it('F-SHARE-07: an external account is invited; accepting gives it the pool, rejecting and expiry do not', async () => {
    const e = await env();
    const { poolId, share } = await shared(e, [STRANGER]);
    const stranger = { accountId: STRANGER };
    expect((await e.call('DescribeIpamPools', {}, stranger)).IpamPools).toEqual([]);
    const { resourceShareInvitations } = await e.call('GetResourceShareInvitations', {}, stranger);
    expect(resourceShareInvitations).toEqual([
      {
        resourceShareInvitationArn: expect.stringMatching(
          new RegExp(`^arn:aws:ram:us-east-1:${ACCOUNT}:resource-share-invitation/[0-9a-f-]{36}$`),
        ),
        resourceShareName: 'dev',
        resourceShareArn: share.resourceShareArn,
        senderAccountId: ACCOUNT,
        receiverAccountId: STRANGER,
        invitationTimestamp: e.clock.now / 1000,
        status: 'PENDING',
      },
    ]);
    const arn = resourceShareInvitations[0].resourceShareInvitationArn;
    expect((await e.call('GetResourceShareInvitations', {}, member)).resourceShareInvitations).toEqual([]);
    await e.expectError(
      'AcceptResourceShareInvitation',
      { resourceShareInvitationArn: arn },
      'ResourceShareInvitationArnNotFoundException',
      member,
    );
    await e.expectError(
      'AcceptResourceShareInvitation',
      { resourceShareInvitationArn: 'arn:aws:ram:us-east-1:1:x' },
      'MalformedArnException',
      stranger,
    );
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 24 },
      'InvalidIpamPoolId.NotFound',
      stranger,
    );
    const accepted = await e.call(
      'AcceptResourceShareInvitation',
      { resourceShareInvitationArn: arn },
      stranger,
    );
    expect(accepted.resourceShareInvitation.status).toBe('ACCEPTED');
    expect(
      (await e.call('DescribeIpamPools', {}, stranger)).IpamPools.map(
        (p: { IpamPoolId: string }) => p.IpamPoolId,
      ),
    ).toEqual([poolId]);
    const a = await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 }, stranger);
    expect([a.IpamPoolAllocation.Cidr, a.IpamPoolAllocation.ResourceOwner]).toEqual([
      '10.0.0.0/24',
      STRANGER,
    ]);
    await e.expectError(
      'AcceptResourceShareInvitation',
      { resourceShareInvitationArn: arn },
      'ResourceShareInvitationAlreadyAcceptedException',
      stranger,
    );
    await e.expectError(
      'RejectResourceShareInvitation',
      { resourceShareInvitationArn: arn },
      'ResourceShareInvitationAlreadyAcceptedException',
      stranger,
    );
  });

  it('F-SHARE-07: a rejected invitation leaves no grant; an unanswered one expires after seven days', async () => {
    const e = await env();
    const { poolId } = await shared(e, [STRANGER, '888899990000']);
    const stranger = { accountId: STRANGER };
    const late = { accountId: '888899990000' };
    const arnOf = async (who: object) =>
      (await e.call('GetResourceShareInvitations', {}, who)).resourceShareInvitations[0]
        .resourceShareInvitationArn;
    const arn = await arnOf(stranger);
    const rejected = await e.call(
      'RejectResourceShareInvitation',
      { resourceShareInvitationArn: arn },
      stranger,
    );
    expect(rejected.resourceShareInvitation.status).toBe('REJECTED');
    await e.expectError(
      'AcceptResourceShareInvitation',
      { resourceShareInvitationArn: arn },
      'ResourceShareInvitationAlreadyRejectedException',
      stranger,
    );
    expect((await e.call('DescribeIpamPools', {}, stranger)).IpamPools).toEqual([]);
    e.clock.now += 7 * 86_400_000 + 1;
    const lateArn = await arnOf(late);
    expect((await e.call('GetResourceShareInvitations', {}, late)).resourceShareInvitations[0].status).toBe(
      'EXPIRED',
    );
    await e.expectError(
      'AcceptResourceShareInvitation',
      { resourceShareInvitationArn: lateArn },
      'ResourceShareInvitationExpiredException',
      late,
    );
    await e.expectError(
      'AllocateIpamPoolCidr',
      { IpamPoolId: poolId, NetmaskLength: 24 },
      'InvalidIpamPoolId.NotFound',
      late,
    );
  });

  it('F-RULE-06: a grant still waiting through one share does not hide an accepted one through another', async () => {
    const e = await env();
    const { pool, poolId } = await shared(e, [STRANGER]);
    const stranger = { accountId: STRANGER };
    await e.call('CreateResourceShare', {
      name: 'second',
      resourceArns: [pool.IpamPoolArn],
      principals: [STRANGER],
    });
    const invitations = (await e.call('GetResourceShareInvitations', {}, stranger)).resourceShareInvitations;
    const second = invitations.find((i: { resourceShareName: string }) => i.resourceShareName === 'second');
    await e.call(
      'AcceptResourceShareInvitation',
      { resourceShareInvitationArn: second.resourceShareInvitationArn },
      stranger,
    );
    const a = await e.call('AllocateIpamPoolCidr', { IpamPoolId: poolId, NetmaskLength: 24 }, stranger);
    expect(a.IpamPoolAllocation.Cidr).toBe('10.0.0.0/24');
  });

  it('F-XORG-02: a resource discovery shared through RAM can be associated by the principal, until revoked', async () => {
    const e = await env();
    await orgWithTree(e, { delegate: true });
    const { IpamResourceDiscovery: rd } = await e.call('CreateIpamResourceDiscovery', {
      OperatingRegions: [{ RegionName: 'us-east-1' }],
    });
    const { Ipam } = await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-east-1' }] }, member);
    const associate = { IpamId: Ipam.IpamId, IpamResourceDiscoveryId: rd.IpamResourceDiscoveryId };
    await e.expectError(
      'AssociateIpamResourceDiscovery',
      associate,
      'InvalidIpamResourceDiscoveryId.NotFound',
      member,
    );
    const { resourceShare } = await e.call('CreateResourceShare', {
      name: 'rd',
      resourceArns: [rd.IpamResourceDiscoveryArn],
      principals: [OTHER_ACCOUNT],
      permissionArns: ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionsIpamResourceDiscovery'],
    });
    const listed = await e.call('ListResources', {
      resourceOwner: 'SELF',
      resourceType: 'ec2:IpamResourceDiscovery',
    });
    expect(listed.resources.map((r: { arn: string; type: string }) => [r.arn, r.type])).toEqual([
      [rd.IpamResourceDiscoveryArn, 'ec2:IpamResourceDiscovery'],
    ]);
    const perms = await e.call('ListPermissions', { resourceType: 'ec2:IpamResourceDiscovery' });
    expect(perms.permissions.map((p: { name: string }) => p.name)).toEqual([
      'AWSRAMDefaultPermissionsIpamResourceDiscovery',
    ]);
    const { IpamResourceDiscoveryAssociation } = await e.call(
      'AssociateIpamResourceDiscovery',
      associate,
      member,
    );
    expect(IpamResourceDiscoveryAssociation.IpamResourceDiscoveryId).toBe(rd.IpamResourceDiscoveryId);
    // The JSON view of the same grant.
    const { ResourceDiscoveryShares } = await e.call('GetIpamResourceDiscoveryShares', {}, member);
    expect(
      ResourceDiscoveryShares.map((x: Record<string, string>) => [
        x.IpamResourceDiscoveryId,
        x.OwnerId,
        x.Principal,
        x.Status,
      ]),
    ).toEqual([[rd.IpamResourceDiscoveryId, ACCOUNT, OTHER_ACCOUNT, 'active']]);
    await e.call('DisassociateResourceShare', {
      resourceShareArn: resourceShare.resourceShareArn,
      resourceArns: [rd.IpamResourceDiscoveryArn],
    });
    expect(
      await e.deps.store.get({
        kind: 'rd-share',
        rdId: rd.IpamResourceDiscoveryId,
        principal: OTHER_ACCOUNT,
      }),
    ).toBe(undefined);
  });
});
