/**
 * The event sink of public space (core/ports/events.ts): one JSON log line per event (what a
 * deployed stack's log subscription or EventBridge rule picks up), and a POST of the same JSON to
 * the operator's webhook when one is configured. A webhook that does not answer 2xx in time fails
 * the operation, so a prefix is never recorded advertised while the router was not told.
 */

import { AllotError } from '../../core/errors';
import type { EventSink, PublicSpaceEvent } from '../../core/ports';

export interface EventSettings {
  webhookUrl?: string;
  timeoutMs: number;
}

export const eventSink = (s: EventSettings, log: (line: string) => void = console.log): EventSink => ({
  async emit(event: PublicSpaceEvent) {
    const body = JSON.stringify({ source: 'allot', ...event });
    log(body);
    if (!s.webhookUrl) return;
    let status = 0;
    try {
      const res = await fetch(s.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(s.timeoutMs),
      });
      status = res.status;
    } catch {
      status = 0;
    }
    if (status < 200 || status > 299)
      throw new AllotError(
        'ServiceUnavailable',
        'The advertising hook did not accept the event; retry the request.',
      );
  },
});
