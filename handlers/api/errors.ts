/**
 * The one table from domain error codes to HTTP statuses (STYLE habit 3). EC2 answers client
 * errors with 400, including `.NotFound` codes; authorisation with 403, signature problems with
 * 401, and DryRunOperation with 412. Anything not in core's catalogue is a 500 without internals.
 */
import { type ErrorCode, isAllotError } from '../../core/errors';

const STATUS: Partial<Record<ErrorCode, number>> = {
  UnauthorizedOperation: 403,
  AuthFailure: 401,
  SignatureDoesNotMatch: 401,
  RequestExpired: 401,
  DryRunOperation: 412,
  InternalError: 500,
  ServiceUnavailable: 503,
};

export interface WireError {
  status: number;
  code: string;
  message: string;
  /** The protocol's reason code, where it has one (Organizations' `Reason`). */
  reason?: string;
}

export const toWireError = (err: unknown): WireError => {
  if (isAllotError(err))
    return {
      status: STATUS[err.code] ?? 400,
      code: err.code,
      message: err.message,
      ...(err.reason ? { reason: err.reason } : {}),
    };
  return { status: 500, code: 'InternalError', message: 'An internal error has occurred.' };
};
