/**
 * POST /v1/DeliverEvent (Allot-specific, JSON only): hand a deletion event to reclamation by hand,
 * e.g. locally where no EventBridge runs. The body is the EventBridge event; it acts only on the
 * caller's own account, whatever account the event names.
 */
import type { DeletionEvent } from '../../core/ops/reclaim/event';
import { reclaimEvent } from '../../core/ops/reclaim/run';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('DeliverEvent', ({ deps, caller, input }) =>
  reclaimEvent(deps, input as DeletionEvent, caller.accountId),
);
