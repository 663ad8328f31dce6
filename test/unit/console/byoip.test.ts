import { describe, expect, it } from 'vitest';
import {
  advertisingOf,
  advertisingRegion,
  anyPending,
  needsProof,
  provisionRequest,
} from '../../../console/src/byoip';

const pool = (o: Record<string, unknown>) => ({
  IpamScopeType: 'public',
  PublicIpSource: 'byoip',
  AwsService: 'ec2',
  IpamRegion: 'us-east-1',
  Locale: 'None',
  ...o,
});

describe('the BYOIP rules the pool page follows', () => {
  it.each([
    ['a top-level BYOIP pool of the public scope', pool({}), true],
    ['a regional pool under it', pool({ SourceIpamPoolId: 'ipam-pool-1', Locale: 'us-west-2' }), false],
    ['an Amazon-provided pool', pool({ PublicIpSource: 'amazon', Locale: 'us-east-1' }), false],
    ['a private pool', { IpamScopeType: 'private', Locale: 'None' }, false],
  ])('proof of control for %s: %s', (_, p, expected) => {
    expect(needsProof(p)).toBe(expected);
  });

  it.each([
    ['a regional EC2 pool: its locale', pool({ Locale: 'us-west-2', SourceIpamPoolId: 'p' }), 'us-west-2'],
    ['a stand-alone EC2 pool with a locale', pool({ Locale: 'eu-west-1' }), 'eu-west-1'],
    [
      'a global-services pool: the IPAM home region',
      pool({ AwsService: 'global-services', Locale: 'Global' }),
      'us-east-1',
    ],
    ['a top-level pool without a locale: nowhere', pool({}), undefined],
    ['an Amazon-provided pool: nowhere', pool({ PublicIpSource: 'amazon', Locale: 'us-east-1' }), undefined],
    ['a private pool: nowhere', { IpamScopeType: 'private', Locale: 'us-east-1' }, undefined],
    [
      'a public pool without a service: nowhere',
      pool({ AwsService: undefined, Locale: 'us-east-1' }),
      undefined,
    ],
  ])('advertising region of %s', (_, p, expected) => {
    expect(advertisingRegion(p)).toBe(expected);
  });

  it('maps a signed message to CidrAuthorizationContext', () => {
    expect(
      provisionRequest(
        'ipam-pool-1',
        { cidr: '130.137.245.0/24', method: 'remarks-x509', message: 'm', signature: 's', token: '' },
        true,
      ),
    ).toEqual({
      IpamPoolId: 'ipam-pool-1',
      Cidr: '130.137.245.0/24',
      VerificationMethod: 'remarks-x509',
      CidrAuthorizationContext: { Message: 'm', Signature: 's' },
    });
  });

  it('maps a chosen token to dns-token with its id, and sends no message', () => {
    expect(
      provisionRequest(
        'ipam-pool-1',
        { cidr: '203.0.113.0/24', method: 'dns-token', token: 'ipam-ext-res-ver-token-1' },
        true,
      ),
    ).toEqual({
      IpamPoolId: 'ipam-pool-1',
      Cidr: '203.0.113.0/24',
      VerificationMethod: 'dns-token',
      IpamExternalResourceVerificationTokenId: 'ipam-ext-res-ver-token-1',
    });
  });

  it('without proof sends the CIDR, or the netmask length when no CIDR is given, and nothing else', () => {
    expect(provisionRequest('p', { cidr: '10.0.0.0/16', netmask: '20', message: 'm' }, false)).toEqual({
      IpamPoolId: 'p',
      Cidr: '10.0.0.0/16',
    });
    expect(provisionRequest('p', { cidr: '', netmask: '20' }, false)).toEqual({
      IpamPoolId: 'p',
      NetmaskLength: 20,
    });
    expect(provisionRequest('p', {}, false)).toEqual({ IpamPoolId: 'p' });
  });

  it('polls while any CIDR is pending-provision', () => {
    expect(anyPending([{ State: 'provisioned' }, { State: 'pending-provision' }])).toBe(true);
    expect(anyPending([{ State: 'provisioned' }, { State: 'failed-provision' }])).toBe(false);
    expect(anyPending([])).toBe(false);
  });

  it('reads the Advertising column from the region’s BYOIP CIDRs', () => {
    const byoip = [
      { Cidr: '130.137.245.0/24', State: 'advertised' },
      { Cidr: '130.137.246.0/24', State: 'provisioned' },
    ];
    expect(
      ['130.137.245.0/24', '130.137.246.0/24', '130.137.247.0/24'].map((c) => advertisingOf(byoip, c)),
    ).toEqual(['Advertised', 'Withdrawn', '–']);
  });
});
