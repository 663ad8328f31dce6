/**
 * Headless Chromium for the console's browser tests and its benchmark: Debian's `chromium`
 * (apt-get install chromium) driven by playwright-core, since Playwright's own browser download
 * cannot run on these machines.
 */
import { type Browser, chromium } from 'playwright-core';

/** No sandbox (tests run as root), and no background traffic: the machines' network is closed. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @example const browser = await launchChromium('/usr/bin/chromium'); */
export const launchChromium = (executablePath: string): Promise<Browser> =>
  chromium.launch({ executablePath, args: CHROMIUM_ARGS });
