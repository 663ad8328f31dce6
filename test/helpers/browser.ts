/**
 * A headless Chromium for the console's browser tests: Debian's `chromium` driven by
 * playwright-core (Playwright's own browser download cannot run here). Every page records what
 * went wrong in it (uncaught errors, console errors, failed or refused requests), so a test can
 * assert that exactly the refusals it provoked happened and nothing else; axe-core checks each
 * page for serious or critical accessibility violations.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../local/chromium';
import { requireTool } from './tools';

export { launchChromium };

/** Chromium's path, or undefined (skip with a message; under CI=true the suite fails instead). */
export const chromiumPath = (suite: string) =>
  requireTool('chromium', "Chromium (Debian's chromium package)", suite);

/** What went wrong in a page: `error <text>` and `<status> <method> <path>` lines, in order. */
export const watchPage = (page: Page): string[] => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`error ${e.message}`));
  page.on('console', (m) => {
    // Chromium logs every 4xx/5xx answer as a console error too; the response line below has it.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`error ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`failed ${r.method()} ${new URL(r.url()).pathname}`));
  page.on('response', (r) => {
    if (r.status() >= 400)
      problems.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return problems;
};

/** A new 1280×900 page (its own context, 10 s per step, given `permissions`) and what goes wrong in it. */
export const watchedPage = async (browser: Browser, permissions: string[] = []) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (permissions.length) await context.grantPermissions(permissions);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { page, problems: watchPage(page) };
};

/** The cells' text of each body row of the table named `name`. */
export const tableRows = (page: Page, name: string): Promise<string[][]> =>
  page
    .getByRole('table', { name })
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );

/** axe-core's serious and critical violations on the page as it is: `rule: target` lines. */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
};

const SHOTS = new URL('../.screenshots/', import.meta.url);

/** A full-page screenshot in test/.screenshots (git-ignored), for a reviewer to look at. */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
};
