/** Malformed ids answer `InvalidXxxId.Malformed` before anything is looked up (core/ops/kit/ids.ts). */
import { describe, expect, it } from 'vitest';
import { AllotError } from '../../../core/errors';
import { checkIdFormats } from '../../../core/ops/kit/ids';

const refusal = (input: Record<string, unknown>) => {
  try {
    checkIdFormats(input);
    return 'accepted';
  } catch (e) {
    return e instanceof AllotError ? [e.code, e.message] : e;
  }
};

describe('id formats', () => {
  it.each([
    ['IpamId', 'ipam-pool-0123456789abcdef0', 'InvalidIpamId.Malformed', 'ipam'],
    ['IpamScopeId', 'scope-1', 'InvalidIpamScopeId.Malformed', 'ipam-scope'],
    ['IpamPoolId', 'pool-1', 'InvalidIpamPoolId.Malformed', 'ipam-pool'],
    ['SourceIpamPoolId', 'ipam-pool-xyz!', 'InvalidIpamPoolId.Malformed', 'ipam-pool'],
    ['Ipv4IpamPoolId', 'pool-1', 'InvalidIpamPoolId.Malformed', 'ipam-pool'],
    ['Ipv6IpamPoolId', 'ipam-pool-', 'InvalidIpamPoolId.Malformed', 'ipam-pool'],
    ['IpamPoolAllocationId', 'ipam-pool-alloc-', 'InvalidIpamPoolAllocationId.Malformed', 'ipam-pool-alloc'],
    [
      'IpamResourceDiscoveryId',
      'ipam-res-disco-0G',
      'InvalidIpamResourceDiscoveryId.Malformed',
      'ipam-res-disco',
    ],
    [
      'IpamResourceDiscoveryAssociationId',
      'ipam-res-disco-0123',
      'InvalidIpamResourceDiscoveryAssociationId.Malformed',
      'ipam-res-disco-assoc',
    ],
    ['DestinationIpamScopeId', 'IPAM-SCOPE-0123', 'InvalidIpamScopeId.Malformed', 'ipam-scope'],
  ])('%s=%s is %s', (member, id, code, prefix) => {
    expect(refusal({ [member]: id })).toEqual([code, `Invalid id: "${id}" (expecting "${prefix}-...")`]);
  });

  it('checks every id of a list', () => {
    expect(refusal({ IpamPoolIds: ['ipam-pool-0123456789abcdef0', 'ipam-pool-0123 '] })).toEqual([
      'InvalidIpamPoolId.Malformed',
      'Invalid id: "ipam-pool-0123 " (expecting "ipam-pool-...")',
    ]);
  });

  it('accepts well-formed ids of every kind, which may still not exist', () => {
    expect(
      refusal({
        IpamId: 'ipam-0123456789abcdef0',
        IpamScopeIds: ['ipam-scope-0123456789abcdef0'],
        IpamPoolId: 'ipam-pool-1',
        IpamPoolAllocationId: 'ipam-pool-alloc-0123456789abcdef0123456789abcdef',
        IpamResourceDiscoveryId: 'ipam-res-disco-0123456789abcdef0',
        IpamResourceDiscoveryAssociationIds: ['ipam-res-disco-assoc-0123456789abcdef0'],
        Description: 'not an id',
      }),
    ).toBe('accepted');
  });

  it('caps a list of ids at 1,000, as a describe reads them all', () => {
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `ipam-pool-${i.toString(16).padStart(17, '0')}`);
    expect(refusal({ IpamPoolIds: ids(1000) })).toBe('accepted');
    expect(refusal({ IpamPoolIds: ids(1001) })).toEqual([
      'InvalidParameterValue',
      'IpamPoolIds may name at most 1000 ids; got 1001.',
    ]);
  });

  it("checks DescribeIpamPoolAllocations' list of allocation ids like every other list", () => {
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `ipam-pool-alloc-${i.toString(16).padStart(32, '0')}`);
    expect(refusal({ IpamPoolAllocationIds: ids(1000) })).toBe('accepted');
    expect(refusal({ IpamPoolAllocationIds: ids(1001) })).toEqual([
      'InvalidParameterValue',
      'IpamPoolAllocationIds may name at most 1000 ids; got 1001.',
    ]);
    expect(refusal({ IpamPoolAllocationIds: ['ipam-pool-0123456789abcdef0'] })).toEqual([
      'InvalidIpamPoolAllocationId.Malformed',
      'Invalid id: "ipam-pool-0123456789abcdef0" (expecting "ipam-pool-alloc-...")',
    ]);
  });
});
