/**
 * The console, measured in headless Chromium against the local stack: a pool holding 10,000
 * allocations (imported through the operation layer on the stack's table), the time to first
 * render its pool page and its CIDR map (and until all allocations are read and drawn), and the
 * map's frame time when zooming (click to the frame after the redraw), on all of them. Skipped, with a line, when Debian's chromium is not installed.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { importIpamPoolAllocations } from '../core/ops/bulk/import';
import type { Deps } from '../core/ports';
import { launchChromium } from '../local/chromium';
import { CHUNK, chunksOf } from '../local/import';
import { startLocalStack } from '../local/stack';
import { makePool, stackDeps } from './endpoint';

const ROWS = 10_000;
const ACCOUNT = '111122223333';

const chromiumPath = (): string | undefined => {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
};

/** A pool with 10,000 /24 allocations in 10.0.0.0/8. */
const fillPool = async (deps: Deps): Promise<string> => {
  const caller = { accountId: ACCOUNT, region: 'us-east-1' };
  const id = await makePool(deps, caller);
  // Every third /24 of the first 30,000: fragmentation the map shows as stripes.
  const lines = Array.from({ length: ROWS }, (_, k) => {
    const i = k * 3;
    return `${id},10.${i >> 8}.${i & 255}.0/24,row ${k},`;
  });
  for (const chunk of chunksOf(`pool,cidr,description,tags\n${lines.join('\n')}\n`, CHUNK))
    await importIpamPoolAllocations(deps, caller, { Csv: chunk.text, Apply: true });
  return id;
};

/**
 * Milliseconds from a click on the map (or the Zoom out button) to the frame after the redraw.
 * Page code as text: this project is compiled without the DOM's types.
 */
const ZOOM_FRAME = `async (inward) => {
  const canvas = document.querySelector('canvas');
  const before = canvas.getAttribute('aria-label');
  const changed = new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (document.querySelector('canvas')?.getAttribute('aria-label') !== before) {
        watch.disconnect();
        resolve();
      }
    });
    watch.observe(document.body, { subtree: true, attributes: true, childList: true });
  });
  const started = performance.now();
  if (inward) {
    const r = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.left + 5, clientY: r.top + 5 }));
  } else {
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Zoom out').click();
  }
  await changed;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - started;
}`;

const zoomFrame = (page: Page, zoomIn: boolean): Promise<number> =>
  page.evaluate(`(${ZOOM_FRAME})(${zoomIn})`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const benchConsole = async (log: (s: string) => void) => {
  const executablePath = chromiumPath();
  if (!executablePath) {
    log('console: skipped (no chromium on PATH: apt-get install chromium)');
    return {};
  }
  const stack = await startLocalStack({
    port: 0,
    inMemory: true,
    tableName: 'allot-bench-console',
    env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1' },
  });
  const browser = await launchChromium(executablePath);
  try {
    const deps = stackDeps(stack);
    const id = await fillPool(deps);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const who = JSON.stringify({ accessKeyId: ACCOUNT, secretAccessKey: 'test', region: 'us-east-1' });
    await page.addInitScript((c) => sessionStorage.setItem('allot.credentials', c), who);
    let t = performance.now();
    await page.goto(`${stack.url}/console/#/pools/${id}`);
    await page
      .getByRole('table', { name: 'Allocations' })
      .locator('tbody tr')
      .nth(199)
      .waitFor({ timeout: 120_000 });
    const poolPage = performance.now() - t;
    // The rest arrives page by page behind the first render.
    await page.getByText(`Showing the first 200 of ${ROWS} allocations`).waitFor({ timeout: 120_000 });
    const poolAll = performance.now() - t;
    t = performance.now();
    await page.evaluate(`location.hash = '#/pools/${id}/map'`);
    await page
      .getByRole('table', { name: 'Blocks of the map' })
      .locator('tbody tr')
      .first()
      .waitFor({ timeout: 120_000 });
    const map = performance.now() - t;
    // The map draws with the first page and again as each page arrives; zooms are timed on all of it.
    await page
      .getByRole('status', { name: 'Allocations loading' })
      .waitFor({ state: 'detached', timeout: 120_000 });
    const mapAll = performance.now() - t;
    const frames: number[] = [];
    for (let i = 0; i < 3; i++) frames.push(await zoomFrame(page, true));
    for (let i = 0; i < 3; i++) frames.push(await zoomFrame(page, false));
    const figures = {
      console_pool_page_10k_ms: Math.round(poolPage),
      console_pool_page_all_10k_ms: Math.round(poolAll),
      console_map_10k_ms: Math.round(map),
      console_map_all_10k_ms: Math.round(mapAll),
      console_zoom_frame_ms: Math.round(median(frames)),
      console_zoom_frame_max_ms: Math.round(Math.max(...frames)),
    };
    log(
      `  pool page with ${ROWS} allocations: ${figures.console_pool_page_10k_ms} ms to the first 200 rows, ${figures.console_pool_page_all_10k_ms} ms until all are read`,
    );
    log(
      `  its CIDR map: ${figures.console_map_10k_ms} ms to the first render, ${figures.console_map_all_10k_ms} ms until all are drawn; zoom frames ${figures.console_zoom_frame_ms} ms median, ${figures.console_zoom_frame_max_ms} ms max`,
    );
    return figures;
  } finally {
    await browser.close();
    await stack.stop();
  }
};

if (process.argv[1]?.endsWith('console.ts'))
  await benchConsole(console.log).then((f) => console.log(JSON.stringify(f)));
