/** The local stack's quiet screen (local/log-lines.ts): one line per request, the rest to files. */
import { describe, expect, it } from 'vitest';
import { lineSplitter, routeLine } from '../../../local/log-lines';

const access = JSON.stringify({
  access: 'allot',
  time: '2026-12-05T07:31:09.401Z',
  action: 'CreateIpam',
  account: '111122223333',
  status: 200,
  ms: 14,
  requestId: 'r',
});
const audit = '{"audit":"allot","action":"CreateIpam","outcome":"ok"}';
const emf = '{"_aws":{"Timestamp":1},"PercentAssigned":3}';
const failedRead =
  '{"job":"discovery","event":"target","accountId":"111122223333","region":"us-west-2","outcome":"unauthorized-failure"}';
const goodRead =
  '{"job":"discovery","event":"target","accountId":"111122223333","region":"us-east-1","outcome":"replaced"}';

describe('the local log screen', () => {
  it('shows one short line per request and sends audit, metric and discovery lines to files', () => {
    expect(routeLine(access, false)).toEqual({
      screen: `07:31:09  ${'CreateIpam'.padEnd(36)}  111122223333  200  14 ms`,
    });
    expect(routeLine(audit, false)).toEqual({ file: 'audit' });
    expect(routeLine(emf, false)).toEqual({ file: 'metrics' });
    expect(routeLine(goodRead, false)).toEqual({ file: 'discovery' });
    expect(routeLine(failedRead, false)).toEqual({
      file: 'discovery',
      screen: 'discovery: reading account 111122223333 in us-west-2 failed: unauthorized-failure',
    });
  });

  it("hides serverless-offline's per-request chatter unless verbose, and always shows the unknown", () => {
    const chatter = [
      'POST /v1/CreateIpam (λ: CreateIpam)',
      '(λ: CreateIpam) RequestId: 65a4  Duration: 1603.28 ms  Billed Duration: 1604 ms',
      '',
    ];
    expect(chatter.map((l) => routeLine(l, false))).toEqual([{}, {}, {}]);
    expect(chatter.map((l) => routeLine(l, true).screen)).toEqual(chatter);
    expect(routeLine(audit, true)).toEqual({ file: 'audit', screen: audit });
    expect(routeLine('TypeError: x is not a function', false)).toEqual({
      screen: 'TypeError: x is not a function',
    });
  });

  it('splits a stream into whole lines across chunks', () => {
    const split = lineSplitter();
    expect(split('one\ntw')).toEqual(['one']);
    expect(split('o\nthree\n')).toEqual(['two', 'three']);
    expect(split('')).toEqual([]);
  });
});
