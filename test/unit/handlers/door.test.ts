/**
 * The one front door, without a server or a store: both codecs in front of a registry of fake
 * actions, so what the door does once (action lookup per door, the shape check, the error table,
 * the bare 500) is seen through each protocol.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

// No store behind these doors: no account is in an organization, so no SCP applies.
vi.mock('../../../core/ops/organization/scp', () => ({ scpLevelsFor: async () => undefined }));

import { AllotError } from '../../../core/errors';
import { allotOperations, facadeOperations, operations, ramOperations } from '../../../core/ops/registry';
import { type Action, actions } from '../../../handlers/api/actions';
import { jsonCodec } from '../../../handlers/api/codecs/json';
import { queryCodec } from '../../../handlers/api/codecs/query';
import type { Event, Identity } from '../../../handlers/api/codecs/types';
import { door } from '../../../handlers/api/door';
import { apiModel, ec2Model } from '../../../handlers/api/model/model';

const caller = { accountId: '111122223333', region: 'us-east-1' };
const identify: Identity = async () => caller;

const runs: Array<{ name: string; input: unknown }> = [];
const fake = (name: string, shape: string, doors: Action['doors'], answer: () => object): Action => ({
  shape,
  doors,
  run: async ({ input }) => {
    runs.push({ name, input });
    return answer();
  },
});

const fakes: Record<string, Action> = {
  DescribeIpams: fake('DescribeIpams', 'DescribeIpamsRequest', ['json', 'query'], () => ({ Ipams: [] })),
  DeleteIpam: fake('DeleteIpam', 'DeleteIpamRequest', ['json', 'query'], () => {
    throw new AllotError('InvalidIpamId.NotFound', "The ipam ID 'ipam-0123' does not exist");
  }),
  ReleaseIpamPoolAllocation: fake(
    'ReleaseIpamPoolAllocation',
    'ReleaseIpamPoolAllocationRequest',
    ['json', 'query'],
    () => {
      throw new TypeError('a bug, with a secret in its message');
    },
  ),
  RunDiscovery: fake('RunDiscovery', 'RunDiscoveryRequest', ['json'], () => ({ Targets: 0 })),
};

const jsonEvent = (action: string, body: object): Event =>
  ({
    routeKey: `POST /v1/${action}`,
    rawPath: `/v1/${action}`,
    body: JSON.stringify(body),
    headers: {},
    requestContext: { http: { method: 'POST' } },
  }) as unknown as Event;

const queryEvent = (form: string): Event =>
  ({
    routeKey: 'POST /',
    rawPath: '/',
    body: `${form}&Version=2016-11-15`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    requestContext: { http: { method: 'POST' } },
  }) as unknown as Event;

const context = { awsRequestId: 'req-7' } as never;
const viaJson = door(jsonCodec, identify, fakes);
const viaQuery = door(queryCodec, identify, fakes);

const jsonAnswer = async (action: string, body: object = {}) => {
  const r = (await viaJson(jsonEvent(action, body), context)) as { statusCode: number; body: string };
  return { status: r.statusCode, body: JSON.parse(r.body) };
};

const queryAnswer = async (form: string) => {
  const r = (await viaQuery(queryEvent(form), context)) as { statusCode: number; body: string };
  const code = /<Code>(.*?)<\/Code>/.exec(r.body)?.[1];
  const message = /<Message>(.*?)<\/Message>/.exec(r.body)?.[1];
  return { status: r.statusCode, code, message, body: r.body };
};

afterEach(() => {
  runs.length = 0;
  vi.restoreAllMocks();
});

describe('the front door (one wrapper, two codecs)', () => {
  it('serves an action at both doors with the same input', async () => {
    const json = await jsonAnswer('DescribeIpams', { IpamIds: ['ipam-0123'] });
    const query = await queryAnswer('Action=DescribeIpams&IpamId.1=ipam-0123');
    expect(json).toEqual({ status: 200, body: { Ipams: [], RequestId: 'req-7' } });
    expect(query.status).toBe(200);
    expect(query.body).toContain('<requestId>req-7</requestId>');
    expect(runs).toEqual([
      { name: 'DescribeIpams', input: { IpamIds: ['ipam-0123'] } },
      { name: 'DescribeIpams', input: { IpamIds: ['ipam-0123'] } },
    ]);
  });

  it('answers a domain error with the same code, message and status at both doors', async () => {
    const json = await jsonAnswer('DeleteIpam', { IpamId: 'ipam-0123' });
    const query = await queryAnswer('Action=DeleteIpam&IpamId=ipam-0123');
    expect(json).toEqual({
      status: 400,
      body: {
        Error: { Code: 'InvalidIpamId.NotFound', Message: "The ipam ID 'ipam-0123' does not exist" },
        RequestId: 'req-7',
      },
    });
    expect([query.status, query.code, query.message]).toEqual([
      400,
      'InvalidIpamId.NotFound',
      'The ipam ID &apos;ipam-0123&apos; does not exist',
    ]);
  });

  it('refuses a request of the wrong shape at both doors before the action runs', async () => {
    const json = await jsonAnswer('DeleteIpam', { IpamId: 7 });
    const query = await queryAnswer('Action=DeleteIpam');
    expect([json.status, json.body.Error.Code]).toEqual([400, 'InvalidParameterValue']);
    expect([query.status, query.code]).toEqual([400, 'MissingParameter']);
    expect(runs).toEqual([]);
  });

  it('answers a malformed id as Malformed at both doors before the action runs', async () => {
    const json = await jsonAnswer('DeleteIpam', { IpamId: 'ipam-pool-0123' });
    const query = await queryAnswer('Action=DeleteIpam&IpamId=ipam-pool-0123');
    const message = 'Invalid id: "ipam-pool-0123" (expecting "ipam-...")';
    expect([json.status, json.body.Error]).toEqual([
      400,
      { Code: 'InvalidIpamId.Malformed', Message: message },
    ]);
    expect([query.status, query.code, query.message]).toEqual([
      400,
      'InvalidIpamId.Malformed',
      'Invalid id: &quot;ipam-pool-0123&quot; (expecting &quot;ipam-...&quot;)',
    ]);
    expect(runs).toEqual([]);
  });

  it('refuses an Allot-only action at the EC2 endpoint with EC2 wording, and serves it as JSON', async () => {
    const query = await queryAnswer('Action=RunDiscovery');
    expect([query.status, query.code, query.message]).toEqual([
      400,
      'InvalidAction',
      'The action RunDiscovery is not valid for this web service.',
    ]);
    const json = await jsonAnswer('RunDiscovery');
    expect(json).toEqual({ status: 200, body: { Targets: 0, RequestId: 'req-7' } });
    expect(runs.map((r) => r.name)).toEqual(['RunDiscovery']);
  });

  it('answers an action the registry lacks as InvalidAction with the same wording at both doors', async () => {
    const json = await jsonAnswer('CreateIpamPolicy');
    const query = await queryAnswer('Action=CreateIpamPolicy');
    const message = 'The action CreateIpamPolicy is not valid for this web service.';
    expect([json.status, json.body.Error]).toEqual([400, { Code: 'InvalidAction', Message: message }]);
    expect([query.status, query.code, query.message]).toEqual([400, 'InvalidAction', message]);
  });

  it('answers a bug with a bare 500 and logs it with the action and request id', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => {
      logged.push(line);
    });
    const json = await jsonAnswer('ReleaseIpamPoolAllocation', {
      IpamPoolId: 'ipam-pool-0123',
      IpamPoolAllocationId: 'ipam-pool-alloc-0123',
      Cidr: '10.0.0.0/24',
    });
    expect(json.status).toBe(500);
    expect(json.body.Error.Code).toBe('InternalError');
    expect(JSON.stringify(json.body)).not.toContain('secret');
    const line = JSON.parse(logged[0]!);
    expect([logged.length, line.door, line.action, line.requestId]).toEqual([
      1,
      'json',
      'ReleaseIpamPoolAllocation',
      'req-7',
    ]);
    expect(line.error).toContain('TypeError: a bug, with a secret in its message');
  });
});

describe('the registry', () => {
  it('gives every action an input shape the model defines', () => {
    const missing = Object.entries(actions).filter(([, a]) => !apiModel.shapes[a.shape]);
    expect(missing).toEqual([]);
    const ops = [
      ...Object.keys(operations),
      ...Object.keys(facadeOperations),
      ...Object.keys(allotOperations),
      ...Object.keys(ramOperations),
      'RunDiscovery',
      'DeliverEvent',
      'DecodeAuthorizationMessage',
    ];
    expect(Object.keys(actions).sort()).toEqual(ops.sort());
  });

  it('serves RAM operations at the RAM door only', () => {
    const ram = Object.entries(actions)
      .filter(([, a]) => a.doors.join() === 'ram')
      .map(([name]) => name);
    expect(ram.sort()).toEqual(Object.keys(ramOperations).sort());
  });

  it('serves Allot-only actions at the JSON door only, and EC2 actions at both', () => {
    const jsonOnly = Object.entries(actions)
      .filter(([, a]) => a.doors.join() === 'json')
      .map(([name]) => name)
      .sort();
    const notEc2 = Object.keys(actions).filter(
      (name) => !(name in ec2Model.operations) && !(name in ramOperations),
    );
    expect(jsonOnly).toEqual(notEc2.sort());
    expect(jsonOnly).toContain('GetIpamMetrics');
    expect(jsonOnly).not.toContain('AllocateIpamPoolCidr');
  });
});

describe('the deadline', () => {
  it('answers a request that outlives its time with ServiceUnavailable, and a quick one as it is', async () => {
    const { withDeadline } = await import('../../../handlers/api/door');
    await expect(withDeadline(Promise.resolve('ok'), 50)).resolves.toBe('ok');
    const never = new Promise<string>(() => {});
    await expect(withDeadline(never, 20)).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    await expect(
      withDeadline(Promise.reject(new AllotError('IncorrectState', 'x')), 50),
    ).rejects.toMatchObject({
      code: 'IncorrectState',
    });
  });
});
