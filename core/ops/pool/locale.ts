/**
 * A new pool's locale (F-POOL-03, F-POOL-05, F-REGION-04, F-TIER-02): inherited from a source
 * pool or resource, otherwise an operating region of the IPAM (or, for public IPv4 pools, a Local
 * Zone network border group of one). "None" and "Global" mean no locale.
 */
import { fail } from '../../errors';
import type { IpamRecord, PoolRecord, ScopeRecord, SourceResource } from '../../records';

const BORDER_GROUP = /^([a-z]{2}(?:-[a-z]+)+-\d+)-[a-z0-9-]+$/;

export const resolveLocale = (
  ipam: IpamRecord,
  scope: ScopeRecord,
  family: string,
  input: { Locale?: string; AwsService?: string },
  parent: PoolRecord | undefined,
  source: SourceResource | undefined,
): string | undefined => {
  const asked =
    input.Locale === 'None' || input.Locale === 'Global' || input.Locale === '' ? undefined : input.Locale;
  if (parent?.Locale) {
    if (asked && asked !== parent.Locale) {
      fail(
        'InvalidParameterCombination',
        `A child pool inherits its source pool's locale (${parent.Locale}); got ${asked}.`,
      );
    }
    return parent.Locale;
  }
  if (source && !parent) {
    if (source.ResourceType !== undefined && source.ResourceType !== 'vpc') {
      fail('InvalidParameterValue', `SourceResource.ResourceType must be 'vpc'.`);
    }
    if (!source.ResourceId?.startsWith('vpc-'))
      fail('InvalidParameterValue', 'SourceResource.ResourceId must be a VPC id (vpc-...).');
    if (!source.ResourceRegion) fail('MissingParameter', 'SourceResource.ResourceRegion is required.');
    if (asked && asked !== source.ResourceRegion) {
      fail(
        'InvalidParameterCombination',
        `A resource-planning pool's locale is its VPC's region (${source.ResourceRegion}).`,
      );
    }
  }
  const locale = asked ?? source?.ResourceRegion;
  if (!locale) return undefined;
  const regions = ipam.OperatingRegions.map((r) => r.RegionName);
  const group = BORDER_GROUP.exec(locale);
  const region = regions.includes(locale)
    ? locale
    : group && scope.IpamScopeType === 'public' && family === 'ipv4'
      ? group[1]
      : locale;
  if (!region || !regions.includes(region)) {
    fail(
      'InvalidParameterValue',
      // F-REGION-04
      `The locale ${locale} is not an operating region of IPAM ${ipam.IpamId}.`,
    );
  }
  if (ipam.Tier === 'free' && locale !== ipam.IpamRegion) {
    fail(
      'OperationNotPermitted',
      // F-TIER-02
      `On the free tier a pool's locale must be the home region ${ipam.IpamRegion}.`,
    );
  }
  return locale;
};
