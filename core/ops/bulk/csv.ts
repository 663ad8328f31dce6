/**
 * RFC 4180 CSV, small and strict: fields separated by commas, records by CRLF or LF, a field in
 * double quotes may hold commas, newlines and doubled quotes (""). Written here rather than taken
 * from a package because the import needs only this and line numbers for its verdicts.
 */

/** One record of a CSV text and the line (1-based) it starts on, for per-row messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Thrown text for a quote that never closes; the caller turns it into a coded error. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

interface Cursor {
  text: string;
  at: number;
  line: number;
}

/** Read a quoted field starting after its opening quote; leaves the cursor after the closing one. */
const readQuoted = (c: Cursor): string => {
  const startLine = c.line;
  let out = '';
  for (;;) {
    const q = c.text.indexOf('"', c.at);
    if (q < 0) throw new CsvSyntaxError(startLine, `line ${startLine}: a quoted field is never closed.`);
    const chunk = c.text.slice(c.at, q);
    c.line += chunk.split('\n').length - 1;
    out += chunk;
    if (c.text[q + 1] === '"') {
      out += '"';
      c.at = q + 2;
      continue;
    }
    c.at = q + 1;
    return out;
  }
};

/** Read a bare field up to the next comma or line end. */
const readBare = (c: Cursor): string => {
  let end = c.at;
  while (end < c.text.length && c.text[end] !== ',' && c.text[end] !== '\n' && c.text[end] !== '\r') end++;
  const field = c.text.slice(c.at, end);
  c.at = end;
  return field;
};

/** Read one record's fields; the cursor ends after the record's line break (or at the end). */
const readRecord = (c: Cursor): string[] => {
  const fields: string[] = [];
  for (;;) {
    if (c.text[c.at] === '"') {
      c.at++;
      fields.push(readQuoted(c) + readBare(c));
    } else fields.push(readBare(c));
    const ch = c.text[c.at];
    if (ch === ',') {
      c.at++;
      continue;
    }
    if (ch === '\r') c.at++;
    if (c.text[c.at] === '\n') c.at++;
    c.line++;
    return fields;
  }
};

/**
 * Parse CSV text into records, skipping blank lines (a trailing newline is not a record).
 * @example parseCsv('a,"b,c"\n1,"say ""hi"""\n') // [{ line: 1, fields: ['a', 'b,c'] }, { line: 2, fields: ['1', 'say "hi"'] }]
 */
export const parseCsv = (text: string): CsvRecord[] => {
  const c: Cursor = { text: text.replace(/^\uFEFF/, ''), at: 0, line: 1 };
  const records: CsvRecord[] = [];
  while (c.at < c.text.length) {
    const line = c.line;
    const fields = readRecord(c);
    if (fields.length === 1 && fields[0] === '') continue;
    records.push({ line, fields });
  }
  return records;
};

/** Quote a field when it needs it (comma, quote, CR or LF), doubling inner quotes. */
export const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** Format records as CSV with CRLF line ends, as RFC 4180 writes them. */
export const formatCsv = (rows: readonly (readonly string[])[]): string =>
  rows.map((r) => r.map(csvField).join(',')).join('\r\n') + (rows.length ? '\r\n' : '');
