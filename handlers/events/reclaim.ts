/**
 * EventBridge → release the space of deleted resources (CloudTrail EC2 deletions and Allot's own
 * `Resource Deleted` event). Failures throw: Lambda retries the asynchronous invocation, then
 * hands the event to the dead-letter queue (serverless.yml, ReclaimDeadLetterQueue).
 */
import { type DeletionEvent, reclaimEvent } from '../../core/ops/reclaim/run';
import { runtime } from '../runtime/deps';

export const handler = async (event: DeletionEvent) => {
  const report = await reclaimEvent(runtime().deps, event);
  console.log(JSON.stringify({ reclaim: event['detail-type'], ...report }));
  return report;
};
