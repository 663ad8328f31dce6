/**
 * The local stack end to end: DynamoDB Local + serverless-offline started exactly as `npm start`
 * does, driven over HTTP through the JSON API (F-TUT-GS flow without the VPC facade).
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateIpamPoolCidr } from '../../core/ops/allocation/allocate';
import { recordIpamMetrics } from '../../core/ops/monitoring/metrics/figures';
import type { IpamRecord } from '../../core/records';
import { accountSigner, signedHeaders, signedJson, signedPost } from '../../local/signed';
import type { LocalStack } from '../../local/stack';
import { stackDeps } from '../helpers/ec2';
import { testStack } from '../helpers/stack';
import { requireTool } from '../helpers/tools';

let stack: LocalStack;
const CURL = requireTool('curl', 'curl', 'json-api.e2e');
const ACCOUNT = '111122223333';

/** A signed call as `x-allot-account-id` names (the account id signs as itself on this stack). */
const call = async (action: string, body: object, headers: Record<string, string> = {}) => {
  const { 'x-allot-account-id': account = ACCOUNT, ...rest } = headers;
  const res = await signedJson(stack.url, action, body, accountSigner(account), rest);
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field
  return { status: res.status, body: (await res.json()) as any };
};

/** A POST with its headers sent as given (a list sends the header once per item): [status, code]. */
const rawPost = (target: string, headers: Record<string, string | string[]>) =>
  new Promise<[number, string | undefined]>((resolve, reject) => {
    const req = request(target, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () =>
        resolve([res.statusCode ?? 0, (JSON.parse(text) as { Error?: { Code: string } }).Error?.Code]),
      );
    });
    req.on('error', reject);
    req.end('{}');
  });

beforeAll(async () => {
  stack = await testStack({
    tableName: 'allot-e2e',
    env: { ALLOT_ACCOUNT_ID_AS_ACCESS_KEY: '1' },
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('JSON API over HTTP on the local stack', () => {
  it('runs the getting-started flow: IPAM, pool hierarchy, allocations, release, clean-up', async () => {
    const ipam = await call('CreateIpam', {
      Description: 'My IPAM',
      OperatingRegions: [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }],
    });
    expect(ipam.status).toBe(200);
    expect([ipam.body.Ipam.ScopeCount, ipam.body.Ipam.OperatingRegions]).toEqual([
      2,
      [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }],
    ]);
    const scope = ipam.body.Ipam.PrivateDefaultScopeId;

    const top = (
      await call('CreateIpamPool', {
        IpamScopeId: scope,
        AddressFamily: 'ipv4',
        Description: 'Top-level pool',
      })
    ).body.IpamPool;
    expect(
      (await call('ProvisionIpamPoolCidr', { IpamPoolId: top.IpamPoolId, Cidr: '10.0.0.0/8' })).body
        .IpamPoolCidr.State,
    ).toBe('provisioned');
    const regional = (
      await call('CreateIpamPool', {
        IpamScopeId: scope,
        SourceIpamPoolId: top.IpamPoolId,
        Locale: 'us-east-1',
        AddressFamily: 'ipv4',
      })
    ).body.IpamPool;
    await call('ProvisionIpamPoolCidr', { IpamPoolId: regional.IpamPoolId, Cidr: '10.0.0.0/16' });
    const topAllocs = (await call('GetIpamPoolAllocations', { IpamPoolId: top.IpamPoolId })).body
      .IpamPoolAllocations;
    expect(topAllocs.map((a: Record<string, string>) => [a.Cidr, a.ResourceType, a.ResourceId])).toEqual([
      ['10.0.0.0/16', 'ipam-pool', regional.IpamPoolId],
    ]);
    const dev = (
      await call('CreateIpamPool', {
        IpamScopeId: scope,
        SourceIpamPoolId: regional.IpamPoolId,
        AddressFamily: 'ipv4',
        Description: 'Development pool',
      })
    ).body.IpamPool;
    expect(dev.Locale).toBe('us-east-1');
    await call('ProvisionIpamPoolCidr', { IpamPoolId: dev.IpamPoolId, Cidr: '10.0.0.0/24' });

    const a = (
      await call('AllocateIpamPoolCidr', {
        IpamPoolId: dev.IpamPoolId,
        NetmaskLength: 26,
        ClientToken: 'vpc-1',
      })
    ).body.IpamPoolAllocation;
    expect(a.Cidr).toBe('10.0.0.0/26');
    const again = await call('AllocateIpamPoolCidr', {
      IpamPoolId: dev.IpamPoolId,
      NetmaskLength: 26,
      ClientToken: 'vpc-1',
    });
    expect(again.body.IpamPoolAllocation).toEqual(a);
    const b = (await call('AllocateIpamPoolCidr', { IpamPoolId: dev.IpamPoolId, Cidr: '10.0.0.128/25' })).body
      .IpamPoolAllocation;
    expect(b.Cidr).toBe('10.0.0.128/25');
    const preview = await call('AllocateIpamPoolCidr', {
      IpamPoolId: dev.IpamPoolId,
      NetmaskLength: 26,
      PreviewNextCidr: true,
    });
    expect(preview.body.IpamPoolAllocation.Cidr).toBe('10.0.0.64/26');
    const listed = (
      await call('GetIpamPoolAllocations', { IpamPoolId: dev.IpamPoolId })
    ).body.IpamPoolAllocations.map((x: { Cidr: string }) => x.Cidr);
    expect(listed).toEqual(['10.0.0.0/26', '10.0.0.128/25']);

    const tooBig = await call('AllocateIpamPoolCidr', { IpamPoolId: dev.IpamPoolId, NetmaskLength: 23 });
    expect([tooBig.status, tooBig.body.Error.Code]).toEqual([400, 'InvalidParameterValue']);
    const full = await call('AllocateIpamPoolCidr', { IpamPoolId: dev.IpamPoolId, NetmaskLength: 25 });
    expect([full.status, full.body.Error.Code]).toEqual([400, 'InsufficientCidrBlocks']);
    const outOfOrder = await call('DeleteIpamPool', { IpamPoolId: top.IpamPoolId });
    expect([outOfOrder.status, outOfOrder.body.Error.Code]).toEqual([400, 'IncorrectState']);
    const dry = await call('CreateIpamPool', { IpamScopeId: scope, AddressFamily: 'ipv6', DryRun: true });
    expect([dry.status, dry.body.Error.Code]).toEqual([412, 'DryRunOperation']);

    for (const x of [a, b]) {
      const rel = await call('ReleaseIpamPoolAllocation', {
        IpamPoolId: dev.IpamPoolId,
        Cidr: x.Cidr,
        IpamPoolAllocationId: x.IpamPoolAllocationId,
      });
      expect(rel.body.Success).toBe(true);
    }
    expect(
      (await call('DeprovisionIpamPoolCidr', { IpamPoolId: dev.IpamPoolId, Cidr: '10.0.0.0/24' })).body
        .IpamPoolCidr.State,
    ).toBe('deprovisioned');
    expect((await call('DeleteIpamPool', { IpamPoolId: dev.IpamPoolId })).status).toBe(200);
    await call('DeprovisionIpamPoolCidr', { IpamPoolId: regional.IpamPoolId, Cidr: '10.0.0.0/16' });
    expect(
      (await call('GetIpamPoolAllocations', { IpamPoolId: top.IpamPoolId })).body.IpamPoolAllocations,
    ).toEqual([]);
    await call('DeleteIpamPool', { IpamPoolId: regional.IpamPoolId });
    await call('DeprovisionIpamPoolCidr', { IpamPoolId: top.IpamPoolId, Cidr: '10.0.0.0/8' });
    await call('DeleteIpamPool', { IpamPoolId: top.IpamPoolId });
    expect((await call('DeleteIpam', { IpamId: ipam.body.Ipam.IpamId })).body.Ipam.State).toBe(
      'delete-complete',
    );
    expect((await call('DescribeIpams', {})).body.Ipams).toEqual([]);
  });

  it('answers bad input with EC2-style 4xx errors, never a 500', async () => {
    const noCaller = await fetch(`${stack.url}/v1/DescribeIpams`, { method: 'POST', body: '{}' });
    expect([noCaller.status, ((await noCaller.json()) as { Error: { Code: string } }).Error.Code]).toEqual([
      401,
      'AuthFailure',
    ]);
    const badJson = await signedPost(`${stack.url}/v1/DescribeIpams`, '{nope', accountSigner(ACCOUNT));
    expect([badJson.status, ((await badJson.json()) as { Error: { Code: string } }).Error.Code]).toEqual([
      400,
      'InvalidParameterValue',
    ]);
    const cases: [string, object, number, string][] = [
      ['CreateIpamPool', { AddressFamily: 'ipv4' }, 400, 'MissingParameter'],
      [
        'CreateIpamPool',
        { IpamScopeId: 'ipam-scope-0000000000000dead', AddressFamily: 'ipv4' },
        400,
        'InvalidIpamScopeId.NotFound',
      ],
      [
        'AllocateIpamPoolCidr',
        { IpamPoolId: 'ipam-pool-0000000000000dead', Cidr: '10.0.0.0/24' },
        400,
        'InvalidIpamPoolId.NotFound',
      ],
      [
        'AllocateIpamPoolCidr',
        { IpamPoolId: 'ipam-pool-0000000000000dead', Cidr: '10.0.0.0/24', NetmaskLength: 24 },
        400,
        'InvalidParameterCombination',
      ],
      ['DescribeIpams', { MaxResults: 1 }, 400, 'InvalidParameterValue'],
      ['DescribeIpams', { NextToken: 'x' }, 400, 'InvalidNextToken'],
      ['CreateIpam', { Tier: 'platinum' }, 400, 'InvalidParameterValue'],
      ['DescribeIpamPools', { Filters: 'locale' }, 400, 'InvalidParameterValue'],
      [
        'AllocateIpamPoolCidr',
        { IpamPoolId: 'ipam-pool-0000000000000dead', NetmaskLength: '24' },
        400,
        'InvalidParameterValue',
      ],
      ['CreateIpam', { Regions: ['us-east-1'] }, 400, 'InvalidParameter'],
    ];
    for (const [action, body, status, code] of cases) {
      const res = await call(action, body);
      expect([action, res.status, res.body.Error.Code]).toEqual([action, status, code]);
    }
  });

  it('authenticates every request: SigV4 like the EC2 endpoint, no declared caller, real regions only', async () => {
    const code = async (res: Response) => [
      res.status,
      ((await res.json()) as { Error?: { Code: string } }).Error?.Code,
    ];
    // The development header, without the development switch this stack was not started with.
    const declared = await fetch(`${stack.url}/v1/DescribeIpams`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-allot-account-id': ACCOUNT },
      body: '{}',
    });
    expect(await code(declared)).toEqual([401, 'AuthFailure']);
    // ... also when a valid signature comes with it.
    const both = await signedJson(stack.url, 'DescribeIpams', {}, accountSigner(ACCOUNT), {
      'x-allot-account-id': '999999999999',
    });
    expect(await code(both)).toEqual([401, 'AuthFailure']);
    for (const region of ['zz-fake-9', 'US-EAST-1', 'x', 'us-east-1#ipam']) {
      const res = await signedJson(stack.url, 'CreateIpam', {}, accountSigner(ACCOUNT, region));
      expect([region, ...(await code(res))]).toEqual([region, 401, 'AuthFailure']);
    }
    // A web page elsewhere cannot act through the local stack, signed or not, nor read an answer.
    const crossSite = await signedJson(stack.url, 'DescribeIpams', {}, accountSigner(ACCOUNT), {
      origin: 'https://evil.example',
    });
    expect(crossSite.headers.get('access-control-allow-origin')).toBe(new URL(stack.url).origin);
    expect(crossSite.headers.get('access-control-allow-credentials')).toBe('false');
    expect(await code(crossSite)).toEqual([401, 'AuthFailure']);
    const sameSite = await signedJson(stack.url, 'DescribeIpams', {}, accountSigner(ACCOUNT), {
      origin: new URL(stack.url).origin,
    });
    expect(sameSite.status).toBe(200);
    const wrongSecret = await signedJson(
      stack.url,
      'DescribeIpams',
      {},
      { ...accountSigner(ACCOUNT), secretAccessKey: 'nope' },
    );
    expect(await code(wrongSecret)).toEqual([401, 'AuthFailure']);
    // An issued key on a server without the key to read it says so, instead of "not known".
    const issued = await signedJson(
      stack.url,
      'DescribeIpams',
      {},
      {
        accessKeyId: 'ALLTQ3VJX7KD2M5ZB4NA',
        secretAccessKey: 'x',
        region: 'us-east-1',
      },
    );
    expect(((await issued.json()) as { Error: { Message: string } }).Error.Message).toContain(
      'this server was started without ALLOT_CREDENTIAL_KEY',
    );
    // Two Authorization headers (a valid one last): refused at the local edge, not folded into one.
    const target = `${stack.url}/v1/DescribeIpams`;
    const valid = await signedHeaders(target, '{}', accountSigner(ACCOUNT));
    const forged = await signedHeaders(target, '{}', {
      ...accountSigner('999999999999'),
      secretAccessKey: 'x',
    });
    expect(
      await rawPost(target, { ...valid, authorization: [forged.authorization!, valid.authorization!] }),
    ).toEqual([401, 'AuthFailure']);
    // Nothing was created in a made-up region.
    const ipams = (await call('DescribeIpams', {})).body.Ipams as { IpamRegion: string }[];
    expect(ipams.filter((i) => i.IpamRegion !== 'us-east-1')).toEqual([]);
  });

  it('answers other methods and paths with an EC2 error document, not the HTTP server own JSON', async () => {
    const xmlError = async (res: Response) => {
      const body = await res.text();
      return [res.status, /<Code>([^<]+)<\/Code>/.exec(body)?.[1], body.startsWith('<?xml')];
    };
    expect(await xmlError(await fetch(`${stack.url}/`))).toEqual([405, 'UnsupportedOperation', true]);
    expect(await xmlError(await fetch(`${stack.url}/`, { method: 'PUT', body: 'x' }))).toEqual([
      405,
      'UnsupportedOperation',
      true,
    ]);
    expect(
      await xmlError(await fetch(`${stack.url}/x`, { method: 'POST', body: 'Action=DescribeIpams' })),
    ).toEqual([404, 'InvalidAction', true]);
    const unknown = await fetch(`${stack.url}/v1/NoSuchAction`, { method: 'POST', body: '{}' });
    expect([unknown.status, ((await unknown.json()) as { Error: { Code: string } }).Error.Code]).toEqual([
      404,
      'InvalidAction',
    ]);
  });

  it.skipIf(!CURL)('answers curl --aws-sigv4 as the README shows it', async () => {
    const out = execFileSync(CURL!, [
      '-s',
      '--aws-sigv4',
      'aws:amz:us-east-1:ec2',
      '--user',
      `${ACCOUNT}:test`,
      '-H',
      'content-type: application/json',
      '-d',
      '{"MaxResults": 5}',
      `${stack.url}/v1/DescribeIpamScopes`,
    ]).toString();
    expect(JSON.parse(out)).toEqual({ IpamScopes: expect.any(Array), RequestId: expect.any(String) });
  });

  it("DeliverEvent hands a deletion event to reclamation, for the caller's account only", async () => {
    const ipam = (await call('CreateIpam', {}, { 'x-allot-account-id': '222233334444' })).body.Ipam;
    const who = { 'x-allot-account-id': '222233334444' };
    const pool = (
      await call('CreateIpamPool', { IpamScopeId: ipam.PrivateDefaultScopeId, AddressFamily: 'ipv4' }, who)
    ).body.IpamPool;
    await call('ProvisionIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, Cidr: '10.8.0.0/16' }, who);
    // A VPC allocation, made in this process against the stack's table (no API creates resources).
    const { client, deps } = stackDeps(stack);
    await allocateIpamPoolCidr(
      deps,
      { accountId: '222233334444', region: 'us-east-1' },
      { IpamPoolId: pool.IpamPoolId, NetmaskLength: 24 },
      {
        ResourceType: 'vpc',
        ResourceId: 'vpc-0e2e',
        ResourceRegion: 'us-east-1',
        ResourceOwner: '222233334444',
      },
    );
    client.destroy();
    const event = {
      source: 'allot.resources',
      'detail-type': 'Resource Deleted',
      detail: { resourceId: 'vpc-0e2e' },
    };
    const foreign = await call('DeliverEvent', event);
    expect([foreign.status, foreign.body.Released]).toEqual([200, []]);
    const mine = await call('DeliverEvent', event, who);
    expect([
      mine.status,
      mine.body.Resources,
      mine.body.Released.map((r: { Cidr: string }) => r.Cidr),
    ]).toEqual([200, ['vpc-0e2e'], ['10.8.0.0/24']]);
    expect(
      (await call('GetIpamPoolAllocations', { IpamPoolId: pool.IpamPoolId }, who)).body.IpamPoolAllocations,
    ).toEqual([]);
  });

  it('GetIpamMetricData reads back what the cycles recorded, in periods, over HTTP', async () => {
    const who = { 'x-allot-account-id': '333344445555' };
    const ipam = (await call('CreateIpam', {}, who)).body.Ipam;
    const pool = (
      await call('CreateIpamPool', { IpamScopeId: ipam.PrivateDefaultScopeId, AddressFamily: 'ipv4' }, who)
    ).body.IpamPool;
    await call('ProvisionIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, Cidr: '10.9.0.0/16' }, who);
    // Two cycles' recordings, made in this process against the stack's table (as the job does).
    const { client, deps } = stackDeps(stack);
    const stored = (await deps.store.get<IpamRecord>({ kind: 'ipam', id: ipam.IpamId }))!;
    const t0 = Date.UTC(2026, 10, 1);
    await recordIpamMetrics(deps, stored, new Date(t0));
    await call('AllocateIpamPoolCidr', { IpamPoolId: pool.IpamPoolId, NetmaskLength: 18 }, who);
    await recordIpamMetrics(deps, stored, new Date(t0 + 300_000));
    client.destroy();
    const query = {
      MetricName: 'PercentAssigned',
      Dimensions: [{ Name: 'PoolID', Value: pool.IpamPoolId }],
      StartTime: new Date(t0).toISOString(),
      EndTime: new Date(t0 + 3_600_000).toISOString(),
    };
    const res = await call('GetIpamMetricData', query, who);
    expect([res.status, res.body.MetricDataResults.map((r: { Values: number[] }) => r.Values)]).toEqual([
      200,
      [[0, 25]],
    ]);
    const hourly = await call('GetIpamMetricData', { ...query, Period: 3600, Stat: 'Maximum' }, who);
    expect(hourly.body.MetricDataResults[0].Timestamps).toEqual(['2026-11-01T00:00:00.000Z']);
    expect(hourly.body.MetricDataResults[0].Values).toEqual([25]);
    expect((await call('GetIpamMetricData', query)).body.MetricDataResults).toEqual([]);
    const bad = await call('GetIpamMetricData', { ...query, Period: 30 }, who);
    expect([bad.status, bad.body.Error.Code]).toEqual([400, 'InvalidParameterValue']);
  });
});
