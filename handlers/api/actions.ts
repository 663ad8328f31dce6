/**
 * The one registry of actions behind every door: each action once, with the operation it runs,
 * its input shape (a shape of `apiModel`: the EC2 model, or Allot's own for Allot-specific
 * actions) and the doors that serve it. EC2 actions are served by both the JSON API and the EC2
 * Query endpoint; Allot-specific ones by the JSON API only, since no EC2 client knows them.
 *
 * Core operations take (deps, caller, input); the two actions that need more (the settings and
 * the Lambda's remaining time for RunDiscovery, the raw event for DeliverEvent) read it from the
 * same explicit context, so no action needs a wrapper of its own.
 */
import { AllotError } from '../../core/errors';
import { decodeAuthorizationMessage } from '../../core/ops/access';
import type { CycleState } from '../../core/ops/monitoring/run/plan';
import { planCycle } from '../../core/ops/monitoring/run/plan';
import type { DeletionEvent } from '../../core/ops/reclaim/run';
import { reclaimEvent } from '../../core/ops/reclaim/run';
import {
  allotOperations,
  facadeOperations,
  operations,
  orgsOperations,
  ramOperations,
} from '../../core/ops/registry';
import type { Caller, Deps } from '../../core/ports';
import type { Settings } from '../runtime/config';
import { messageKey } from './authorize';
import { apiModel, type Ec2Model, orgsModel } from './model/model';

export type Door = 'json' | 'query' | 'ram' | 'orgs';

export interface ActionContext {
  deps: Deps;
  settings: Settings;
  caller: Caller;
  input: Record<string, unknown>;
  /** Time left in this invocation, in ms. */
  remainingMs: () => number;
}

export interface Action {
  run(ctx: ActionContext): Promise<object>;
  /** The request shape of `apiModel` the input is checked against. */
  shape: string;
  doors: readonly Door[];
}

type Operation = (deps: Deps, caller: Caller, input: never) => Promise<object>;

const shapeOf = (name: string, model: Ec2Model = apiModel): string => {
  const shape = model.operations[name]?.input?.shape;
  if (!shape) throw new Error(`action ${name} has no input shape in the model`);
  return shape;
};

const fromCore = (
  table: Record<string, Operation>,
  doors: readonly Door[],
  model: Ec2Model = apiModel,
): Record<string, Action> =>
  Object.fromEntries(
    Object.entries(table).map(([name, op]) => [
      name,
      {
        shape: shapeOf(name, model),
        doors,
        run: ({ deps, caller, input }) => op(deps, caller, input as never),
      },
    ]),
  );

/** A discovery cycle over the caller's IPAMs now, within this request's time; the rest is handed on. */
const runDiscovery = async ({ deps, settings, caller, remainingMs }: ActionContext) => {
  // Loaded on first use: the EC2, STS and Lambda clients of a discovery run would otherwise be
  // evaluated at every cold start of every API function, for the one action that needs them.
  const { runAndHandOff } = await import('../jobs/discover-run');
  const state: CycleState = await planCycle(deps, { owner: caller.accountId });
  const report = await runAndHandOff(deps, settings, state, { remainingMs });
  return {
    Targets: state.items.length,
    Read: report.read,
    Failed: report.failed,
    Reconciled: report.reconciled,
    NotImported: report.notImported,
    Remaining: report.next?.items.length ?? 0,
  };
};

const JSON_ONLY = ['json'] as const;

/**
 * The refusal's statement and context as STS's DecodeAuthorizationMessage shows it, for a message
 * of the caller's own account only (another account's refusal answers like a forged message).
 */
const decode = async ({ settings, caller, input }: ActionContext) => {
  const text = decodeAuthorizationMessage(
    String(input.EncodedMessage),
    messageKey(settings.ec2.credentialKey),
  );
  const principal = (JSON.parse(text) as { context?: { principal?: { arn?: string } } }).context?.principal
    ?.arn;
  if (!principal?.startsWith(`arn:${settings.core.partition}:iam::${caller.accountId}:`))
    throw new AllotError('InvalidAuthorizationMessageException', 'The encoded message is not valid.');
  return { DecodedMessage: text };
};

export const actions: Record<string, Action> = {
  ...fromCore(operations, ['json', 'query']),
  ...fromCore(facadeOperations, ['json', 'query']),
  ...fromCore(allotOperations, JSON_ONLY),
  // AWS RAM's REST-JSON protocol on the same endpoint (aws ram …, @aws-sdk/client-ram).
  ...fromCore(ramOperations, ['ram']),
  RunDiscovery: { shape: shapeOf('RunDiscovery'), doors: JSON_ONLY, run: runDiscovery },
  DecodeAuthorizationMessage: { shape: shapeOf('DecodeAuthorizationMessage'), doors: JSON_ONLY, run: decode },
  // A deletion event handed over by hand (locally no EventBridge runs); it acts only on the
  // caller's own account, whatever account the event names.
  DeliverEvent: {
    shape: shapeOf('DeliverEvent'),
    doors: JSON_ONLY,
    run: ({ deps, caller, input }) => reclaimEvent(deps, input as unknown as DeletionEvent, caller.accountId),
  },
};

/**
 * AWS Organizations' JSON 1.1 protocol on the same endpoint (aws organizations …,
 * @aws-sdk/client-organizations), in a table of its own: six of its names are also the older
 * JSON actions above, which take other shapes (entry.ts builds its door with this table).
 */
export const orgsActions: Record<string, Action> = fromCore(orgsOperations, ['orgs'], orgsModel);

/** The action of that name if this door serves it. */
export const actionAt = (table: Record<string, Action>, name: string, door: Door): Action | undefined => {
  const action = Object.hasOwn(table, name) ? table[name] : undefined;
  return action?.doors.includes(door) ? action : undefined;
};
