/**
 * What every record kind declares, in its own module: how a record gives its reference, where the
 * reference lives in the one table (item key), which index entries the record carries, and how
 * each of its list queries maps onto the table. `kinds.ts` registers every kind once.
 */
import { cidrKey, parseCidr } from '../cidr';

/** The primary key of one item. */
export interface ItemKey {
  PK: string;
  SK: string;
}

/** The two global secondary indexes: GSI1 by parent or id, GSI2 by owner (see kinds.ts). */
export interface IndexKeys {
  GSI1PK?: string;
  GSI1SK?: string;
  GSI2PK?: string;
  GSI2SK?: string;
}

/** How a list query maps onto the table: which index, which partition, which sort-key prefix. */
export interface QueryPlan {
  index?: 'GSI1' | 'GSI2';
  pk: string;
  skPrefix?: string;
}

/** Fields every record has. `_v` is its version: every replace is conditioned on it. */
export interface Versioned {
  _v: number;
  /** Creation time, epoch ms. */
  _created: number;
}

/** The sort key of a record that is alone in its partition. */
export const ROOT_SK = '#';

/**
 * `<prefix>#<hex start>/<3-digit length>`: text order is address order within a family.
 * @example cidrSk('ALLOC', '10.0.0.0/24') // 'ALLOC#0a000000/024'
 */
export const cidrSk = (prefix: string, cidr: string): string => `${prefix}#${cidrKey(parseCidr(cidr))}`;

export interface KindSpec<R, Ref, Q> {
  ref(record: R): Ref;
  key(ref: Ref): ItemKey;
  index?(record: R): IndexKeys;
  query?(q: Q): QueryPlan;
}

/**
 * Declares a record kind; the type parameters are the record, its reference and its list queries.
 * @example export const unique = defineKind<UniqueRecord, UniqueRef>({ ref: (r) => ..., key: (ref) => ... });
 */
export const defineKind = <R extends { kind: string }, Ref extends { kind: R['kind'] }, Q = never>(
  spec: KindSpec<R, Ref, Q>,
): KindSpec<R, Ref, Q> => spec;
