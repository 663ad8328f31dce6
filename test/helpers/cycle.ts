/** One discovery cycle in which every collector read succeeds and finds nothing of its own. */
import { planCycle } from '../../core/ops/monitoring/run/plan';
import { type RunIo, runCycle } from '../../core/ops/monitoring/run/run';
import type { InstanceSecurity, ReadHint } from '../../core/ops/monitoring/run/types';
import type { Env } from './env';

/**
 * `instances` answers the read's hint as a collector would: what the EC2 knows of the instances
 * that hold Allot's own addresses; `hints` collects the hints the reads were given.
 * @example await emptyReadsCycle(e); // Allot's own addresses still join the samples
 */
export const emptyReadsCycle = async (
  e: Env,
  o: { instances?: InstanceSecurity[]; hints?: ReadHint[] } = {},
): Promise<void> => {
  const io: RunIo = {
    read: async (item, hint) => {
      if (hint) o.hints?.push(hint);
      const asked = o.instances?.filter((i) => hint?.instanceIds.includes(i.InstanceId));
      return {
        account: {
          AccountId: item.AccountId,
          DiscoveryRegion: item.Region,
          LastAttemptedDiscoveryTime: new Date(e.deps.now()),
          LastSuccessfulDiscoveryTime: new Date(e.deps.now()),
        },
        resourceCidrs: [],
        publicAddresses: [],
        ...(asked ? { instances: asked } : {}),
      };
    },
    reconcile: async () => {},
    remainingMs: () => Number.POSITIVE_INFINITY,
    log: () => {},
  };
  await runCycle(e.deps, io, await planCycle(e.deps), { concurrency: 1, reserveMs: 0 });
};
