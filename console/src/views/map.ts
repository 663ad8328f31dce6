/**
 * `#/pools/<id>/map?root=<cidr>`: the CIDR map (F-MON-18). The root block is laid out on a
 * Hilbert curve on a canvas, one cell per block of the finest level shown, coloured by category;
 * a click zooms into the quarter clicked, "Zoom out" goes back a quarter level, the CIDR box sets
 * the root, hovering names the block. The table below lists the same blocks for screen readers
 * and tests.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Cidr, tryParseCidr } from '../../../core/cidr';
import { type Answer, atLocale, callAll, callApi } from '../api';
import { d2xy, xy2d } from '../hilbert';
import {
  allocationBlock,
  CATEGORIES,
  COLOURS,
  cellCidr,
  formatCidr,
  type Grid,
  gridOf,
  LABELS,
  type MapBlock,
  resourceBlock,
  tableRows,
  widen,
} from '../layout';
import { go } from '../router';
import { loadScopes, pickScope, ScopeSelect } from '../scopes';
import type { Credentials } from '../session';
import { ErrorNote, html, idOfArn, inputText, Show, useLoad, usePagesAfter } from '../ui';

const SIDE = 512;

const PAGE = 1000;

/** The pool, its CIDRs and resource CIDRs, and its first page of allocations (the rest follow). */
const loadBlocks = async (who: Credentials, poolId: string) => {
  const { IpamPools } = await callApi(who, 'DescribeIpamPools', { IpamPoolIds: [poolId] });
  const pool = IpamPools[0];
  const [cidrs, first, resources] = await Promise.all([
    callAll(who, 'GetIpamPoolCidrs', { IpamPoolId: poolId }, 'IpamPoolCidrs'),
    callApi(atLocale(who, pool), 'GetIpamPoolAllocations', { IpamPoolId: poolId, MaxResults: PAGE }),
    callAll(
      who,
      'GetIpamResourceCidrs',
      { IpamScopeId: idOfArn(pool.IpamScopeArn), IpamPoolId: poolId },
      'IpamResourceCidrs',
    ),
  ]);
  const blocks: MapBlock[] = [
    ...((first.IpamPoolAllocations ?? []) as Answer[]).map(allocationBlock),
    ...resources.map(resourceBlock),
  ];
  return {
    pool,
    cidrs: cidrs.map((c) => c.Cidr as string),
    blocks,
    more: first.NextToken as string | undefined,
  };
};

type Loaded = Awaited<ReturnType<typeof loadBlocks>>;

/** Each cell's [x, y] on the curve of `order`, computed once per order. */
const XY = new Map<number, Uint16Array>();
const curve = (order: number): Uint16Array => {
  let xy = XY.get(order);
  if (!xy) {
    xy = new Uint16Array(2 * 4 ** order);
    for (let d = 0; d < 4 ** order; d++) xy.set(d2xy(order, d), 2 * d);
    XY.set(order, xy);
  }
  return xy;
};

/**
 * Paints every cell, one colour at a time (five fill styles a frame, not one per cell); the
 * cell's pixel square is the same for any reader (tests read pixels).
 */
export const paint = (canvas: HTMLCanvasElement, g: Grid): void => {
  const ctx = canvas.getContext('2d')!;
  const px = SIDE / (1 << g.order);
  const gap = px >= 6 ? 1 : 0;
  const xy = curve(g.order);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, SIDE, SIDE);
  CATEGORIES.forEach((category, rank) => {
    ctx.fillStyle = COLOURS[category];
    for (let d = 0; d < g.cells.length; d++)
      if (g.cells[d] === rank) ctx.fillRect(xy[2 * d]! * px, xy[2 * d + 1]! * px, px - gap, px - gap);
  });
};

const Canvas = ({ grid, blocks, onZoom }: { grid: Grid; blocks: MapBlock[]; onZoom: (c: Cidr) => void }) => {
  const ref = useRef<HTMLCanvasElement>(null);
  // What the pointer is over, for the root it was read on (a zoom keeps this canvas).
  const [hover, setHover] = useState({ root: '', text: '' });
  const root = formatCidr(grid.root);
  // Drawn before the browser paints, in the same frame as the rest of the zoom.
  useLayoutEffect(() => {
    if (ref.current) paint(ref.current, grid);
  }, [grid]);
  const cellAt = (e: MouseEvent) => {
    const px = SIDE / (1 << grid.order);
    const x = Math.min((1 << grid.order) - 1, Math.floor(e.offsetX / px));
    const y = Math.min((1 << grid.order) - 1, Math.floor(e.offsetY / px));
    return xy2d(grid.order, x, y);
  };
  const describe = (e: MouseEvent) => {
    const d = cellAt(e);
    const c = cellCidr(grid, d);
    const end = c.start + (1n << BigInt((c.version === 4 ? 32 : 128) - c.prefix));
    const holder = blocks
      .filter(
        (b) =>
          b.cidr.start < end &&
          c.start < b.cidr.start + (1n << BigInt((c.version === 4 ? 32 : 128) - b.cidr.prefix)),
      )
      .sort((a, b) => CATEGORIES.indexOf(b.category) - CATEGORIES.indexOf(a.category))[0];
    const category = LABELS[CATEGORIES[grid.cells[d]!]!];
    setHover({
      root,
      text: holder
        ? `${formatCidr(c)} in ${formatCidr(holder.cidr)}: ${category} · ${holder.holder} · owner ${holder.owner || '–'} · ${holder.state}`
        : `${formatCidr(c)}: ${category}`,
    });
  };
  const click = (e: MouseEvent) => {
    if (grid.order === 0) return;
    onZoom(widen(cellCidr(grid, cellAt(e)), 2 * grid.order - 2));
  };
  return html`<div>
    <canvas ref=${ref} width=${SIDE} height=${SIDE} data-order=${grid.order} onMouseMove=${describe} onClick=${click}
      role="img" aria-label=${`CIDR map of ${formatCidr(grid.root)}, ${grid.cells.length} blocks of /${grid.cellPrefix}; the table below lists them`}></canvas>
    <p aria-live="polite" data-testid="map-hover">${(hover.root === root && hover.text) || 'Hover over a block for its CIDR, holder, owner and state; click to zoom in.'}</p>
  </div>`;
};

const Legend = () =>
  html`<ul class="legend" aria-label="Legend">${CATEGORIES.map(
    (c) => html`<li><span class="swatch" style=${`background:${COLOURS[c]}`}></span>${LABELS[c]}</li>`,
  )}</ul>`;

/** The root box of one root block (its typed text starts again with each root). */
const RootForm = ({ top, show }: { top: Cidr; show: (c: Cidr) => void }) => {
  const [typed, setTyped] = useState('');
  const [bad, setBad] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    const c = tryParseCidr(typed.trim());
    setBad(!c);
    if (c) show(c);
  };
  return html`<form onSubmit=${submit} aria-label="Map root">
      <label>Root CIDR <input value=${typed || formatCidr(top)} onInput=${(e: Event) => setTyped(inputText(e))} /></label>
      <button>Show</button>
      <button type="button" class="secondary" disabled=${top.prefix === 0} onClick=${() => show(widen(top, 2))}>Zoom out</button>
      ${bad && html`<${ErrorNote} error=${{ code: 'InvalidParameterValue', message: `'${typed}' is not a CIDR.` }} />`}
    </form>`;
};

/**
 * The root box, the legend, the canvas and the table of one root block. A zoom keeps the canvas
 * and the table's rows and only redraws and rewrites them (measured: rebuilding 256 rows and the
 * canvas was most of a zoom frame).
 */
const MapBody = ({ top, blocks, show }: { top: Cidr; blocks: MapBlock[]; show: (c: Cidr) => void }) => {
  const grid = gridOf(top, blocks);
  return html`<${RootForm} key=${formatCidr(top)} top=${top} show=${show} />
    <${Legend} />
    <div class="map">
      <${Canvas} grid=${grid} blocks=${blocks} onZoom=${show} />
      <table aria-label="Blocks of the map">
        <thead><tr><th>CIDR</th><th>Category</th><th>Holder</th><th>Owner</th><th>State</th></tr></thead>
        <tbody>${tableRows(top, blocks).map(
          (b) =>
            html`<tr><td>${formatCidr(b.cidr)}</td><td>${LABELS[b.category]}</td><td>${b.holder}</td><td>${b.owner}</td><td>${b.state}</td></tr>`,
        )}</tbody>
      </table>
    </div>`;
};

/**
 * `#/pools/<id>/map`: drawn with the first 1,000 allocations, then again as each further page
 * arrives (measured: reading all 10,000 first kept the map blank for most of its first second).
 */
export const PoolMap = ({ who, poolId, root }: { who: Credentials; poolId: string; root: string }) => {
  const data = useLoad(() => loadBlocks(who, poolId), [who, poolId]);
  const rest = usePagesAfter(data.data, data.data?.more, async (token) => {
    const page = await callApi(atLocale(who, data.data?.pool), 'GetIpamPoolAllocations', {
      IpamPoolId: poolId,
      MaxResults: PAGE,
      NextToken: token,
    });
    return {
      items: ((page.IpamPoolAllocations ?? []) as Answer[]).map(allocationBlock),
      token: page.NextToken,
    };
  });
  // One list per page read, so the map's prepared model is built once per page, not per zoom.
  const blocks = useMemo(() => [...(data.data?.blocks ?? []), ...rest.items], [data.data, rest.items]);
  const show = (c: Cidr) => go(`#/pools/${poolId}/map?root=${formatCidr(c)}`);
  return html`<h1>CIDR map of ${poolId}</h1>
    <p><a href=${`#/pools/${poolId}`}>Back to the pool</a></p>
    <${Show} loaded=${data}>${(d: Loaded) => {
      const top = tryParseCidr(root) ?? tryParseCidr(d.cidrs[0] ?? '');
      if (!top)
        return html`<p class="empty">This pool has no CIDR to map: <a href=${`#/pools/${poolId}`}>provision a CIDR to this pool</a> first.</p>`;
      return html`${
        rest.error
          ? html`<${ErrorNote} error=${rest.error} />`
          : rest.token &&
            html`<p class="note" role="status" aria-label="Allocations loading">Loading allocations: page ${rest.pages + 1} after ${blocks.length.toLocaleString('en-US')} blocks…</p>`
      }
        <${MapBody} top=${top} blocks=${blocks} show=${show} />`;
    }}<//>`;
};

/** `#/resources/map?scope=…&root=…`: every resource CIDR of a scope on the same map. */
export const ResourceMap = ({
  who,
  scope,
  root,
}: {
  who: Credentials;
  scope: string | null;
  root: string;
}) => {
  const data = useLoad(async () => {
    const scopes = await loadScopes(who);
    const id = pickScope(scopes, scope);
    const rows = id
      ? await callAll(who, 'GetIpamResourceCidrs', { IpamScopeId: id }, 'IpamResourceCidrs')
      : [];
    return { scopes, id, blocks: rows.map(resourceBlock) };
  }, [who, scope]);
  return html`<h1>Resource CIDR map</h1>
    <p><a href="#/resources">Back to the resources</a></p>
    <${Show} loaded=${data}>${(d: { scopes: Answer[]; id: string; blocks: MapBlock[] }) => {
      const show = (c: Cidr) => go(`#/resources/map?scope=${d.id}&root=${formatCidr(c)}`);
      // By default the /8 (IPv4) or /32 (IPv6) around the lowest resource CIDR.
      const first = [...d.blocks].sort((a, b) => (a.cidr.start < b.cidr.start ? -1 : 1))[0];
      const top =
        tryParseCidr(root) ??
        (first && widen(first.cidr, first.cidr.prefix - (first.cidr.version === 4 ? 8 : 32)));
      return html`<${ScopeSelect} scopes=${d.scopes} value=${d.id} onChange=${(s: string) => go(`#/resources/map?scope=${s}`)} />
        ${
          top
            ? html`<${MapBody} top=${top} blocks=${d.blocks} show=${show} />`
            : html`<p class="empty">No resource CIDRs in this scope yet: <a href="#/discovery">run discovery now</a>.</p>`
        }`;
    }}<//>`;
};
