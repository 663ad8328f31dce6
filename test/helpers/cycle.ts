/** One discovery cycle in which every collector read succeeds and finds nothing of its own. */
import { planCycle } from '../../core/ops/monitoring/run/plan';
import { type RunIo, runCycle } from '../../core/ops/monitoring/run/run';
import type { Env } from './env';

/** @example await emptyReadsCycle(e); // Allot's own addresses still join the samples */
export const emptyReadsCycle = async (e: Env): Promise<void> => {
  const io: RunIo = {
    read: async (item) => ({
      account: {
        AccountId: item.AccountId,
        DiscoveryRegion: item.Region,
        LastAttemptedDiscoveryTime: new Date(e.deps.now()),
        LastSuccessfulDiscoveryTime: new Date(e.deps.now()),
      },
      resourceCidrs: [],
      publicAddresses: [],
    }),
    reconcile: async () => {},
    remainingMs: () => Number.POSITIVE_INFINITY,
    log: () => {},
  };
  await runCycle(e.deps, io, await planCycle(e.deps), { concurrency: 1, reserveMs: 0 });
};
