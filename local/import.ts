/**
 * `npm run import -- allocations.csv [--apply] [--endpoint URL] [--account ID]`: existing
 * allocations from a CSV file into Allot, through the JSON API's ImportIpamPoolAllocations.
 * Without --apply it is a dry run: every row's verdict, nothing written. The whole file is
 * checked in one request first; --apply then sends the rows in chunks (each request well inside
 * API Gateway's 29 s), with a progress bar on a terminal, and ends with a summary. With
 * `npm start` running it finds the stack itself; a re-run of the same file imports nothing twice.
 * Requests are SigV4-signed with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (the local pair test/test
 * by default); `--account ID` signs as that account on a stack started with several accounts.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { formatCsv, parseCsv } from '../core/ops/bulk/csv';
import type { RowVerdict } from '../core/ops/bulk/import';
import { accountSigner, envSigner, type Signer, signedJson } from './signed';
import { readStackState } from './stack-state';

export const CHUNK = 250;

export interface Chunk {
  /** The header and this chunk's records, as CSV. */
  text: string;
  /** The file line of each record of the chunk, in order (the chunk's line k + 2 is lines[k]). */
  lines: number[];
}

/**
 * The file as chunks of `size` records, each with the header.
 * @example chunksOf('pool,cidr\np,10.0.0.0/24\np,10.0.1.0/24\n', 1).map((c) => c.lines) // [[2], [3]]
 */
export const chunksOf = (csv: string, size = CHUNK): Chunk[] => {
  const [header, ...records] = parseCsv(csv);
  if (!header) return [];
  const out: Chunk[] = [];
  for (let i = 0; i < records.length; i += size) {
    const part = records.slice(i, i + size);
    out.push({
      text: formatCsv([header.fields, ...part.map((r) => r.fields)]),
      lines: part.map((r) => r.line),
    });
  }
  return out;
};

/** A row's verdict, as the action answers it. */
export type Verdict = RowVerdict;

/** A chunk's verdicts with the file's line numbers (a chunk's record k sits on its line k + 2). */
export const inFile = (chunk: Chunk, rows: Verdict[]): Verdict[] =>
  rows.map((r) => ({ ...r, Line: chunk.lines[r.Line - 2] ?? r.Line }));

const bar = (done: number, total: number): string => {
  const width = 30;
  const full = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done}/${total} rows`;
};

type Send = (csv: string, apply: boolean) => Promise<{ Rows: Verdict[] }>;

const sender =
  (endpoint: string, who: Signer): Send =>
  async (csv, apply) => {
    const res = await signedJson(endpoint, 'ImportIpamPoolAllocations', { Csv: csv, Apply: apply }, who);
    const body = (await res.json()) as { Rows: Verdict[]; Error?: { Code: string; Message: string } };
    if (body.Error) throw new Error(`${body.Error.Code}: ${body.Error.Message}`);
    return body;
  };

/** Checks the whole file, then (apply) sends it in chunks; the verdict of every row. */
export const runImport = async (
  csv: string,
  o: { apply: boolean; send: Send; progress?: (line: string) => void },
): Promise<Verdict[]> => {
  const checked = (await o.send(csv, false)).Rows;
  if (!o.apply) return checked;
  const out: Verdict[] = [];
  const chunks = chunksOf(csv);
  const total = chunks.reduce((n, c) => n + c.lines.length, 0);
  for (const chunk of chunks) {
    out.push(...inFile(chunk, (await o.send(chunk.text, true)).Rows));
    o.progress?.(bar(out.length, total));
  }
  // Rows the file check refused before any record (an empty or unreadable header) stay as checked.
  return out.length > 0 ? out : checked;
};

export const summaryLine = (rows: readonly Verdict[]): string => {
  const count = (v: string) => rows.filter((r) => r.Verdict === v).length;
  const refused = rows.length - count('ok') - count('imported') - count('already-imported');
  return `${rows.length} rows: ${count('ok')} ok, ${count('imported')} imported, ${count('already-imported')} already imported, ${refused} refused`;
};

const main = async (args: string[]) => {
  const file = args.find((a) => !a.startsWith('--'));
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (!file)
    throw new Error('usage: npm run import -- allocations.csv [--apply] [--endpoint URL] [--account ID]');
  const stack = readStackState();
  const endpoint = flag('--endpoint') ?? stack?.url;
  if (!endpoint) throw new Error('No running `npm start` found: give --endpoint http://…');
  const account = flag('--account');
  const apply = args.includes('--apply');
  const tty = process.stderr.isTTY;
  const rows = await runImport(readFileSync(file, 'utf8'), {
    apply,
    send: sender(endpoint, account ? accountSigner(account) : envSigner()),
    progress: (line) => tty && process.stderr.write(`\r${line}`),
  });
  if (tty && apply) process.stderr.write('\n');
  for (const r of rows)
    console.log(
      [
        r.Line,
        r.Verdict,
        r.Cidr ?? '',
        r.IpamPoolId ?? '',
        r.IpamPoolAllocationId ?? '',
        r.Message ?? '',
      ].join('\t'),
    );
  console.log(`${apply ? '' : 'Dry run (nothing written; --apply imports). '}${summaryLine(rows)}`);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
