/**
 * Where a top-level pool's CIDR may come from (F-PCIDR-03, -05, -06, F-V6-02, -03): an explicit
 * IPv4 CIDR in a private scope; ULA (explicit, or by netmask from fd80::/9) or, once enabled,
 * private GUA for private IPv6; BYOIP CIDRs or operator-supplied "Amazon-provided" space in the
 * public scope. The claim lands in the scope's top-level space so top-level pools never overlap.
 */
import {
  blockOf,
  type Cidr,
  familyOf,
  formatCidr,
  isGua,
  isValidPrivateUla,
  parseCidr,
  ULA_NETMASK_SPACE,
} from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { PoolRecord } from '../../records';
import { loadIpam } from '../kit/loads';
import { hasProofInput, type ProofInput, proofFor } from '../proof/verify';
import type { ProvisionPlan } from './cidr';
import { scopeRoot } from './scope-space';

type Plan = Pick<ProvisionPlan, 'roots' | 'value' | 'extra'>;

/** A private scope: explicit IPv4; ULA (explicit, or by netmask from fd80::/9); private GUA once enabled. */
const privatePlan = async (
  deps: Deps,
  caller: Caller,
  pool: PoolRecord,
  explicit: Cidr | undefined,
  prefix: number,
  base: Plan,
): Promise<ProvisionPlan> => {
  if (familyOf(pool.AddressFamily) === 4) {
    if (!explicit)
      fail(
        'InvalidParameterCombination',
        // F-PCIDR-03
        'A top-level IPv4 pool in a private scope is provisioned with an explicit Cidr.',
      );
    return base;
  }
  if (!explicit) {
    // F-V6-02
    if (prefix < 9 || prefix > 60)
      fail('InvalidParameterValue', `A ULA netmask must be from /9 to /60; got /${prefix}.`);
    return { ...base, allowed: [blockOf(ULA_NETMASK_SPACE)] };
  }
  if (isValidPrivateUla(explicit)) return base;
  // F-V6-03
  if (isGua(explicit)) {
    const ipam = await loadIpam(deps, caller, pool._ipamId);
    if (!ipam.EnablePrivateGua) {
      fail(
        'InvalidParameterValue',
        `${formatCidr(explicit)} is GUA space; enable private GUA on the IPAM first.`,
      );
    }
    return base;
  }
  // F-V6-02
  return fail(
    'InvalidParameterValue',
    `${formatCidr(explicit)} is not valid private IPv6 space: ULA must lie in fd00::/8 outside fd00::/16 with a prefix from /9 to /60.`,
  );
};

/** F-QUOTA-07/09: Amazon-provided IPv4 blocks are /29 or /30, IPv6 blocks /40 to /52. */
const checkAmazonBlock = (pool: PoolRecord, prefix: number) => {
  const [least, most] = familyOf(pool.AddressFamily) === 4 ? [29, 30] : [40, 52];
  if (prefix < least || prefix > most)
    fail(
      'InvalidParameterValue',
      `Amazon-provided ${pool.AddressFamily} blocks are /${least} to /${most}; got /${prefix}.`,
    );
};

/** Amazon-provided space: by netmask, in a pool with a locale, from the operator's configured supply. */
const amazonPlan = async (
  deps: Deps,
  pool: PoolRecord,
  explicit: Cidr | undefined,
  prefix: number,
  base: Plan,
): Promise<ProvisionPlan> => {
  const version = familyOf(pool.AddressFamily);
  if (explicit)
    fail(
      'InvalidParameterCombination',
      // F-PCIDR-05
      'Amazon-provided space is requested by NetmaskLength only.',
    );
  if (!pool.Locale)
    fail(
      'InvalidParameterValue',
      // F-PCIDR-05
      'Amazon-provided space can only be provisioned to a pool with a locale.',
    );
  checkAmazonBlock(pool, prefix);
  // Pending blocks count too: two requests in a row must not both pass as the first.
  const held = (await deps.store.getPool(pool.IpamPoolId)).cidrs.filter(
    (c) => c.State === 'provisioned' || c.State === 'pending-provision',
  );
  const most =
    version === 6 ? deps.config.quotas.amazonIpv6BlocksPerPool : deps.config.quotas.amazonIpv4BlocksPerPool;
  if (held.length >= most) {
    fail(
      'ResourceLimitExceeded',
      // F-PCIDR-05, F-QUOTA-06/08
      `Pool ${pool.IpamPoolId} already holds ${held.length} Amazon-provided ${pool.AddressFamily} block(s), the most it may (limit-exceeded).`,
    );
  }
  const supply = (deps.config.amazonSupply?.[pool.Locale!] ?? [])
    .map((t) => parseCidr(t))
    .filter((c) => c.version === version);
  if (supply.length === 0) {
    fail(
      'OperationNotPermitted',
      // F-PCIDR-05
      `No Amazon-provided ${pool.AddressFamily} space is configured for ${pool.Locale}.`,
    );
  }
  // F-EIP-04: an IPv4 block is pending until it settles (cidr-states.ts); IPv6 is provisioned at once.
  return { ...base, allowed: supply.map(blockOf), ...(version === 4 ? { proof: { method: 'amazon' } } : {}) };
};

/**
 * F-BYOIP-05: the most specific BYOIP range is an IPv4 /24, an IPv6 /48 (publicly advertisable)
 * or /60 (not), in the top-level pool and in the regional pool under it; deeper pools may split.
 */
export const checkByoipPrefix = (pool: PoolRecord, prefix: number): void => {
  if (pool.IpamScopeType !== 'public' || pool.PublicIpSource !== 'byoip' || pool.PoolDepth > 2) return;
  const v4 = familyOf(pool.AddressFamily) === 4;
  const most = v4 ? 24 : pool.PubliclyAdvertisable === false ? 60 : 48;
  if (prefix > most)
    fail(
      'InvalidParameterValue',
      `The most specific BYOIP ${pool.AddressFamily} CIDR ${pool.PubliclyAdvertisable === false ? 'that is not publicly advertisable ' : ''}is /${most}; got /${prefix}.`,
    );
};

export const topLevelPlan = async (
  deps: Deps,
  caller: Caller,
  pool: PoolRecord,
  explicit: Cidr | undefined,
  prefix: number,
  input: ProofInput,
): Promise<ProvisionPlan> => {
  const version = familyOf(pool.AddressFamily);
  const base = { roots: [scopeRoot(pool.IpamScopeId, version)], value: (id: string) => id, extra: () => [] };
  if (pool.IpamScopeType === 'private') return privatePlan(deps, caller, pool, explicit, prefix, base);
  if (pool.PublicIpSource !== 'byoip') {
    if (hasProofInput(input))
      fail('InvalidParameterCombination', 'Amazon-provided space needs no proof of control.');
    return amazonPlan(deps, pool, explicit, prefix, base);
  }
  if (!explicit)
    fail(
      'InvalidParameterCombination',
      // F-PCIDR-06
      'BYOIP CIDRs are provisioned with an explicit Cidr, not a NetmaskLength.',
    );
  // F-BYOIP-02: proof of control, checked in part now and in full when the CIDR settles.
  return { ...base, proof: await proofFor(deps, caller, pool, explicit!, input) };
};
