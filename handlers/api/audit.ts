/**
 * The audit trail (F-MET-15): every call of a write action, whatever its outcome, as one JSON log
 * line beginning `{"audit":"allot"`: time, action, account, region, request id, outcome (`ok` or the
 * error code) and the ids and CIDRs the request named or the answer created. Reads, DryRun checks
 * and PreviewNextCidr are not writes and are left out. Deployed, the lines go to CloudWatch Logs,
 * where a subscription filter on `"audit":"allot"` turns them into a stream.
 */
import { isAllotError } from '../../core/errors';

const READS = /^(Describe|Get|List|Search)/;

export interface AuditEntry {
  action: string;
  caller: { accountId: string; region: string; principal?: { arn?: string; accessKeyId: string } };
  input: Record<string, unknown>;
  requestId: string;
}

/** Is this call a write worth a line? */
export const auditable = (action: string, input: Record<string, unknown>): boolean =>
  !READS.test(action) && input.DryRun !== true && input.PreviewNextCidr !== true;

const TARGET = /(Id|Cidr)$/;
const NOT_TARGETS = new Set(['OwnerId', 'RequestId', 'ResourceOwnerId']);

/** The ids and CIDRs at the top of the request and one level into the answer, sorted, unique. */
export const targetsOf = (input: Record<string, unknown>, output?: Record<string, unknown>): string[] => {
  const found = new Set<string>();
  const scan = (o: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(o))
      if (typeof v === 'string' && TARGET.test(k) && !NOT_TARGETS.has(k)) found.add(v);
  };
  scan(input);
  for (const v of Object.values(output ?? {}))
    if (v && typeof v === 'object' && !Array.isArray(v)) scan(v as Record<string, unknown>);
  return [...found].sort();
};

/** Who signed, when a credential did: its principal (absent for an account's root) and key. */
const principalOf = (caller: AuditEntry['caller']) =>
  caller.principal
    ? { principal: caller.principal.arn ?? 'root', accessKeyId: caller.principal.accessKeyId }
    : {};

/** Request headers that say who tried to sign (never the signature itself). */
const keyIdOf = (authorization: string | undefined): string | undefined =>
  /Credential=([A-Za-z0-9]{1,128})\//.exec(authorization ?? '')?.[1];

/**
 * A refused authentication is an audit line too, whatever the action: time, the access key id the
 * request named, the source address, the code and reason.
 * @example authFailureLine({ code: 'AuthFailure', message: '…' }, { authorization: '…' }, '10.0.0.1', 'req-1')
 */
export const authFailureLine = (
  error: { code: string; message: string },
  headers: Record<string, string | undefined>,
  sourceIp: string | undefined,
  requestId: string,
  log: (line: string) => void = console.log,
  now: () => Date = () => new Date(),
): void => {
  const accessKeyId = keyIdOf(headers.authorization ?? headers.Authorization);
  log(
    JSON.stringify({
      audit: 'allot',
      time: now().toISOString(),
      outcome: error.code,
      ...(accessKeyId ? { accessKeyId } : {}),
      ...(sourceIp ? { sourceIp } : {}),
      requestId,
      reason: error.message,
    }),
  );
};

/**
 * Runs `run` and, for a write, logs its audit line (also when it fails, then rethrows).
 * @example const out = await audited({ action, caller, input, requestId }, () => op(deps, caller, input));
 */
export const audited = async <T extends object>(
  entry: AuditEntry,
  run: () => Promise<T>,
  log: (line: string) => void = console.log,
  now: () => Date = () => new Date(),
): Promise<T> => {
  if (!auditable(entry.action, entry.input)) return run();
  const line = (outcome: string, output?: T) =>
    log(
      JSON.stringify({
        audit: 'allot',
        time: now().toISOString(),
        action: entry.action,
        account: entry.caller.accountId,
        region: entry.caller.region,
        ...principalOf(entry.caller),
        requestId: entry.requestId,
        outcome,
        targets: targetsOf(entry.input, output as Record<string, unknown> | undefined),
      }),
    );
  try {
    const output = await run();
    line('ok', output);
    return output;
  } catch (err) {
    line(isAllotError(err) ? err.code : 'InternalError');
    throw err;
  }
};
