/**
 * What the pool page's CIDRs section needs to know about BYOIP, as pure functions of the pool and
 * the form (F-BYOIP-02, F-BYOIP-09, F-BYOIP-10): whether a provisioning carries proof of control,
 * the request a provision form makes, and the region a pool's CIDRs are advertised in. They
 * mirror the server's rules (core/ops/pool/cidr-top.ts, core/ops/public/byoip-cidrs.ts) so the
 * console asks in the right place; the server still decides.
 */

// The API's JSON answers, read field by field; not api.ts's type, so that this module (and its unit
// test) stays free of the browser's globals.
// biome-ignore lint/suspicious/noExplicitAny: JSON answers
type Answer = Record<string, any>;

/**
 * F-BYOIP-02/06: only a CIDR provisioned into a top-level BYOIP pool of the public scope needs
 * proof of control; the pools under it are provisioned without.
 * @example needsProof({ IpamScopeType: 'public', PublicIpSource: 'byoip' }) // true
 */
export const needsProof = (pool: Answer): boolean =>
  pool.IpamScopeType === 'public' && pool.PublicIpSource === 'byoip' && !pool.SourceIpamPoolId;

const NO_LOCALE = new Set([undefined, '', 'None', 'Global']);

/**
 * Where `pool`'s CIDRs are described, advertised and withdrawn: a regional BYOIP pool's locale, a
 * global-services pool's IPAM home region (anycast), or undefined when they cannot be advertised
 * (private scope, Amazon-provided space, or a BYOIP pool without a locale).
 * @example advertisingRegion({ IpamScopeType: 'public', PublicIpSource: 'byoip', AwsService: 'ec2', Locale: 'us-west-2' }) // 'us-west-2'
 */
export const advertisingRegion = (pool: Answer): string | undefined => {
  if (pool.IpamScopeType !== 'public' || pool.PublicIpSource !== 'byoip' || !pool.AwsService)
    return undefined;
  if (pool.AwsService === 'global-services') return pool.IpamRegion;
  return NO_LOCALE.has(pool.Locale) ? undefined : pool.Locale;
};

/** The provision form's fields by name (formValues), trimmed; absent ones are ''. */
export interface ProvisionFields {
  cidr?: string;
  netmask?: string;
  method?: string;
  message?: string;
  signature?: string;
  token?: string;
}

/**
 * The `ProvisionIpamPoolCidr` request of the provision form: a CIDR or a netmask length and, with
 * `proof`, the chosen verification method with its fields (remarks-x509, the default, sends the
 * signed message as `CidrAuthorizationContext`; dns-token sends the token's id).
 * @example provisionRequest('ipam-pool-1', { cidr: '130.137.245.0/24', method: 'dns-token', token: 'ipam-ext-res-ver-token-1' }, true)
 */
export const provisionRequest = (poolId: string, f: ProvisionFields, proof: boolean): Answer => {
  const what = f.cidr ? { Cidr: f.cidr } : f.netmask ? { NetmaskLength: Number(f.netmask) } : {};
  const base = { IpamPoolId: poolId, ...what };
  if (!proof) return base;
  if (f.method === 'dns-token')
    return {
      ...base,
      VerificationMethod: 'dns-token',
      ...(f.token ? { IpamExternalResourceVerificationTokenId: f.token } : {}),
    };
  return {
    ...base,
    VerificationMethod: 'remarks-x509',
    CidrAuthorizationContext: { Message: f.message ?? '', Signature: f.signature ?? '' },
  };
};

/** F-BYOIP-09: whether any CIDR still waits for its proof of control (the page polls meanwhile). */
export const anyPending = (cidrs: Answer[]): boolean => cidrs.some((c) => c.State === 'pending-provision');

/**
 * The Advertising column (F-MON-24) of `cidr` from the region's DescribeByoipCidrs: `Advertised`,
 * `Withdrawn`, or '–' when the region does not list it (not yet provisioned, or not the caller's).
 * @example advertisingOf([{ Cidr: '130.137.245.0/24', State: 'advertised' }], '130.137.245.0/24') // 'Advertised'
 */
export const advertisingOf = (byoip: Answer[], cidr: string): 'Advertised' | 'Withdrawn' | '–' => {
  const found = byoip.find((b) => b.Cidr === cidr);
  return !found ? '–' : found.State === 'advertised' ? 'Advertised' : 'Withdrawn';
};
