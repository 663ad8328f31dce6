import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../core/ops/bulk/csv';
import {
  conflictsWithinFile,
  type ImportRow,
  parseTags,
  readHeader,
  readRow,
  rowToken,
} from '../../../core/ops/bulk/rows';

const HEADER = { line: 1, fields: ['Pool', 'CIDR', 'description', 'resource-id', 'resource_type', 'tags'] };

const rowsOf = (text: string): ImportRow[] => {
  const [head, ...records] = parseCsv(text);
  const at = readHeader(head ?? HEADER);
  if ('code' in at) throw new Error(at.message);
  return records.map((r) => readRow(r, at)).filter((r): r is ImportRow => !('code' in r));
};

describe('readHeader', () => {
  it('maps columns in any order and case', () => {
    expect(readHeader(HEADER)).toEqual({
      pool: 0,
      cidr: 1,
      description: 2,
      resource_id: 3,
      resource_type: 4,
      tags: 5,
    });
  });

  it('refuses an unknown column by name', () => {
    expect(readHeader({ line: 1, fields: ['pool', 'cidr', 'vlan'] })).toEqual({
      line: 1,
      code: 'InvalidParameterValue',
      message:
        'Unknown column "vlan"; the columns are pool, cidr, description, resource_id, resource_type, tags.',
    });
  });

  it('requires pool and cidr', () => {
    expect(readHeader({ line: 1, fields: ['cidr'] })).toEqual({
      line: 1,
      code: 'MissingParameter',
      message: 'The header must name the columns pool and cidr.',
    });
  });
});

describe('readRow', () => {
  const at = { pool: 0, cidr: 1, description: 2, tags: 3 };

  it('normalizes a row', () => {
    const row = readRow({ line: 2, fields: ['top/dev', '10.1.0.0/24', 'web, prod', 'env=dev;team=net'] }, at);

    expect(row).toEqual({
      line: 2,
      pool: 'top/dev',
      cidr: { version: 4, start: 0x0a010000n, prefix: 24 },
      description: 'web, prod',
      resourceId: '',
      resourceType: '',
      tags: [
        { Key: 'env', Value: 'dev' },
        { Key: 'team', Value: 'net' },
      ],
    });
  });

  it.each([
    [['', '10.0.0.0/24'], 'MissingParameter', 'The pool is empty.'],
    [['p', '10.0.0.1/24'], 'InvalidParameterValue', undefined],
    [['p', '010.0.0.0/24'], 'InvalidParameterValue', undefined],
    [
      ['p', '10.0.0.0'],
      'InvalidParameterValue',
      "'10.0.0.0' is not a valid CIDR: the /prefix length is missing.",
    ],
  ])('refuses %j with %s', (fields, code, message) => {
    const row = readRow({ line: 7, fields }, at);

    expect(row).toMatchObject({ line: 7, code, ...(message ? { message } : {}) });
  });
});

describe('parseTags', () => {
  it('reads key=value pairs separated by semicolons, a bare key with an empty value', () => {
    expect(parseTags(' env = dev ;owner;; ')).toEqual([
      { Key: 'env', Value: 'dev' },
      { Key: 'owner', Value: '' },
    ]);
  });
});

describe('conflictsWithinFile', () => {
  it('refuses a later row that overlaps an earlier row of the same pool, naming its line', () => {
    const rows = rowsOf('pool,cidr\np,10.0.0.0/16\np,10.1.0.0/16\np,10.0.4.0/24\nq,10.0.4.0/24\n');

    expect(conflictsWithinFile(rows)).toEqual([
      {
        line: 4,
        code: 'InvalidParameterValue',
        message: '10.0.4.0/24 overlaps 10.0.0.0/16 on line 2 of this file.',
      },
    ]);
  });
});

describe('rowToken', () => {
  it('is the same for the same content on another line, different for other content', () => {
    const [a, b, c] = rowsOf('pool,cidr,description\np,10.0.0.0/24,x\np,10.0.0.0/24,x\np,10.0.0.0/24,y\n');

    expect(a && rowToken(a)).toBe(b && rowToken(b));
    expect(a && rowToken(a)).not.toBe(c && rowToken(c));
    expect(a && rowToken(a)).toMatch(/^allot-import-[0-9a-f]{48}$/);
  });
});
