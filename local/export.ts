/**
 * `npm run export -- <ipam-pool-…|ipam-scope-…> [--json] [--endpoint URL] [--account ID]`: a pool
 * tree's allocations (the pool and every pool below it) as CSV in the columns `npm run import`
 * reads, so an export imports back; or a scope's resource CIDRs. `--json` writes JSON instead.
 * Signed like `npm run import` (local/signed.ts).
 */
import { pathToFileURL } from 'node:url';
import { formatCsv } from '../core/ops/bulk/csv';
import { accountSigner, envSigner, type Signer, signedJson } from './signed';
import { readStackState } from './stack-state';

export interface Allocation {
  IpamPoolId: string;
  Cidr: string;
  Description?: string;
  ResourceId?: string;
  ResourceType?: string;
  Tags?: { Key: string; Value: string }[];
}

/** Allocations as import CSV (child-pool allocations are the tree's own structure: left out). */
export const allocationsCsv = (rows: readonly Allocation[]): string =>
  formatCsv([
    ['pool', 'cidr', 'description', 'resource_id', 'resource_type', 'tags'],
    ...rows
      .filter((a) => a.ResourceType !== 'ipam-pool')
      .map((a) => [
        a.IpamPoolId,
        a.Cidr,
        a.Description ?? '',
        a.ResourceId ?? '',
        a.ResourceType === 'custom' ? '' : (a.ResourceType ?? ''),
        (a.Tags ?? []).map((t) => `${t.Key}=${t.Value}`).join(';'),
      ]),
  ]);

type Call = (action: string, input: object) => Promise<Record<string, unknown>>;

const caller =
  (endpoint: string, who: Signer): Call =>
  async (action, input) => {
    const res = await signedJson(endpoint, action, input, who);
    const body = (await res.json()) as Record<string, unknown> & {
      Error?: { Code: string; Message: string };
    };
    if (body.Error) throw new Error(`${body.Error.Code}: ${body.Error.Message}`);
    return body;
  };

/** Every allocation of `poolId` and of the pools below it, pool by pool from the top. */
export const treeAllocations = async (call: Call, poolId: string): Promise<Allocation[]> => {
  const pools = (await call('DescribeIpamPools', {})).IpamPools as {
    IpamPoolId: string;
    SourceIpamPoolId?: string;
  }[];
  const out: Allocation[] = [];
  const visit = async (id: string) => {
    const got = (await call('GetIpamPoolAllocations', { IpamPoolId: id }))
      .IpamPoolAllocations as Allocation[];
    out.push(...got.map((a) => ({ ...a, IpamPoolId: id })));
    for (const child of pools.filter((p) => p.SourceIpamPoolId === id)) await visit(child.IpamPoolId);
  };
  await visit(poolId);
  return out;
};

const main = async (args: string[]) => {
  const id = args.find((a) => !a.startsWith('--'));
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (!id)
    throw new Error(
      'usage: npm run export -- <ipam-pool-…|ipam-scope-…> [--json] [--endpoint URL] [--account ID]',
    );
  const stack = readStackState();
  const endpoint = flag('--endpoint') ?? stack?.url;
  if (!endpoint) throw new Error('No running `npm start` found: give --endpoint http://…');
  const account = flag('--account');
  const call = caller(endpoint, account ? accountSigner(account) : envSigner());
  const json = args.includes('--json');
  if (id.startsWith('ipam-scope-')) {
    const rows = (await call('GetIpamResourceCidrs', { IpamScopeId: id })).IpamResourceCidrs as Record<
      string,
      string
    >[];
    const fields = [
      'ResourceId',
      'ResourceType',
      'ResourceCidr',
      'ResourceOwnerId',
      'ResourceRegion',
      'ManagementState',
      'ComplianceStatus',
      'OverlapStatus',
    ];
    process.stdout.write(
      json
        ? `${JSON.stringify(rows, null, 2)}\n`
        : formatCsv([fields, ...rows.map((r) => fields.map((f) => String(r[f] ?? '')))]),
    );
    return;
  }
  const rows = await treeAllocations(call, id);
  process.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : allocationsCsv(rows));
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
