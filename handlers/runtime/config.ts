/**
 * The one module that reads process.env (STYLE habit 7). Everything else receives settings.
 *
 *   TABLE_NAME                      DynamoDB table (set by serverless.yml / the local stack)
 *   DYNAMODB_ENDPOINT               DynamoDB Local endpoint; unset in AWS
 *   AWS_REGION                      deployment region, the default region context
 *   ALLOT_PARTITION                 ARN partition (default aws)
 *   ALLOT_REUSE_DELAY_SECONDS       reuse delay of released space, advanced tier (default 300)
 *   ALLOT_FREE_REUSE_DELAY_SECONDS  same, free tier (default 172800)
 *   ALLOT_METRIC_RETENTION_DAYS     how long stored metric points are kept (default 455, 15 months)
 *   ALLOT_AMAZON_SUPPLY             JSON {"us-east-1": ["2600:1f10::/36"]}: "Amazon-provided" space
 *   ALLOT_QUOTAS                    JSON overrides of quotas, e.g. {"poolsPerScope": 100}
 *   ALLOT_NODE_CACHE_MS             space-node cache lifetime per process (default 5000)
 *   ALLOT_POOL_CACHE_MS             lifetime of pools cached by the allocation path (default 1000)
 *   ALLOT_REGIONS                   comma-separated region names to accept besides the partition's
 *                                   own (core/ports/regions.ts), for regions AWS opens later
 *   ALLOT_DEV_ACCOUNT_HEADER        1: local development only: the JSON routes believe an unsigned
 *                                   x-allot-account-id header (serverless.yml never sets it; npm
 *                                   start passes it on only when it is set)
 *   ALLOT_ALLOWED_HOSTS             comma-separated Host values the API answers (the local stack
 *                                   sets its own); unset: any (API Gateway checks deployed)
 *   ALLOT_ALLOWED_ORIGINS           comma-separated web origins whose requests are accepted and
 *                                   answered with CORS headers (the local stack sets its own)
 *   ALLOT_AUTH_CACHE_SECONDS        how long a process reuses a credential, its policies and an
 *                                   account's SCPs (default 10): the delay of a revocation
 *   ALLOT_LOCAL_CREDENTIALS         1: accept the local pair test/test on the EC2 endpoint (npm start sets it)
 *   ALLOT_LOCAL_ACCOUNT_ID          account of the local pair (default 000000000000)
 *   ALLOT_ACCOUNT_ID_AS_ACCESS_KEY  1: a 12-digit access key id signs as that account (with secret test)
 *   ALLOT_CREDENTIAL_KEY            base64 of 32 bytes: key encrypting issued credential secrets
 *   ALLOT_DISCOVERY_ROLE_NAME       role assumed in monitored accounts (default AllotDiscoveryRole)
 *   ALLOT_DISCOVERY_EC2_ENDPOINT    local only: EC2 endpoint to discover from (e.g. moto), with
 *                                   static credentials whose access key id is the account id
 *   ALLOT_DISCOVERY_CONCURRENCY     targets read at once per invocation (default 8)
 *   ALLOT_DISCOVERY_RESERVE_SECONDS stop starting targets when less remains (default 120)
 *   ALLOT_DISCOVERY_FUNCTION        function that takes over the rest of a cycle (set by serverless.yml)
 *   ALLOT_EC2_BACKEND               where the facade's VPCs and subnets live: `aws` (the caller's own
 *                                   EC2, set by serverless.yml), an endpoint URL (moto; npm start
 *                                   sets it), or `none`/unset (facade actions refuse, the rest works)
 *   ALLOT_FACADE_ROLE_NAME          role with EC2 write permissions assumed in the caller's account
 *                                   (default AllotFacadeRole)
 *   ALLOT_DNS_SERVERS               comma-separated resolvers (`host` or `host:port`) for the TXT
 *                                   records of proof of control; unset: the system's resolver
 *   ALLOT_RDAP_URL                  RDAP service whose records publish BYOIP/BYOASN certificates
 *                                   (default https://rdap.org, which redirects to the registry)
 *   ALLOT_PROOF_TIMEOUT_SECONDS     per DNS or RDAP lookup (default 5)
 *   ALLOT_PROVISION_SETTLE_SECONDS  how long a BYOIP CIDR stays pending-provision before the next
 *                                   read verifies its proof and settles it (default 2)
 *   ALLOT_PAST_CIDR_TTL_SECONDS     how long deprovisioned and failed CIDRs stay listed (default 86400)
 *   ALLOT_ADVERTISE_WEBHOOK_URL     where advertise/withdraw events are POSTed for router automation
 *                                   (they are always written to the log as JSON lines)
 */
import { type Config, defaultConfig } from '../../core/ports';
import { regionsOf } from '../../core/ports/regions';
import type { EventSettings } from '../../outbound/events/sink';
import type { ProofSettings } from '../../outbound/proof/sources';

export interface Ec2Settings {
  /** How long a process reuses a credential or an account's SCPs it read (default 10 s). */
  authCacheMs: number;
  /** Local development only: the JSON routes believe the x-allot-account-id header. */
  devAccountHeader: boolean;
  localCredentials: boolean;
  localAccountId: string;
  accountIdAsAccessKey: boolean;
  credentialKey?: Uint8Array;
}

export interface DiscoverySettings {
  roleName: string;
  ec2Endpoint?: string;
  concurrency: number;
  reserveMs: number;
  functionName?: string;
}

/** The facade's EC2 backend: none, the caller's own EC2 (`aws`), or an endpoint (moto). */
export interface BackendConfig {
  endpoint?: string;
  roleName: string;
}

export interface Settings {
  proof: ProofSettings;
  events: EventSettings;
  /** What the local stack checks as its own edge (handlers/api/edge.ts); unset deployed. */
  edge: { hosts?: string[]; origins?: string[] };
  ec2: Ec2Settings;
  backend?: BackendConfig;
  discovery: DiscoverySettings;
  tableName: string;
  endpoint?: string;
  region: string;
  nodeCacheMs: number;
  poolCacheMs: number;
  core: Config;
}

const json = <T>(name: string): T | undefined => {
  const raw = process.env[name];
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new Error(`${name} is not valid JSON`);
  }
};

const list = (name: string): string[] | undefined => {
  const items = (process.env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
};

const seconds = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number of seconds`);
  return n * 1000;
};

const backendConfig = (): { backend?: BackendConfig } => {
  const where = process.env.ALLOT_EC2_BACKEND;
  if (!where || where === 'none') return {};
  const roleName = process.env.ALLOT_FACADE_ROLE_NAME || 'AllotFacadeRole';
  if (where === 'aws') return { backend: { roleName } };
  if (!/^https?:\/\//.test(where)) throw new Error('ALLOT_EC2_BACKEND must be aws or an http(s) URL');
  return { backend: { endpoint: where, roleName } };
};

const ec2Settings = (): Ec2Settings => {
  const key = process.env.ALLOT_CREDENTIAL_KEY
    ? Buffer.from(process.env.ALLOT_CREDENTIAL_KEY, 'base64')
    : undefined;
  if (key && key.length !== 32) throw new Error('ALLOT_CREDENTIAL_KEY must be base64 of 32 bytes');
  return {
    authCacheMs: seconds('ALLOT_AUTH_CACHE_SECONDS', 10),
    devAccountHeader: process.env.ALLOT_DEV_ACCOUNT_HEADER === '1',
    localCredentials: process.env.ALLOT_LOCAL_CREDENTIALS === '1',
    localAccountId: process.env.ALLOT_LOCAL_ACCOUNT_ID || '000000000000',
    accountIdAsAccessKey: process.env.ALLOT_ACCOUNT_ID_AS_ACCESS_KEY === '1',
    ...(key ? { credentialKey: key } : {}),
  };
};

const edgeSettings = (): Settings['edge'] => {
  const hosts = list('ALLOT_ALLOWED_HOSTS')?.map((h) => h.toLowerCase());
  const origins = list('ALLOT_ALLOWED_ORIGINS');
  return { ...(hosts ? { hosts } : {}), ...(origins ? { origins } : {}) };
};

const proofSettings = (core: Config): ProofSettings => {
  core.provisionSettleMs = seconds('ALLOT_PROVISION_SETTLE_SECONDS', 2);
  core.pastCidrTtlMs = seconds('ALLOT_PAST_CIDR_TTL_SECONDS', 86_400);
  const rdapUrl = process.env.ALLOT_RDAP_URL || 'https://rdap.org';
  if (!/^https?:\/\//.test(rdapUrl)) throw new Error('ALLOT_RDAP_URL must be an http(s) URL');
  return {
    dnsServers: list('ALLOT_DNS_SERVERS') ?? [],
    rdapUrl,
    timeoutMs: seconds('ALLOT_PROOF_TIMEOUT_SECONDS', 5),
  };
};

export const loadSettings = (): Settings => {
  const core = defaultConfig();
  core.partition = process.env.ALLOT_PARTITION ?? core.partition;
  const extraRegions = (process.env.ALLOT_REGIONS ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const r of extraRegions)
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(r)) throw new Error(`ALLOT_REGIONS: '${r}' is not a region name`);
  core.regions = regionsOf(core.partition, extraRegions);
  if (core.regions.length === 0)
    throw new Error(`partition ${core.partition} has no known regions; set ALLOT_REGIONS`);
  core.reuseDelayMs = {
    advanced: seconds('ALLOT_REUSE_DELAY_SECONDS', 300),
    free: seconds('ALLOT_FREE_REUSE_DELAY_SECONDS', 172_800),
  };
  const days = Number(process.env.ALLOT_METRIC_RETENTION_DAYS ?? 455);
  if (!(days > 0)) throw new Error('ALLOT_METRIC_RETENTION_DAYS must be a positive number of days');
  core.metricRetentionMs = days * 86_400_000;
  const supply = json<Record<string, string[]>>('ALLOT_AMAZON_SUPPLY');
  if (supply) core.amazonSupply = supply;
  core.quotas = { ...core.quotas, ...json<Partial<Config['quotas']>>('ALLOT_QUOTAS') };
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const concurrency = Number(process.env.ALLOT_DISCOVERY_CONCURRENCY ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error('ALLOT_DISCOVERY_CONCURRENCY must be a positive integer');
  return {
    ...backendConfig(),
    proof: proofSettings(core),
    events: {
      ...(process.env.ALLOT_ADVERTISE_WEBHOOK_URL
        ? { webhookUrl: process.env.ALLOT_ADVERTISE_WEBHOOK_URL }
        : {}),
      timeoutMs: 5000,
    },
    discovery: {
      roleName: process.env.ALLOT_DISCOVERY_ROLE_NAME || 'AllotDiscoveryRole',
      ...(process.env.ALLOT_DISCOVERY_EC2_ENDPOINT
        ? { ec2Endpoint: process.env.ALLOT_DISCOVERY_EC2_ENDPOINT }
        : {}),
      concurrency,
      reserveMs: seconds('ALLOT_DISCOVERY_RESERVE_SECONDS', 120),
      ...(process.env.ALLOT_DISCOVERY_FUNCTION ? { functionName: process.env.ALLOT_DISCOVERY_FUNCTION } : {}),
    },
    ec2: ec2Settings(),
    edge: edgeSettings(),
    tableName: process.env.TABLE_NAME ?? 'allot-local',
    ...(endpoint ? { endpoint } : {}),
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    nodeCacheMs: Number(process.env.ALLOT_NODE_CACHE_MS ?? 5000),
    poolCacheMs: Number(process.env.ALLOT_POOL_CACHE_MS ?? 1000),
    core,
  };
};
