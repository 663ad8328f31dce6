/**
 * The Store implementations the suites of test/stores run against: the in-memory reference and
 * the DynamoDB adapter on DynamoDB Local (a fresh table per store, so tests never share state).
 * The tier picks them (vitest.config.ts sets ALLOT_TEST_STORES): the unit tier runs these suites
 * on the memory store, the integration tier on DynamoDB Local; a plain run of one file, both.
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
  const only = process.env.ALLOT_TEST_STORES;
  return only ? all.filter(([name]) => only.split(',').includes(name)) : all;
};
