/** One deletion event end to end: the resources it names, each released (F-ALLOC-08, F-FAC-03). */
import type { Deps } from '../../ports';
import { type DeletionEvent, targetsOf } from './event';
import { type Reclaimed, reclaimResource } from './reclaim';

export type { DeletionEvent };

export interface ReclaimReport {
  Resources: string[];
  Released: Reclaimed[];
}

/**
 * Releases what the event's resources hold; `owner` (a signed caller) overrides the event's account.
 * @example await reclaimEvent(deps, event) // => { Resources: ['vpc-1'], Released: [{ IpamPoolId, Cidr, ... }] }
 */
export const reclaimEvent = async (
  deps: Deps,
  event: DeletionEvent,
  owner?: string,
): Promise<ReclaimReport> => {
  const targets = targetsOf(event).map((t) => (owner ? { ...t, ResourceOwner: owner } : t));
  const released: Reclaimed[] = [];
  for (const t of targets) released.push(...(await reclaimResource(deps, t)));
  return { Resources: targets.map((t) => t.ResourceId), Released: released };
};
