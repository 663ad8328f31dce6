/**
 * Claiming and releasing blocks in a space (a pool's provisioned CIDRs, or a scope's top-level
 * space) through the Store port. Every claim is one atomic commit whose node conditions make two
 * overlapping claims impossible; losing a race is normal and leads to another candidate.
 *
 * Strategy: the lowest free aligned block (F-ALLOC-05). A process that loses a race in a space
 * marks it "hot" for two seconds (renewed while it keeps claiming there). In a hot space it
 * settles on a region of 2^8 blocks of the asked size (one leaf node's worth of positions), a
 * random number of regions (0..127) past the lowest free block, and fills that region
 * lowest-first until it is full or another race is lost. Concurrent processes thus spread over
 * different regions and node items instead of all racing for the next block of the same node:
 * measured on DynamoDB Local with 32 callers on one pool, failed commits fell from 0.58 to 0.17
 * per allocation, node reads from 0.92 to 0.37, and throughput rose from 165 to 207/s
 * (.scratch-style counting; `npm run bench` reports the figures). An uncontended sequence stays
 * strictly contiguous. The habit is kept per store instance, i.e. per process. `strategy:
 * 'lowest'` keeps strict lowest-first even under contention, at the price of more retries.
 */
import { BITS, type Cidr, type Interval, intersectIntervals } from '../../cidr';
import type { Store, Write } from '../../ports';
import type { NodeKey, NodeView, NodeWrite } from '../../space/node';
import { claimWrites, finalizeWrites, hintFixWrites, releaseWrites } from '../../space/plan';
import { type Lookup, pathTo, type SearchRequest, search } from '../../space/search';

export type Strategy = 'lowest' | 'spread';

export interface ClaimSpec {
  /** Root nodes of the space, in address order (one per provisioned CIDR). */
  roots: NodeKey[];
  /** Explicit block, or netmask mode with optional filters. */
  block?: Cidr;
  prefix: number;
  allowed?: Interval[];
  disallowed?: Interval[];
  /** Stored at the claimed position: the allocation id. */
  value: string;
  /** Other writes committed atomically with the claim, built for the chosen block. */
  extra: (block: Cidr) => Write[];
  now: number;
  strategy?: Strategy;
  /** Only compute the block (PreviewNextCidr): nothing is written. */
  preview?: boolean;
}

export type ClaimResult =
  | { ok: true; block: Cidr }
  | { ok: false; reason: 'no-space' }
  | { ok: false; reason: 'extra'; failed: Write[] };

export interface SpaceDeps {
  store: Pick<Store, 'readNode' | 'commit' | 'peekNode'>;
  random?: (() => number) | undefined;
  maxAttempts?: number;
}

/** How long a space stays "hot" after this process lost a race in it. */
const HOT_MS = 2000;
/**
 * What a process remembers between claims, kept per store instance (a store is one process's
 * view, with its caches): which spaces are hot, and the region each hot space is filled in.
 */
interface Habits {
  hotUntil: Map<string, number>;
  sticky: Map<string, Interval>;
}
const habitsOf = new WeakMap<object, Habits>();
const habits = (store: object): Habits => {
  let h = habitsOf.get(store);
  if (!h) {
    h = { hotUntil: new Map(), sticky: new Map() };
    habitsOf.set(store, h);
  }
  return h;
};
/** A hot caller's region: 2^8 blocks of the size asked, one leaf node's worth of positions. */
const REGION_BITS = 8;
/** A hot caller settles on one of the first SPREAD regions from the lowest free block. */
const SPREAD = 128n;

/** The aligned region of 2^REGION_BITS blocks of `prefix` around `start` (never above the root). */
const regionAt = (version: 4 | 6, start: bigint, prefix: number, rootPrefix: number): Interval => {
  const size = 1n << BigInt(BITS[version] - Math.max(rootPrefix, prefix - REGION_BITS));
  const first = start - (start % size);
  return { start: first, end: first + size - 1n };
};

/** `allowed` (none = everything) narrowed to `within`. */
const narrow = (allowed: Interval[] | undefined, within: Interval): Interval[] =>
  intersectIntervals(allowed ?? [within], [within]);

const keyId = (k: NodeKey): string => `${k.space}|${k.version}|${k.start}|${k.prefix}`;

/** Loads nodes for synchronous walks: local map first, then the store's cache, then a read. */
class Loader {
  private readonly local = new Map<string, NodeView | null>();
  constructor(
    private readonly store: SpaceDeps['store'],
    private readonly fresh: boolean,
  ) {}
  readonly lookup: Lookup = (key) => {
    // Most walks load nothing: skip building the key while the local map is empty.
    const hit = this.local.size === 0 ? undefined : this.local.get(keyId(key));
    if (hit !== undefined || this.fresh) return hit;
    return this.store.peekNode?.(key);
  };
  async load(key: NodeKey): Promise<NodeView | null> {
    const n = (await this.store.readNode(key, this.fresh)) ?? null;
    this.local.set(keyId(key), n);
    return n;
  }
  async get(key: NodeKey): Promise<NodeView | null> {
    const hit = this.lookup(key);
    return hit === undefined ? this.load(key) : hit;
  }
}

/** The space writes of a claim or release, named so a failure tells them from the caller's writes. */
const claimOf = (writes: NodeWrite[]): Write[] =>
  writes.map((write) => ({ name: 'claim', type: 'node', write }));

/**
 * A lost race on the space comes first: the other writes (e.g. the allocation record keyed by
 * CIDR) may fail for the same reason. Only a failure of the other writes alone is the caller's.
 */
const extraFailure = (failed: Write[]): { ok: false; reason: 'extra'; failed: Write[] } | undefined => {
  if (failed.some((w) => w.name === 'claim')) return undefined;
  return failed.length > 0 ? { ok: false, reason: 'extra', failed } : undefined;
};

const commitNodes = (deps: SpaceDeps, writes: ReturnType<typeof finalizeWrites>) =>
  writes.length === 0
    ? Promise.resolve({ ok: true as const })
    : deps.store.commit(writes.map((write) => ({ type: 'node' as const, write })));

interface Chosen {
  block: Cidr;
  path: NodeView[];
  rootPrefix: number;
}

const chooseIn = async (spec: ClaimSpec, rootKey: NodeKey, loader: Loader, within?: Interval) => {
  const root = await loader.get(rootKey);
  if (!root) return undefined;
  if (spec.block) {
    const b = spec.block;
    if (b.version !== rootKey.version || b.prefix < rootKey.prefix) return undefined;
    const shift = BigInt(BITS[b.version] - rootKey.prefix);
    if (b.start >> shift !== rootKey.start >> shift) return undefined;
    for (;;) {
      const r = pathTo(root, b, loader.lookup);
      if (r.need) {
        await loader.load(r.need);
        continue;
      }
      return {
        chosen: { block: b, path: r.path, rootPrefix: rootKey.prefix } as Chosen,
        expired: [] as NodeView[][],
        stale: [],
      };
    }
  }
  const req: SearchRequest = { version: rootKey.version, prefix: spec.prefix, now: spec.now };
  if (spec.allowed || within) req.allowed = within ? narrow(spec.allowed, within) : spec.allowed;
  if (spec.disallowed) req.disallowed = spec.disallowed;
  for (;;) {
    const out = search(root, req, loader.lookup, 1);
    if (out.need) {
      await loader.load(out.need);
      continue;
    }
    const pick = out.found[0];
    return {
      chosen: pick
        ? ({ block: pick.block, path: pick.path, rootPrefix: rootKey.prefix } as Chosen)
        : undefined,
      expired: out.expired,
      stale: out.stale,
    };
  }
};

/** The first free block across the roots in address order (optionally within an interval). */
const chooseAcross = async (spec: ClaimSpec, loader: Loader, within?: Interval) => {
  let chosen: Chosen | undefined;
  let expired: NodeView[][] = [];
  const stale: [NodeView, NodeView][] = [];
  for (const rootKey of spec.roots) {
    const r = await chooseIn(spec, rootKey, loader, within);
    if (!r) continue;
    expired = r.expired;
    stale.push(...r.stale);
    if (r.chosen) {
      chosen = r.chosen;
      break;
    }
    if (expired.length > 0) break;
  }
  return { chosen, expired, stale };
};

/**
 * Where a caller in a hot space claims: in the region it settled on while that has room;
 * otherwise a random one of the SPREAD regions from the lowest free block, which it then keeps.
 */
const chooseHot = async (
  spec: ClaimSpec,
  loader: Loader,
  sticky: Map<string, Interval>,
  key: string,
  random: () => number,
) => {
  const region = sticky.get(key);
  if (region) {
    const r = await chooseAcross(spec, loader, region);
    if (r.chosen || r.expired.length > 0) return r;
    sticky.delete(key);
  }
  const lowest = await chooseAcross(spec, loader);
  if (!lowest.chosen) return lowest;
  const { block, rootPrefix } = lowest.chosen;
  const base = regionAt(block.version, block.start, block.prefix, rootPrefix);
  const skip = BigInt(Math.floor(random() * Number(SPREAD)));
  if (skip === 0n) return lowest;
  const size = base.end - base.start + 1n;
  const top = (1n << BigInt(BITS[block.version])) - 1n;
  const spread = await chooseAcross(spec, loader, { start: base.start + skip * size, end: top });
  return spread.chosen ? { ...spread, stale: [...lowest.stale, ...spread.stale] } : lowest;
};

export const claim = async (deps: SpaceDeps, spec: ClaimSpec): Promise<ClaimResult> => {
  const random = deps.random ?? Math.random;
  const attempts = deps.maxAttempts ?? 64;
  const space = spec.roots[0]?.space ?? '';
  const key = `${space}|${spec.prefix}`;
  const spreading = !spec.block && !spec.preview && spec.strategy !== 'lowest';
  const { hotUntil, sticky } = habits(deps.store);
  let fresh = false;
  let finalized = 0;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const loader = new Loader(deps.store, fresh);
    const hot = spreading && (hotUntil.get(space) ?? 0) > Date.now();
    const { chosen, expired, stale } = hot
      ? await chooseHot(spec, loader, sticky, key, random)
      : await chooseAcross(spec, loader);
    // Released space whose reuse delay has passed is finalized first, then the search runs again.
    if (expired.length > 0 && finalized < 8) {
      finalized++;
      for (const p of expired.reverse()) await commitNodes(deps, finalizeWrites(p, spec.now));
      fresh = true;
      attempt--;
      continue;
    }
    if (!chosen) {
      if (fresh) return { ok: false, reason: 'no-space' };
      fresh = true;
      continue;
    }
    if (spec.preview) return { ok: true, block: chosen.block };
    const nodeWrites = claimWrites(chosen.path, chosen.block, chosen.rootPrefix, spec.value);
    if (!nodeWrites) {
      if (spec.block && fresh) return { ok: false, reason: 'no-space' };
      fresh = true;
      continue;
    }
    const writes: Write[] = [...claimOf(nodeWrites), ...spec.extra(chosen.block)];
    const res = await deps.store.commit(writes);
    // Hints that promised more than a child holds are corrected after the claim (best effort), so
    // the correction never invalidates the versions the claim's own writes were built on.
    for (const [p, c] of stale) await commitNodes(deps, hintFixWrites(p, c));
    if (res.ok) {
      if (hot) {
        hotUntil.set(space, Date.now() + HOT_MS);
        const region = regionAt(
          chosen.block.version,
          chosen.block.start,
          chosen.block.prefix,
          chosen.rootPrefix,
        );
        sticky.set(key, region);
      }
      return { ok: true, block: chosen.block };
    }
    const extra = extraFailure(res.failed);
    if (extra) return extra;
    if (!spec.block && res.failed.length + res.nodes.length > 0) {
      hotUntil.set(space, Date.now() + HOT_MS);
      sticky.delete(key);
    }
    fresh = spec.block !== undefined;
  }
  return { ok: false, reason: 'no-space' };
};

export interface ReleaseSpec {
  root: NodeKey;
  block: Cidr;
  value: string;
  /** Reuse delay end (F-ALLOC-09); omit to free the space at once. */
  coolUntil?: number;
  extra: Write[];
}

export type ReleaseResult =
  | { ok: true }
  | { ok: false; reason: 'not-held' }
  | { ok: false; reason: 'extra'; failed: Write[] };

export const release = async (deps: SpaceDeps, spec: ReleaseSpec): Promise<ReleaseResult> => {
  for (let attempt = 0; attempt < (deps.maxAttempts ?? 64); attempt++) {
    const loader = new Loader(deps.store, true);
    const root = await loader.get(spec.root);
    if (!root) return { ok: false, reason: 'not-held' };
    let r = pathTo(root, spec.block, loader.lookup);
    while (r.need) {
      await loader.load(r.need);
      r = pathTo(root, spec.block, loader.lookup);
    }
    const nodeWrites = releaseWrites(r.path, spec.block, spec.root.prefix, spec.value, spec.coolUntil);
    if (!nodeWrites) return { ok: false, reason: 'not-held' };
    const res = await deps.store.commit([...claimOf(nodeWrites), ...spec.extra]);
    if (res.ok) return { ok: true };
    const extra = extraFailure(res.failed);
    if (extra) return extra;
  }
  return { ok: false, reason: 'not-held' };
};
