/**
 * Organization mode end to end through the cycle and the real reconciliation, on both stores
 * (F-ORG-03/05/06, F-OUX-05/10): the delegated admin's IPAM reads every member account, OU
 * exclusions drop accounts (never the admin) and release what was auto-imported for them, and
 * disabling the admin stops member discovery but keeps their allocations.
 */
import { describe, expect, it } from 'vitest';
import {
  RELEASE_GRACE_MS,
  type ReconcileReport,
  reconcileIpam,
} from '../../../core/ops/monitoring/resources';
import { planCycle } from '../../../core/ops/monitoring/run/plan';
import { type RunIo, runCycle } from '../../../core/ops/monitoring/run/run';
import type { DiscoverySample, WorkItem } from '../../../core/ops/monitoring/run/types';
import { type Env, makeEnv } from '../../helpers/env';
import { ADMIN, MEMBER, MGMT, mgmt, ORG, OU_C, OU_D, orgWithTree, ROOT } from '../../helpers/org';
import { storeFactories } from '../../helpers/stores';

const CIDR: Record<string, string> = {
  [ADMIN]: '10.1.0.0/16',
  [MEMBER]: '10.2.0.0/16',
  [MGMT]: '10.3.0.0/16',
};

const sample = (item: WorkItem, at: Date): DiscoverySample => ({
  account: {
    AccountId: item.AccountId,
    DiscoveryRegion: item.Region,
    LastAttemptedDiscoveryTime: at,
    LastSuccessfulDiscoveryTime: at,
    ...(item.OrganizationalUnitId ? { OrganizationalUnitId: item.OrganizationalUnitId } : {}),
  },
  resourceCidrs: [
    {
      ResourceId: `vpc-${item.AccountId}`,
      ResourceType: 'vpc',
      ResourceRegion: item.Region,
      ResourceOwnerId: item.AccountId,
      ResourceCidr: CIDR[item.AccountId]!,
      IpSource: 'none',
      ResourceTags: [],
      SampleTime: at,
    },
  ],
  publicAddresses: [],
});

/** One whole cycle with every account answering; the reconciliation reports. */
const cycle = async (e: Env): Promise<ReconcileReport[]> => {
  const reports: ReconcileReport[] = [];
  const io: RunIo = {
    read: async (item) => sample(item, new Date(e.deps.now())),
    reconcile: async (deps, input) => reports.push(await reconcileIpam(deps, input)),
    remainingMs: () => Number.POSITIVE_INFINITY,
    log: () => {},
  };
  await runCycle(e.deps, io, await planCycle(e.deps), { concurrency: 2, reserveMs: 0 });
  return reports;
};

describe.each(storeFactories())('organization mode discovery (%s store)', (_name, makeStore) => {
  it('reads every member, excludes OUs but never the admin, releases excluded imports, stops when disabled', async () => {
    const e = makeEnv(await makeStore(), { reuseDelayMs: { advanced: 0, free: 0 } });
    await orgWithTree(e, { delegate: true });
    const { Ipam } = await e.call('CreateIpam', {}, { accountId: ADMIN });
    const rdId = Ipam.DefaultResourceDiscoveryId;
    const { IpamPool } = await e.call(
      'CreateIpamPool',
      {
        IpamScopeId: Ipam.PrivateDefaultScopeId,
        AddressFamily: 'ipv4',
        Locale: 'us-east-1',
        AutoImport: true,
      },
      { accountId: ADMIN },
    );
    await e.call(
      'ProvisionIpamPoolCidr',
      { IpamPoolId: IpamPool.IpamPoolId, Cidr: '10.0.0.0/8' },
      { accountId: ADMIN },
    );
    const allocated = async () =>
      (
        await e.call('GetIpamPoolAllocations', { IpamPoolId: IpamPool.IpamPoolId }, { accountId: ADMIN })
      ).IpamPoolAllocations.map(
        (a: { Cidr: string; ResourceOwner: string }) => `${a.Cidr} ${a.ResourceOwner}`,
      );
    const accounts = async () =>
      (
        await e.call(
          'GetIpamDiscoveredAccounts',
          { IpamResourceDiscoveryId: rdId, DiscoveryRegion: 'us-east-1' },
          { accountId: ADMIN },
        )
      ).IpamDiscoveredAccounts.map((a: { AccountId: string; OrganizationalUnitId?: string }) => [
        a.AccountId,
        a.OrganizationalUnitId ?? '-',
      ]);

    // F-ORG-05: every member account, with the OU it sits in.
    expect((await planCycle(e.deps)).items).toEqual([
      { AccountId: ADMIN, Region: 'us-east-1', rdId, ipamIds: [Ipam.IpamId] },
      { AccountId: MEMBER, Region: 'us-east-1', OrganizationalUnitId: OU_D, rdId, ipamIds: [Ipam.IpamId] },
      { AccountId: MGMT, Region: 'us-east-1', rdId, ipamIds: [Ipam.IpamId] },
    ]);
    const [first] = await cycle(e);
    expect(first?.imported.sort()).toEqual([
      `${IpamPool.IpamPoolId} 10.1.0.0/16 vpc-${ADMIN}`,
      `${IpamPool.IpamPoolId} 10.2.0.0/16 vpc-${MEMBER}`,
      `${IpamPool.IpamPoolId} 10.3.0.0/16 vpc-${MGMT}`,
    ]);
    expect(await accounts()).toEqual([
      [ADMIN, '-'],
      [MEMBER, OU_D],
      [MGMT, '-'],
    ]);

    // Exclude C and everything under it; the admin moves into C but is never excluded (F-OUX-05).
    await e.call('MoveAccount', { AccountId: ADMIN, DestinationParentId: OU_C }, mgmt);
    await e.call(
      'ModifyIpamResourceDiscovery',
      {
        IpamResourceDiscoveryId: rdId,
        AddOrganizationalUnitExclusions: [{ OrganizationsEntityPath: `${ORG}/${ROOT}/${OU_C}/*` }],
      },
      { accountId: ADMIN },
    );
    const plan = await planCycle(e.deps);
    expect([plan.items.map((i) => [i.AccountId, i.OrganizationalUnitId ?? '-']), plan.retire]).toEqual([
      [
        [ADMIN, OU_C],
        [MGMT, '-'],
      ],
      [{ rdId, AccountId: MEMBER, Region: 'us-east-1' }],
    ]);
    e.clock.now += RELEASE_GRACE_MS + 1;
    const [second] = await cycle(e);
    // F-OUX-10: the excluded account's CIDRs leave the IPAM and its allocation is released.
    expect(second?.released).toEqual([`${IpamPool.IpamPoolId} 10.2.0.0/16 vpc-${MEMBER}`]);
    expect(await allocated()).toEqual([`10.1.0.0/16 ${ADMIN}`, `10.3.0.0/16 ${MGMT}`]);
    expect(await accounts()).toEqual([
      [ADMIN, OU_C],
      [MGMT, '-'],
    ]);
    expect(
      (
        await e.call(
          'GetIpamResourceCidrs',
          { IpamScopeId: Ipam.PrivateDefaultScopeId },
          { accountId: ADMIN },
        )
      ).IpamResourceCidrs.map((r: { ResourceId: string }) => r.ResourceId).sort(),
    ).toEqual([`vpc-${ADMIN}`, `vpc-${MGMT}`]);

    // F-ORG-03: disabled, the IPAM monitors its own account only; member data goes, allocations stay.
    await e.call('DisableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: ADMIN }, mgmt);
    const single = await planCycle(e.deps);
    expect([single.items.map((i) => i.AccountId), single.retire.map((r) => r.AccountId)]).toEqual([
      [ADMIN],
      [MGMT],
    ]);
    e.clock.now += RELEASE_GRACE_MS + 1;
    const [third] = await cycle(e);
    expect(third?.released).toEqual([]);
    expect(await allocated()).toEqual([`10.1.0.0/16 ${ADMIN}`, `10.3.0.0/16 ${MGMT}`]);
    expect(await accounts()).toEqual([[ADMIN, '-']]);
    // The IPAM no longer monitors the management account: its CIDRs leave the scope.
    expect(
      (
        await e.call(
          'GetIpamResourceCidrs',
          { IpamScopeId: Ipam.PrivateDefaultScopeId },
          { accountId: ADMIN },
        )
      ).IpamResourceCidrs.map((r: { ResourceId: string }) => r.ResourceId),
    ).toEqual([`vpc-${ADMIN}`]);
  });
});
