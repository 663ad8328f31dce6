/** The OpenAPI document describes exactly the JSON routes serverless.yml deploys. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Fn = { events?: { httpApi?: { method: string; path: string } }[] };

describe('handlers/api/openapi.json', () => {
  it('has one POST path per /v1 route of serverless.yml, and no other', () => {
    const functions = parse(readFileSync('serverless.yml', 'utf8'), { logLevel: 'silent' })
      .functions as Record<string, Fn>;
    const routes = Object.values(functions)
      .flatMap((f) => f.events ?? [])
      .flatMap((e) => (e.httpApi?.path.startsWith('/v1/') ? [e.httpApi.path] : []))
      .sort();
    const doc = JSON.parse(readFileSync('handlers/api/openapi.json', 'utf8')) as {
      paths: Record<string, { post?: object }>;
    };
    expect(Object.keys(doc.paths).sort()).toEqual(routes);
    expect(Object.values(doc.paths).every((p) => p.post !== undefined)).toBe(true);
    expect(routes).toContain('/v1/EnableIpamOrganizationAdminAccount');
    expect(routes).toContain('/v1/CreateOrganization');
  });
});
