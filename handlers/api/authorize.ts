/**
 * Authorization at the door, with IAM's semantics (core/ops/access): before an action runs, the
 * signed principal's identity policies (and, for a member account, the organization's service
 * control policies) must allow `ec2:<Action>` (`ram:`, `allot:` at those doors) on every resource
 * the request names, under the request's condition keys. The account's root needs no identity
 * policy. A refusal is `UnauthorizedOperation` with EC2's wording and an encoded authorization
 * message that `DecodeAuthorizationMessage` turns back into the deciding statement.
 *
 * Nothing here costs the allocation path a round trip: policies travel with the credential (its
 * lookup is cached), and a pool's owner and tags come from the store's per-process pool copy.
 */
import { createHash } from 'node:crypto';
import { AllotError } from '../../core/errors';
import {
  type AccessRequest,
  CLOUDFRONT_ACTIONS,
  type Decision,
  encodeAuthorizationMessage,
  evaluateAll,
  type NamedPolicy,
  type PolicySet,
  parsePolicy,
  scpDocument,
} from '../../core/ops/access';
import type { Deps } from '../../core/ports';
import type { Tag } from '../../core/records';
import type { Door } from './actions';
import type { Identified } from './codecs/types';

/** Extra levels of policy from outside the credential: the organization's SCPs of the account. */
export interface Guardrails {
  scps: NamedPolicy[][];
  orgId: string;
  orgPaths: string[];
}

/** The permission's service: `ec2`, `ram`, `organizations` for those APIs, `allot` for Allot's own. */
export const serviceOf = (doors: readonly Door[]): string =>
  doors.includes('query')
    ? 'ec2'
    : doors.includes('ram')
      ? 'ram'
      : doors.includes('orgs')
        ? 'organizations'
        : 'allot';

/** Actions whose permission is another service's, as in AWS. */
const PERMISSIONS: Record<string, string> = {
  DecodeAuthorizationMessage: 'sts:DecodeAuthorizationMessage',
  ...Object.fromEntries(CLOUDFRONT_ACTIONS.map((p) => [p.slice('cloudfront:'.length), p])),
};

/** Permissions an action needs besides its own (F-XFER-04: a permission with no action of its own). */
const ALSO_NEEDS: Record<string, string[]> = { MoveByoipCidrToIpam: ['ec2:ImportByoipCidrToIpam'] };

/** Request members naming one resource, and the ARN type of what they name. */
const RESOURCE_MEMBERS: Record<string, string> = {
  IpamId: 'ipam',
  IpamScopeId: 'ipam-scope',
  IpamPoolId: 'ipam-pool',
  SourceIpamPoolId: 'ipam-pool',
  IpamResourceDiscoveryId: 'ipam-resource-discovery',
  IpamResourceDiscoveryAssociationId: 'ipam-resource-discovery-association',
  IpamExternalResourceVerificationTokenId: 'ipam-external-resource-verification-token',
  VpcId: 'vpc',
  SubnetId: 'subnet',
};

/** What a create action makes, as the resource IAM evaluates (`arn:…:vpc/*`). */
const CREATES: Record<string, string> = { CreateVpc: 'vpc', CreateSubnet: 'subnet' };

const REGIONAL = new Set(['vpc', 'subnet']);

const arnOf = (partition: string, region: string, account: string, type: string, id: string) =>
  `arn:${partition}:ec2:${REGIONAL.has(type) ? region : ''}:${account}:${type}/${id}`;

/** The tags a request sets: TagSpecifications' or CreateTags' `Tags`. */
const requestTags = (input: Record<string, unknown>): Tag[] => {
  const specs = (input.TagSpecifications as { Tags?: Tag[] }[] | undefined) ?? [];
  return [...specs.flatMap((s) => s.Tags ?? []), ...((input.Tags as Tag[] | undefined) ?? [])];
};

const tagContext = (prefixes: string[], tags: Tag[]) =>
  Object.fromEntries(prefixes.flatMap((p) => tags.map((t) => [`${p}/${t.Key}`, t.Value ?? ''])));

/** The resources a request names, with each one's tags where the store has them cheaply. */
const resourcesOf = async (
  deps: Deps,
  caller: Identified,
  action: string,
  input: Record<string, unknown>,
) => {
  const { partition } = deps.config;
  const out: { arn: string; tags: Tag[] }[] = [];
  for (const [member, type] of Object.entries(RESOURCE_MEMBERS)) {
    const id = input[member];
    if (typeof id !== 'string') continue;
    let owner = caller.accountId;
    let tags: Tag[] = [];
    if (type === 'ipam-pool') {
      const { pool } = await deps.store.getPool(id, { cached: true });
      if (pool) [owner, tags] = [pool.OwnerId, pool.Tags ?? []];
    }
    out.push({ arn: arnOf(partition, caller.region, owner, type, id), tags });
  }
  const made = CREATES[action];
  if (made) out.push({ arn: arnOf(partition, caller.region, caller.accountId, made, '*'), tags: [] });
  return out.length > 0 ? out : [{ arn: '*', tags: [] }];
};

/** Condition keys of the request (IAM's global keys and EC2's IPAM keys). */
const contextOf = (caller: Identified, input: Record<string, unknown>, guard: Guardrails | undefined) => {
  const tags = requestTags(input);
  const pool = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : undefined);
  return {
    'aws:RequestedRegion': caller.region,
    'aws:PrincipalAccount': caller.accountId,
    'aws:PrincipalArn': caller.principal?.arn ?? `arn:aws:iam::${caller.accountId}:root`,
    'aws:PrincipalOrgID': guard?.orgId,
    'aws:PrincipalOrgPaths': guard?.orgPaths,
    'aws:TagKeys': tags.length > 0 ? tags.map((t) => t.Key) : undefined,
    'ec2:Ipv4IpamPoolId': pool('Ipv4IpamPoolId'),
    'ec2:Ipv6IpamPoolId': pool('Ipv6IpamPoolId'),
    ...tagContext(['aws:RequestTag'], tags),
  };
};

const parsedPolicies = new Map<string, NamedPolicy>();

/** A principal's policy, parsed once per process (policies come back with every cached lookup). */
const parsed = (p: { name: string; document: string }): NamedPolicy => {
  const key = `${p.name}\n${p.document}`;
  let found = parsedPolicies.get(key);
  if (!found) {
    found = { name: p.name, document: parsePolicy(p.document) };
    if (parsedPolicies.size > 1000) parsedPolicies.clear();
    parsedPolicies.set(key, found);
  }
  return found;
};

const becauseOf = (d: Decision, action: string): string => {
  const name = d.statement?.policy;
  switch (d.reason) {
    case 'explicit-deny':
      return `with an explicit deny in an identity-based policy${name ? ` (${name})` : ''}`;
    case 'scp-deny':
      return `with an explicit deny in a service control policy${name ? ` (${name})` : ''}`;
    case 'scp-implicit-deny':
      return `because no service control policy allows the ${action} action`;
    default:
      return `because no identity-based policy allows the ${action} action`;
  }
};

type Levels = { orgId: string; orgPaths: string[]; levels: { name: string; document: string }[][] };

/**
 * The organization's guardrails of an account, from `read` (scpLevelsFor) at most once per
 * `ttlMs` (settings: 10 s) per account and process, parsed once: undefined where no SCP applies.
 */
export const guardrailsOf = (
  read: (accountId: string) => Promise<Levels | undefined>,
  ttlMs: number,
  now = Date.now,
) => {
  const seen = new Map<string, { at: number; value: Guardrails | undefined }>();
  return async (accountId: string): Promise<Guardrails | undefined> => {
    const hit = seen.get(accountId);
    if (hit && now() - hit.at < ttlMs) return hit.value;
    const found = await read(accountId);
    const value = found && {
      orgId: found.orgId,
      orgPaths: found.orgPaths,
      scps: found.levels.map((level) =>
        level.map((p) => ({ name: p.name, document: scpDocument(p.document) })),
      ),
    };
    if (seen.size > 10_000) seen.clear();
    seen.set(accountId, { at: now(), value });
    return value;
  };
};

/** The key the authorization messages are encrypted with: the credential key, else a local one. */
export const messageKey = (credentialKey: Uint8Array | undefined): Uint8Array =>
  credentialKey ?? createHash('sha256').update('allot local authorization messages').digest();

export interface AuthorizeContext {
  deps: Deps;
  /** `ec2`, `ram` or `allot` (serviceOf). */
  service: string;
  action: string;
  input: Record<string, unknown>;
  caller: Identified;
  guardrails?: Guardrails;
  key: Uint8Array;
}

/**
 * Throws UnauthorizedOperation unless the caller may run the action on what it names.
 * @example await authorize({ deps, service: 'ec2', action: 'CreateIpamPool', input, caller, key })
 */
export const authorize = async (c: AuthorizeContext): Promise<void> => {
  const root = !c.caller.principal?.arn;
  if (root && !c.guardrails) return;
  const permission = PERMISSIONS[c.action] ?? `${c.service}:${c.action}`;
  const context = contextOf(c.caller, c.input, c.guardrails);
  const resources = await resourcesOf(c.deps, c.caller, c.action, c.input);
  const requests: AccessRequest[] = [permission, ...(ALSO_NEEDS[c.action] ?? [])].flatMap((action) =>
    resources.map((r) => ({
      action,
      resource: r.arn,
      context: { ...context, ...tagContext(['aws:ResourceTag', 'ec2:ResourceTag'], r.tags) },
    })),
  );
  const set: PolicySet = {
    identity: (c.caller.principal?.policies ?? []).map(parsed),
    ...(c.guardrails ? { scps: c.guardrails.scps } : {}),
    root,
  };
  const decision = evaluateAll(requests, set);
  if (decision.allowed) return;
  const refused = requests.find((r) => !evaluateAll([r], set).allowed) ?? requests[0]!;
  const arn = context['aws:PrincipalArn'];
  const encoded = encodeAuthorizationMessage(
    decision,
    refused,
    { arn, accountId: c.caller.accountId },
    c.key,
  );
  throw new AllotError(
    'UnauthorizedOperation',
    `You are not authorized to perform this operation. User: ${arn} is not authorized to perform: ${refused.action} on resource: ${refused.resource} ${becauseOf(decision, refused.action)}. Encoded authorization failure message: ${encoded}`,
  );
};
