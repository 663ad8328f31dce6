/**
 * The access log: one JSON line per request at either door (time, action, account, HTTP status,
 * milliseconds), next to the audit lines of writes. The local stack shows it as one short line
 * per request (local/log-lines.ts); in AWS it is one CloudWatch line per invocation.
 */
import type { Event } from './codecs/types';

interface Pending {
  started: number;
  action?: string;
  account?: string;
}

const pending = new WeakMap<Event, Pending>();

/** Starts the clock for a request. */
export const accessBegin = (event: Event, now = Date.now()): void => {
  pending.set(event, { started: now });
};

/** Records what the request turned out to be, as soon as it is known. */
export const accessNote = (event: Event, what: { action?: string; account?: string }): void => {
  const p = pending.get(event);
  if (p) Object.assign(p, what);
};

/**
 * Writes the request's line.
 * @example accessEnd(event, 200, 'req-1') // {"access":"allot","time":"…","action":"DescribeIpams","account":"…","status":200,"ms":12,"requestId":"req-1"}
 */
export const accessEnd = (
  event: Event,
  status: number,
  requestId: string,
  write: (line: string) => void = console.log,
  now = Date.now(),
): void => {
  const p = pending.get(event);
  pending.delete(event);
  write(
    JSON.stringify({
      access: 'allot',
      time: new Date(now).toISOString(),
      ...(p?.action ? { action: p.action } : {}),
      ...(p?.account ? { account: p.account } : {}),
      status,
      ms: p ? now - p.started : 0,
      requestId,
    }),
  );
};
