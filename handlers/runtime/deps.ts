/** Wiring of the real adapters, built once per Lambda container and reused across invocations. */
import { type Deps, randomIds } from '../../core/ports';
import { createDocumentClient, DynamoStore } from '../../core/store/dynamo';
import { loadSettings, type Settings } from './config';

export interface Runtime {
  deps: Deps;
  settings: Settings;
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
  cached = { deps: { store, now: Date.now, ids: randomIds(), config: settings.core }, settings };
  return cached;
};
