/**
 * The RAM REST-JSON codec through the one door, with fake actions: RAM's lower-case paths, JSON
 * bodies, querystring members, and errors as RAM answers them (x-amzn-ErrorType, {"message"}).
 */
import { describe, expect, it, vi } from 'vitest';

// No store behind these doors: no account is in an organization, so no SCP applies.
vi.mock('../../../core/ops/organization/scp', () => ({ scpLevelsFor: async () => undefined }));

import { AllotError } from '../../../core/errors';
import type { Action } from '../../../handlers/api/actions';
import { ramActionOf, ramCodec } from '../../../handlers/api/codecs/ram';
import type { Event, Identity } from '../../../handlers/api/codecs/types';
import { door } from '../../../handlers/api/door';

const caller = { accountId: '111122223333', region: 'us-east-1' };
const identify: Identity = async () => caller;
const seen: unknown[] = [];
const fake = (shape: string, answer: (input: Record<string, unknown>) => object): Action => ({
  shape,
  doors: ['ram'],
  run: async ({ input }) => {
    seen.push(input);
    return answer(input);
  },
});
const fakes: Record<string, Action> = {
  CreateResourceShare: fake('RamCreateResourceShareRequest', (i) => ({ resourceShare: { name: i.name } })),
  DeleteResourceShare: fake('RamDeleteResourceShareRequest', () => {
    throw new AllotError('UnknownResourceException', 'The resource share arn:x does not exist.');
  }),
};
const handler = door(ramCodec, identify, fakes);

const event = (method: string, path: string, body = '', query = ''): Event =>
  ({
    rawPath: path,
    rawQueryString: query,
    body,
    headers: {},
    requestContext: { http: { method } },
  }) as unknown as Event;

const call = async (e: Event) =>
  (await handler(e, {} as never)) as { statusCode: number; headers: Record<string, string>; body: string };

describe('the RAM codec', () => {
  it('maps RAM paths and methods to operations', () => {
    expect(ramActionOf('POST', '/createresourceshare')).toBe('CreateResourceShare');
    expect(ramActionOf('DELETE', '/deleteresourceshare')).toBe('DeleteResourceShare');
    expect(ramActionOf('POST', '/deleteresourceshare')).toBeUndefined();
  });

  it('decodes the JSON body and answers JSON', async () => {
    const res = await call(
      event('POST', '/createresourceshare', '{"name":"dev","principals":["444455556666"]}'),
    );
    expect([res.statusCode, JSON.parse(res.body)]).toEqual([200, { resourceShare: { name: 'dev' } }]);
    expect(res.headers['content-type']).toBe('application/json');
    expect(seen.at(-1)).toEqual({ name: 'dev', principals: ['444455556666'] });
  });

  it('reads querystring members and answers errors as RAM does', async () => {
    const res = await call(
      event('DELETE', '/deleteresourceshare', '', 'resourceShareArn=arn%3Ax&clientToken=t1'),
    );
    expect(seen.at(-1)).toEqual({ resourceShareArn: 'arn:x', clientToken: 't1' });
    expect([res.statusCode, res.headers['x-amzn-errortype'], JSON.parse(res.body)]).toEqual([
      400,
      'UnknownResourceException',
      { message: 'The resource share arn:x does not exist.' },
    ]);
  });

  it('turns shape and body errors into RAM codes', async () => {
    const wrong = await call(event('POST', '/createresourceshare', '{"name":5}'));
    expect([wrong.statusCode, wrong.headers['x-amzn-errortype']]).toEqual([400, 'InvalidParameterException']);
    const unknown = await call(event('POST', '/createresourceshare', '{"name":"x","bogus":1}'));
    expect(unknown.headers['x-amzn-errortype']).toBe('InvalidParameterException');
    const broken = await call(event('POST', '/createresourceshare', '{'));
    expect(JSON.parse(broken.body)).toEqual({ message: 'The request body is not valid JSON.' });
  });
});
