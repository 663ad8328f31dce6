/**
 * IAM's decision for one request, over identity policies and the SCPs of each organization
 * level. In IAM's order: an explicit Deny in any SCP or identity policy wins; then every SCP
 * level (root, each OU, the account) must allow the request; then the account's root principal
 * is allowed; otherwise an identity policy must allow it.
 */
import { type Context, conditionsHold, contextOf, variableOf } from './conditions';
import { matchesAction, matchesResource } from './match';
import { hasVariables, listOf, type PolicyDocument, type Statement, statementsOf } from './policy';
import { resolve } from './variables';

export interface AccessRequest {
  /** The permission asked for, `service:Action` (`ec2:CreateVpc`). */
  action: string;
  /** An ARN, or `*` for actions without resource-level permissions. */
  resource: string;
  /** Condition keys: a list for a multivalued key; undefined or an empty list for a missing one. */
  context: Record<string, string | string[] | undefined>;
}

export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

export interface StatementRef {
  policy: string;
  sid?: string;
  /** The statement's position in its policy, from 0. */
  index: number;
  /** The statement itself, for the encoded authorization message. */
  body: Statement;
}

export interface Decision {
  allowed: boolean;
  reason: 'explicit-deny' | 'allowed' | 'implicit-deny' | 'scp-deny' | 'scp-implicit-deny';
  /** The statement that decided: the Deny that applied, or the identity Allow. */
  statement?: StatementRef;
}

export interface PolicySet {
  identity: NamedPolicy[];
  /** One list per organization level: the root, each OU down the path, the account. */
  scps?: NamedPolicy[][];
  /** The request comes from the account's root user, which needs no identity policy. */
  root?: boolean;
}

interface Prepared {
  action: string;
  resource: string;
  context: Context;
}

/** Whether a statement applies to the request: action, resource and conditions. */
const applies = (s: Statement, request: Prepared, variables: boolean): boolean => {
  const action = (p: string) => matchesAction(p, request.action);
  const actionOk = s.Action !== undefined ? listOf(s.Action).some(action) : !listOf(s.NotAction).some(action);
  if (!actionOk) return false;
  const lookup = variableOf(request.context);
  const resource = (p: string) =>
    matchesResource(p, request.resource, (id, widen) => resolve(id, lookup, variables, widen));
  // NotResource applies only where every pattern surely misses: an unresolved variable voids it.
  const resourceOk =
    s.Resource !== undefined
      ? listOf(s.Resource).some((p) => resource(p) === true)
      : listOf(s.NotResource).every((p) => resource(p) === false);
  return resourceOk && conditionsHold(s.Condition, request.context, variables);
};

/** The first statement of these policies with this effect that applies to the request. */
const find = (
  policies: NamedPolicy[],
  effect: Statement['Effect'],
  request: Prepared,
): StatementRef | undefined => {
  for (const { name, document } of policies) {
    const variables = hasVariables(document);
    const statements = statementsOf(document);
    const index = statements.findIndex((s) => s.Effect === effect && applies(s, request, variables));
    if (index >= 0) {
      const body = statements[index]!;
      return { policy: name, ...(body.Sid !== undefined ? { sid: body.Sid } : {}), index, body };
    }
  }
  return undefined;
};

/**
 * IAM's decision for one request.
 * @example evaluate({ action: 'ec2:DescribeIpamPools', resource: '*', context: {} }, { identity: [readOnly] }) // { allowed: true, reason: 'allowed', statement: … }
 */
export const evaluate = (request: AccessRequest, policies: PolicySet): Decision => {
  const prepared: Prepared = { ...request, context: contextOf(request.context) };
  const levels = policies.scps ?? [];
  const scpDeny = find(levels.flat(), 'Deny', prepared);
  if (scpDeny) return { allowed: false, reason: 'scp-deny', statement: scpDeny };
  const deny = find(policies.identity, 'Deny', prepared);
  if (deny) return { allowed: false, reason: 'explicit-deny', statement: deny };
  if (levels.some((level) => !find(level, 'Allow', prepared))) {
    return { allowed: false, reason: 'scp-implicit-deny' };
  }
  if (policies.root) return { allowed: true, reason: 'allowed' };
  const allow = find(policies.identity, 'Allow', prepared);
  return allow
    ? { allowed: true, reason: 'allowed', statement: allow }
    : { allowed: false, reason: 'implicit-deny' };
};

/**
 * Every request must be allowed: the first refusal, or the last request's allowance. An empty
 * list is refused (implicit deny), so a caller that computed no requests by mistake grants nothing.
 */
export const evaluateAll = (requests: AccessRequest[], policies: PolicySet): Decision => {
  let last: Decision = { allowed: false, reason: 'implicit-deny' };
  for (const request of requests) {
    last = evaluate(request, policies);
    if (!last.allowed) return last;
  }
  return last;
};
