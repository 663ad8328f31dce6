/**
 * F-ALLOC-13 under a real fault: the process serving CreateVpc is SIGKILLed between reserving the
 * CIDR and binding it to the VPC (fixtures/create-vpc-then-die.ts), on DynamoDB Local with moto
 * as the EC2 backend. The reservation survives as a pending allocation, nothing else can take its
 * space, and after the grace period the sweep settles it from what moto shows: bound to the VPC
 * that was created, or released when none was.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRACE_MS, sweepPending } from '../../core/ops/facade/pending';
import { DynamoStore } from '../../core/store/dynamo';
import { ec2Backend } from '../../outbound/ec2/backend';
import { freshTable } from '../helpers/ddb';
import { type Env, ipamWithPool, makeEnv } from '../helpers/env';
import { type Moto, motoServerPath, startMoto } from '../helpers/moto';

const ACCOUNT = '111122223333';
const hasMoto = motoServerPath('facade-kill.e2e') !== undefined;
const CHILD = fileURLToPath(new URL('./fixtures/create-vpc-then-die.ts', import.meta.url));

/** Runs the dying request; resolves to the signal that ended it. */
const dyingRequest = (args: string[]): Promise<string | null> =>
  new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      env: { ...process.env, AWS_REGION: 'us-east-1' },
    });
    child.on('exit', (_code, signal) => resolve(signal));
  });

describe.skipIf(!hasMoto)('a CreateVpc request killed between its two steps', () => {
  let moto: Moto;
  let e: Env;
  let pool: string;
  let table: { tableName: string; endpoint: string };

  beforeAll(async () => {
    moto = (await startMoto('facade-kill.e2e'))!;
    const t = await freshTable('facade-kill');
    table = t;
    e = makeEnv(new DynamoStore({ client: t.client, tableName: t.tableName }), {
      reuseDelayMs: { advanced: 0, free: 0 },
    });
    e.deps.backend = ec2Backend({ endpoint: moto.endpoint, roleName: 'unused', partition: 'aws' });
    const { poolId: top, scopeId } = await ipamWithPool(e, {}, '10.0.0.0/8');
    const { IpamPool } = await e.call('CreateIpamPool', {
      IpamScopeId: scopeId,
      SourceIpamPoolId: top,
      Locale: 'us-east-1',
      AddressFamily: 'ipv4',
    });
    pool = IpamPool.IpamPoolId;
    await e.call('ProvisionIpamPoolCidr', { IpamPoolId: pool, Cidr: '10.0.0.0/24' });
  }, 180_000);
  afterAll(async () => moto?.stop());

  const allocations = async () =>
    (await e.call('GetIpamPoolAllocations', { IpamPoolId: pool })).IpamPoolAllocations.map(
      (a: { Cidr: string; ResourceId?: string }) => [a.Cidr, a.ResourceId ?? '(pending)'],
    );
  const request = (when: 'before' | 'after') =>
    dyingRequest([table.endpoint, table.tableName, moto.endpoint, ACCOUNT, pool, when]);

  it('killed after the backend created the VPC: the sweep binds the allocation to it', async () => {
    expect(await request('after')).toBe('SIGKILL');
    expect(await allocations()).toEqual([['10.0.0.0/26', '(pending)']]);
    // The pending space is held: the next VPC gets the next block, never the same one.
    const next = await e.call(
      'CreateVpc',
      { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 26 },
      { accountId: ACCOUNT },
    );
    expect(next.Vpc.CidrBlock).toBe('10.0.0.64/26');
    const { Vpcs } = await e.deps.backend!.call({ accountId: ACCOUNT, region: 'us-east-1' }, 'DescribeVpcs', {
      Filters: [{ Name: 'cidr-block-association.cidr-block', Values: ['10.0.0.0/26'] }],
    });
    const made = (Vpcs as { VpcId: string }[]).map((v) => v.VpcId);
    expect(made.length).toBe(1);
    e.clock.now = Date.now() + GRACE_MS + 60_000;
    expect(await sweepPending(e.deps)).toEqual({ bound: [`${pool} 10.0.0.0/26`], released: [] });
    expect(await allocations()).toEqual([
      ['10.0.0.0/26', made[0]],
      ['10.0.0.64/26', next.Vpc.VpcId],
    ]);
  }, 180_000);

  it('killed before the backend call: nothing was created, the sweep releases the space', async () => {
    e.clock.now = Date.now();
    expect(await request('before')).toBe('SIGKILL');
    expect(await allocations()).toEqual([
      ['10.0.0.0/26', expect.stringMatching(/^vpc-/)],
      ['10.0.0.64/26', expect.stringMatching(/^vpc-/)],
      ['10.0.0.128/26', '(pending)'],
    ]);
    e.clock.now = Date.now() + GRACE_MS + 60_000;
    expect(await sweepPending(e.deps)).toEqual({ bound: [], released: [`${pool} 10.0.0.128/26`] });
    expect((await allocations()).map((a: string[]) => a[0])).toEqual(['10.0.0.0/26', '10.0.0.64/26']);
    const again = await e.call(
      'CreateVpc',
      { Ipv4IpamPoolId: pool, Ipv4NetmaskLength: 26 },
      { accountId: ACCOUNT },
    );
    expect(again.Vpc.CidrBlock).toBe('10.0.0.128/26');
  }, 180_000);
});
