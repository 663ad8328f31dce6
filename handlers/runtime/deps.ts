/** Wiring of the real adapters, built once per Lambda container and reused across invocations. */
import { type Deps, randomIds } from '../../core/ports';
import { createDocumentClient, DynamoStore } from '../../core/store/dynamo';
import { ec2Backend } from '../../outbound/ec2/backend';
import { type Forwarder, forwarder } from '../../outbound/ec2/forward';
import { eventSink } from '../../outbound/events/sink';
import { proofSources } from '../../outbound/proof/sources';
import { loadSettings, type Settings } from './config';

export interface Runtime {
  deps: Deps;
  settings: Settings;
  /** Sends EC2 actions Allot does not implement to the backend, when one is configured. */
  forward?: Forwarder;
}

let cached: Runtime | undefined;

export const runtime = (): Runtime => {
  if (cached) return cached;
  const settings = loadSettings();
  const client = createDocumentClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  });
  const store = new DynamoStore({
    client,
    tableName: settings.tableName,
    nodeCacheTtlMs: settings.nodeCacheMs,
    poolCacheTtlMs: settings.poolCacheMs,
  });
  const deps: Deps = {
    store,
    now: Date.now,
    ids: randomIds(),
    config: settings.core,
    proof: proofSources(settings.proof),
    events: eventSink(settings.events),
  };
  if (!settings.backend) {
    cached = { deps, settings };
    return cached;
  }
  const backend = { ...settings.backend, partition: settings.core.partition };
  cached = { deps: { ...deps, backend: ec2Backend(backend) }, settings, forward: forwarder(backend) };
  return cached;
};
