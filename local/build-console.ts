/**
 * Builds the web console (console/src, Preact + htm) into console/dist (git-ignored): one esbuild
 * bundle, the page and its style sheet. Runs inside every local stack (local/stack.ts), before
 * `npm run package` and in the e2e project's global setup, so there is no separate step or dev
 * server to remember. Takes well under a second.
 * Run: npx tsx local/build-console.ts (prints the bundle's size, raw and gzipped).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONSOLE_DIST = `${ROOT}console/dist`;

export interface ConsoleBuild {
  /** Bytes of app.js as served, and gzipped. */
  bytes: number;
  gzipBytes: number;
}

/**
 * Bundles the console and copies its static files.
 * @example const { gzipBytes } = await buildConsole();
 */
export const buildConsole = async (): Promise<ConsoleBuild> => {
  mkdirSync(CONSOLE_DIST, { recursive: true });
  const out = await build({
    entryPoints: [`${ROOT}console/src/main.ts`],
    outfile: `${CONSOLE_DIST}/app.js`,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  const js = Buffer.from(out.outputFiles[0]!.contents);
  place('app.js', js);
  for (const file of ['index.html', 'style.css']) place(file, readFileSync(`${ROOT}console/${file}`));
  return { bytes: js.length, gzipBytes: gzipSync(js, { level: 9 }).length };
};

/**
 * Writes a file of the console by renaming a finished copy into place: a stack serving the console
 * while another stack (a parallel test file) rebuilds it reads the old file or the new one, never
 * half of one.
 */
const place = (name: string, contents: Buffer) => {
  const temporary = `${CONSOLE_DIST}/.${name}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, `${CONSOLE_DIST}/${name}`);
};

if (process.argv[1]?.endsWith('build-console.ts')) {
  const { bytes, gzipBytes } = await buildConsole();
  console.log(
    `console/dist/app.js: ${(bytes / 1024).toFixed(1)} KiB, ${(gzipBytes / 1024).toFixed(1)} KiB gzipped`,
  );
}
