/**
 * The ports: everything core needs from outside, in domain terms. `Store` is the persistence
 * port, the sum of four concerns that both adapters (core/store/memory, core/store/dynamo)
 * implement; operations receive it in their context with a clock, ids and configuration.
 */
import type { BlobStore } from './blobs';
import type { MetricStore } from './metrics';
import type { RecordStore } from './records';
import type { SpaceStore } from './space';

export type { Ec2Backend } from './backend';
export type { BlobStore } from './blobs';
export * from './context';
export type { EventSink, PublicSpaceEvent } from './events';
export type { MetricPoint, MetricSeries, MetricStore } from './metrics';
export type { ProofSources } from './proof';
export * from './records';
export type { SpaceStore } from './space';

export interface Store extends RecordStore, SpaceStore, BlobStore, MetricStore {}
