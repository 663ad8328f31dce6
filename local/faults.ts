/**
 * `npm run faults`: the fault run. 32 concurrent allocators against a local stack on disk while
 * faults are injected, then every allocation a caller was told succeeded is looked up.
 *
 *   phase 1 (Allot's own promise): DynamoDB Local paused (SIGSTOP) for 6 s, then the API process
 *           killed (SIGKILL) and restarted: nothing acknowledged may be lost;
 *   phase 2 (DynamoDB Local's): DynamoDB Local killed (SIGKILL) and restarted on the same files:
 *           acknowledged writes it loses are counted and reported as its own.
 *
 * Either way no two allocations may overlap and no answer may be a 500: during an outage a caller
 * gets a retryable 503 with an EC2 code, or a connection error. Prints one JSON report; exits 1
 * when phase 1 lost anything, anything overlaps or any answer was a 500.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type LocalDynamo, startDynamo } from './dynamo';
import { type Offline, spawnOffline, waitForHttp } from './offline';
import { envSigner, signedJson } from './signed';
import { ensureTable } from './table';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKERS = 32;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Tally {
  acked: Map<string, string>;
  statuses: Record<string, number>;
}

const newTally = (): Tally => ({ acked: new Map(), statuses: {} });

/** One allocator: /28s with a ClientToken each, retried with the same token until answered. */
const worker = async (url: string, pool: string, id: number, tally: () => Tally, running: () => boolean) => {
  for (let n = 0; running(); n++) {
    const token = `w${id}-${n}-${Date.now()}`;
    for (let attempt = 0; attempt < 50 && running(); attempt++) {
      const t = tally();
      const res = await signedJson(
        url,
        'AllocateIpamPoolCidr',
        { IpamPoolId: pool, NetmaskLength: 28, ClientToken: token },
        envSigner({}),
        {},
      ).catch(() => undefined);
      const body = (await res?.json().catch(() => undefined)) as
        | { IpamPoolAllocation?: { IpamPoolAllocationId: string; Cidr: string }; Error?: { Code: string } }
        | undefined;
      const key = res ? `${res.status}${body?.Error ? ` ${body.Error.Code}` : ''}` : 'connection error';
      t.statuses[key] = (t.statuses[key] ?? 0) + 1;
      if (body?.IpamPoolAllocation) {
        t.acked.set(body.IpamPoolAllocation.IpamPoolAllocationId, body.IpamPoolAllocation.Cidr);
        break;
      }
      await sleep(200);
    }
  }
};

const call = async (url: string, action: string, input: object) => {
  const res = await signedJson(url, action, input, envSigner({}));
  // biome-ignore lint/suspicious/noExplicitAny: answers of several actions, read field by field
  const body = (await res.json()) as Record<string, any> & { Error?: { Code: string; Message: string } };
  if (body.Error) throw new Error(`${action}: ${body.Error.Code} ${body.Error.Message}`);
  return body;
};

/** Every allocation of the pool, page by page, retried while the stack comes back. */
const listed = async (url: string, pool: string): Promise<Map<string, string>> => {
  for (let attempt = 0; ; attempt++) {
    try {
      const out = new Map<string, string>();
      let NextToken: string | undefined;
      do {
        const page = await call(url, 'GetIpamPoolAllocations', {
          IpamPoolId: pool,
          MaxResults: 1000,
          ...(NextToken ? { NextToken } : {}),
        });
        for (const a of page.IpamPoolAllocations as { IpamPoolAllocationId: string; Cidr: string }[])
          out.set(a.IpamPoolAllocationId, a.Cidr);
        NextToken = page.NextToken;
      } while (NextToken);
      return out;
    } catch (e) {
      if (attempt > 60) throw e;
      await sleep(1000);
    }
  }
};

const overlaps = (cidrs: string[]): number => {
  const ranges = cidrs
    .map((c) => {
      const [ip, len] = c.split('/');
      const start = ip!.split('.').reduce((a, o) => a * 256 + Number(o), 0);
      return [start, start + 2 ** (32 - Number(len))] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  return ranges.filter((r, i) => i > 0 && r[0] < ranges[i - 1]![1]).length;
};

const report = (name: string, tally: Tally, seen: Map<string, string>) => {
  const lost = [...tally.acked.keys()].filter((id) => !seen.has(id));
  return { phase: name, acknowledged: tally.acked.size, lost: lost.length, answers: tally.statuses };
};

/** The stack's two processes, each restartable on the same port and files. */
const stackOn = async (dataDir: string) => {
  const [port, ddbPort] = [await freePort(), await freePort()];
  const tableName = 'allot-faults';
  const url = `http://127.0.0.1:${port}`;
  let ddb: LocalDynamo = await startDynamo({ port: ddbPort, dataDir });
  await ensureTable(ddb.endpoint, tableName);
  const env = { ALLOT_ALLOWED_HOSTS: `127.0.0.1:${port}`, ALLOT_REUSE_DELAY_SECONDS: '0' };
  const buildDir = `.build/faults-${process.pid}`;
  const startApi = async () => {
    const o = await spawnOffline({ port, tableName, endpoint: ddb.endpoint, buildDir, env });
    await waitForHttp(url, o);
    return o;
  };
  let api: Offline = await startApi();
  return {
    url,
    pauseDynamo: async (ms: number) => {
      process.kill(ddb.pid, 'SIGSTOP');
      await sleep(ms);
      process.kill(ddb.pid, 'SIGCONT');
    },
    killDynamo: async () => {
      process.kill(ddb.pid, 'SIGKILL');
      await sleep(1000);
      ddb = await startDynamo({ port: ddbPort, dataDir });
    },
    killApi: async () => {
      process.kill(-api.pid, 'SIGKILL');
      await sleep(1000);
      api = await startApi();
    },
    stop: async () => {
      await api.stop();
      await ddb.stop();
      rmSync(join(ROOT, buildDir), { recursive: true, force: true });
    },
  };
};

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'allot-faults-'));
  const stack = await stackOn(dataDir);
  try {
    const ipam = (await call(stack.url, 'CreateIpam', {})).Ipam as { PrivateDefaultScopeId: string };
    const pool = (
      (
        await call(stack.url, 'CreateIpamPool', {
          IpamScopeId: ipam.PrivateDefaultScopeId,
          AddressFamily: 'ipv4',
        })
      ).IpamPool as { IpamPoolId: string }
    ).IpamPoolId;
    await call(stack.url, 'ProvisionIpamPoolCidr', { IpamPoolId: pool, Cidr: '10.0.0.0/8' });
    const phases = [newTally(), newTally()];
    let phase = 0;
    let running = true;
    const workers = Array.from({ length: WORKERS }, (_, i) =>
      worker(
        stack.url,
        pool,
        i,
        () => phases[phase]!,
        () => running,
      ),
    );
    await sleep(4000);
    await stack.pauseDynamo(6000);
    await sleep(4000);
    await stack.killApi();
    await sleep(4000);
    phase = 1;
    await sleep(2000);
    await stack.killDynamo();
    await sleep(6000);
    running = false;
    await Promise.all(workers);
    const seen = await listed(stack.url, pool);
    const result = {
      workers: WORKERS,
      phases: [report('pause store, kill API', phases[0]!, seen), report('kill store', phases[1]!, seen)],
      allocationsListed: seen.size,
      overlapping: overlaps([...seen.values()]),
      internalErrors: phases.reduce(
        (n, t) =>
          n +
          Object.entries(t.statuses)
            .filter(([k]) => k.startsWith('500'))
            .reduce((m, [, v]) => m + v, 0),
        0,
      ),
    };
    console.log(JSON.stringify(result, null, 2));
    return result.phases[0]!.lost === 0 && result.overlapping === 0 && result.internalErrors === 0;
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
