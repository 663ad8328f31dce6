/**
 * Another account's id answers exactly like an id that does not exist: same code, same message
 * (but for the id itself), so ids cannot be probed across accounts. The probe found 51 of 95
 * cross-account attempts answering 403 UnauthorizedOperation where a random id answered 400.
 */
import { describe, expect, it } from 'vitest';
import { isAllotError } from '../../../core/errors';
import { makeEnv, OTHER_ACCOUNT } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

type Env = ReturnType<typeof makeEnv>;

/** The same id with its hex part replaced: an id of the same kind that does not exist. */
const missing = (id: string) => id.replace(/[0-9a-f]{8,}$/, (hex) => 'f'.repeat(hex.length));

const answer = async (e: Env, action: string, input: object, id: string) => {
  try {
    await e.call(action as never, input, { accountId: OTHER_ACCOUNT });
    return 'ok';
  } catch (err) {
    if (!isAllotError(err)) throw err;
    return `${err.code}: ${err.message.split(id).join('<id>')}`;
  }
};

const setUp = async (e: Env) => {
  const { Ipam } = await e.call('CreateIpam', {});
  const { IpamPool } = await e.call('CreateIpamPool', {
    IpamScopeId: Ipam.PrivateDefaultScopeId,
    AddressFamily: 'ipv4',
  });
  await e.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: '10.0.0.0/16' });
  const { IpamPoolAllocation } = await e.call('AllocateIpamPoolCidr', {
    IpamPoolId: IpamPool.IpamPoolId,
    NetmaskLength: 24,
  });
  const { IpamExternalResourceVerificationToken: token } = await e.call(
    'CreateIpamExternalResourceVerificationToken',
    { IpamId: Ipam.IpamId },
  );
  return {
    token: token.IpamExternalResourceVerificationTokenId as string,
    ipam: Ipam.IpamId as string,
    scope: Ipam.PrivateDefaultScopeId as string,
    pool: IpamPool.IpamPoolId as string,
    alloc: IpamPoolAllocation.IpamPoolAllocationId as string,
    rd: Ipam.DefaultResourceDiscoveryId as string,
  };
};

type Probe = [action: string, id: keyof Awaited<ReturnType<typeof setUp>>, input: (id: string) => object];

const PROBES: Probe[] = [
  ['DescribeIpams', 'ipam', (id) => ({ IpamIds: [id] })],
  ['ModifyIpam', 'ipam', (id) => ({ IpamId: id, Description: 'x' })],
  ['DeleteIpam', 'ipam', (id) => ({ IpamId: id })],
  ['CreateIpamScope', 'ipam', (id) => ({ IpamId: id })],
  ['CreateIpamExternalResourceVerificationToken', 'ipam', (id) => ({ IpamId: id })],
  [
    'ProvisionIpamByoasn',
    'ipam',
    (id) => ({ IpamId: id, Asn: '12345', AsnAuthorizationContext: { Message: 'm', Signature: 's' } }),
  ],
  ['DeprovisionIpamByoasn', 'ipam', (id) => ({ IpamId: id, Asn: '12345' })],
  [
    'DescribeIpamExternalResourceVerificationTokens',
    'token',
    (id) => ({ IpamExternalResourceVerificationTokenIds: [id] }),
  ],
  [
    'DeleteIpamExternalResourceVerificationToken',
    'token',
    (id) => ({ IpamExternalResourceVerificationTokenId: id }),
  ],
  ['DescribeIpamScopes', 'scope', (id) => ({ IpamScopeIds: [id] })],
  ['ModifyIpamScope', 'scope', (id) => ({ IpamScopeId: id, Description: 'x' })],
  ['DeleteIpamScope', 'scope', (id) => ({ IpamScopeId: id })],
  ['CreateIpamPool', 'scope', (id) => ({ IpamScopeId: id, AddressFamily: 'ipv4' })],
  ['GetIpamResourceCidrs', 'scope', (id) => ({ IpamScopeId: id })],
  ['GetIpamAddressHistory', 'scope', (id) => ({ IpamScopeId: id, Cidr: '10.0.0.0/24' })],
  ['DescribeIpamPools', 'pool', (id) => ({ IpamPoolIds: [id] })],
  ['ModifyIpamPool', 'pool', (id) => ({ IpamPoolId: id, Description: 'x' })],
  ['DeleteIpamPool', 'pool', (id) => ({ IpamPoolId: id })],
  ['ProvisionIpamPoolCidr', 'pool', (id) => ({ IpamPoolId: id, Cidr: '10.1.0.0/16' })],
  ['DeprovisionIpamPoolCidr', 'pool', (id) => ({ IpamPoolId: id, Cidr: '10.0.0.0/16' })],
  ['GetIpamPoolCidrs', 'pool', (id) => ({ IpamPoolId: id })],
  ['AllocateIpamPoolCidr', 'pool', (id) => ({ IpamPoolId: id, NetmaskLength: 24 })],
  ['GetIpamPoolAllocations', 'pool', (id) => ({ IpamPoolId: id })],
  ['DescribeIpamResourceDiscoveries', 'rd', (id) => ({ IpamResourceDiscoveryIds: [id] })],
  ['ModifyIpamResourceDiscovery', 'rd', (id) => ({ IpamResourceDiscoveryId: id, Description: 'x' })],
  ['DeleteIpamResourceDiscovery', 'rd', (id) => ({ IpamResourceDiscoveryId: id })],
  [
    'GetIpamDiscoveredResourceCidrs',
    'rd',
    (id) => ({ IpamResourceDiscoveryId: id, ResourceRegion: 'us-east-1' }),
  ],
  [
    'GetIpamDiscoveredAccounts',
    'rd',
    (id) => ({ IpamResourceDiscoveryId: id, DiscoveryRegion: 'us-east-1' }),
  ],
];

describe.each(storeFactories())('existence oracles (%s store)', (_name, makeStore) => {
  it("answers another account's ids exactly like ids that do not exist, on every action", async () => {
    const e = makeEnv(await makeStore());
    const ids = await setUp(e);
    const seen: [string, string, string][] = [];
    for (const [action, kind, input] of PROBES) {
      const id = ids[kind];
      const foreign = await answer(e, action, input(id), id);
      const absent = await answer(e, action, input(missing(id)), missing(id));
      seen.push([action, foreign, absent]);
    }
    expect(seen.filter(([, foreign, absent]) => foreign !== absent)).toEqual([]);
    // And they are refusals, not answers: nothing of the owner's is shown or changed.
    expect(seen.filter(([, foreign]) => foreign === 'ok').map(([a]) => a)).toEqual([]);
    expect(seen.find(([a]) => a === 'AllocateIpamPoolCidr')?.[1]).toBe(
      "InvalidIpamPoolId.NotFound: The IPAM pool ID '<id>' does not exist.",
    );
  });

  it('releases nothing of another account: its allocation id answers like a missing one', async () => {
    const e = makeEnv(await makeStore());
    const { pool, alloc } = await setUp(e);
    const release = (id: string) => ({ IpamPoolId: pool, IpamPoolAllocationId: id, Cidr: '10.0.0.0/24' });
    const foreign = await answer(e, 'ReleaseIpamPoolAllocation', release(alloc), pool);
    const absent = await answer(e, 'ReleaseIpamPoolAllocation', release(missing(alloc)), pool);
    expect(foreign.split(alloc).join('<a>')).toBe(absent.split(missing(alloc)).join('<a>'));
    const { IpamPoolAllocations } = await e.call('GetIpamPoolAllocations', { IpamPoolId: pool });
    expect(IpamPoolAllocations.map((a: { Cidr: string }) => a.Cidr)).toEqual(['10.0.0.0/24']);
  });
});
