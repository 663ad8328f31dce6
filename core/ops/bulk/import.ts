/**
 * `ImportIpamPoolAllocations` (Allot-specific): existing allocations from a CSV file, as NetBox
 * and phpIPAM users move in. The whole file is checked first and every row gets a verdict; only
 * with `Apply` are the rows allocated, each through AllocateIpamPoolCidr's atomic claim with a
 * ClientToken derived from the row, so a re-run imports nothing twice.
 *
 * A row's pool is a pool id, or a path of pool Name tags from a top-level pool down
 * (`top/us-east-1/dev`). An empty `resource_type` (or `custom`) makes a custom allocation; vpc,
 * subnet, eip, … a resource allocation of that resource (kept while discovery sees it).
 */
import { blockOf, type Cidr, formatCidr, parseCidr } from '../../cidr';
import { isAllotError } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { AllocationRecord, PoolRecord, TokenRecord } from '../../records';
import { allocateIpamPoolCidr } from '../allocation/allocate';
import type { ResourceSpec } from '../allocation/rules';
import { dryRun } from '../kit/common';
import { listAll } from '../kit/listing';
import { loadPool, seenFrom } from '../kit/loads';
import { parseCsv } from './csv';
import { type ImportRow, type RowError, readHeader, readRow, rowToken } from './rows';

export interface ImportInput {
  DryRun?: boolean;
  /** The file: a header line naming the columns, then one allocation per line. */
  Csv?: string;
  /** Allocate the rows; without it, only the verdicts (the default). */
  Apply?: boolean;
}

export interface RowVerdict {
  Line: number;
  /** ok (would import), imported, already-imported, or the EC2 error code that refuses the row. */
  Verdict: string;
  IpamPoolId?: string;
  Cidr?: string;
  IpamPoolAllocationId?: string;
  Message?: string;
}

/** Rows allocated at once by one request. */
const APPLY_CONCURRENCY = 16;

const RESOURCE_TYPES = new Set(['vpc', 'subnet', 'eip', 'ec2-public-ipv4-pool', 'anycast-ip-list']);

/** The caller's pools, and a resolver of a row's pool by id or by a path of Name tags. */
const poolResolver = async (deps: Deps, caller: Caller) => {
  const pools = (await listAll<PoolRecord>(deps.store, { kind: 'pool', owner: caller.accountId })).filter(
    (p) => seenFrom(caller, p),
  );
  const nameOf = (p: PoolRecord) => p.Tags.find((t) => t.Key === 'Name')?.Value;
  const byId = new Map(pools.map((p) => [p.IpamPoolId, p]));
  const pathOf = (p: PoolRecord): string => {
    const parent = p.SourceIpamPoolId ? byId.get(p.SourceIpamPoolId) : undefined;
    return parent ? `${pathOf(parent)}/${nameOf(p) ?? p.IpamPoolId}` : (nameOf(p) ?? p.IpamPoolId);
  };
  const byPath = new Map<string, PoolRecord[]>();
  for (const p of pools) byPath.set(pathOf(p), [...(byPath.get(pathOf(p)) ?? []), p]);
  const loaded = new Map<string, Promise<PoolRecord>>();
  return async (ref: string): Promise<PoolRecord | RowError['message']> => {
    if (ref.startsWith('ipam-pool-')) {
      // One read per pool named, not per row.
      if (!loaded.has(ref)) loaded.set(ref, loadPool(deps, caller, ref));
      return loaded.get(ref)!;
    }
    const found = byPath.get(ref) ?? [];
    if (found.length === 1) return found[0]!;
    return found.length === 0
      ? `No pool has the Name path '${ref}' (top-level Name / child Name / …).`
      : `The Name path '${ref}' names ${found.length} pools; use a pool id.`;
  };
};

/**
 * Disjoint blocks (a pool's allocations, or the rows of a file accepted so far) sorted by start:
 * the one a block overlaps is found by bisection, since disjoint blocks that overlap a query end
 * with the last one starting at or before the query's end.
 */
class Disjoint<T> {
  private readonly items: { start: bigint; end: bigint; value: T }[] = [];

  private after(at: bigint): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]!.start <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  find(q: Cidr): T | undefined {
    const b = blockOf(q);
    const last = this.items[this.after(b.end) - 1];
    return last && last.end >= b.start ? last.value : undefined;
  }

  add(q: Cidr, value: T): void {
    const b = blockOf(q);
    this.items.splice(this.after(b.start), 0, { start: b.start, end: b.end, value });
  }
}

/** A pool's allocations, read once: by CIDR, and as disjoint blocks. */
interface Held {
  byCidr: Map<string, AllocationRecord>;
  blocks: Disjoint<AllocationRecord>;
}

const heldOf = (all: readonly AllocationRecord[]): Held => {
  const blocks = new Disjoint<AllocationRecord>();
  for (const a of all) blocks.add(parseCidr(a.Cidr), a);
  return { byCidr: new Map(all.map((a) => [a.Cidr, a])), blocks };
};

/** The verdict of one row against its pool's allocations (a dry run). */
const checkRow = (row: ImportRow, pool: PoolRecord, held: Held): RowVerdict => {
  const cidr = formatCidr(row.cidr);
  const at = { Line: row.line, IpamPoolId: pool.IpamPoolId, Cidr: cidr };
  const same = held.byCidr.get(cidr);
  if (same && (same.Description ?? '') === row.description)
    return { ...at, Verdict: 'already-imported', IpamPoolAllocationId: same.IpamPoolAllocationId };
  const hit = same ?? held.blocks.find(row.cidr);
  if (!hit) return { ...at, Verdict: 'ok' };
  const description = hit.Description ? `, "${hit.Description}"` : '';
  return {
    ...at,
    Verdict: 'InsufficientCidrBlocks',
    Message: `${cidr} overlaps ${hit.Cidr} (${hit.IpamPoolAllocationId}${description}) in pool ${pool.IpamPoolId}.`,
  };
};

/**
 * The verdict of one row when applying: the row's token says whether an earlier run imported it
 * (one read); anything else is for the claim itself to decide (it names what it overlaps).
 */
const tokenCheck = async (
  deps: Deps,
  caller: Caller,
  row: ImportRow,
  at: RowVerdict,
): Promise<RowVerdict> => {
  const ref = {
    kind: 'token',
    owner: caller.accountId,
    action: 'AllocateIpamPoolCidr',
    token: rowToken(row),
  } as const;
  const token = await deps.store.get<TokenRecord>(ref);
  const made = (token?.Result as { IpamPoolAllocation?: { IpamPoolAllocationId: string } } | undefined)
    ?.IpamPoolAllocation;
  return made
    ? { ...at, Verdict: 'already-imported', IpamPoolAllocationId: made.IpamPoolAllocationId }
    : { ...at, Verdict: 'ok' };
};

/** Allocates one checked row; its verdict becomes imported or the refusal's code. */
const applyRow = async (deps: Deps, caller: Caller, row: ImportRow, v: RowVerdict): Promise<RowVerdict> => {
  const before = await tokenCheck(deps, caller, row, v);
  if (before.Verdict !== 'ok') return before;
  const type = row.resourceType.toLowerCase();
  const resource: ResourceSpec | undefined = RESOURCE_TYPES.has(type)
    ? {
        ResourceType: type as ResourceSpec['ResourceType'],
        ResourceId: row.resourceId,
        ResourceRegion: caller.region,
        ResourceOwner: caller.accountId,
        Import: true,
      }
    : undefined;
  const input = {
    IpamPoolId: v.IpamPoolId!,
    Cidr: v.Cidr!,
    ClientToken: rowToken(row),
    ...(row.description ? { Description: row.description } : {}),
    ...(row.tags.length > 0
      ? { TagSpecifications: [{ ResourceType: 'ipam-pool-allocation', Tags: row.tags }] }
      : {}),
  };
  try {
    const out = (await allocateIpamPoolCidr(deps, caller, input, resource)) as {
      IpamPoolAllocation: { IpamPoolAllocationId: string };
    };
    return { ...v, Verdict: 'imported', IpamPoolAllocationId: out.IpamPoolAllocation.IpamPoolAllocationId };
  } catch (e) {
    if (!isAllotError(e)) throw e;
    return { ...v, Verdict: e.code, Message: e.message };
  }
};

/** Every row's verdict before anything is written: parse errors, conflicts in the file, the store. */
const verdicts = async (deps: Deps, caller: Caller, csv: string, apply: boolean) => {
  const [header, ...records] = parseCsv(csv);
  const at = header
    ? readHeader(header)
    : { line: 1, code: 'MissingParameter' as const, message: 'The file is empty.' };
  if ('code' in at)
    return { rows: [] as ImportRow[], out: [{ Line: at.line, Verdict: at.code, Message: at.message }] };
  const parsed = records.map((r) => readRow(r, at));
  const rows = parsed.filter((r): r is ImportRow => !('code' in r));
  const errors = new Map<number, RowError>(parsed.flatMap((r) => ('code' in r ? [[r.line, r]] : [])));
  const resolve = await poolResolver(deps, caller);
  const held = new Map<string, Held>();
  // Rows of this file already accepted, by pool: a later row overlapping one is refused.
  const accepted = new Map<string, Disjoint<ImportRow>>();
  const out: RowVerdict[] = [];
  for (const row of rows) {
    const err = errors.get(row.line);
    if (err) {
      out.push({ Line: row.line, Verdict: err.code, Message: err.message });
      continue;
    }
    const pool = await resolve(row.pool).catch((e: unknown) =>
      isAllotError(e) ? e.message : Promise.reject(e),
    );
    if (typeof pool === 'string') {
      out.push({ Line: row.line, Verdict: 'InvalidIpamPoolId.NotFound', Message: pool });
      continue;
    }
    if (!apply && !held.has(pool.IpamPoolId))
      held.set(
        pool.IpamPoolId,
        heldOf(await listAll(deps.store, { kind: 'allocation', poolId: pool.IpamPoolId })),
      );
    const mine = accepted.get(pool.IpamPoolId) ?? new Disjoint<ImportRow>();
    accepted.set(pool.IpamPoolId, mine);
    const earlier = mine.find(row.cidr);
    const verdict: RowVerdict = earlier
      ? {
          Line: row.line,
          Verdict: 'InvalidParameterValue',
          Message: `${formatCidr(row.cidr)} overlaps ${formatCidr(earlier.cidr)} on line ${earlier.line} of this file.`,
        }
      : apply
        ? { Line: row.line, IpamPoolId: pool.IpamPoolId, Cidr: formatCidr(row.cidr), Verdict: 'ok' }
        : checkRow(row, pool, held.get(pool.IpamPoolId)!);
    if (!earlier) mine.add(row.cidr, row);
    out.push(verdict);
  }
  const judged = new Set(out.map((v) => v.Line));
  for (const e of errors.values())
    if (!judged.has(e.line)) out.push({ Line: e.line, Verdict: e.code, Message: e.message });
  return { rows, out: out.sort((a, b) => a.Line - b.Line) };
};

const summaryOf = (rows: readonly RowVerdict[]) => {
  const count = (v: string) => rows.filter((r) => r.Verdict === v).length;
  const good = new Set(['ok', 'imported', 'already-imported']);
  return {
    Rows: rows.length,
    Ok: count('ok'),
    Imported: count('imported'),
    AlreadyImported: count('already-imported'),
    Refused: rows.filter((r) => !good.has(r.Verdict)).length,
  };
};

/**
 * @example await importIpamPoolAllocations(deps, caller, { Csv: 'pool,cidr\nipam-pool-…,10.0.0.0/24\n', Apply: true })
 * // { Rows: [{ Line: 2, Verdict: 'imported', IpamPoolId: 'ipam-pool-…', Cidr: '10.0.0.0/24', … }], Summary: { … } }
 */
export const importIpamPoolAllocations = async (deps: Deps, caller: Caller, input: ImportInput) => {
  if (input.Csv === undefined) return { Rows: [], Summary: summaryOf([]) };
  dryRun(input);
  const { rows, out } = await verdicts(deps, caller, input.Csv, input.Apply === true);
  if (!input.Apply) return { Rows: out, Summary: summaryOf(out) };
  const byLine = new Map(rows.map((r) => [r.line, r]));
  // A few rows at once: distinct blocks of one pool claim distinct positions, which do not contend.
  const applied = [...out];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < out.length; i = next++) {
      const v = out[i]!;
      if (v.Verdict === 'ok') applied[i] = await applyRow(deps, caller, byLine.get(v.Line)!, v);
    }
  };
  await Promise.all(Array.from({ length: APPLY_CONCURRENCY }, worker));
  return { Rows: applied, Summary: summaryOf(applied) };
};
