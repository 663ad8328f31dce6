/**
 * F-TUT-HIST (FEATURES-monitoring §15.4): the IP address history tutorial as an acceptance test.
 * The IPAM and pools are made with the real `@aws-sdk/client-ec2`; the fixture's snapshots are
 * reconciled in this process against the stack's table at the fixture's sample times (a fake
 * clock, F-HIST-04), exactly as the discovery job would; every scenario is then queried through
 * the EC2 endpoint and compared as a set (F-HIST-12).
 */
import {
  CreateIpamCommand,
  CreateIpamPoolCommand,
  type EC2Client,
  GetIpamAddressHistoryCommand,
  type GetIpamAddressHistoryCommandInput,
  GetIpamPoolCidrsCommand,
  type IpamAddressHistoryRecord,
  ProvisionIpamPoolCidrCommand,
  paginateGetIpamAddressHistory,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileIpam } from '../../core/ops/monitoring/resources';
import { defaultConfig, randomIds } from '../../core/ops/registry';
import { createDocumentClient, DynamoStore } from '../../core/store/dynamo';
import type { LocalStack } from '../../local/stack';
import { ec2Client, expectEc2Error } from '../helpers/ec2';
import { type ProofServers, rdapRecord, signed, startProofServers } from '../helpers/proof';
import { testStack } from '../helpers/stack';
import { FIXTURE_EVENTS, H, rowsAt, TUT_OWNER } from '../helpers/tut-hist';

let stack: LocalStack;
let proof: ProofServers;
let ec2: EC2Client;
let S1: string;
let S2: string;

/** Records as plain objects with ISO times, sorted, for set comparison. */
const plain = (records: IpamAddressHistoryRecord[] = []) =>
  records
    .map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
      ),
    )
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const expected = (...names: string[]) => plain(names.map((n) => H[n]!) as IpamAddressHistoryRecord[]);

const history = async (
  input: Omit<GetIpamAddressHistoryCommandInput, 'IpamScopeId'> & { IpamScopeId?: string },
) => plain((await ec2.send(new GetIpamAddressHistoryCommand({ IpamScopeId: S1, ...input }))).HistoryRecords);

beforeAll(async () => {
  // The BYOIP pool's range is proven with the X.509 method against a loopback RDAP record.
  proof = await startProofServers();
  proof.rdap.set('ip/2605:9cc0:400::/40', rdapRecord('2605:9cc0:400::/40'));
  stack = await testStack({
    tableName: 'allot-e2e-tut-hist',
    env: {
      ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1',
      ALLOT_RDAP_URL: proof.rdapUrl,
      ALLOT_PROVISION_SETTLE_SECONDS: '0',
    },
  });
  ec2 = ec2Client(stack.url, { accessKeyId: TUT_OWNER });
  const { Ipam } = await ec2.send(
    new CreateIpamCommand({ OperatingRegions: [{ RegionName: 'us-east-2' }, { RegionName: 'us-west-2' }] }),
  );
  S1 = Ipam!.PrivateDefaultScopeId!;
  S2 = Ipam!.PublicDefaultScopeId!;
  // A pool that auto-imports the VPC of H4, and a BYOIP IPv6 pool for H5/H6: both managed.
  const pool = async (input: ConstructorParameters<typeof CreateIpamPoolCommand>[0], cidr: string) => {
    const { IpamPool } = await ec2.send(new CreateIpamPoolCommand(input));
    const IpamPoolId = IpamPool!.IpamPoolId!;
    const byoip = input!.IpamScopeId === S2 ? { CidrAuthorizationContext: signed(TUT_OWNER, cidr) } : {};
    await ec2.send(new ProvisionIpamPoolCidrCommand({ IpamPoolId, Cidr: cidr, ...byoip }));
    // The first read settles a pending BYOIP CIDR (ALLOT_PROVISION_SETTLE_SECONDS=0).
    const { IpamPoolCidrs } = await ec2.send(new GetIpamPoolCidrsCommand({ IpamPoolId }));
    expect(IpamPoolCidrs?.map((c) => c.State)).toEqual(['provisioned']);
  };
  await pool(
    { IpamScopeId: S1, AddressFamily: 'ipv4', Locale: 'us-east-1', AutoImport: true },
    '10.2.0.0/16',
  );
  await pool(
    {
      IpamScopeId: S2,
      AddressFamily: 'ipv6',
      Locale: 'us-east-2',
      AwsService: 'ec2',
      PublicIpSource: 'byoip',
      AutoImport: true,
    },
    '2605:9cc0:400::/40',
  );
  // The snapshots, reconciled at their sample times.
  const client = createDocumentClient({ endpoint: stack.ddbEndpoint, region: 'us-east-1' });
  const clock = { now: 0 };
  const deps = {
    store: new DynamoStore({ client, tableName: stack.tableName }),
    now: () => clock.now,
    ids: randomIds(),
    config: { ...defaultConfig(), reuseDelayMs: { advanced: 0, free: 0 } },
  };
  const covered = ['us-east-1', 'us-east-2', 'us-west-2'].map((Region) => ({ AccountId: TUT_OWNER, Region }));
  try {
    for (const t of FIXTURE_EVENTS) {
      clock.now = t.getTime();
      await reconcileIpam(deps, { ipamId: Ipam!.IpamId!, discovered: rowsAt(t), covered, now: t });
    }
  } finally {
    client.destroy();
  }
}, 180_000);

afterAll(async () => {
  ec2?.destroy();
  await stack?.stop();
  await proof?.stop();
});

describe('F-TUT-HIST: view IP address history with the CLI', () => {
  it('scenarios 1 and 2: an instance address in a window; the service-owned instance has no ID', async () => {
    const window = {
      StartTime: new Date('2021-12-20T01:00:00.000Z'),
      EndTime: new Date('2021-12-27T21:00:00.000Z'),
    };
    expect(await history({ Cidr: '10.2.1.155/32', ...window })).toEqual(expected('H1', 'H2'));
    expect(await history({ Cidr: '10.0.0.176/32', ...window })).toEqual(expected('H11', 'H12'));
  });

  it('scenario 3: a subnet and its VPC; only the VPC record carries statuses', async () => {
    expect(
      await history({
        Cidr: '10.2.1.0/24',
        StartTime: new Date('2021-12-01T00:00:00.000Z'),
        EndTime: new Date('2021-12-27T23:59:59.000Z'),
      }),
    ).toEqual(expected('H3', 'H4'));
  });

  it('scenario 4: IPv6 held by two VPCs in another region, one after the other', async () => {
    expect(
      await history({
        IpamScopeId: S2,
        Cidr: '2605:9cc0:409::/56',
        StartTime: new Date('2021-12-01T01:00:00.000Z'),
        EndTime: new Date('2021-12-27T23:59:59.000Z'),
      }),
    ).toEqual(expected('H5', 'H6'));
  });

  it('scenario 5 and extra checks 1, 2, 5: a window up to now, an end time, a VPC filter, paging', async () => {
    const since = { Cidr: '10.0.0.0/24', StartTime: new Date('2021-12-27T00:00:00.000Z') };
    expect(await history(since)).toEqual(expected('H7', 'H8', 'H9', 'H10'));
    expect(await history({ ...since, EndTime: new Date('2021-12-27T23:59:59Z') })).toEqual(
      expected('H7', 'H8', 'H9', 'H10'),
    );
    expect(await history({ ...since, VpcId: 'vpc-0a8347f594bea5901' })).toEqual(expected('H9'));
    const pages: IpamAddressHistoryRecord[][] = [];
    for await (const page of paginateGetIpamAddressHistory(
      { client: ec2, pageSize: 1 },
      { IpamScopeId: S1, ...since },
    ))
      pages.push(page.HistoryRecords ?? []);
    expect(pages.map((p) => p.length)).toEqual([1, 1, 1, 1]);
    expect(plain(pages.flat())).toEqual(expected('H7', 'H8', 'H9', 'H10'));
  });

  it('scenarios 6 and 7, extra check 3: no times means right now, matching the exact CIDR only', async () => {
    expect(await history({ Cidr: '10.2.1.155/32' })).toEqual(expected('H1', 'H2'));
    expect(await history({ Cidr: '10.2.1.0/24' })).toEqual(expected('H3', 'H4'));
    expect(await history({ Cidr: '10.0.0.0/24' })).toEqual(expected('H9', 'H10'));
  });

  it('scenario 8 and extra check 4: an address outside the coverage has no history; other accounts see no such scope', async () => {
    expect(await history({ Cidr: '54.0.0.9/32' })).toEqual([]);
    const other = ec2Client(stack.url, { accessKeyId: '444455556666' });
    try {
      await expectEc2Error(
        other.send(new GetIpamAddressHistoryCommand({ IpamScopeId: S1, Cidr: '10.2.1.0/24' })),
        // Another account's scope answers like one that does not exist (no existence oracle).
        'InvalidIpamScopeId.NotFound',
        400,
      );
    } finally {
      other.destroy();
    }
  });
});
