import { describe, expect, it } from 'vitest';
import { AllotError } from '../../../core/errors';
import { ec2Model } from '../../../handlers/api/model/model';
import { checkRequestShape } from '../../../handlers/api/shape';

const codeOf = (action: string, input: Record<string, unknown>): string => {
  try {
    checkRequestShape(ec2Model, action, input);
    return 'ok';
  } catch (e) {
    return e instanceof AllotError ? `${e.code}: ${e.message}` : 'crash';
  }
};

describe('JSON request shapes', () => {
  it.each([
    ['AllocateIpamPoolCidr', { IpamPoolId: 'p', NetmaskLength: 24, AllowedCidrs: ['10.0.0.0/8'] }, 'ok'],
    [
      'AllocateIpamPoolCidr',
      { IpamPoolId: 'p', NetmaskLength: '24' },
      'InvalidParameterValue: NetmaskLength must be an integer; got string.',
    ],
    [
      'AllocateIpamPoolCidr',
      { IpamPoolId: 'p', AllowedCidrs: '10.0.0.0/8' },
      'InvalidParameterValue: AllowedCidrs must be a list; got string.',
    ],
    [
      'AllocateIpamPoolCidr',
      { IpamPoolId: 'p', Netmask: 24 },
      'InvalidParameter: Unknown parameter Netmask.',
    ],
    [
      'DescribeIpamPools',
      { Filters: [{ Name: 'locale', Values: 'us-east-1' }] },
      'InvalidParameterValue: Filters[0].Values must be a list; got string.',
    ],
    [
      'CreateIpam',
      { OperatingRegions: [{ Region: 'x' }] },
      'InvalidParameter: Unknown parameter OperatingRegions[0].Region.',
    ],
    ['CreateIpam', { DryRun: 'yes' }, 'InvalidParameterValue: DryRun must be a boolean; got string.'],
    [
      'CreateIpamPool',
      {
        IpamScopeId: 's',
        AddressFamily: 'ipv4',
        TagSpecifications: [{ ResourceType: 'ipam-pool', Tags: [{ Key: 1 }] }],
      },
      'InvalidParameterValue: TagSpecifications[0].Tags[0].Key must be a string; got number.',
    ],
  ])('%s %j → %s', (action, input, expected) => {
    expect(codeOf(action, input)).toBe(expected);
  });
});
