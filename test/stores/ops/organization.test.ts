/**
 * The organization registry, the IPAM delegated admin and who may set OU exclusions
 * (F-ORG-01..03/06/10, F-OUX-04/05/06), on both stores.
 */
import { describe, expect, it } from 'vitest';
import { makeEnv } from '../../helpers/env';
import { ADMIN, join, MEMBER, MGMT, mgmt, ORG, OU_C, OU_D, orgWithTree, ROOT } from '../../helpers/org';
import { storeFactories } from '../../helpers/stores';

describe.each(storeFactories())('organization registry (%s store)', (_name, makeStore) => {
  const env = async () => makeEnv(await makeStore());

  it('F-ORG-10: the management account builds the tree; members see only the organization', async () => {
    const e = await env();
    expect(await e.call('CreateOrganization', {}, mgmt)).toEqual({
      Organization: { OrganizationId: 'o-0000000001', RootId: 'r-0001', ManagementAccountId: MGMT },
    });
    const { OrganizationalUnit: ou } = await e.call(
      'CreateOrganizationalUnit',
      { ParentId: 'r-0001', Name: 'prod' },
      mgmt,
    );
    expect(ou).toEqual({ OrganizationalUnitId: 'ou-0001-00000001', ParentId: 'r-0001', Name: 'prod' });
    await join(e, MEMBER, ou.OrganizationalUnitId);
    expect(await e.call('DescribeOrganization', {}, mgmt)).toEqual({
      Organization: { OrganizationId: 'o-0000000001', RootId: 'r-0001', ManagementAccountId: MGMT },
      OrganizationalUnits: [{ OrganizationalUnitId: 'ou-0001-00000001', ParentId: 'r-0001', Name: 'prod' }],
      Accounts: [
        { AccountId: MEMBER, ParentId: 'ou-0001-00000001' },
        { AccountId: MGMT, ParentId: 'r-0001' },
      ],
    });
    expect(await e.call('DescribeOrganization', {}, { accountId: MEMBER })).toEqual({
      Organization: { OrganizationId: 'o-0000000001', RootId: 'r-0001', ManagementAccountId: MGMT },
    });
    // Outside any organization: single-account mode, nothing to show (F-ORG-06).
    expect(await e.call('DescribeOrganization', {}, { accountId: ADMIN })).toEqual({});
  });

  it('keeps one organization per account, OUs at most five deep, and only empty OUs deletable', async () => {
    const e = await env();
    await orgWithTree(e);
    // The JSON aliases answer with Organizations' codes.
    await e.expectError('CreateOrganization', {}, 'AlreadyInOrganizationException', { accountId: MEMBER });
    await e.expectError('CreateOrganization', { OrganizationId: ORG }, 'InvalidInputException', {
      accountId: '123456789012',
    });
    await e.expectError(
      'RegisterOrganizationAccount',
      { AccountId: MEMBER },
      'HandshakeConstraintViolationException',
      mgmt,
    );
    await e.expectError('RegisterOrganizationAccount', { AccountId: '12345' }, 'InvalidInputException', mgmt);
    await e.expectError('CreateOrganizationalUnit', { ParentId: ROOT, Name: 'x' }, 'AccessDeniedException', {
      accountId: ADMIN,
    });
    await e.expectError(
      'CreateOrganizationalUnit',
      { ParentId: ROOT, Name: 'c' },
      'DuplicateOrganizationalUnitException',
      mgmt,
    );
    await e.expectError(
      'CreateOrganizationalUnit',
      { ParentId: 'ou-zzzz-zzzzzzzz', Name: 'x' },
      'ParentNotFoundException',
      mgmt,
    );
    const nested: string[] = [];
    let parent = OU_D;
    for (const name of ['e', 'f', 'g']) {
      parent = (await e.call('CreateOrganizationalUnit', { ParentId: parent, Name: name }, mgmt))
        .OrganizationalUnit.OrganizationalUnitId;
      nested.unshift(parent);
    }
    await e.expectError(
      'CreateOrganizationalUnit',
      { ParentId: parent, Name: 'h' },
      'ConstraintViolationException',
      mgmt,
    );
    // D holds MEMBER and OU e: not deletable until both are gone.
    await e.expectError(
      'DeleteOrganizationalUnit',
      { OrganizationalUnitId: OU_D },
      'OrganizationalUnitNotEmptyException',
      mgmt,
    );
    await e.call('MoveAccount', { AccountId: MEMBER, DestinationParentId: OU_C }, mgmt);
    for (const id of nested) await e.call('DeleteOrganizationalUnit', { OrganizationalUnitId: id }, mgmt);
    await e.call('DeleteOrganizationalUnit', { OrganizationalUnitId: OU_D }, mgmt);
    await e.expectError(
      'DeleteOrganizationalUnit',
      { OrganizationalUnitId: OU_C },
      'OrganizationalUnitNotEmptyException',
      mgmt,
    );
    await e.expectError(
      'RemoveAccountFromOrganization',
      { AccountId: MGMT },
      'MasterCannotLeaveOrganizationException',
      mgmt,
    );
    await e.call('RemoveAccountFromOrganization', { AccountId: MEMBER }, mgmt);
    await e.call('DeleteOrganizationalUnit', { OrganizationalUnitId: OU_C }, mgmt);
    const { OrganizationalUnits, Accounts } = await e.call('DescribeOrganization', {}, mgmt);
    expect([OrganizationalUnits, Accounts.map((a: { AccountId: string }) => a.AccountId)]).toEqual([
      [],
      [ADMIN, MGMT],
    ]);
  });

  it('F-ORG-01/02/03: one delegated admin, a member other than the management account', async () => {
    const e = await env();
    await orgWithTree(e);
    const enable = (id: string, who = mgmt) =>
      e.call('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: id }, who);
    const enableFails = (id: string, code: string, who = mgmt) =>
      e.expectError('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: id }, code, who);
    await enableFails(ADMIN, 'UnauthorizedOperation', { accountId: ADMIN });
    await enableFails(MGMT, 'OperationNotPermitted');
    await enableFails('123456789012', 'InvalidParameterValue');
    await enableFails('nope', 'InvalidParameterValue');
    await e.expectError(
      'EnableIpamOrganizationAdminAccount',
      { DelegatedAdminAccountId: ADMIN, DryRun: true },
      'DryRunOperation',
      mgmt,
    );
    expect(await enable(ADMIN)).toEqual({ Success: true });
    expect(await enable(ADMIN)).toEqual({ Success: true });
    await enableFails(MEMBER, 'ResourceLimitExceeded');
    await e.expectError(
      'RemoveAccountFromOrganization',
      { AccountId: ADMIN },
      'ConstraintViolationException',
      mgmt,
    );
    // The admin now sees the whole tree (F-ORG-10).
    const seen = await e.call('DescribeOrganization', {}, { accountId: ADMIN });
    expect([seen.Organization.DelegatedAdminAccountId, seen.OrganizationalUnits.length]).toEqual([ADMIN, 2]);
    await e.expectError(
      'DisableIpamOrganizationAdminAccount',
      { DelegatedAdminAccountId: MEMBER },
      'InvalidParameterValue',
      mgmt,
    );
    expect(
      await e.call('DisableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: ADMIN }, mgmt),
    ).toEqual({
      Success: true,
    });
    expect((await e.call('DescribeOrganization', {}, mgmt)).Organization).toEqual({
      OrganizationId: ORG,
      RootId: ROOT,
      ManagementAccountId: MGMT,
    });
    expect(await enable(MEMBER)).toEqual({ Success: true });
  });

  it('F-OUX-05/04/06: only the delegated admin of an organization with OUs sets exclusions on its RDs', async () => {
    const e = await env();
    const { Ipam } = await e.call('CreateIpam', {});
    const rdId = Ipam.DefaultResourceDiscoveryId;
    const exclude = (path: string) => ({
      IpamResourceDiscoveryId: rdId,
      AddOrganizationalUnitExclusions: [{ OrganizationsEntityPath: path }],
    });
    // Not in an organization, then a member that is not the admin.
    await e.expectError(
      'ModifyIpamResourceDiscovery',
      exclude(`${ORG}/${ROOT}/${OU_C}/*`),
      'UnauthorizedOperation',
    );
    await e.call('CreateOrganization', { OrganizationId: ORG, RootId: ROOT }, mgmt);
    await join(e, ADMIN);
    await e.expectError(
      'ModifyIpamResourceDiscovery',
      exclude(`${ORG}/${ROOT}/${OU_C}/*`),
      'UnauthorizedOperation',
    );
    await e.call('EnableIpamOrganizationAdminAccount', { DelegatedAdminAccountId: ADMIN }, mgmt);
    await e.expectError('ModifyIpamResourceDiscovery', exclude(`${ORG}/${ROOT}/${OU_C}/*`), 'IncorrectState');
    await e.call('CreateOrganizationalUnit', { ParentId: ROOT, Name: 'c', OrganizationalUnitId: OU_C }, mgmt);
    await e.call('CreateOrganizationalUnit', { ParentId: OU_C, Name: 'd', OrganizationalUnitId: OU_D }, mgmt);
    await e.expectError(
      'ModifyIpamResourceDiscovery',
      exclude(`o-zzzzzzzzzz/${ROOT}/${OU_C}/*`),
      'InvalidParameterValue',
    );
    // D is registered under C, not under the root.
    await e.expectError(
      'ModifyIpamResourceDiscovery',
      exclude(`${ORG}/${ROOT}/${OU_D}/`),
      'InvalidParameterValue',
    );
    // An OU the registry does not know yet is accepted (F-OUX-06).
    const out = await e.call(
      'ModifyIpamResourceDiscovery',
      exclude(`${ORG}/${ROOT}/${OU_C}/ou-new0-awsnewnew/`),
    );
    expect(out.IpamResourceDiscovery.OrganizationalUnitExclusions).toEqual([
      { OrganizationsEntityPath: `${ORG}/${ROOT}/${OU_C}/ou-new0-awsnewnew/` },
    ]);
    await e.expectError(
      'ModifyIpamResourceDiscovery',
      {
        IpamResourceDiscoveryId: rdId,
        AddOrganizationalUnitExclusions: [
          { OrganizationsEntityPath: `${ORG}/${ROOT}/${OU_C}/` },
          { OrganizationsEntityPath: `${ORG}/${ROOT}/${OU_C}` },
        ],
      },
      'InvalidParameterCombination',
    );
  });
});
