/**
 * Where a claim lands: the lowest free aligned block across a space's roots, or, in a hot space,
 * a block of the region this process settled on (see allocator.ts). Searches are synchronous walks
 * over loaded nodes; the Loader reads what a walk still needs.
 */
import { BITS, type Cidr, type Interval, intersectIntervals } from '../../cidr';
import type { Store, Write } from '../../ports';
import type { NodeKey, NodeView } from '../../space/node';
import { expiredAt, type Lookup, pathTo, type SearchRequest, search } from '../../space/search';

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

/** A hot caller's region: 2^8 blocks of the size asked, one leaf node's worth of positions. */
const REGION_BITS = 8;
/** A hot caller settles on one of the first SPREAD regions from the lowest free block. */
const SPREAD = 128n;

/** The aligned region of 2^REGION_BITS blocks of `prefix` around `start` (never above the root). */
export const regionAt = (version: 4 | 6, start: bigint, prefix: number, rootPrefix: number): Interval => {
  const size = 1n << BigInt(BITS[version] - Math.max(rootPrefix, prefix - REGION_BITS));
  const first = start - (start % size);
  return { start: first, end: first + size - 1n };
};

/** `allowed` (none = everything) narrowed to `within`. */
const narrow = (allowed: Interval[] | undefined, within: Interval): Interval[] =>
  intersectIntervals(allowed ?? [within], [within]);

const keyId = (k: NodeKey): string => `${k.space}|${k.version}|${k.start}|${k.prefix}`;

/** Loads nodes for synchronous walks: local map first, then the store's cache, then a read. */
export class Loader {
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

export interface Chosen {
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
      // Released space in or around the block whose reuse delay has passed is free: it is
      // finalized before the claim, as a netmask search does with what it passes over.
      const x = r.need ? undefined : expiredAt(r.path, b, loader.lookup, spec.now);
      const need = r.need ?? x?.need;
      if (need) {
        await loader.load(need);
        continue;
      }
      return {
        chosen: { block: b, path: r.path, rootPrefix: rootKey.prefix } as Chosen,
        expired: x!.expired,
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
export const chooseAcross = async (spec: ClaimSpec, loader: Loader, within?: Interval) => {
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
export const chooseHot = async (
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
