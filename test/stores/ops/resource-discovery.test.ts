/** Resource discoveries and their associations (F-RD-02..10, F-RDA-01..05, F-OUX-03/04/07), both stores. */
import { describe, expect, it } from 'vitest';
import type { RdAssociationRecord } from '../../../core/records';
import { ACCOUNT, makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { orgWithTree } from '../../helpers/org';
import { storeFactories } from '../../helpers/stores';

const ORG = 'o-a1b2c3d4e5/r-f6g7h8i9j0example';

describe.each(storeFactories())('resource discoveries (%s store)', (_name, makeStore) => {
  const env = async () => makeEnv(await makeStore());

  it('F-RD-02/03/04: creates one RD per account and region; the IPAM default RD counts and is listed', async () => {
    const e = await env();
    const { IpamResourceDiscovery: rd } = await e.call(
      'CreateIpamResourceDiscovery',
      { Description: 'spoke', OperatingRegions: [{ RegionName: 'us-west-2' }] },
      { region: 'eu-west-1' },
    );
    expect(rd).toEqual({
      IpamResourceDiscoveryId: 'ipam-res-disco-00000000000000001',
      IpamResourceDiscoveryArn: `arn:aws:ec2::${ACCOUNT}:ipam-resource-discovery/ipam-res-disco-00000000000000001`,
      OwnerId: ACCOUNT,
      IpamResourceDiscoveryRegion: 'eu-west-1',
      Description: 'spoke',
      OperatingRegions: [{ RegionName: 'eu-west-1' }, { RegionName: 'us-west-2' }],
      OrganizationalUnitExclusions: [],
      State: 'create-complete',
      Tags: [],
      IsDefault: false,
    });
    await e.expectError('CreateIpamResourceDiscovery', {}, 'ResourceLimitExceeded', { region: 'eu-west-1' });
    await e.expectError('CreateIpam', {}, 'ResourceLimitExceeded', { region: 'eu-west-1' });
    const { Ipam } = await e.call('CreateIpam', {});
    await e.expectError('CreateIpamResourceDiscovery', {}, 'ResourceLimitExceeded');
    const listed = await e.call('DescribeIpamResourceDiscoveries', {});
    expect(
      listed.IpamResourceDiscoveries.map((r: Record<string, unknown>) => [
        r.IpamResourceDiscoveryId,
        r.IsDefault,
      ]),
    ).toEqual([
      [rd.IpamResourceDiscoveryId, false],
      [Ipam.DefaultResourceDiscoveryId, true],
    ]);
    expect(
      (await e.call('DescribeIpamResourceDiscoveries', {}, { accountId: OTHER_ACCOUNT }))
        .IpamResourceDiscoveries,
    ).toEqual([]);
    await e.expectError(
      'DescribeIpamResourceDiscoveries',
      { IpamResourceDiscoveryIds: ['ipam-res-disco-0123456789abcdef0'] },
      'InvalidIpamResourceDiscoveryId.NotFound',
    );
  });

  it('F-IPAM-02/09, F-RDA-05: the default RD and association are records that follow the IPAM and go with it', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
    const rdId = Ipam.DefaultResourceDiscoveryId;
    const stored = await e.deps.store.get({ kind: 'resource-discovery', id: rdId });
    expect(stored).toMatchObject({
      IsDefault: true,
      OwnerId: ACCOUNT,
      OperatingRegions: [{ RegionName: 'us-west-2' }, { RegionName: 'us-east-1' }],
    });
    const listed = await e.deps.store.list<RdAssociationRecord>(
      { kind: 'rd-association', ipamId: Ipam.IpamId },
      10,
    );
    expect(listed.items.map((a) => [a.IpamResourceDiscoveryAssociationId, a.IsDefault])).toEqual([
      [Ipam.DefaultResourceDiscoveryAssociationId, true],
    ]);
    await e.call('ModifyIpam', {
      IpamId: Ipam.IpamId,
      AddOperatingRegions: [{ RegionName: 'eu-west-1' }],
      RemoveOperatingRegions: [{ RegionName: 'us-west-2' }],
    });
    const [rd] = (await e.call('DescribeIpamResourceDiscoveries', { IpamResourceDiscoveryIds: [rdId] }))
      .IpamResourceDiscoveries;
    expect([rd.OperatingRegions, rd.IsDefault]).toEqual([
      [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }],
      true,
    ]);
    // Exclusions are edited on the default RD (F-OUX-02); its regions only through ModifyIpam.
    await e.expectError(
      'ModifyIpamResourceDiscovery',
      { IpamResourceDiscoveryId: rdId, AddOperatingRegions: [{ RegionName: 'us-west-1' }] },
      'OperationNotPermitted',
    );
    const described = await e.call('ModifyIpamResourceDiscovery', {
      IpamResourceDiscoveryId: rdId,
      Description: 'default',
    });
    expect(described.IpamResourceDiscovery.Description).toBe('default');
    await e.call('DeleteIpam', { IpamId: Ipam.IpamId, Cascade: true });
    expect(await e.deps.store.get({ kind: 'resource-discovery', id: rdId })).toBeUndefined();
    expect((await e.deps.store.list({ kind: 'rd-association', ipamId: Ipam.IpamId }, 10)).items).toEqual([]);
    expect((await e.call('DescribeIpamResourceDiscoveries', {})).IpamResourceDiscoveries).toEqual([]);
  });

  it('F-RD-05, F-OUX-03/04/07: modifies regions and OU exclusions with their validation', async () => {
    const e = await env();
    await orgWithTree(e, { delegate: true });
    const { IpamResourceDiscovery: rd } = await e.call('CreateIpamResourceDiscovery', {});
    const id = rd.IpamResourceDiscoveryId;
    const modify = (input: object) =>
      e.call('ModifyIpamResourceDiscovery', { IpamResourceDiscoveryId: id, ...input });
    const out = await modify({
      AddOperatingRegions: [{ RegionName: 'us-west-2' }],
      AddOrganizationalUnitExclusions: [{ OrganizationsEntityPath: `${ORG}/ou-ghi0-awsccccc/*` }],
    });
    expect([
      out.IpamResourceDiscovery.OperatingRegions,
      out.IpamResourceDiscovery.OrganizationalUnitExclusions,
      out.IpamResourceDiscovery.State,
    ]).toEqual([
      [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }],
      [{ OrganizationsEntityPath: `${ORG}/ou-ghi0-awsccccc/*` }],
      'modify-complete',
    ]);
    const bad = (input: object, code: string) =>
      e.expectError('ModifyIpamResourceDiscovery', { IpamResourceDiscoveryId: id, ...input }, code);
    // Overlapping: the wildcard already covers the child OU.
    await bad(
      {
        AddOrganizationalUnitExclusions: [
          { OrganizationsEntityPath: `${ORG}/ou-ghi0-awsccccc/ou-jkl0-awsddddd/` },
        ],
      },
      'InvalidParameterCombination',
    );
    await bad(
      { AddOrganizationalUnitExclusions: [{ OrganizationsEntityPath: 'not/a/path' }] },
      'InvalidParameterValue',
    );
    await bad(
      { RemoveOrganizationalUnitExclusions: [{ OrganizationsEntityPath: `${ORG}/ou-zzz0-awszzzzz/` }] },
      'InvalidParameterValue',
    );
    await bad({ RemoveOperatingRegions: [{ RegionName: 'us-east-1' }] }, 'InvalidParameterValue');
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      OrganizationsEntityPath: `${ORG}/ou-abc${i}-awsx${String(i).padStart(4, '0')}/`,
    }));
    await bad(
      {
        RemoveOrganizationalUnitExclusions: [{ OrganizationsEntityPath: `${ORG}/ou-ghi0-awsccccc/*` }],
        AddOrganizationalUnitExclusions: eleven,
      },
      'ResourceLimitExceeded',
    );
    // Removing the wildcard and adding the child is fine (trailing slash optional).
    const swapped = await modify({
      RemoveOrganizationalUnitExclusions: [{ OrganizationsEntityPath: `${ORG}/ou-ghi0-awsccccc/*` }],
      AddOrganizationalUnitExclusions: [
        { OrganizationsEntityPath: `${ORG}/ou-ghi0-awsccccc/ou-jkl0-awsddddd` },
      ],
    });
    expect(swapped.IpamResourceDiscovery.OrganizationalUnitExclusions).toEqual([
      { OrganizationsEntityPath: `${ORG}/ou-ghi0-awsccccc/ou-jkl0-awsddddd` },
    ]);
  });

  it('F-RDA-01..05, F-RD-10: associate, describe, disassociate; defaults are fixed; a deleted RD shows not-found', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const { IpamResourceDiscovery: rd } = await e.call(
      'CreateIpamResourceDiscovery',
      {},
      { region: 'us-west-2' },
    );
    const { IpamResourceDiscoveryAssociation: a } = await e.call('AssociateIpamResourceDiscovery', {
      IpamId: Ipam.IpamId,
      IpamResourceDiscoveryId: rd.IpamResourceDiscoveryId,
    });
    expect([a.IpamId, a.IpamResourceDiscoveryId, a.IsDefault, a.ResourceDiscoveryStatus, a.State]).toEqual([
      Ipam.IpamId,
      rd.IpamResourceDiscoveryId,
      false,
      'active',
      'associate-complete',
    ]);
    await e.expectError(
      'AssociateIpamResourceDiscovery',
      { IpamId: Ipam.IpamId, IpamResourceDiscoveryId: rd.IpamResourceDiscoveryId },
      'InvalidParameterValue',
    );
    expect((await e.call('DescribeIpams', {})).Ipams[0].ResourceDiscoveryAssociationCount).toBe(2);
    await e.expectError(
      'DisassociateIpamResourceDiscovery',
      { IpamResourceDiscoveryAssociationId: Ipam.DefaultResourceDiscoveryAssociationId },
      'IncorrectState',
    );
    await e.expectError(
      'DeleteIpamResourceDiscovery',
      { IpamResourceDiscoveryId: Ipam.DefaultResourceDiscoveryId },
      'IncorrectState',
    );
    await e.expectError(
      'AssociateIpamResourceDiscovery',
      { IpamId: Ipam.IpamId, IpamResourceDiscoveryId: rd.IpamResourceDiscoveryId },
      'InvalidIpamId.NotFound',
      { accountId: OTHER_ACCOUNT },
    );

    await e.call('DeleteIpamResourceDiscovery', { IpamResourceDiscoveryId: rd.IpamResourceDiscoveryId });
    const listed = await e.call('DescribeIpamResourceDiscoveryAssociations', {});
    expect(
      listed.IpamResourceDiscoveryAssociations.map((x: Record<string, unknown>) => [
        x.IpamResourceDiscoveryId,
        x.IsDefault,
        x.ResourceDiscoveryStatus,
      ]),
    ).toEqual([
      [Ipam.DefaultResourceDiscoveryId, true, 'active'],
      [rd.IpamResourceDiscoveryId, false, 'not-found'],
    ]);
    const gone = await e.call('DisassociateIpamResourceDiscovery', {
      IpamResourceDiscoveryAssociationId: a.IpamResourceDiscoveryAssociationId,
    });
    expect(gone.IpamResourceDiscoveryAssociation.State).toBe('disassociate-complete');
    expect((await e.call('DescribeIpams', {})).Ipams[0].ResourceDiscoveryAssociationCount).toBe(1);
    await e.expectError(
      'DisassociateIpamResourceDiscovery',
      { IpamResourceDiscoveryAssociationId: a.IpamResourceDiscoveryAssociationId },
      'InvalidIpamResourceDiscoveryAssociationId.NotFound',
    );
  });

  it('F-RDA-01: at most 5 associations per IPAM including the default; F-IPAM-09: deleting the IPAM removes them', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const regions = ['us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-central-1'];
    const rds: string[] = [];
    for (const region of regions)
      rds.push(
        (await e.call('CreateIpamResourceDiscovery', {}, { region })).IpamResourceDiscovery
          .IpamResourceDiscoveryId,
      );
    for (const id of rds.slice(0, 4))
      await e.call('AssociateIpamResourceDiscovery', { IpamId: Ipam.IpamId, IpamResourceDiscoveryId: id });
    await e.expectError(
      'AssociateIpamResourceDiscovery',
      { IpamId: Ipam.IpamId, IpamResourceDiscoveryId: rds[4] },
      'ResourceLimitExceeded',
    );
    await e.call('DeleteIpam', { IpamId: Ipam.IpamId });
    expect(
      (await e.call('DescribeIpamResourceDiscoveryAssociations', {})).IpamResourceDiscoveryAssociations,
    ).toEqual([]);
    expect((await e.call('DescribeIpamResourceDiscoveries', {})).IpamResourceDiscoveries).toHaveLength(5);
  });
});
