import { describe, expect, it } from 'vitest';
import type { Event } from '../../../handlers/api/codecs/types';
import { consoleFile, consoleHandler, SECURITY_HEADERS } from '../../../handlers/console/serve';

const get = (rawPath: string) => ({ rawPath }) as Event;

describe('the console function', () => {
  it.each([
    ['/console', 'index.html'],
    ['/console/', 'index.html'],
    ['/console/app.js', 'app.js'],
    ['/console/style.css', 'style.css'],
    ['/console/pools/x', 'index.html'],
    ['/console/../serverless.yml', 'index.html'],
    ['/console/%2e%2e%2fpackage.json', 'index.html'],
  ])('serves %s as %s', (path, file) => {
    expect(consoleFile(path)).toBe(file);
  });

  it('answers the built file with its type, no-cache and the security headers', async () => {
    const read = async (f: string) => `read ${f}`;
    const res = await consoleHandler('dist', read)(get('/console/app.js'));
    expect(res).toEqual({
      statusCode: 200,
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
        ...SECURITY_HEADERS,
      },
      body: 'read dist/app.js',
    });
  });

  it('says how to build the console when it is not built', async () => {
    const res = await consoleHandler('dist', () => Promise.reject(new Error('ENOENT')))(get('/console/'));
    expect([res.statusCode, res.body]).toEqual([
      503,
      'The console is not built: run npx tsx local/build-console.ts (npm start does it).\n',
    ]);
  });
});
