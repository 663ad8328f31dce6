/**
 * The Store implementations every contract-level suite runs against: the in-memory reference and
 * the DynamoDB adapter on DynamoDB Local (a fresh table per store, so tests never share state).
 */

import type { Store } from '../../core/ports';
import { MemoryStore } from '../../core/store/memory';

export type StoreFactory = () => Promise<Store>;

export const storeFactories = (): [string, StoreFactory][] => {
  const all: [string, StoreFactory][] = [
    ['memory', async () => new MemoryStore()],
    [
      'dynamo',
      async () => {
        const { freshTable } = await import('./ddb');
        const { DynamoStore } = await import('../../core/store/dynamo');
        const t = await freshTable();
        return new DynamoStore({ client: t.client, tableName: t.tableName });
      },
    ],
  ];
  return process.env.ALLOT_ONLY_MEMORY ? all.slice(0, 1) : all;
};
