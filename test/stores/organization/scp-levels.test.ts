/**
 * scpLevelsFor, what the authorization layer evaluates per request, on both stores: the SCPs at
 * each level from the root through every OU down to the account, with the account's
 * aws:PrincipalOrgPaths, in one GetItem and one Query; nothing for the management account, an
 * account outside any organization, or while SCPs are disabled.
 */
import { describe, expect, it } from 'vitest';
import { FULL_ACCESS, scpLevelsFor } from '../../../core/ops/organization/scp';
import type { Store } from '../../../core/ports';
import { type Env, makeEnv } from '../../helpers/env';
import { ADMIN, MEMBER, MGMT, mgmt, ORG, OU_C, OU_D, orgWithTree, ROOT } from '../../helpers/org';
import { storeFactories } from '../../helpers/stores';

const doc = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: action, Resource: '*' }] });
const full = { name: 'FullAWSAccess', document: FULL_ACCESS.Content };

/** Counts the record reads the Store port serves. */
const counted = (store: Store) => {
  const reads = { get: 0, list: 0 };
  const wrapped = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'get' || prop === 'list')
        return (...args: unknown[]) => {
          reads[prop] += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: wrapped, reads };
};

const policy = async (e: Env, Name: string, action: string, TargetId: string) => {
  const { Policy } = await e.call(
    'orgs:CreatePolicy',
    { Name, Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: doc(action) },
    mgmt,
  );
  await e.call('orgs:AttachPolicy', { PolicyId: Policy.PolicySummary.Id, TargetId }, mgmt);
};

describe.each(storeFactories())('scpLevelsFor (%s store)', (_name, makeStore) => {
  it('gives the SCPs of root > OU > OU > account level by level, and the account path', async () => {
    const { store, reads } = counted(await makeStore());
    const e = makeEnv(store);
    await orgWithTree(e);
    expect(await scpLevelsFor(e.deps, MEMBER)).toBeUndefined();
    await e.call('orgs:EnablePolicyType', { RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' }, mgmt);
    await policy(e, 'RootDenyS3', 's3:*', ROOT);
    await policy(e, 'OuDenyVpcDelete', 'ec2:DeleteVpc', OU_C);
    await policy(e, 'MemberDenyIam', 'iam:*', MEMBER);

    reads.get = 0;
    reads.list = 0;
    const levels = await scpLevelsFor(e.deps, MEMBER);
    expect(reads).toEqual({ get: 1, list: 1 });
    expect(levels).toEqual({
      orgId: ORG,
      orgPaths: [`${ORG}/${ROOT}/${OU_C}/${OU_D}/`],
      levels: [
        [full, { name: 'RootDenyS3', document: doc('s3:*') }],
        [full, { name: 'OuDenyVpcDelete', document: doc('ec2:DeleteVpc') }],
        [full],
        [full, { name: 'MemberDenyIam', document: doc('iam:*') }],
      ],
    });
    // An account directly under the root: two levels, the root's path.
    expect(await scpLevelsFor(e.deps, ADMIN)).toEqual({
      orgId: ORG,
      orgPaths: [`${ORG}/${ROOT}/`],
      levels: [[full, { name: 'RootDenyS3', document: doc('s3:*') }], [full]],
    });
  });

  it('is undefined for the management account, an account in no organization, and with SCPs disabled', async () => {
    const e = makeEnv(await makeStore());
    await orgWithTree(e);
    await e.call('orgs:EnablePolicyType', { RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' }, mgmt);
    expect(await scpLevelsFor(e.deps, MGMT)).toBeUndefined();
    expect(await scpLevelsFor(e.deps, '123456789012')).toBeUndefined();
    expect((await scpLevelsFor(e.deps, MEMBER))?.levels).toEqual([[full], [full], [full], [full]]);
    await e.call('orgs:DisablePolicyType', { RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' }, mgmt);
    expect(await scpLevelsFor(e.deps, MEMBER)).toBeUndefined();
    await e.call('orgs:LeaveOrganization', {}, { accountId: MEMBER });
    await e.call('orgs:EnablePolicyType', { RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' }, mgmt);
    expect(await scpLevelsFor(e.deps, MEMBER)).toBeUndefined();
  });
});
