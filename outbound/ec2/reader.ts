/**
 * The discovery collector's EC2 side: read one (account, region) with the SDK paginators, map
 * to discovered resource CIDRs, and report the account's discovery status (F-RD-04). A target
 * never throws: failures come back as an `IpamDiscoveredAccount` with a `FailureReason`, so one
 * broken account or region never stops the others. All-or-nothing per target: a partial read
 * would look like deleted resources and close their history records (F-HIST-08).
 */
import {
  DescribeAddressesCommand,
  type EC2Client,
  paginateDescribeNetworkInterfaces,
  paginateDescribePublicIpv4Pools,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { parseBlock } from '../../core/cidr';
import type {
  DiscoveredAccount,
  DiscoveredResourceCidr,
} from '../../core/ops/monitoring/analysis/discovered';
import { ipUsage } from '../../core/ops/monitoring/analysis/usage';
import type {
  DiscoveredPublicAddress,
  InstanceSecurity,
  SecurityGroupRuleSummary,
} from '../../core/ops/monitoring/run/types';
import {
  type MapContext,
  mapAddress,
  mapNetworkInterface,
  mapPublicIpv4Pool,
  mapSubnet,
  mapVpc,
} from './map';
import { mapPublicAddresses } from './public';
import { classifyFailure, collectPages, type RetryOptions, withRetry } from './retry';
import { instanceGroups, mapSecurityGroupRules, referencedGroups, withRules } from './security-rules';

export interface DiscoveryTarget {
  AccountId: string;
  Region: string;
  OrganizationalUnitId?: string;
}

export interface ReadOptions extends RetryOptions {
  now?: () => Date;
  IpamResourceDiscoveryId?: string;
  /** Read no public IPv4 pools where the endpoint lacks DescribePublicIpv4Pools (moto, locally). */
  withoutPublicIpv4Pools?: boolean;
  /** Instances holding addresses this EC2 does not list (Allot's own EIPs): report their groups. */
  instanceIds?: readonly string[];
}

export interface TargetResult {
  target: DiscoveryTarget;
  account: DiscoveredAccount;
  /** Empty when the target failed. */
  resourceCidrs: DiscoveredResourceCidr[];
  /** Public IPv4 addresses (F-PIP); empty when the target failed. */
  publicAddresses: DiscoveredPublicAddress[];
  /** The groups (and rules) of `instanceIds` found in the read; absent when none was asked for. */
  instances?: InstanceSecurity[];
}

/**
 * Resources are reported by their owner only: a VPC or subnet shared into another account shows
 * up in that account's Describe calls too, and would otherwise be counted twice.
 */
const owned = <T extends { OwnerId?: string }>(list: T[], account: string): T[] =>
  list.filter((r) => r.OwnerId === undefined || r.OwnerId === account);

// EC2 takes at most 200 values in one filter.
const GROUPS_PER_CALL = 200;

/**
 * The rules of `groups` (F-PIP-08), one paginated call per 200 groups. Undefined when the read
 * fails: the extra read must not fail the sample, whose addresses are then kept without rules.
 */
const readRules = async (
  client: EC2Client,
  groups: readonly string[],
  o: ReadOptions,
): Promise<SecurityGroupRuleSummary[] | undefined> => {
  try {
    const pages = [];
    for (let i = 0; i < groups.length; i += GROUPS_PER_CALL) {
      const Filters = [{ Name: 'group-id', Values: groups.slice(i, i + GROUPS_PER_CALL) }];
      pages.push(
        ...(await collectPages(
          (t) =>
            paginateDescribeSecurityGroupRules({ client, pageSize: 1000, startingToken: t }, { Filters }),
          (p) => p.NextToken,
          o,
        )),
      );
    }
    return mapSecurityGroupRules(pages.flatMap((p) => p.SecurityGroupRules ?? []));
  } catch {
    return undefined;
  }
};

const read = async (
  client: EC2Client,
  ctx: MapContext,
  o: ReadOptions,
): Promise<{
  rows: DiscoveredResourceCidr[];
  publicAddresses: DiscoveredPublicAddress[];
  instances: InstanceSecurity[];
}> => {
  const page = { client };
  const vpcs = await collectPages(
    (t) => paginateDescribeVpcs({ ...page, pageSize: 1000, startingToken: t }, {}),
    (p) => p.NextToken,
    o,
  );
  const subnets = await collectPages(
    (t) => paginateDescribeSubnets({ ...page, pageSize: 1000, startingToken: t }, {}),
    (p) => p.NextToken,
    o,
  );
  const enis = await collectPages(
    (t) => paginateDescribeNetworkInterfaces({ ...page, pageSize: 1000, startingToken: t }, {}),
    (p) => p.NextToken,
    o,
  );
  // DescribePublicIpv4Pools accepts at most 10 results per page.
  const pools = o.withoutPublicIpv4Pools
    ? []
    : await collectPages(
        (t) => paginateDescribePublicIpv4Pools({ ...page, pageSize: 10, startingToken: t }, {}),
        (p) => p.NextToken,
        o,
      );
  // DescribeAddresses is not paginated.
  const addresses = await withRetry(() => client.send(new DescribeAddressesCommand({})), o);
  const rows = [
    ...owned(
      vpcs.flatMap((p) => p.Vpcs ?? []),
      ctx.AccountId,
    ).flatMap((v) => mapVpc(v, ctx)),
    ...owned(
      subnets.flatMap((p) => p.Subnets ?? []),
      ctx.AccountId,
    ).flatMap((s) => mapSubnet(s, ctx)),
    ...(addresses.Addresses ?? []).flatMap((a) => mapAddress(a, ctx)),
    ...pools.flatMap((p) => p.PublicIpv4Pools ?? []).flatMap((p) => mapPublicIpv4Pool(p, ctx)),
    ...owned(
      enis.flatMap((p) => p.NetworkInterfaces ?? []),
      ctx.AccountId,
    ).flatMap((n) => mapNetworkInterface(n, ctx)),
  ];
  ipUsage(rows.map((row) => ({ row, block: parseBlock(row.ResourceCidr) }))).forEach((u, i) => {
    if (u !== undefined) rows[i]!.IpUsage = u;
  });
  if (o.IpamResourceDiscoveryId) for (const r of rows) r.IpamResourceDiscoveryId = o.IpamResourceDiscoveryId;
  const allEnis = enis.flatMap((p) => p.NetworkInterfaces ?? []);
  const mapped = mapPublicAddresses(addresses.Addresses ?? [], allEnis, ctx);
  const hinted = instanceGroups(allEnis, o.instanceIds ?? []);
  const groups = referencedGroups(mapped, hinted);
  const rules = groups.length === 0 ? [] : await readRules(client, groups, o);
  const { addresses: publicAddresses, instances } = withRules(mapped, hinted, rules);
  return { rows, publicAddresses, instances };
};

const accountOf = (target: DiscoveryTarget, at: Date): DiscoveredAccount => ({
  AccountId: target.AccountId,
  DiscoveryRegion: target.Region,
  LastAttemptedDiscoveryTime: at,
  ...(target.OrganizationalUnitId ? { OrganizationalUnitId: target.OrganizationalUnitId } : {}),
});

/** A failed target: no rows, and the classified reason (F-RD-04 failure codes). */
export const failedTarget = (target: DiscoveryTarget, error: unknown, at: Date): TargetResult => ({
  target,
  account: { ...accountOf(target, at), FailureReason: classifyFailure(error) },
  resourceCidrs: [],
  publicAddresses: [],
});

/**
 * Read one (account, region). Never throws.
 * @example const r = await readTarget(new EC2Client({ region: 'us-east-1' }), { AccountId: '111122223333', Region: 'us-east-1' });
 */
export const readTarget = async (
  client: EC2Client,
  target: DiscoveryTarget,
  o: ReadOptions = {},
): Promise<TargetResult> => {
  const SampleTime = (o.now ?? (() => new Date()))();
  try {
    const { rows, publicAddresses, instances } = await read(
      client,
      { AccountId: target.AccountId, Region: target.Region, SampleTime },
      o,
    );
    return {
      target,
      account: { ...accountOf(target, SampleTime), LastSuccessfulDiscoveryTime: SampleTime },
      resourceCidrs: rows,
      publicAddresses,
      ...(o.instanceIds?.length ? { instances } : {}),
    };
  } catch (e) {
    return failedTarget(target, e, SampleTime);
  }
};

export interface DiscoveryProgress {
  done: number;
  total: number;
  result: TargetResult;
}

export interface DiscoverManyOptions extends ReadOptions {
  /** Targets read at the same time. Default 8. */
  concurrency?: number;
  /** Called after each target; an error thrown here is ignored, never fatal to discovery. */
  onProgress?: (p: DiscoveryProgress) => void;
}

/**
 * Fan out over (account, region) targets with a concurrency limit. Results come back in target
 * order. A client factory that throws (e.g. AssumeRole refused) fails only its own target.
 * @example await discoverMany(targets, (t) => new EC2Client({ region: t.Region, credentials: roleFor(t) }), { concurrency: 4 })
 */
export const discoverMany = async (
  targets: readonly DiscoveryTarget[],
  makeClient: (t: DiscoveryTarget) => EC2Client | Promise<EC2Client>,
  o: DiscoverManyOptions = {},
): Promise<TargetResult[]> => {
  const results = new Array<TargetResult>(targets.length);
  const now = o.now ?? (() => new Date());
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      const target = targets[i]!;
      let result: TargetResult;
      try {
        result = await readTarget(await makeClient(target), target, o);
      } catch (e) {
        result = failedTarget(target, e, now());
      }
      results[i] = result;
      done++;
      try {
        o.onProgress?.({ done, total: targets.length, result });
      } catch {
        // progress reporting must not stop discovery
      }
    }
  };
  const n = Math.max(1, Math.min(o.concurrency ?? 8, targets.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
};
