/** Wiring of the real adapters, built once per Lambda container and reused across invocations. */
import { type Deps, randomIds } from '../../core/ports';
import { createDocumentClient, DynamoStore } from '../../core/store/dynamo';
import { loadSettings, type Settings } from './config';

let cached: { deps: Deps; settings: Settings } | undefined;

export const runtime = (): { deps: Deps; settings: Settings } => {
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
