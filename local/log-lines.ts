/**
 * What the local stack prints: serverless-offline's output, line by line, routed. Each request's
 * access line becomes one short line; audit, metric and discovery JSON lines go to their own files
 * (local/.data/logs) and show on screen only with ALLOT_VERBOSE=1, as does serverless-offline's own
 * per-request chatter; anything else (errors, stack traces) always shows.
 */
export type LogFile = 'audit' | 'metrics' | 'discovery';

export interface Routed {
  /** What to print, if anything. */
  screen?: string;
  /** Which log file the line belongs in, if any. */
  file?: LogFile;
}

const parse = (line: string): Record<string, unknown> | undefined => {
  if (!line.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(line);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
};

/** `07:31:09  CreateIpam  111122223333  200  14 ms` */
export const accessText = (a: Record<string, unknown>): string =>
  [
    String(a.time ?? '').slice(11, 19),
    String(a.action ?? '-').padEnd(36),
    String(a.account ?? '-').padEnd(12),
    String(a.status ?? '-'),
    `${a.ms ?? '-'} ms`,
  ].join('  ');

/** A discovery target whose read failed is worth a line even when quiet. */
const discoveryText = (d: Record<string, unknown>): string | undefined =>
  d.event === 'target' && d.outcome !== 'replaced' && d.outcome !== 'unchanged'
    ? `discovery: reading account ${d.accountId} in ${d.region} failed: ${d.outcome}`
    : undefined;

/** serverless-offline's own lines per request: `POST /v1/X (λ: X)` and `(λ: X) RequestId: … Duration …`. */
const OFFLINE_CHATTER = /^(?:(?:GET|POST|PUT|DELETE|OPTIONS) \/\S* \(λ: [^)]*\)|\(λ: [^)]*\) RequestId: )/;

export const routeLine = (line: string, verbose: boolean): Routed => {
  const json = parse(line.trim());
  if (json?.access === 'allot') return { screen: accessText(json) };
  const file: LogFile | undefined =
    json?.audit === 'allot'
      ? 'audit'
      : json?._aws
        ? 'metrics'
        : json?.job === 'discovery'
          ? 'discovery'
          : undefined;
  if (file) {
    const told = file === 'discovery' && json ? discoveryText(json) : undefined;
    return { file, ...(verbose ? { screen: line } : told ? { screen: told } : {}) };
  }
  if (line.trim() === '' || OFFLINE_CHATTER.test(line.trim())) return verbose ? { screen: line } : {};
  return { screen: line };
};

/** Splits a stream into lines: feed chunks, get whole lines; the rest waits for the next chunk. */
export const lineSplitter = () => {
  let rest = '';
  return (chunk: string): string[] => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    return parts;
  };
};
