/** The import and export commands' pure parts (local/import.ts, local/export.ts). */
import { describe, expect, it } from 'vitest';
import { allocationsCsv } from '../../../local/export';
import { chunksOf, inFile, summaryLine } from '../../../local/import';

describe('npm run import', () => {
  it('sends the file in chunks with its header, and maps verdicts back to the file lines', () => {
    const csv = 'pool,cidr\n\np,10.0.0.0/24\np,10.0.1.0/24\np,"10.0.2.0/24"\n';
    const chunks = chunksOf(csv, 2);
    expect(chunks).toEqual([
      { text: 'pool,cidr\r\np,10.0.0.0/24\r\np,10.0.1.0/24\r\n', lines: [3, 4] },
      { text: 'pool,cidr\r\np,10.0.2.0/24\r\n', lines: [5] },
    ]);
    expect(inFile(chunks[1]!, [{ Line: 2, Verdict: 'imported' }])).toEqual([
      { Line: 5, Verdict: 'imported' },
    ]);
  });

  it('sums the verdicts up', () => {
    const rows = ['ok', 'imported', 'imported', 'already-imported', 'InsufficientCidrBlocks'].map(
      (Verdict, i) => ({
        Line: i + 2,
        Verdict,
      }),
    );
    expect(summaryLine(rows)).toBe('5 rows: 1 ok, 2 imported, 1 already imported, 1 refused');
  });
});

describe('npm run export', () => {
  it('writes allocations in the columns import reads, leaving out child-pool allocations', () => {
    expect(
      allocationsCsv([
        {
          IpamPoolId: 'ipam-pool-1',
          Cidr: '10.0.0.0/24',
          Description: 'web, tier 1',
          ResourceType: 'custom',
          Tags: [{ Key: 'env', Value: 'prod' }],
        },
        {
          IpamPoolId: 'ipam-pool-1',
          Cidr: '10.1.0.0/16',
          ResourceType: 'ipam-pool',
          ResourceId: 'ipam-pool-2',
        },
        { IpamPoolId: 'ipam-pool-2', Cidr: '10.1.0.0/24', ResourceType: 'vpc', ResourceId: 'vpc-1' },
      ]),
    ).toBe(
      'pool,cidr,description,resource_id,resource_type,tags\r\n' +
        'ipam-pool-1,10.0.0.0/24,"web, tier 1",,,env=prod\r\n' +
        'ipam-pool-2,10.1.0.0/24,,vpc-1,vpc,\r\n',
    );
  });
});
