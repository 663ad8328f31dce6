/**
 * What a public pool takes from its source pool (F-BYOIP-12, F-GLOBAL-03, §20 item 9):
 * advertisability, inherited by a child pool (B6-04 [infer]); and the global-services kind. A
 * global pool is `AwsService=global-services`, BYOIP, under a source pool without a locale (the
 * top-level BYOIP pool or another global pool), itself without a locale (`None` or `Global`); a
 * pool under a global pool is global too. Global pools serve only anycast IP lists.
 */
import { fail } from '../../errors';
import { isGlobalPool, type PoolRecord } from '../../records';

interface Asked {
  AwsService?: string;
  PubliclyAdvertisable?: boolean;
}

const advertisable = (input: Asked, extra: Partial<PoolRecord>, parent: PoolRecord | undefined) => {
  if (parent?.PubliclyAdvertisable === undefined || extra.PubliclyAdvertisable === undefined) return {};
  if (input.PubliclyAdvertisable !== undefined && input.PubliclyAdvertisable !== parent.PubliclyAdvertisable)
    fail(
      'InvalidParameterCombination',
      `A child pool inherits PubliclyAdvertisable=${parent.PubliclyAdvertisable} from source pool ${parent.IpamPoolId}.`,
    );
  return { PubliclyAdvertisable: parent.PubliclyAdvertisable };
};

const globalKind = (input: Asked, extra: Partial<PoolRecord>, parent: PoolRecord | undefined) => {
  const underGlobal = parent !== undefined && isGlobalPool(parent);
  if (underGlobal && input.AwsService !== undefined && input.AwsService !== 'global-services')
    fail(
      'InvalidParameterCombination',
      `A pool under global pool ${parent.IpamPoolId} is global-services too.`,
    );
  if (extra.AwsService !== 'global-services' && !underGlobal) return {};
  if (extra.PublicIpSource !== 'byoip')
    fail('InvalidParameterCombination', 'A global-services pool holds BYOIP space (PublicIpSource byoip).');
  if (!parent)
    fail(
      'InvalidParameterCombination',
      'A global-services pool takes its space from a top-level BYOIP pool: give SourceIpamPoolId.',
    );
  if (parent!.Locale !== undefined)
    fail(
      'InvalidParameterCombination',
      `A global-services pool cannot take space from ${parent!.IpamPoolId}, a pool with locale ${parent!.Locale}.`,
    );
  return { AwsService: 'global-services' as const };
};

/** The public fields a new pool takes from its source, checked against what was asked. */
export const inheritPublic = (
  input: Asked,
  extra: Partial<PoolRecord>,
  parent: PoolRecord | undefined,
): Partial<PoolRecord> => {
  if (extra.AwsService === undefined) return extra;
  return { ...extra, ...advertisable(input, extra, parent), ...globalKind(input, extra, parent) };
};

/** A global pool has no regional locale: a region asked for is refused. */
export const checkGlobalLocale = (kind: Partial<PoolRecord>, locale: string | undefined): void => {
  if (kind.AwsService === 'global-services' && locale !== undefined)
    fail(
      'InvalidParameterCombination',
      `A global-services pool has the locale None (or Global), not ${locale}.`,
    );
};
