import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsv, parseCsv } from '../../../core/ops/bulk/csv';

describe('parseCsv', () => {
  it.each([
    [
      'plain fields',
      'a,b,c\n1,2,3\n',
      [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['1', '2', '3'] },
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
      ],
    ],
    [
      'no trailing newline',
      'a,b\n1,2',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
      ],
    ],
    ['a comma in quotes', 'x,"a, b"\n', [{ line: 1, fields: ['x', 'a, b'] }]],
    ['doubled quotes', '"say ""hi"""\n', [{ line: 1, fields: ['say "hi"'] }]],
    ['empty fields', 'a,,\n', [{ line: 1, fields: ['a', '', ''] }]],
    ['an empty quoted field', '"",b\n', [{ line: 1, fields: ['', 'b'] }]],
    [
      'blank lines skipped',
      'a\n\n\nb\n',
      [
        { line: 1, fields: ['a'] },
        { line: 4, fields: ['b'] },
      ],
    ],
    ['a byte-order mark', '\uFEFFa,b\n', [{ line: 1, fields: ['a', 'b'] }]],
  ])('reads %s', (_name, text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
  });

  it('keeps a newline inside quotes and counts lines from where each record starts', () => {
    const records = parseCsv('id,description\n1,"two\nlines"\n2,after\n');

    expect(records).toEqual([
      { line: 1, fields: ['id', 'description'] },
      { line: 2, fields: ['1', 'two\nlines'] },
      { line: 4, fields: ['2', 'after'] },
    ]);
  });

  it('refuses a quote that never closes, naming the line it opened on', () => {
    const act = () => parseCsv('a\n"open,b\nc\n');

    expect(act).toThrow(CsvSyntaxError);
    expect(act).toThrow('line 2: a quoted field is never closed.');
  });
});

describe('formatCsv', () => {
  it('quotes only fields that need it and round-trips through parseCsv', () => {
    const rows = [
      ['cidr', 'description'],
      ['10.0.0.0/24', 'web, "prod"\nsecond line'],
    ];

    const text = formatCsv(rows);

    expect(text).toBe('cidr,description\r\n10.0.0.0/24,"web, ""prod""\nsecond line"\r\n');
    expect(parseCsv(text).map((r) => r.fields)).toEqual(rows);
  });
});
