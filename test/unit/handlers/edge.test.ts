/** The local stack as its own edge: Host and Origin checks, CORS without reflection. */
import { describe, expect, it } from 'vitest';
import type { Event } from '../../../handlers/api/codecs/types';
import { checkEdge, corsHeaders } from '../../../handlers/api/edge';
import type { Settings } from '../../../handlers/runtime/config';

const local = {
  edge: {
    hosts: ['127.0.0.1:3000', 'localhost:3000'],
    origins: ['http://127.0.0.1:3000', 'http://localhost:3000'],
  },
} as Settings;
const deployed = { edge: {} } as Settings;
const event = (headers: Record<string, string>) => ({ headers }) as unknown as Event;
const refusal = (e: Event, s: Settings) => {
  try {
    checkEdge(e, s);
    return 'accepted';
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('the edge checks', () => {
  it('answers only its own Host names (no DNS rebinding)', () => {
    expect(refusal(event({ host: '127.0.0.1:3000' }), local)).toBe('accepted');
    expect(refusal(event({ host: 'LOCALHOST:3000' }), local)).toBe('accepted');
    expect(refusal(event({ host: 'attacker.example:3000' }), local)).toBe('AuthFailure');
    expect(refusal(event({}), local)).toBe('AuthFailure');
    expect(refusal(event({ host: 'abc.execute-api.us-east-1.amazonaws.com' }), deployed)).toBe('accepted');
  });

  it('refuses a request a browser sent from another origin, before anything runs', () => {
    expect(refusal(event({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), local)).toBe(
      'accepted',
    );
    expect(refusal(event({ host: '127.0.0.1:3000', origin: 'https://evil.example' }), local)).toBe(
      'AuthFailure',
    );
    expect(refusal(event({ host: '127.0.0.1:3000', origin: 'null' }), local)).toBe('AuthFailure');
  });

  it('never reflects an origin it does not allow, and never allows credentials', () => {
    expect(corsHeaders(event({ origin: 'https://evil.example' }), local)).toEqual({
      'access-control-allow-origin': 'http://127.0.0.1:3000',
      'access-control-allow-credentials': 'false',
      vary: 'Origin',
    });
    expect(
      corsHeaders(event({ origin: 'http://localhost:3000' }), local)['access-control-allow-origin'],
    ).toBe('http://localhost:3000');
    expect(corsHeaders(event({ origin: 'https://evil.example' }), deployed)).toEqual({});
  });
});
