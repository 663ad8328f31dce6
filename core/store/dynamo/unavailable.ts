/**
 * A store that is down, slow or throttling answers `ServiceUnavailable` (503, retryable), never a
 * bare 500: the client middleware below turns every error that says "the store did not do it, or
 * cannot say" (no connection, a timeout, a 5xx, throttling) into that code, while the answers the
 * adapter reads as values (a failed condition, a cancelled transaction: failures.ts) and genuine
 * bugs (ValidationException) pass through unchanged. A write whose answer was lost may have been
 * applied: retried with the same ClientToken it is applied once.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AllotError } from '../../errors';

interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: { Code?: string | null }[];
}

const BUSY = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const BUSY_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/** Whether an error means the store could not be reached or could not serve the request. */
export const isUnavailable = (err: unknown): boolean => {
  const e = (err ?? {}) as SdkError;
  if (e.name && BUSY.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) {
    if (status >= 500) return true;
    if (e.name !== 'TransactionCanceledException') return false;
    return (e.CancellationReasons ?? []).some((r) => r.Code != null && BUSY_REASONS.has(r.Code));
  }
  // No HTTP answer at all: refused, reset, timed out, DNS.
  return true;
};

const patched = new WeakSet<object>();

/**
 * Adds the translation to a document client once (clients may be shared by several stores).
 * @example withUnavailable(createDocumentClient({ region: 'us-east-1' }))
 */
export const withUnavailable = (client: DynamoDBDocumentClient): DynamoDBDocumentClient => {
  if (patched.has(client)) return client;
  patched.add(client);
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (err instanceof AllotError || !isUnavailable(err)) throw err;
        const name = (err as SdkError).name ?? (err as SdkError).code ?? 'no answer';
        throw new AllotError(
          'ServiceUnavailable',
          `The address store is unavailable (${name}). Retry the request; with the same ClientToken a create is applied at most once.`,
        );
      }
    },
    { step: 'initialize', name: 'allotUnavailable' },
  );
  return client;
};
