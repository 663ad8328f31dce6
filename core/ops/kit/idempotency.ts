/**
 * ClientToken idempotency (F-GEN-03). A create that carries a token commits a token record in the
 * same unit of work as the objects it creates, so a retry either finds the token and replays the
 * stored result, or races the first request on the token item and loses cleanly. Same token with
 * different parameters is IdempotentParameterMismatch. Tokens are case-sensitive.
 */
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type { RecordRef, TokenRecord } from '../../records';

const IGNORED = new Set(['ClientToken', 'DryRun']);

/** Tokens are kept a week (the SDKs send one on every create, so they must not live forever). */
const TOKEN_LIFETIME_S = 7 * 24 * 3600;

/** Canonical JSON of the request parameters (keys sorted, token and DryRun left out). */
export const fingerprint = (input: object): string => {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([k, val]) => !IGNORED.has(k) && val !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, val]) => [k, canon(val)]),
      );
    }
    return v;
  };
  return JSON.stringify(canon(input));
};

export interface TokenGate<O> {
  /** A stored result to return as is. */
  replay?: O;
  /** Write to add to the creating unit of work (absent when the request has no token). */
  write(result: O): Write[];
  /** After a failed commit: the winner's result if the token write (named `token`) lost the race. */
  settle(failed: readonly Write[]): Promise<O | undefined>;
}

const tokenRef = (caller: Caller, action: string, token: string): RecordRef => ({
  kind: 'token',
  owner: caller.accountId,
  action,
  token,
});

export const tokenGate = async <O>(
  deps: Deps,
  caller: Caller,
  action: string,
  input: { ClientToken?: string },
): Promise<TokenGate<O>> => {
  const token = input.ClientToken;
  if (token === undefined || token === '') return { write: () => [], settle: async () => undefined };
  if (token.length > 64) fail('InvalidParameterValue', 'ClientToken must be at most 64 characters.');
  const print = fingerprint(input);
  const check = (rec: TokenRecord): O => {
    if (rec.Fingerprint !== print) {
      fail(
        'IdempotentParameterMismatch',
        `The client token '${token}' was already used with different parameters.`,
      );
    }
    return rec.Result as O;
  };
  const ref = tokenRef(caller, action, token);
  const existing = await deps.store.get<TokenRecord>(ref);
  const gate: TokenGate<O> = {
    write: (result) => [
      {
        name: 'token',
        type: 'create',
        record: {
          kind: 'token',
          OwnerId: caller.accountId,
          Action: action,
          ClientToken: token,
          Fingerprint: print,
          Result: result as Record<string, unknown>,
          ttl: Math.floor(deps.now() / 1000) + TOKEN_LIFETIME_S,
          _v: 1,
          _created: deps.now(),
        },
      },
    ],
    settle: async (failed) => {
      if (!failed.some((w) => w.name === 'token')) return undefined;
      const winner = await deps.store.get<TokenRecord>(ref);
      return winner ? check(winner) : undefined;
    },
  };
  if (existing) gate.replay = check(existing);
  return gate;
};
