/** The OpenAPI document describes exactly the JSON routes serverless.yml deploys. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actions } from '../../../handlers/api/actions';
import { functionsYaml, roomOf } from '../../../local/gen-functions';
import { declaredFunctions } from '../../helpers/serverless';

describe('handlers/api/openapi.json', () => {
  it('has one POST path per /v1 route of serverless.yml, and no other', () => {
    const routes = Object.values(declaredFunctions())
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

describe('handlers/api/functions.yml', () => {
  it('is what local/gen-functions.ts writes from the registry (run it after adding an action)', () => {
    expect(readFileSync('handlers/api/functions.yml', 'utf8')).toBe(functionsYaml());
  });

  it('points every API function at the one entry module', () => {
    // The jobs, and the console's static files (their own small function, with no API code).
    const api = Object.entries(declaredFunctions()).filter(
      ([name]) => !['Discover', 'Reclaim', 'Console'].includes(name),
    );
    expect(new Set(api.map(([, f]) => f.handler))).toEqual(
      new Set([
        'handlers/api/entry.jsonApi',
        'handlers/api/entry.queryApi',
        'handlers/api/entry.ramApi',
        'handlers/api/entry.unrouted',
      ]),
    );
    // One function per room of JSON actions (local/gen-functions.ts), one for RAM, the EC2 Query
    // door and the catch-all: the stack stays far under CloudFormation's 500 resources.
    expect(api.map(([name]) => name).sort()).toEqual([
      'ApiAllocations',
      'ApiDiscovery',
      'ApiEvents',
      'ApiIpams',
      'ApiMonitoring',
      'ApiOrganizations',
      'ApiPoolCidrs',
      'ApiPools',
      'ApiPublic',
      'ApiResources',
      'Ec2Query',
      'Ram',
      'Unrouted',
    ]);
  });

  it('routes every JSON action once, in the room named for it', () => {
    const jsonRoutes = Object.entries(declaredFunctions()).flatMap(([name, f]) =>
      (f.events ?? []).flatMap((e) =>
        e.httpApi?.path.startsWith('/v1/') ? [[e.httpApi.path.slice(4), name]] : [],
      ),
    );
    const json = Object.entries(actions)
      .filter(([, a]) => a.doors.includes('json'))
      .map(([name]) => name)
      .sort();
    expect(jsonRoutes.map(([action]) => action).sort()).toEqual(json);
    const rooms = Object.fromEntries(jsonRoutes);
    expect([rooms.AllocateIpamPoolCidr, rooms.ProvisionIpamPoolCidr, rooms.CreateIpamScope]).toEqual([
      'ApiAllocations',
      'ApiPoolCidrs',
      'ApiIpams',
    ]);
    expect(() => roomOf('FrobnicateWidget')).toThrow('give FrobnicateWidget a room');
  });
});
