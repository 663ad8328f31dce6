/**
 * The single-table key design (STYLE habit 6) and the registry of record kinds. Every record and
 * space-tree node is one item:
 *
 *   record        PK                          SK                GSI1 (by parent/id)             GSI2 (by owner)
 *   ipam          IPAM#<id>                   #                 IPAMS / id                      OWNER#<acct>#ipam / id
 *   scope         SCOPE#<id>                  #                 IPAM#<ipamId>#scopes / id       OWNER#<acct>#scope / id
 *   pool          POOL#<id>                   #                 SCOPE#<scopeId>#pools / id      OWNER#<acct>#pool / id
 *   pool CIDR     POOL#<poolId>               #CIDR#<hex>/<len> -                               -
 *   past CIDR     POOL#<poolId>               PAST#<hex>/<len>#<cidrId> -                       -
 *   allocation    POOL#<poolId>               ALLOC#<hex>/<len> ALLOCID#<allocId> / #           OWNER#<acct>#allocation / id
 *   cooling       POOL#<poolId>               COOL#<hex>/<len>#<allocId> -                        -
 *   token         TOKEN#<acct>#<action>#<tok> #                 -                               -
 *   unique guard  UNIQUE#<name>               #                 -                               -
 *   credential    CRED#<accessKeyId>          #                 -                               OWNER#<acct>#cred / key
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
 *   org policy    ORG#<orgId>                 POLICY#<policyId> -                               -
 *   attachment    ORG#<orgId>                 ATTACH#<target>#<policyId> -                      -
 *   delegate      ORG#<orgId>                 DELEGATE#<principal>#<acct> -                     -
 *   org account   ORGACCT#<acct>              #                 ORG#<orgId>#accounts / acct     -
 *   handshake     HANDSHAKE#<id>              #                 ORG#<orgId>#handshakes / id     INVITEE#<acct>#handshakes / id
 *   isolation     ORGACCT#<acct>              ISOLATED          -                               -
 *   rd share      RD#<rdId>                   SHARE#<principal> -                               GRANTEE#<acct>#rdshares / rdId
 *   resource share RSHARE#<uuid>               #                 -                               OWNER#<acct>#rshare / uuid
 *   pool grant    POOL#<poolId>               GRANT#<acct>#<share> -                            GRANTEE#<acct>#pools / pool#share
 *   verif. token  VTOK#<id>                   #                 IPAM#<ipamId>#vtoks / id        -
 *   byoasn        ASN#<ipamId>#<asn>          #                 -                               OWNER#<acct>#asn / ipam#asn
 *   public pool   PV4P#<poolId>               #                 -                               OWNER#<acct>#pv4p / region#id
 *   public range  PV4P#<poolId>               RANGE#<hex>/<len> -                               -
 *   elastic IP    EIP#<allocationId>          #                 -                               OWNER#<acct>#eip / region#id
 *   anycast list  ANYCAST#<id>                #                 -                               OWNER#<acct>#anycast / id
 *   metric series METRICS#<acct>#<ns>#<name>   <dims>            -                               -
 *   metric point  METRIC#<acct>#<ns>#<name>#<dims> T#<13-digit ms> -                             -
 *
 * Addresses in sort keys are fixed-width hex (8 or 32 digits) and lengths are 3 digits, so text
 * order is address order: a pool's CIDRs and allocations come back sorted by address. A pool's
 * record (SK `#`) and its CIDRs (SK `#CIDR#…`) share the prefix `#`, so the allocation path reads
 * both with one strongly consistent Query.
 */
import { address } from './address';
import { allocation } from './allocation';
import { anycastIpList } from './anycast-ip-list';
import { byoasn } from './byoasn';
import { cooling } from './cooling';
import { credential } from './credential';
import { handshake } from './handshake';
import { history } from './history';
import { ipam } from './ipam';
import { isolation } from './isolation';
import type { IndexKeys, ItemKey, KindSpec, QueryPlan } from './kind';
import { orgAccount } from './org-account';
import { orgDelegate } from './org-delegate';
import { orgPolicy } from './org-policy';
import { orgUnit } from './org-unit';
import { organization } from './organization';
import { pendingResource } from './pending-resource';
import { policyAttachment } from './policy-attachment';
import { pool } from './pool';
import { poolCidr } from './pool-cidr';
import { poolCidrPast } from './pool-cidr-past';
import { poolGrant } from './pool-grant';
import { publicIpv4Pool, publicIpv4Range } from './public-ipv4-pool';
import { rdAssociation } from './rd-association';
import { rdShare } from './rd-share';
import { resourceDiscovery } from './resource-discovery';
import { resourceRef } from './resource-ref';
import { resourceShare } from './resource-share';
import { scope } from './scope';
import { scopeMove } from './scope-move';
import { scopeView } from './scope-view';
import { shareInvitation } from './share-invitation';
import { snapshot } from './snapshot';
import { token } from './token';
import { unique } from './unique';
import { verificationToken } from './verification-token';

/** Every record kind, once: adding a kind is one module and one line here. */
export const kinds = {
  ipam,
  scope,
  pool,
  'pool-cidr': poolCidr,
  allocation,
  token,
  unique,
  credential,
  snapshot,
  'resource-ref': resourceRef,
  'scope-view': scopeView,
  history,
  'resource-discovery': resourceDiscovery,
  'rd-association': rdAssociation,
  'scope-move': scopeMove,
  organization,
  'org-unit': orgUnit,
  'org-account': orgAccount,
  'org-policy': orgPolicy,
  'policy-attachment': policyAttachment,
  'org-delegate': orgDelegate,
  handshake,
  isolation,
  'rd-share': rdShare,
  cooling,
  'resource-share': resourceShare,
  'pool-grant': poolGrant,
  'pending-resource': pendingResource,
  'share-invitation': shareInvitation,
  'pool-cidr-past': poolCidrPast,
  'verification-token': verificationToken,
  byoasn,
  'public-ipv4-pool': publicIpv4Pool,
  'public-ipv4-range': publicIpv4Range,
  address,
  'anycast-ip-list': anycastIpList,
};

type Kinds = typeof kinds;
type Part<S, N extends 0 | 1 | 2> = S extends KindSpec<infer R, infer Ref, infer Q> ? [R, Ref, Q][N] : never;

/** Any stored record; `kind` narrows it. */
export type AnyRecord = { [K in keyof Kinds]: Part<Kinds[K], 0> }[keyof Kinds];
export type RecordKind = AnyRecord['kind'];
/** The key of one record, in domain terms. */
export type RecordRef = { [K in keyof Kinds]: Part<Kinds[K], 1> }[keyof Kinds];
/** Indexed lists; each kind declares its own (see its module). */
export type ListQuery = { [K in keyof Kinds]: Part<Kinds[K], 2> }[keyof Kinds];

/** Each kind is registered under its own name: a wrong key fails to compile here. */
type Misregistered = { [K in keyof Kinds]: Part<Kinds[K], 0>['kind'] extends K ? never : K }[keyof Kinds];
const registeredUnderOwnName: [Misregistered] extends [never] ? true : Misregistered = true;
void registeredUnderOwnName;

type AnySpec = KindSpec<AnyRecord, RecordRef, ListQuery>;
const specOf = (kind: RecordKind): AnySpec => kinds[kind] as unknown as AnySpec;

/** @example refOf(pool) // { kind: 'pool', id: 'ipam-pool-…' } */
export const refOf = (r: AnyRecord): RecordRef => specOf(r.kind).ref(r);

/** @example itemKey({ kind: 'pool', id: 'ipam-pool-1' }) // { PK: 'POOL#ipam-pool-1', SK: '#' } */
export const itemKey = (ref: RecordRef): ItemKey => specOf(ref.kind).key(ref);

/** The index entries a record carries (none for most kinds). */
export const indexKeys = (r: AnyRecord): IndexKeys => specOf(r.kind).index?.(r) ?? {};

/** How a list query maps onto the table. */
export const queryPlan = (q: ListQuery): QueryPlan => {
  const plan = specOf(q.kind).query?.(q);
  if (!plan) throw new Error(`record kind ${q.kind} has no list queries`);
  return plan;
};
