/**
 * `GET /console/{file}`: the web console's static files (built by local/build-console.ts into
 * console/dist and packaged with this function by serverless.yml's `package.patterns`). Only the
 * built files by name; anything else under /console is the page, so hash routes and reloads work.
 * The page only talks to this origin (CSP `connect-src 'self'`), and is never framed.
 */
import { readFile } from 'node:fs/promises';
import type { Event, Result } from '../api/codecs/types';

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Which built file a path names: `/console/`, unknown names and deep paths are the page. */
export const consoleFile = (path: string): string => {
  const name = path.replace(/^.*\/console\/?/, '');
  return name in TYPES ? name : 'index.html';
};

/** Reads built files from `dir` (relative to the working directory: /var/task in Lambda). */
export const consoleHandler =
  (dir = 'console/dist', read: (file: string) => Promise<string> = (f) => readFile(f, 'utf8')) =>
  async (event: Event): Promise<Exclude<Result, string>> => {
    // No redirect from /console to /console/: serverless-offline gives both as /console, and the
    // page names its files from the root (/console/app.js), so either address works.
    const file = consoleFile(event.rawPath ?? '/console/');
    try {
      const body = await read(`${dir}/${file}`);
      return {
        statusCode: 200,
        headers: { 'content-type': TYPES[file]!, 'cache-control': 'no-cache', ...SECURITY_HEADERS },
        body,
      };
    } catch {
      return {
        statusCode: 503,
        headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
        body: 'The console is not built: run npx tsx local/build-console.ts (npm start does it).\n',
      };
    }
  };

export const handler = consoleHandler();
