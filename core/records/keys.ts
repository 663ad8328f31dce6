/**
 * The single-table key design (STYLE habit 6). Every record and space-tree node is one item:
 *
 *   record        PK                          SK                GSI1 (by parent/id)             GSI2 (by owner)
 *   ipam          IPAM#<id>                   #                 IPAMS / id                      OWNER#<acct>#ipam / id
 *   scope         SCOPE#<id>                  #                 IPAM#<ipamId>#scopes / id       OWNER#<acct>#scope / id
 *   pool          POOL#<id>                   #                 SCOPE#<scopeId>#pools / id      OWNER#<acct>#pool / id
 *   pool CIDR     POOL#<poolId>               #CIDR#<hex>/<len> -                               -
 *   allocation    POOL#<poolId>               ALLOC#<hex>/<len> ALLOCID#<allocId> / #           OWNER#<acct>#allocation / id
 *   cooling       POOL#<poolId>               COOL#<hex>/<len>#<allocId> -                        -
 *   token         TOKEN#<acct>#<action>#<tok> #                 -                               -
 *   unique guard  UNIQUE#<name>               #                 -                               -
 *   credential    CRED#<accessKeyId>          #                 -                               -
 *   space node    SPACE#<spaceId>#<4|6>       NODE#<hex>/<len>  -                               -
 *   snapshot      DISCO#<rdId>                SNAP#<region>#<acct> -                            -
 *   resource ref  RES#<resourceId>            <poolId>#<hex>/<len> -                           -
 *   scope view    VIEW#<scopeId>              #                 -                               -
 *   resource disc RD#<id>                     #                 -                               OWNER#<acct>#rd / id
 *   rd assoc.     RDA#<id>                    #                 IPAM#<ipamId>#rdas / id         RD#<rdId>#rdas / id
 *   scope move    MOVE#<ipamId>               <resId>#<hex>/<len> -                             -
 *   history       HIST#<scopeId>#<hex>/<len>  <start>#<assoc>   -                               -
 *   blob part     BLOB#<key>                  PART#<5 digits>   -                               -
 *   organization  ORG#<orgId>                 #                 -                               -
 *   org unit      ORG#<orgId>                 OU#<ouId>         -                               -
 *   org account   ORGACCT#<acct>              #                 ORG#<orgId>#accounts / acct     -
 *   isolation     ORGACCT#<acct>              ISOLATED          -                               -
 *   rd share      RD#<rdId>                   SHARE#<principal> -                               GRANTEE#<acct>#rdshares / rdId
 *   metric series METRICS#<acct>#<ns>#<name>   <dims>            -                               -
 *   metric point  METRIC#<acct>#<ns>#<name>#<dims> T#<13-digit ms> -                             -
 *
 * Addresses in sort keys are fixed-width hex (8 or 32 digits) and lengths are 3 digits, so text
 * order is address order: a pool's CIDRs and allocations come back sorted by address. A pool's
 * record (SK `#`) and its CIDRs (SK `#CIDR#…`) share the prefix `#`, so the allocation path reads
 * both with one strongly consistent Query.
 */
import { cidrKey, parseCidr } from '../cidr';
import type { Family } from '../cidr/types';
import type { ListQuery, RecordRef } from '../ports/store';
import type { NodeKey } from '../space/node';
import type { AnyRecord } from './model';

export interface ItemKey {
  PK: string;
  SK: string;
}

export const ROOT_SK = '#';

const hexOf = (version: Family, value: bigint): string =>
  value.toString(16).padStart(version === 4 ? 8 : 32, '0');

export const nodeItemKey = (k: NodeKey): ItemKey => ({
  PK: `SPACE#${k.space}#${k.version}`,
  SK: `NODE#${hexOf(k.version, k.start)}/${String(k.prefix).padStart(3, '0')}`,
});

export const nodeKeyOf = (item: { PK: string; SK: string }): NodeKey => {
  const pk = item.PK.split('#');
  const [hex, len] = item.SK.slice('NODE#'.length).split('/');
  return {
    space: pk.slice(1, -1).join('#'),
    version: Number(pk[pk.length - 1]) as Family,
    start: BigInt(`0x${hex}`),
    prefix: Number(len),
  };
};

const cidrSk = (prefix: string, cidr: string): string => `${prefix}#${cidrKey(parseCidr(cidr))}`;

export const itemKey = (ref: RecordRef): ItemKey => {
  switch (ref.kind) {
    case 'ipam':
      return { PK: `IPAM#${ref.id}`, SK: ROOT_SK };
    case 'scope':
      return { PK: `SCOPE#${ref.id}`, SK: ROOT_SK };
    case 'pool':
      return { PK: `POOL#${ref.id}`, SK: ROOT_SK };
    case 'pool-cidr':
      return { PK: `POOL#${ref.poolId}`, SK: cidrSk('#CIDR', ref.cidr) };
    case 'allocation':
      return { PK: `POOL#${ref.poolId}`, SK: cidrSk('ALLOC', ref.cidr) };
    case 'token':
      return { PK: `TOKEN#${ref.owner}#${ref.action}#${ref.token}`, SK: ROOT_SK };
    case 'unique':
      return { PK: `UNIQUE#${ref.name}`, SK: ROOT_SK };
    case 'credential':
      return { PK: `CRED#${ref.id}`, SK: ROOT_SK };
    case 'snapshot':
      return { PK: `DISCO#${ref.rdId}`, SK: `SNAP#${ref.region}#${ref.account}` };
    case 'resource-ref':
      return { PK: `RES#${ref.resourceId}`, SK: cidrSk(ref.poolId, ref.cidr) };
    case 'scope-view':
      return { PK: `VIEW#${ref.scopeId}`, SK: ROOT_SK };
    case 'resource-discovery':
      return { PK: `RD#${ref.id}`, SK: ROOT_SK };
    case 'rd-association':
      return { PK: `RDA#${ref.id}`, SK: ROOT_SK };
    case 'scope-move':
      return { PK: `MOVE#${ref.ipamId}`, SK: cidrSk(ref.resourceId, ref.cidr) };
    case 'history':
      return { PK: `HIST#${ref.scopeId}#${cidrKey(parseCidr(ref.cidr))}`, SK: `${ref.start}#${ref.key}` };
    case 'organization':
      return { PK: `ORG#${ref.id}`, SK: ROOT_SK };
    case 'org-unit':
      return { PK: `ORG#${ref.orgId}`, SK: `OU#${ref.id}` };
    case 'org-account':
      return { PK: `ORGACCT#${ref.accountId}`, SK: ROOT_SK };
    case 'isolation':
      return { PK: `ORGACCT#${ref.accountId}`, SK: 'ISOLATED' };
    case 'rd-share':
      return { PK: `RD#${ref.rdId}`, SK: `SHARE#${ref.principal}` };
    case 'cooling':
      return { PK: `POOL#${ref.poolId}`, SK: `${cidrSk('COOL', ref.cidr)}#${ref.allocationId}` };
  }
};

export interface IndexKeys {
  GSI1PK?: string;
  GSI1SK?: string;
  GSI2PK?: string;
  GSI2SK?: string;
}

export const indexKeys = (r: AnyRecord): IndexKeys => {
  switch (r.kind) {
    case 'ipam':
      return { GSI1PK: 'IPAMS', GSI1SK: r.IpamId, GSI2PK: `OWNER#${r.OwnerId}#ipam`, GSI2SK: r.IpamId };
    case 'scope':
      return {
        GSI1PK: `IPAM#${r.IpamId}#scopes`,
        GSI1SK: r.IpamScopeId,
        GSI2PK: `OWNER#${r.OwnerId}#scope`,
        GSI2SK: r.IpamScopeId,
      };
    case 'pool':
      return {
        GSI1PK: `SCOPE#${r.IpamScopeId}#pools`,
        GSI1SK: r.IpamPoolId,
        GSI2PK: `OWNER#${r.OwnerId}#pool`,
        GSI2SK: r.IpamPoolId,
      };
    case 'allocation':
      return {
        GSI1PK: `ALLOCID#${r.IpamPoolAllocationId}`,
        GSI1SK: ROOT_SK,
        GSI2PK: `OWNER#${r.ResourceOwner}#allocation`,
        GSI2SK: r.IpamPoolAllocationId,
      };
    case 'resource-discovery':
      return { GSI2PK: `OWNER#${r.OwnerId}#rd`, GSI2SK: r.IpamResourceDiscoveryId };
    case 'rd-association':
      return {
        GSI1PK: `IPAM#${r.IpamId}#rdas`,
        GSI1SK: r.IpamResourceDiscoveryAssociationId,
        GSI2PK: `RD#${r.IpamResourceDiscoveryId}#rdas`,
        GSI2SK: r.IpamResourceDiscoveryAssociationId,
      };
    case 'org-account':
      return { GSI1PK: `ORG#${r.OrganizationId}#accounts`, GSI1SK: r.AccountId };
    case 'rd-share':
      return { GSI2PK: `GRANTEE#${r.Principal}#rdshares`, GSI2SK: r.IpamResourceDiscoveryId };
    default:
      return {};
  }
};

/** How a list query maps onto the table: which index, which partition, which sort-key prefix. */
export interface QueryPlan {
  index?: 'GSI1' | 'GSI2';
  pk: string;
  skPrefix?: string;
}

export const queryPlan = (q: ListQuery): QueryPlan => {
  switch (q.kind) {
    case 'ipam':
      return 'all' in q ? { index: 'GSI1', pk: 'IPAMS' } : { index: 'GSI2', pk: `OWNER#${q.owner}#ipam` };
    case 'scope':
      return { index: 'GSI1', pk: `IPAM#${q.ipamId}#scopes` };
    case 'pool':
      return 'scopeId' in q
        ? { index: 'GSI1', pk: `SCOPE#${q.scopeId}#pools` }
        : { index: 'GSI2', pk: `OWNER#${q.owner}#pool` };
    case 'pool-cidr':
      return { pk: `POOL#${q.poolId}`, skPrefix: '#CIDR#' };
    case 'allocation':
      if ('poolId' in q) return { pk: `POOL#${q.poolId}`, skPrefix: 'ALLOC#' };
      if ('owner' in q) return { index: 'GSI2', pk: `OWNER#${q.owner}#allocation` };
      return { index: 'GSI1', pk: `ALLOCID#${q.allocationId}` };
    case 'snapshot':
      return { pk: `DISCO#${q.rdId}`, skPrefix: q.region ? `SNAP#${q.region}#` : 'SNAP#' };
    case 'resource-ref':
      return { pk: `RES#${q.resourceId}` };
    case 'resource-discovery':
      return { index: 'GSI2', pk: `OWNER#${q.owner}#rd` };
    case 'rd-association':
      return 'ipamId' in q
        ? { index: 'GSI1', pk: `IPAM#${q.ipamId}#rdas` }
        : { index: 'GSI2', pk: `RD#${q.rdId}#rdas` };
    case 'scope-move':
      return { pk: `MOVE#${q.ipamId}` };
    case 'history':
      return { pk: `HIST#${q.scopeId}#${cidrKey(parseCidr(q.cidr))}` };
    case 'org-unit':
      return { pk: `ORG#${q.orgId}`, skPrefix: 'OU#' };
    case 'org-account':
      return { index: 'GSI1', pk: `ORG#${q.orgId}#accounts` };
    case 'cooling':
      return { pk: `POOL#${q.poolId}`, skPrefix: 'COOL#' };
    case 'rd-share':
      return 'rdId' in q
        ? { pk: `RD#${q.rdId}`, skPrefix: 'SHARE#' }
        : { index: 'GSI2', pk: `GRANTEE#${q.principal}#rdshares` };
  }
};

/** The items of a blob: one partition, parts in order. */
export const blobPartKey = (key: string, part: number): ItemKey => ({
  PK: `BLOB#${key}`,
  SK: `PART#${String(part).padStart(5, '0')}`,
});

/** A dimension set as text: its pairs sorted by name, as JSON (names and values may hold anything). */
export const dimensionsKey = (d: Readonly<Record<string, string>>): string =>
  JSON.stringify(Object.entries(d).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The partition holding every series of one metric name of one account. */
export const metricSeriesPk = (q: { Account: string; Namespace: string; MetricName: string }): string =>
  `METRICS#${q.Account}#${q.Namespace}#${q.MetricName}`;

/** The partition of one series' points. */
export const metricPointsPk = (s: {
  Account: string;
  Namespace: string;
  MetricName: string;
  Dimensions: Readonly<Record<string, string>>;
}): string => `METRIC#${s.Account}#${s.Namespace}#${s.MetricName}#${dimensionsKey(s.Dimensions)}`;

/** A point's sort key: fixed-width epoch milliseconds, so text order is time order. */
export const metricPointSk = (ms: number): string =>
  `T#${String(Math.max(0, Math.floor(ms))).padStart(13, '0')}`;
