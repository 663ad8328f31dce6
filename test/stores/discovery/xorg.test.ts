/**
 * Integrating another organization's accounts (F-XORG-04, F-RD-07..09, F-RDA-01/04, F-HIST-09) on
 * both stores: the secondary organization's IPAM admin shares a resource discovery with the
 * primary IPAM account, which accepts and associates it; the primary IPAM then discovers, manages
 * and keeps history for the secondary organization's accounts, until the share is revoked.
 */
import { describe, expect, it } from 'vitest';
import { reconcileIpam } from '../../../core/ops/monitoring/resources';
import { planCycle } from '../../../core/ops/monitoring/run/plan';
import { type RunIo, runCycle } from '../../../core/ops/monitoring/run/run';
import type { WorkItem } from '../../../core/ops/monitoring/run/types';
import { type Env, makeEnv } from '../../helpers/env';
import { join } from '../../helpers/org';
import { storeFactories } from '../../helpers/stores';

const MGMT1 = '999988887777';
const ADMIN1 = '111122223333';
const MGMT2 = '888877776666';
const ADMIN2 = '222233334444';
const MEMBER2 = '555566667778';
const OU2 = 'ou-ab12-subsid01';
const home = (accountId: string) => ({ accountId, region: 'us-east-1' });

/** One cycle where each account has one VPC, 10.<last digit of the account id>.0.0/16. */
const cycle = async (e: Env) => {
  const read = async (item: WorkItem) => {
    const at = new Date(e.deps.now());
    return {
      account: {
        AccountId: item.AccountId,
        DiscoveryRegion: item.Region,
        LastAttemptedDiscoveryTime: at,
        LastSuccessfulDiscoveryTime: at,
      },
      resourceCidrs: [
        {
          ResourceId: `vpc-${item.AccountId}`,
          ResourceType: 'vpc' as const,
          ResourceRegion: item.Region,
          ResourceOwnerId: item.AccountId,
          ResourceCidr: `10.${item.AccountId.slice(-1)}.0.0/16`,
          IpSource: 'none' as const,
          ResourceTags: [],
          SampleTime: at,
        },
      ],
      publicAddresses: [],
    };
  };
  const io: RunIo = {
    read,
    reconcile: reconcileIpam,
    remainingMs: () => Number.POSITIVE_INFINITY,
    log: () => {},
  };
  return runCycle(e.deps, io, await planCycle(e.deps), { concurrency: 2, reserveMs: 0 });
};

describe.each(storeFactories())('another organization through a shared RD (%s store)', (_name, makeStore) => {
  it('F-XORG-04: share, accept, associate, discover, manage, see history; revoke and it stops', async () => {
    const e = makeEnv(await makeStore(), { reuseDelayMs: { advanced: 0, free: 0 } });
    // 1-2. The primary organization delegates its IPAM account, which creates the IPAM.
    await e.call('CreateOrganization', {}, home(MGMT1));
    await join(e, ADMIN1, undefined, home(MGMT1));
    await e.call('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: ADMIN1 }, home(MGMT1));
    const { Ipam } = await e.call('CreateIpam', {}, home(ADMIN1));
    const { IpamPool } = await e.call(
      'CreateIpamPool',
      {
        IpamScopeId: Ipam.PrivateDefaultScopeId,
        AddressFamily: 'ipv4',
        Locale: 'us-east-1',
        AutoImport: true,
      },
      home(ADMIN1),
    );
    await e.call(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: IpamPool.IpamPoolId, Cidr: '10.0.0.0/8' },
      home(ADMIN1),
    );
    // 3-4. The secondary organization delegates its admin, which creates an RD in the primary
    // IPAM's home region and shares it with the primary IPAM account.
    const { Organization: org2 } = await e.call('CreateOrganization', {}, home(MGMT2));
    await e.call(
      'CreateOrganizationalUnit',
      { ParentId: org2.RootId, Name: 'subsidiary', OrganizationalUnitId: OU2 },
      home(MGMT2),
    );
    await join(e, ADMIN2, undefined, home(MGMT2));
    await join(e, MEMBER2, OU2, home(MGMT2));
    await e.call('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: ADMIN2 }, home(MGMT2));
    const { IpamResourceDiscovery: rd } = await e.call('CreateIpamResourceDiscovery', {}, home(ADMIN2));
    const rdId = rd.IpamResourceDiscoveryId;
    const share = { IpamResourceDiscoveryId: rdId, Principal: ADMIN1 };
    await e.expectError('ShareIpamResourceDiscovery', share, 'InvalidParameterValue', {
      accountId: ADMIN2,
      region: 'us-west-2',
    });
    await e.expectError(
      'ShareIpamResourceDiscovery',
      share,
      'InvalidIpamResourceDiscoveryId.NotFound',
      home(MGMT2),
    );
    expect(
      (await e.call('ShareIpamResourceDiscovery', share, home(ADMIN2))).ResourceDiscoveryShare,
    ).toMatchObject({
      IpamResourceDiscoveryId: rdId,
      OwnerId: ADMIN2,
      Principal: ADMIN1,
      Status: 'pending',
    });
    // 5. Not associable, nor readable, before the share is accepted.
    const associate = { IpamId: Ipam.IpamId, IpamResourceDiscoveryId: rdId };
    await e.expectError(
      'AssociateIpamResourceDiscovery',
      associate,
      'InvalidIpamResourceDiscoveryId.NotFound',
      home(ADMIN1),
    );
    await e.expectError(
      'GetIpamDiscoveredAccounts',
      { IpamResourceDiscoveryId: rdId, DiscoveryRegion: 'us-east-1' },
      'InvalidIpamResourceDiscoveryId.NotFound',
      home(ADMIN1),
    );
    await e.call('AcceptIpamResourceDiscoveryShare', { IpamResourceDiscoveryId: rdId }, home(ADMIN1));
    expect(
      (await e.call('GetIpamResourceDiscoveryShares', {}, home(ADMIN1))).ResourceDiscoveryShares.map(
        (s: { Status: string }) => s.Status,
      ),
    ).toEqual(['active']);
    // F-RD-09: the sharee sees the RD, owned by the other account.
    const seen = await e.call(
      'DescribeIpamResourceDiscoveries',
      { IpamResourceDiscoveryIds: [rdId] },
      home(ADMIN1),
    );
    expect([seen.IpamResourceDiscoveries[0].OwnerId, seen.IpamResourceDiscoveries[0].IsDefault]).toEqual([
      ADMIN2,
      false,
    ]);
    await e.expectError(
      'ModifyIpamResourceDiscovery',
      { IpamResourceDiscoveryId: rdId, Description: 'mine now' },
      'InvalidIpamResourceDiscoveryId.NotFound',
      home(ADMIN1),
    );
    // 6. Associate.
    const { IpamResourceDiscoveryAssociation: assoc } = await e.call(
      'AssociateIpamResourceDiscovery',
      associate,
      home(ADMIN1),
    );
    expect([assoc.OwnerId, assoc.IpamId, assoc.ResourceDiscoveryStatus]).toEqual([
      ADMIN2,
      Ipam.IpamId,
      'active',
    ]);

    // 7. The primary IPAM monitors and manages the secondary organization's accounts.
    const report = await cycle(e);
    expect(report).toEqual({ read: 5, failed: 0, reconciled: [Ipam.IpamId], notImported: [] });
    const accounts = await e.call(
      'GetIpamDiscoveredAccounts',
      { IpamResourceDiscoveryId: rdId, DiscoveryRegion: 'us-east-1' },
      home(ADMIN1),
    );
    expect(accounts.IpamDiscoveredAccounts.map((a: { AccountId: string }) => a.AccountId)).toEqual([
      ADMIN2,
      MEMBER2,
      MGMT2,
    ]);
    const rows = async () =>
      (
        await e.call('GetIpamResourceCidrs', { IpamScopeId: Ipam.PrivateDefaultScopeId }, home(ADMIN1))
      ).IpamResourceCidrs.map(
        (r: Record<string, string>) => `${r.ResourceOwnerId} ${r.ResourceCidr} ${r.ManagementState ?? '-'}`,
      ).sort();
    await cycle(e);
    expect(await rows()).toEqual([
      `${ADMIN1} 10.3.0.0/16 managed`,
      `${ADMIN2} 10.4.0.0/16 managed`,
      `${MEMBER2} 10.8.0.0/16 managed`,
      `${MGMT2} 10.6.0.0/16 managed`,
      `${MGMT1} 10.7.0.0/16 managed`,
    ]);
    // F-HIST-09: the IPAM owner sees the history of the other organization's CIDRs.
    const history = await e.call(
      'GetIpamAddressHistory',
      { IpamScopeId: Ipam.PrivateDefaultScopeId, Cidr: '10.8.0.0/16' },
      home(ADMIN1),
    );
    expect(history.HistoryRecords.map((r: { ResourceId: string }) => r.ResourceId)).toEqual([
      `vpc-${MEMBER2}`,
    ]);

    // 9. The secondary admin revokes the share: the association is not-found and feeds nothing.
    await e.call('DeleteIpamResourceDiscoveryShare', share, home(ADMIN2));
    const { IpamResourceDiscoveryAssociations } = await e.call(
      'DescribeIpamResourceDiscoveryAssociations',
      { IpamResourceDiscoveryAssociationIds: [assoc.IpamResourceDiscoveryAssociationId] },
      home(ADMIN1),
    );
    expect(IpamResourceDiscoveryAssociations[0].ResourceDiscoveryStatus).toBe('not-found');
    expect(await cycle(e)).toEqual({ read: 2, failed: 0, reconciled: [Ipam.IpamId], notImported: [] });
    expect(await rows()).toEqual([`${ADMIN1} 10.3.0.0/16 managed`, `${MGMT1} 10.7.0.0/16 managed`]);
    // The IPAM owner can still disassociate it.
    await e.call(
      'DisassociateIpamResourceDiscovery',
      { IpamResourceDiscoveryAssociationId: assoc.IpamResourceDiscoveryAssociationId },
      home(ADMIN1),
    );
  });
});
