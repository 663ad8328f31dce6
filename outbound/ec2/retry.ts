/**
 * Throttling retries and failure classification for the EC2 reader. Only throttling is retried:
 * authorisation failures do not heal within one discovery cycle, and the next cycle (F-RES-09,
 * 5 min) is the retry for everything else.
 */
import type { DiscoveryFailureReason } from '../../core/ops/monitoring/analysis/discovered';

export type Sleep = (ms: number) => Promise<void>;

export interface RetryOptions {
  /** Attempts per request, the first included. Default 5. */
  maxAttempts?: number;
  /** First back-off in ms, doubled per retry up to `maxDelayMs`. Defaults 200 and 5000. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injectable for tests; defaults to setTimeout. */
  sleep?: Sleep;
  /** Jitter source in [0, 1): the wait is half fixed, half random. Default Math.random. */
  random?: () => number;
}

const THROTTLING = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
]);
const UNAUTHORIZED = new Set(['UnauthorizedOperation', 'AuthFailure', 'UnauthorizedAccess']);

export const errorName = (e: unknown): string => {
  const err = e as { name?: string; Code?: string; code?: string } | undefined;
  return err?.Code ?? (err?.name && err.name !== 'Error' ? err.name : undefined) ?? err?.code ?? 'Error';
};

export const isThrottling = (e: unknown): boolean => THROTTLING.has(errorName(e));

/**
 * Map an error onto `IpamDiscoveryFailureCode`. Anything that is neither throttling nor an EC2
 * authorisation error means the collector could not act in that account as intended
 * (credentials, role assumption, opted-out region), which is what `assume-role-failure` reports.
 * @example classifyFailure({ name: 'UnauthorizedOperation', message: 'no' }) // { Code: 'unauthorized-failure', Message: 'UnauthorizedOperation: no' }
 */
export const classifyFailure = (e: unknown): DiscoveryFailureReason => {
  const name = errorName(e);
  const Message = `${name}: ${(e as { message?: string } | undefined)?.message ?? String(e)}`;
  if (THROTTLING.has(name)) return { Code: 'throttling-failure', Message };
  if (UNAUTHORIZED.has(name)) return { Code: 'unauthorized-failure', Message };
  return { Code: 'assume-role-failure', Message };
};

const defaults = (o: RetryOptions) => ({
  maxAttempts: o.maxAttempts ?? 5,
  baseDelayMs: o.baseDelayMs ?? 200,
  maxDelayMs: o.maxDelayMs ?? 5000,
  sleep: o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
  random: o.random ?? Math.random,
});

/** Wait before retry number `retry` (1-based): capped exponential, equal jitter. */
export const backoff = (retry: number, o: RetryOptions = {}): number => {
  const d = defaults(o);
  const cap = Math.min(d.maxDelayMs, d.baseDelayMs * 2 ** (retry - 1));
  return Math.round(cap / 2 + (d.random() * cap) / 2);
};

/**
 * Run `attempt` until it succeeds, a non-throttling error occurs, or attempts run out.
 * `attempt` receives the retry number so a paginated read can resume where it stopped.
 */
export const withRetry = async <T>(
  attempt: (retry: number) => Promise<T>,
  o: RetryOptions = {},
): Promise<T> => {
  const d = defaults(o);
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(retry);
    } catch (e) {
      if (!isThrottling(e) || retry + 1 >= d.maxAttempts) throw e;
      await d.sleep(backoff(retry + 1, o));
    }
  }
};

/**
 * Read every page, retrying a throttled page from its own token rather than from page one:
 * the SDK paginator takes a `startingToken`, so a retry resumes at the page that failed. The
 * attempt budget is per page.
 */
export const collectPages = async <P>(
  pages: (startingToken: string | undefined) => AsyncIterable<P>,
  nextToken: (page: P) => string | undefined,
  o: RetryOptions = {},
): Promise<P[]> => {
  const d = defaults(o);
  const out: P[] = [];
  let token: string | undefined;
  let failures = 0;
  for (;;) {
    try {
      for await (const page of pages(token)) {
        out.push(page);
        token = nextToken(page);
        failures = 0;
      }
      return out;
    } catch (e) {
      failures++;
      if (!isThrottling(e) || failures >= d.maxAttempts) throw e;
      await d.sleep(backoff(failures, o));
    }
  }
};
