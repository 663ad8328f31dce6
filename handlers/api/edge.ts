/**
 * What API Gateway's edge would decide, for a server that is its own edge (the local stack): the
 * `Host` must name this server (no DNS rebinding: a page that points its own name at 127.0.0.1 is
 * refused), and a request a browser sent from another origin is refused before anything runs
 * (no cross-site request can act, even unsigned behind the development switch). Answers carry
 * CORS headers for the allowed origins only, never the caller's origin reflected.
 * Deployed, neither list is set and API Gateway's own checks apply.
 */
import type { Settings } from '../runtime/config';
import { authFailure } from './auth/sigv4-parse';
import type { Event } from './codecs/types';

const header = (event: Event, name: string): string | undefined => {
  const headers = event.headers ?? {};
  return headers[name] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
};

/** Throws AuthFailure for a Host or an Origin this server was not started for. */
export const checkEdge = (event: Event, settings: Settings): void => {
  const { hosts, origins } = settings.edge;
  const host = header(event, 'host');
  if (hosts && !(host && hosts.includes(host.toLowerCase())))
    throw authFailure(`the Host header '${host ?? ''}' does not name this server (${hosts.join(', ')}).`);
  const origin = header(event, 'origin');
  if (origins && origin !== undefined && !origins.includes(origin))
    throw authFailure(`requests from the web origin '${origin}' are not accepted.`);
};

/** CORS headers of an answer: the request's origin only when it is an allowed one. */
export const corsHeaders = (event: Event | undefined, settings: Settings): Record<string, string> => {
  const origin = event ? header(event, 'origin') : undefined;
  const allowed = settings.edge.origins;
  if (!allowed) return {};
  // An explicit value keeps serverless-offline from reflecting any origin (it only fills in what
  // the function did not set); credentials are never allowed: requests are signed, not cookied.
  return {
    'access-control-allow-origin': origin && allowed.includes(origin) ? origin : allowed[0]!,
    'access-control-allow-credentials': 'false',
    vary: 'Origin',
  };
};
