/**
 * The shapes of Allot's resource ids, as EC2 checks them before it looks anything up: an id that
 * cannot be one of its kind (`IpamPoolId=pool-1`, `ipam-pool-xyz!`) is `InvalidXxxId.Malformed`;
 * a well-formed id that does not exist, or is another account's, stays `.NotFound`.
 * Ids are the kind's prefix and hex digits (17 like EC2's, 32 for allocations; up to 32 accepted).
 */
import { type ErrorCode, fail } from '../../errors';
import { MAX_IDS } from './loads';

interface IdKind {
  prefix: string;
  code: ErrorCode;
  /** Request members that carry one id of this kind, or a list of them. */
  members: readonly string[];
}

const KINDS: readonly IdKind[] = [
  { prefix: 'ipam', code: 'InvalidIpamId.Malformed', members: ['IpamId', 'IpamIds'] },
  {
    prefix: 'ipam-scope',
    code: 'InvalidIpamScopeId.Malformed',
    members: ['IpamScopeId', 'IpamScopeIds', 'DestinationIpamScopeId'],
  },
  {
    prefix: 'ipam-pool',
    code: 'InvalidIpamPoolId.Malformed',
    members: ['IpamPoolId', 'IpamPoolIds', 'SourceIpamPoolId', 'Ipv4IpamPoolId', 'Ipv6IpamPoolId'],
  },
  {
    prefix: 'ipam-pool-alloc',
    code: 'InvalidIpamPoolAllocationId.Malformed',
    members: ['IpamPoolAllocationId', 'IpamPoolAllocationIds'],
  },
  {
    prefix: 'ipam-res-disco',
    code: 'InvalidIpamResourceDiscoveryId.Malformed',
    members: ['IpamResourceDiscoveryId', 'IpamResourceDiscoveryIds'],
  },
  {
    prefix: 'ipam-res-disco-assoc',
    code: 'InvalidIpamResourceDiscoveryAssociationId.Malformed',
    members: ['IpamResourceDiscoveryAssociationId', 'IpamResourceDiscoveryAssociationIds'],
  },
  {
    prefix: 'ipam-ext-res-ver-token',
    code: 'InvalidIpamExternalResourceVerificationTokenId.Malformed',
    members: ['IpamExternalResourceVerificationTokenId', 'IpamExternalResourceVerificationTokenIds'],
  },
];

const BY_MEMBER = new Map(KINDS.flatMap((k) => k.members.map((m) => [m, k] as const)));

const checkOne = (kind: IdKind, id: unknown): void => {
  if (typeof id !== 'string') return; // the request-shape check reports the type
  const hex = id.startsWith(`${kind.prefix}-`) ? id.slice(kind.prefix.length + 1) : '';
  if (!/^[0-9a-f]{1,32}$/.test(hex)) fail(kind.code, `Invalid id: "${id}" (expecting "${kind.prefix}-...")`);
};

/**
 * Refuses a request naming a malformed id in any of the members above (top level of the input).
 * @example checkIdFormats({ IpamPoolId: 'pool-1' }) // throws InvalidIpamPoolId.Malformed
 */
export const checkIdFormats = (input: Record<string, unknown>): void => {
  for (const [member, value] of Object.entries(input)) {
    const kind = BY_MEMBER.get(member);
    if (!kind) continue;
    if (Array.isArray(value) && value.length > MAX_IDS)
      fail('InvalidParameterValue', `${member} may name at most ${MAX_IDS} ids; got ${value.length}.`);
    for (const id of Array.isArray(value) ? value : [value]) checkOne(kind, id);
  }
};
