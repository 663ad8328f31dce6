/** Pools as the API shows them, and DescribeIpamPools (F-POOL-01..16); creation is in create.ts. */

import type { Caller, Deps } from '../../ports';
import type { PoolRecord } from '../../records';
import { dryRun, publicShape } from '../kit/common';
import { filterPredicate, listPage, type PageInput } from '../kit/listing';
import { loadEach, seenFrom } from '../kit/loads';
import { isolationLens } from '../organization/isolation';
import { loadVisiblePool, sharedPoolIds } from '../sharing/grants';

export const POOL_FIELDS = [
  'IpamPoolId',
  'IpamScopeId',
  'IpamPoolArn',
  'OwnerId',
  'IpamScopeArn',
  'IpamScopeType',
  'IpamArn',
  'IpamRegion',
  'SourceIpamPoolId',
  'SourceResource',
  'AddressFamily',
  'Locale',
  'PoolDepth',
  'State',
  'Description',
  'AutoImport',
  'PubliclyAdvertisable',
  'AwsService',
  'PublicIpSource',
  'AllocationMinNetmaskLength',
  'AllocationMaxNetmaskLength',
  'AllocationDefaultNetmaskLength',
  'AllocationResourceTags',
] as const;

/**
 * A pool as the API shows it: without a locale it reads "None", as EC2 answers (F-POOL-05), or
 * "Global" for a global-services pool (§20 item 9).
 */
export const poolShape = (p: PoolRecord): Record<string, unknown> =>
  publicShape(
    p.Locale === undefined ? { ...p, Locale: p.AwsService === 'global-services' ? 'Global' : 'None' } : p,
  );

const sharedPools = async (deps: Deps, accountId: string): Promise<PoolRecord[]> => {
  const pools = await Promise.all(
    (await sharedPoolIds(deps, accountId)).map((id) => deps.store.get<PoolRecord>({ kind: 'pool', id })),
  );
  return pools.filter((p): p is PoolRecord => p !== undefined);
};

export const describeIpamPools = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean; IpamPoolIds?: string[] },
): Promise<{ IpamPools: object[]; NextToken?: string }> => {
  const match = filterPredicate(input.Filters, POOL_FIELDS);
  dryRun(input);
  const lens = await isolationLens(deps, [caller.accountId]);
  const shown = (p: PoolRecord) => lens(p, p.OwnerId);
  const matches = (p: PoolRecord) => match(poolShape(p));
  if (input.IpamPoolIds && input.IpamPoolIds.length > 0) {
    const found = (await loadEach(input.IpamPoolIds, (id) => loadVisiblePool(deps, caller, id))).map(shown);
    return { IpamPools: found.filter(matches).map(poolShape) };
  }
  const page = await listPage<PoolRecord>(
    deps.store,
    { kind: 'pool', owner: caller.accountId },
    input,
    (p) => seenFrom(caller, p) && matches(shown(p)),
  );
  // Pools shared with the caller follow its own on the last page (F-SHARE-02; owner = IPAM account).
  const shared = page.NextToken ? [] : await sharedPools(deps, caller.accountId);
  return {
    IpamPools: [...page.items, ...shared.filter((p) => matches(shown(p)))].map((p) => poolShape(shown(p))),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
