/**
 * Stored records, one module per kind (its type, reference, item key, index keys and list
 * queries), registered in kinds.ts. Field names are the EC2 API member names (PascalCase) so that
 * an operation's output is the record minus internal fields; internal bookkeeping lives in
 * `_`-prefixed fields. `_v` is the record's version: every replace is conditioned on it.
 */
export * from './address';
export * from './allocation';
export * from './anycast-ip-list';
export * from './byoasn';
export * from './common';
export * from './cooling';
export * from './credential';
export * from './handshake';
export * from './history';
export * from './ipam';
export * from './isolation';
export { cidrSk, type IndexKeys, type ItemKey, type QueryPlan, ROOT_SK, type Versioned } from './kind';
export * from './kinds';
export * from './org-account';
export * from './org-delegate';
export * from './org-policy';
export * from './org-unit';
export * from './organization';
export * from './pending-resource';
export * from './policy-attachment';
export * from './pool';
export * from './pool-cidr';
export * from './pool-cidr-past';
export * from './pool-grant';
export * from './public-ipv4-pool';
export * from './rd-association';
export * from './rd-share';
export * from './resource-discovery';
export * from './resource-ref';
export * from './resource-share';
export * from './scope';
export * from './scope-move';
export * from './scope-view';
export * from './share-invitation';
export * from './snapshot';
export * from './token';
export * from './unique';
export * from './verification-token';
