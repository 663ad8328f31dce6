/**
 * `npm run probe`: a hostile probe of a fresh local stack (in memory), through its public endpoint
 * only, as an attacker would try it:
 *
 *   fuzz           every JSON action, each input member replaced by hostile values of its class
 *                  (local/probe-cases.ts): every answer must be a 4xx with an EC2 code or a success;
 *   ram            the same for AWS RAM's REST-JSON operations at their own paths, signed for
 *                  `ram`: every answer a 4xx with RAM's error type (x-amzn-errortype) or a success;
 *   cross-account  another account's ids, named by a second account, must answer exactly like ids
 *                  that do not exist (status, code and message, the id aside);
 *   signatures     unsigned, forged, mis-scoped and doubled signatures must all be refused;
 *   memory         the API process's resident memory at the start and after each round of the fuzz
 *                  (`-- --rounds N` repeats it: memory that grows with requests shows there).
 *
 * Prints one JSON report; exits 1 on any 500, any leak or any accepted forgery.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { actions } from '../handlers/api/actions';
import { Sha256 } from '../outbound/ec2/forward';
import { probeCases } from './probe-cases';
import { accountSigner, type Signer, signedJson, signedPost } from './signed';
import { startLocalStack } from './stack';

/** `npm run probe -- --rounds N`: the fuzz N times over (default 1). */
const ROUNDS = Math.max(1, Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 1);
const OWNER = '111111111111';
const STRANGER = '222222222222';
const who = (account: string): Signer => accountSigner(account);

interface Answer {
  status: number;
  code: string;
  message: string;
}

const post = async (url: string, action: string, body: string, signer: Signer): Promise<Answer> => {
  const res = await signedPost(`${url}/v1/${action}`, body, signer);
  const text = await res.text();
  const parsed = (() => {
    try {
      return JSON.parse(text) as { Error?: { Code?: string; Message?: string } };
    } catch {
      return {};
    }
  })();
  return { status: res.status, code: parsed.Error?.Code ?? '', message: parsed.Error?.Message ?? '' };
};

/** A RAM REST-JSON call at its own path, signed for `ram`; the code is RAM's error type header. */
const postRam = async (url: string, path: string, body: string, signer: Signer): Promise<Answer> => {
  const res = await signedPost(`${url}${path}`, body, signer, {}, 'ram');
  const text = await res.text();
  const type = res.headers.get('x-amzn-errortype') ?? '';
  return { status: res.status, code: type.split(':')[0] ?? '', message: text.slice(0, 200) };
};

/** Runs `jobs` with at most `width` at once. */
const pool = async <T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> => {
  const out: T[] = [];
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return out;
};

/** Fuzz: requests and answers counted by class; 5xx answers listed. */
const fuzz = async (url: string) => {
  const names = Object.entries(actions)
    .filter(([name, a]) => a.doors.includes('json') && name !== 'RunDiscovery')
    .map(([name]) => name);
  const cases = probeCases(names);
  const answers = await pool(
    cases.map((c) => () => post(url, c.action, c.body, who(OWNER))),
    8,
  );
  const classes: Record<string, { requests: number; '2xx': number; '4xx': number; '5xx': number }> = {};
  const errors: string[] = [];
  /** Hostile values an action took as valid input: worth a look, not a failure. */
  const accepted: string[] = [];
  cases.forEach((c, i) => {
    const a = answers[i]!;
    classes[c.kind] ??= { requests: 0, '2xx': 0, '4xx': 0, '5xx': 0 };
    const k = classes[c.kind]!;
    k.requests++;
    const band = a.status >= 500 ? '5xx' : a.status >= 400 ? '4xx' : '2xx';
    k[band]++;
    if (band === '5xx' || (band === '4xx' && !a.code))
      errors.push(`${c.action} ${c.kind}: ${a.status} ${a.code}`);
    if (band === '2xx') accepted.push(`${c.action} ${c.kind}: ${c.body.slice(0, 60)}`);
  });
  return { actions: names.length, requests: cases.length, classes, errors, accepted };
};

/** Fuzz of RAM's operations: requests by class, and every 5xx (or a 4xx without an error type). */
const fuzzRam = async (url: string) => {
  const { ramModel } = await import('../handlers/api/model/model');
  // The fuzz posts JSON bodies; DeleteResourceShare is a DELETE with a query string.
  const all = Object.keys(ramModel.operations);
  const names = all.filter((n) => (ramModel.operations[n]?.method ?? 'POST') === 'POST');
  const cases = probeCases(names, ramModel);
  const pathOf = (name: string) => ramModel.operations[name]?.path ?? `/${name.toLowerCase()}`;
  const answers = await pool(
    cases.map((c) => () => postRam(url, pathOf(c.action), c.body, who(OWNER))),
    8,
  );
  const bands = { '2xx': 0, '4xx': 0, '5xx': 0 };
  const errors: string[] = [];
  cases.forEach((c, i) => {
    const a = answers[i]!;
    const band = a.status >= 500 ? '5xx' : a.status >= 400 ? '4xx' : '2xx';
    bands[band]++;
    if (band === '5xx' || (band === '4xx' && !a.code))
      errors.push(`${c.action} ${c.kind}: ${a.status} ${a.code}`);
  });
  const skipped = all.filter((n) => !names.includes(n));
  return { actions: names.length, skipped, requests: cases.length, ...bands, errors };
};

/** The owner's resources: an IPAM and its discovery, its private scope, a pool with a CIDR and an allocation. */
const ownersResources = async (url: string) => {
  const call = async (action: string, body: object) => {
    const res = await signedJson(url, action, body, who(OWNER));
    const answer = (await res.json()) as Record<string, Record<string, string>>;
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const { Ipam } = await call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-east-1' }] });
  const { IpamPool } = await call('CreateIpamPool', {
    IpamScopeId: Ipam!.PrivateDefaultScopeId,
    AddressFamily: 'ipv4',
  });
  await call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool!.IpamPoolId, Cidr: '10.0.0.0/16' });
  const { IpamPoolAllocation } = await call('AllocateIpamPoolCidr', {
    IpamPoolId: IpamPool!.IpamPoolId,
    NetmaskLength: 24,
  });
  return {
    IpamId: [Ipam!.IpamId!, 'ipam-0123456789abcdef0'],
    IpamScopeId: [Ipam!.PrivateDefaultScopeId!, 'ipam-scope-0123456789abcdef0'],
    IpamPoolId: [IpamPool!.IpamPoolId!, 'ipam-pool-0123456789abcdef0'],
    IpamPoolAllocationId: [IpamPoolAllocation!.IpamPoolAllocationId!, 'ipam-pool-alloc-0123456789abcdef0'],
    IpamResourceDiscoveryId: [Ipam!.DefaultResourceDiscoveryId!, 'ipam-res-disco-0123456789abcdef0'],
  } as Record<string, [string, string]>;
};

/** Plausible values for the members an action requires besides the id under test. */
const FILLER: Record<string, unknown> = {
  Cidr: '10.0.0.0/24',
  NetmaskLength: 24,
  AddressFamily: 'ipv4',
  ResourceId: 'vpc-0123456789abcdef0',
  ResourceCidr: '10.0.0.0/24',
  ResourceRegion: 'us-east-1',
  CurrentIpamScopeId: 'ipam-scope-0123456789abcdef0',
  DestinationIpamScopeId: 'ipam-scope-0123456789abcdef0',
  Monitored: true,
};

/** Each action that names one of the owner's ids, as the stranger: the owner's id vs a missing one. */
const crossAccount = async (url: string, ids: Record<string, [string, string]>) => {
  const model = (await import('../handlers/api/model/model')).apiModel;
  const attempts: { action: string; member: string }[] = [];
  const leaks: string[] = [];
  for (const [action, a] of Object.entries(actions)) {
    if (!a.doors.includes('json')) continue;
    const shape = model.shapes[a.shape];
    if (shape?.type !== 'structure') continue;
    const required = shape.required ?? [];
    for (const member of Object.keys(shape.members)) {
      const single = ids[member];
      const listed = ids[member.replace(/s$/, '')];
      const pair = single ?? listed;
      if (!pair) continue;
      const body = (id: string) => {
        const filled = Object.fromEntries(required.filter((r) => r in FILLER).map((r) => [r, FILLER[r]]));
        return JSON.stringify({ ...filled, [member]: single ? id : [id] });
      };
      const [foreign, missing] = [pair[0], pair[1]];
      const got = await post(url, action, body(foreign), who(STRANGER));
      const none = await post(url, action, body(missing), who(STRANGER));
      attempts.push({ action, member });
      const same =
        got.status === none.status &&
        got.code === none.code &&
        got.message.replaceAll(foreign, '<id>') === none.message.replaceAll(missing, '<id>');
      if (!same) leaks.push(`${action}.${member}: ${got.status} ${got.code} vs ${none.status} ${none.code}`);
    }
  }
  return { attempts: attempts.length, actions: new Set(attempts.map((x) => x.action)).size, leaks };
};

interface Signed {
  headers: Record<string, string | string[]>;
  body: string;
}

/** A DescribeIpams request signed as `o` says, then altered by `tweak`. */
const signed = async (
  url: string,
  o: { key?: string; secret?: string; region?: string; service?: string; date?: Date },
  tweak: (r: Signed) => Signed = (r) => r,
): Promise<Signed> => {
  const u = new URL(`${url}/v1/DescribeIpams`);
  const signer = new SignatureV4({
    credentials: { accessKeyId: o.key ?? 'test', secretAccessKey: o.secret ?? 'test' },
    region: o.region ?? 'us-east-1',
    service: o.service ?? 'ec2',
    sha256: Sha256,
  });
  const body = '{}';
  const req = await signer.sign(
    {
      method: 'POST',
      protocol: u.protocol,
      hostname: u.hostname,
      port: Number(u.port),
      path: u.pathname,
      query: {},
      headers: { host: u.host, 'content-type': 'application/json' },
      body,
    },
    o.date ? { signingDate: o.date } : {},
  );
  return tweak({ headers: req.headers, body });
};

/** Sends a signed request as it is (doubled headers stay doubled); its HTTP status. */
const send = (url: string, r: Signed): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(`${url}/v1/DescribeIpams`, { method: 'POST', headers: r.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(r.body);
  });

const SIGNATURE_CASES: [string, (url: string) => Promise<Signed>][] = [
  ['unsigned', async () => ({ headers: { 'content-type': 'application/json' }, body: '{}' })],
  ['wrong secret', (url) => signed(url, { secret: 'not-the-secret' })],
  ['unknown key', (url) => signed(url, { key: 'AKIAUNKNOWNKEY000000' })],
  ['made-up region', (url) => signed(url, { region: 'zz-fake-9' })],
  ['upper-case region', (url) => signed(url, { region: 'US-EAST-1' })],
  ['another service', (url) => signed(url, { service: 's3' })],
  ['signed an hour ago', (url) => signed(url, { date: new Date(Date.now() - 3_600_000) })],
  ['signed an hour ahead', (url) => signed(url, { date: new Date(Date.now() + 3_600_000) })],
  ['body changed after signing', (url) => signed(url, {}, (r) => ({ ...r, body: '{"MaxResults":5}' }))],
  [
    'two Authorization headers',
    (url) =>
      signed(url, {}, (r) => ({
        ...r,
        headers: {
          ...r.headers,
          authorization: [String(r.headers.authorization), String(r.headers.authorization)],
        },
      })),
  ],
  [
    'declared account header',
    (url) => signed(url, {}, (r) => ({ ...r, headers: { ...r.headers, 'x-allot-account-id': OWNER } })),
  ],
];

/** Every forged or mis-scoped signature must be refused (4xx); the accepted ones are listed. */
const signatures = async (url: string) => {
  const accepted: string[] = [];
  const baseline = await send(url, await signed(url, {}));
  for (const [name, make] of SIGNATURE_CASES) {
    const status = await send(url, await make(url));
    if (status < 400 || status >= 500) accepted.push(`${name}: ${status}`);
  }
  return { cases: SIGNATURE_CASES.length, validSignature: baseline, accepted };
};

/** Resident memory of a process group, in MB (serverless-offline and whatever it spawned). */
const groupRssMb = (pgid: number): number => {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      kb += Number(rss ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return Math.round(kb / 1024);
};

const main = async () => {
  const stack = await startLocalStack({
    port: 0,
    inMemory: true,
    tableName: 'allot-probe',
    env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1' },
  });
  try {
    const memoryMb = [groupRssMb(stack.pids.offline)];
    const ids = await ownersResources(stack.url);
    const fuzzed = await fuzz(stack.url);
    memoryMb.push(groupRssMb(stack.pids.offline));
    // More rounds of the same requests show whether memory grows with requests or settles.
    for (let round = 1; round < ROUNDS; round++) {
      const again = await fuzz(stack.url);
      fuzzed.errors.push(...again.errors);
      memoryMb.push(groupRssMb(stack.pids.offline));
    }
    const report = {
      fuzz: { ...fuzzed, rounds: ROUNDS, requestsInAll: fuzzed.requests * ROUNDS },
      ram: await fuzzRam(stack.url),
      crossAccount: await crossAccount(stack.url, ids),
      signatures: await signatures(stack.url),
      memoryMb: {
        start: memoryMb[0],
        afterEachRound: memoryMb.slice(1),
        end: groupRssMb(stack.pids.offline),
      },
    };
    console.log(JSON.stringify(report, null, 2));
    const bad =
      report.fuzz.errors.length +
      report.ram.errors.length +
      report.crossAccount.leaks.length +
      report.signatures.accepted.length;
    process.exitCode = bad > 0 || report.signatures.validSignature !== 200 ? 1 : 0;
  } finally {
    await stack.stop();
  }
};

await main();
