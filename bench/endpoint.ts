/**
 * The front door, measured: allocations through `npm start`'s stack (serverless-offline over
 * DynamoDB Local) with the real EC2 SDK, next to the operation layer called in this process on
 * the same table. The 32-caller figures of both run in alternating rounds, so a busy moment of
 * the machine weighs on both sides of the ratio alike.
 */
import { AllocateIpamPoolCidrCommand, EC2Client } from '@aws-sdk/client-ec2';
import { allocateIpamPoolCidr } from '../core/ops/allocation/allocate';
import { operations } from '../core/ops/registry';
import { type Caller, type Deps, defaultConfig, randomIds } from '../core/ports';
import { createDocumentClient, DynamoStore } from '../core/store/dynamo';
import { type LocalStack, startLocalStack } from '../local/stack';
import { combine, percentile, type Round, timed } from './rounds';

const ROUNDS = 4;
const PER_ROUND = 800;

const clientFor = (url: string, accountId: string): EC2Client =>
  new EC2Client({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: accountId, secretAccessKey: 'test' },
    // Like any SDK user: a kept-alive socket the server closes just as the client reuses it
    // (its idle timeout falls inside the operation layer's round) is retried, not fatal.
    maxAttempts: 3,
  });

/** A fresh IPAM with one /8 pool, made through the operation layer (setup, not measured). */
export const makePool = async (deps: Deps, caller: Caller): Promise<string> => {
  const { Ipam } = (await operations.CreateIpam(deps, caller, {})) as {
    Ipam: { PrivateDefaultScopeId: string };
  };
  const { IpamPool } = (await operations.CreateIpamPool(deps, caller, {
    IpamScopeId: Ipam.PrivateDefaultScopeId,
    AddressFamily: 'ipv4',
  })) as { IpamPool: { IpamPoolId: string } };
  await operations.ProvisionIpamPoolCidr(deps, caller, {
    IpamPoolId: IpamPool.IpamPoolId,
    Cidr: '10.0.0.0/8',
  });
  return IpamPool.IpamPoolId;
};

const viaEndpoint = (clients: EC2Client[], poolId: string) => (w: number) =>
  clients[w]!.send(new AllocateIpamPoolCidrCommand({ IpamPoolId: poolId, NetmaskLength: 28 }));

const viaOps = (workers: Deps[], caller: Caller, poolId: string) => (w: number) =>
  allocateIpamPoolCidr(workers[w]!, caller, { IpamPoolId: poolId, NetmaskLength: 28 });

/** The operation layer on a local stack's own table, for setup and in-process figures. */
export const stackDeps = (stack: LocalStack): Deps => ({
  store: new DynamoStore({
    client: createDocumentClient({ endpoint: stack.ddbEndpoint, region: 'us-east-1' }),
    tableName: stack.tableName,
  }),
  now: Date.now,
  ids: randomIds(),
  config: defaultConfig(),
});

export const benchEndpoint = async (log: (s: string) => void) => {
  const stack = await startLocalStack({
    port: 0,
    inMemory: true,
    env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1' },
  });
  const depsOf = () => stackDeps(stack);
  try {
    const setup = depsOf();
    const one = { accountId: '200000000001', region: 'us-east-1' };
    const many = { accountId: '200000000032', region: 'us-east-1' };
    const opsSide = { accountId: '200000000064', region: 'us-east-1' };
    const [p1, p32, pOps] = [
      await makePool(setup, one),
      await makePool(setup, many),
      await makePool(setup, opsSide),
    ];

    const single = [clientFor(stack.url, one.accountId)];
    await timed(1, 100, viaEndpoint(single, p1)); // warm-up: bundles loaded, JIT, connections
    const c1 = await timed(1, 400, viaEndpoint(single, p1));
    log(`endpoint c1:  ${c1.perSecond.toFixed(0)} allocations/s, p50 ${c1.p50.toFixed(1)} ms`);

    const clients = Array.from({ length: 32 }, () => clientFor(stack.url, many.accountId));
    const workers = Array.from({ length: 32 }, depsOf);
    const endpointRounds: Round[] = [];
    const opsRounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Untimed start of each round (see bench/ddb.ts): 32 callers arriving at once at an idle pool.
      await timed(32, 64, viaEndpoint(clients, p32));
      endpointRounds.push(await timed(32, PER_ROUND, viaEndpoint(clients, p32)));
      await timed(32, 64, viaOps(workers, opsSide, pOps));
      opsRounds.push(await timed(32, PER_ROUND, viaOps(workers, opsSide, pOps)));
    }
    const c32 = combine(endpointRounds);
    const ops = combine(opsRounds);
    log(
      `endpoint c32: ${c32.perSecond.toFixed(0)} allocations/s, p50 ${c32.p50.toFixed(1)} ms, p99 ${c32.p99.toFixed(1)} ms`,
    );
    log(`operation layer c32 (same table, interleaved): ${ops.perSecond.toFixed(0)} allocations/s`);
    for (const c of [...single, ...clients]) c.destroy();
    return {
      endpoint_allocs_per_s_c1: Math.round(c1.perSecond),
      endpoint_p50_ms_c1: Number(percentile(c1.latencies, 0.5).toFixed(1)),
      endpoint_allocs_per_s_c32: Math.round(c32.perSecond),
      endpoint_p99_ms_c32: Number(c32.p99.toFixed(1)),
      endpoint_vs_ops_ratio_c32: Number((c32.perSecond / ops.perSecond).toFixed(3)),
    };
  } finally {
    await stack.stop();
  }
};
