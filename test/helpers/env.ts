/**
 * Test fixture: operations wired to a Store with deterministic ids and a controllable clock, plus
 * `call(action, input)` that runs through the same registry as the handlers, and `expectError`.
 */
import { expect } from 'vitest';
import { isAllotError } from '../../core/errors';
import {
  type ActionName,
  type AllotActionName,
  allotOperations,
  type FacadeActionName,
  facadeOperations,
  type OrgsActionName,
  operations,
  orgsOperations,
  type RamActionName,
  ramOperations,
} from '../../core/ops/registry';
import { type Caller, type Config, type Deps, defaultConfig, type Ids, type Store } from '../../core/ports';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const HOME = 'us-east-1';

export const countingIds = (): Ids => {
  const seen = new Map<string, number>();
  return {
    next(prefix, hexDigits = 17) {
      const n = (seen.get(prefix) ?? 0) + 1;
      seen.set(prefix, n);
      return `${prefix}-${n.toString(16).padStart(hexDigits, '0')}`;
    },
  };
};

/**
 * An EC2 action, an Allot JSON action, a RAM or facade operation, or an AWS Organizations
 * operation as `orgs:<Operation>` (six of its names are also Allot's older JSON aliases).
 */
export type Action =
  | ActionName
  | AllotActionName
  | RamActionName
  | FacadeActionName
  | `orgs:${OrgsActionName}`;

export interface Env {
  deps: Deps;
  clock: { now: number };
  caller: Caller;
  // biome-ignore lint/suspicious/noExplicitAny: results are checked field by field in tests
  call(action: Action, input?: object, caller?: Partial<Caller>): Promise<any>;
  expectError(action: Action, input: object, code: string, caller?: Partial<Caller>): Promise<string>;
}

export const makeEnv = (store: Store, config: Partial<Config> = {}): Env => {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const deps: Deps = {
    store,
    now: () => clock.now,
    ids: countingIds(),
    config: { ...defaultConfig(), ...config },
    random: () => 0,
  };
  const caller: Caller = { accountId: ACCOUNT, region: HOME };
  const call = async (action: Action, input: object = {}, who: Partial<Caller> = {}) => {
    const orgs = action.startsWith('orgs:') ? orgsOperations[action.slice(5) as OrgsActionName] : undefined;
    const op = (orgs ??
      operations[action as ActionName] ??
      allotOperations[action as AllotActionName] ??
      ramOperations[action as RamActionName] ??
      facadeOperations[action as FacadeActionName]) as (d: Deps, c: Caller, i: object) => Promise<object>;
    return op(deps, { ...caller, ...who }, input);
  };
  return {
    deps,
    clock,
    caller,
    call,
    async expectError(action, input, code, who = {}) {
      try {
        await call(action, input, who);
      } catch (e) {
        if (!isAllotError(e)) throw e;
        expect(e.code).toBe(code);
        return e.message;
      }
      throw new Error(`${action} succeeded; expected ${code}`);
    },
  };
};

/** IPAM with operating regions us-east-1 and us-west-2, its private scope, and a top-level pool. */
export const ipamWithPool = async (env: Env, poolInput: object = {}, cidr = '10.0.0.0/8') => {
  const { Ipam } = await env.call('CreateIpam', {
    OperatingRegions: [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }],
  });
  const { IpamPool } = await env.call('CreateIpamPool', {
    IpamScopeId: Ipam.PrivateDefaultScopeId,
    AddressFamily: 'ipv4',
    ...poolInput,
  });
  if (cidr) await env.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, Cidr: cidr });
  return {
    ipam: Ipam,
    pool: IpamPool,
    scopeId: Ipam.PrivateDefaultScopeId as string,
    poolId: IpamPool.IpamPoolId as string,
  };
};
