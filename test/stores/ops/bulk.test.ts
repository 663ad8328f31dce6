/**
 * ImportIpamPoolAllocations on both stores: every row gets a verdict before anything is written,
 * conflicts are named, and a re-run of the same file imports nothing twice.
 */
import { describe, expect, it } from 'vitest';
import { ipamWithPool, makeEnv } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

const tag = (Name: string) => [{ ResourceType: 'ipam-pool', Tags: [{ Key: 'Name', Value: Name }] }];

describe.each(storeFactories())('bulk import (%s store)', (_name, makeStore) => {
  const setup = async () => {
    const e = makeEnv(await makeStore());
    const { poolId, scopeId } = await ipamWithPool(e, { TagSpecifications: tag('corp') }, '10.0.0.0/8');
    const dev = (
      await e.call('CreateIpamPool', {
        IpamScopeId: scopeId,
        AddressFamily: 'ipv4',
        SourceIpamPoolId: poolId,
        TagSpecifications: tag('dev'),
      })
    ).IpamPool.IpamPoolId as string;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: dev, Cidr: '10.1.0.0/16' });
    const farm = (
      await e.call('AllocateIpamPoolCidr', {
        IpamPoolId: dev,
        Cidr: '10.1.200.0/24',
        Description: 'build farm',
      })
    ).IpamPoolAllocation.IpamPoolAllocationId as string;
    return { e, poolId, dev, farm };
  };

  const CSV = (dev: string) =>
    [
      'Pool,CIDR,Description,Tags',
      `${dev},10.1.0.0/24,"web, tier 1",env=prod;team=web`,
      'corp/dev,10.1.1.0/24,db,',
      'corp/dev,10.1.0.128/25,clash in file,',
      `${dev},10.1.200.0/25,under the farm,`,
      'corp/nope,10.1.2.0/24,,',
      `${dev},10.1.3.0/33,,`,
      'ipam-pool-0123456789abcdef0,10.1.4.0/24,,',
    ].join('\n');

  it('checks every row first: a dry run names each conflict and writes nothing', async () => {
    const { e, dev, farm } = await setup();
    const res = await e.call('ImportIpamPoolAllocations', { Csv: CSV(dev) });
    expect(res.Rows).toEqual([
      { Line: 2, Verdict: 'ok', IpamPoolId: dev, Cidr: '10.1.0.0/24' },
      { Line: 3, Verdict: 'ok', IpamPoolId: dev, Cidr: '10.1.1.0/24' },
      {
        Line: 4,
        Verdict: 'InvalidParameterValue',
        Message: '10.1.0.128/25 overlaps 10.1.0.0/24 on line 2 of this file.',
      },
      {
        Line: 5,
        Verdict: 'InsufficientCidrBlocks',
        IpamPoolId: dev,
        Cidr: '10.1.200.0/25',
        Message: `10.1.200.0/25 overlaps 10.1.200.0/24 (${farm}, "build farm") in pool ${dev}.`,
      },
      {
        Line: 6,
        Verdict: 'InvalidIpamPoolId.NotFound',
        Message: "No pool has the Name path 'corp/nope' (top-level Name / child Name / …).",
      },
      {
        Line: 7,
        Verdict: 'InvalidParameterValue',
        Message: "'10.1.3.0/33' has an invalid prefix length; IPv4 prefix lengths are /0 to /32.",
      },
      {
        Line: 8,
        Verdict: 'InvalidIpamPoolId.NotFound',
        Message: "The IPAM pool ID 'ipam-pool-0123456789abcdef0' does not exist.",
      },
    ]);
    expect(res.Summary).toEqual({ Rows: 7, Ok: 2, Imported: 0, AlreadyImported: 0, Refused: 5 });
    expect((await e.call('GetIpamPoolAllocations', { IpamPoolId: dev })).IpamPoolAllocations).toHaveLength(1);
  });

  it('applies the good rows through the claim, and a re-run imports nothing twice', async () => {
    const { e, dev } = await setup();
    const first = await e.call('ImportIpamPoolAllocations', { Csv: CSV(dev), Apply: true });
    expect(first.Summary).toEqual({ Rows: 7, Ok: 0, Imported: 2, AlreadyImported: 0, Refused: 5 });
    const made = (await e.call('GetIpamPoolAllocations', { IpamPoolId: dev })).IpamPoolAllocations;
    expect(
      made.map((a: { Cidr: string; Description?: string; Tags?: unknown }) => [
        a.Cidr,
        a.Description ?? '',
        a.Tags,
      ]),
    ).toEqual([
      [
        '10.1.0.0/24',
        'web, tier 1',
        [
          { Key: 'env', Value: 'prod' },
          { Key: 'team', Value: 'web' },
        ],
      ],
      ['10.1.1.0/24', 'db', []],
      ['10.1.200.0/24', 'build farm', []],
    ]);
    const again = await e.call('ImportIpamPoolAllocations', { Csv: CSV(dev), Apply: true });
    expect(again.Rows.slice(0, 2)).toEqual([
      {
        Line: 2,
        Verdict: 'already-imported',
        IpamPoolId: dev,
        Cidr: '10.1.0.0/24',
        IpamPoolAllocationId: first.Rows[0].IpamPoolAllocationId,
      },
      {
        Line: 3,
        Verdict: 'already-imported',
        IpamPoolId: dev,
        Cidr: '10.1.1.0/24',
        IpamPoolAllocationId: first.Rows[1].IpamPoolAllocationId,
      },
    ]);
    expect(again.Summary).toEqual({ Rows: 7, Ok: 0, Imported: 0, AlreadyImported: 2, Refused: 5 });
    expect((await e.call('GetIpamPoolAllocations', { IpamPoolId: dev })).IpamPoolAllocations).toHaveLength(3);
  });
});
