/**
 * BYOIP CIDRs as EC2 shows them in a region (F-BYOIP-10, F-GLOBAL-05): the CIDRs of the caller's
 * public BYOIP pools whose locale is that region (a global-services pool's, anycast, in the IPAM's
 * home region: it has no locale), with their
 * advertisement. AdvertiseByoipCidr and WithdrawByoipCidr record it on the pool CIDR and tell the
 * operator's router automation through the event sink first, so nothing is recorded advertised
 * that was not announced. Advertising never gates allocation.
 */
import { familyOf, formatCidr, parseCidr } from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps, PublicSpaceEvent } from '../../ports';
import type { PoolCidrRecord, PoolRecord } from '../../records';
import { dryRun, required } from '../kit/common';
import { listAll, type PageInput, pageArray } from '../kit/listing';
import { heldRanges } from './public-ipv4-pools';

interface Held {
  pool: PoolRecord;
  rec: PoolCidrRecord;
}

/** Where a BYOIP pool's CIDRs are advertised from: its locale, or a global pool's IPAM home region. */
const homeOf = (p: PoolRecord): string | undefined =>
  p.IpamScopeType !== 'public' || p.PublicIpSource !== 'byoip' || p.AwsService === undefined
    ? undefined
    : p.AwsService === 'global-services'
      ? p.IpamRegion
      : p.Locale;

/**
 * The caller's BYOIP CIDRs in its region (or, `anyRegion`, wherever their locale), in pool then
 * address order.
 */
export const byoipCidrsOf = async (deps: Deps, caller: Caller, anyRegion = false): Promise<Held[]> => {
  const pools = (await listAll<PoolRecord>(deps.store, { kind: 'pool', owner: caller.accountId })).filter(
    (p) => homeOf(p) !== undefined && (anyRegion || homeOf(p) === caller.region),
  );
  const out: Held[] = [];
  for (const pool of pools)
    for (const rec of (await deps.store.getPool(pool.IpamPoolId)).cidrs) out.push({ pool, rec });
  return out;
};

export const byoipShape = ({ pool, rec }: Held): Record<string, unknown> => {
  const quiet = pool.PubliclyAdvertisable === false && rec.State === 'provisioned';
  return {
    Cidr: rec.Cidr,
    AsnAssociations: (rec._asns ?? []).map((Asn) => ({ Asn, Cidr: rec.Cidr, State: 'associated' })),
    StatusMessage: rec.State === 'provisioned' ? 'Cidr successfully provisioned' : `Cidr ${rec.State}`,
    State: rec._advert ? 'advertised' : quiet ? 'provisioned-not-publicly-advertisable' : rec.State,
    NetworkBorderGroup: pool.Locale,
    AdvertisementType: pool.AwsService === 'global-services' ? 'anycast' : 'unicast',
  };
};

export const describeByoipCidrs = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean },
) => {
  required(input.MaxResults, 'MaxResults');
  dryRun(input);
  const own = (await byoipCidrsOf(deps, caller)).map(byoipShape);
  const shown = [
    ...own,
    ...(await rangesHeld(
      deps,
      caller,
      own.map((c) => String(c.Cidr)),
    )),
  ];
  const page = pageArray(shown, input, `byoip#${caller.accountId}#${caller.region}`, { min: 1, max: 100 });
  return { ByoipCidrs: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};

/**
 * BYOIP space the caller holds in its public IPv4 pools of the region (F-TUT-B4-A1: a member
 * account fed a /24 from a shared BYOIP pool sees it provisioned), unless listed already.
 */
const rangesHeld = async (deps: Deps, caller: Caller, listed: string[]) => {
  const out: Record<string, unknown>[] = [];
  for (const { pool, range } of await heldRanges(deps, caller))
    if (!listed.includes(range.Cidr))
      out.push({
        Cidr: range.Cidr,
        StatusMessage: 'Cidr successfully provisioned',
        State: 'provisioned',
        NetworkBorderGroup: pool.NetworkBorderGroup,
        AdvertisementType: 'unicast',
      });
  return out;
};

/** The caller's BYOIP CIDR `text` in its region (or any); not found otherwise. */
export const loadByoipCidr = async (
  deps: Deps,
  caller: Caller,
  text: string | undefined,
  anyRegion = false,
): Promise<Held> => {
  const cidr = formatCidr(parseCidr(required(text, 'Cidr')));
  const held = (await byoipCidrsOf(deps, caller, anyRegion)).find((h) => h.rec.Cidr === cidr);
  if (!held)
    fail('InvalidParameterValue', `${cidr} is not a BYOIP CIDR of this account in ${caller.region}.`);
  return held!;
};

/** Records the advertisement change after the event was delivered; a lost race asks for a retry. */
export const recordAdvert = async (
  deps: Deps,
  caller: Caller,
  { pool, rec }: Held,
  asn: string | undefined,
): Promise<Record<string, unknown>> => {
  const event: PublicSpaceEvent = {
    type: asn === undefined ? 'byoip-cidr-withdrawn' : 'byoip-cidr-advertised',
    account: caller.accountId,
    region: caller.region,
    cidr: rec.Cidr,
    asn: asn ?? rec._advert?.asn ?? 'AWS',
    poolId: pool.IpamPoolId,
    advertisementType: pool.AwsService === 'global-services' ? 'anycast' : 'unicast',
    time: new Date(deps.now()).toISOString(),
  };
  await deps.events?.emit(event);
  const { _advert, ...rest } = rec;
  const toCustom = asn !== undefined && asn !== 'AWS' && rec._advert?.asn !== asn;
  const next: PoolCidrRecord = {
    ...rest,
    ...(asn !== undefined ? { _advert: { asn, since: deps.now() } } : {}),
    ...(toCustom ? { _customAt: deps.now() } : {}),
    _v: rec._v + 1,
  };
  const res = await deps.store.commit([{ type: 'replace', record: next, expectVersion: rec._v }]);
  if (!res.ok) fail('IncorrectState', `${rec.Cidr} changed meanwhile; retry the request.`);
  return byoipShape({ pool, rec: next });
};

/** F-BYOIP-05: the most specific prefix that may be advertised to the internet. */
const checkAdvertisable = ({ pool, rec }: Held) => {
  const c = parseCidr(rec.Cidr);
  const most = familyOf(pool.AddressFamily) === 4 ? 24 : 48;
  if (c.prefix > most)
    fail('InvalidParameterValue', `A /${c.prefix} cannot be advertised; the most specific is /${most}.`);
  if (pool.PubliclyAdvertisable === false)
    fail('OperationNotPermitted', `${rec.Cidr} is in a pool that is not publicly advertisable.`);
  if (rec.State !== 'provisioned') fail('IncorrectState', `${rec.Cidr} is ${rec.State}, not provisioned.`);
};

/** F-ASN-06/08: a custom ASN must be associated, and switched to at most once an hour. */
const checkCustomAsn = (deps: Deps, { rec }: Held, asn: string) => {
  if (!(rec._asns ?? []).includes(asn))
    fail('InvalidParameterValue', `ASN ${asn} is not associated with ${rec.Cidr}; associate it first.`);
  const last = rec._customAt;
  if (rec._advert?.asn !== asn && last !== undefined && deps.now() - last < SWITCH_INTERVAL_MS)
    fail(
      'OperationNotPermitted',
      `${rec.Cidr} switched to a custom ASN at ${new Date(last).toISOString()}; the next switch is allowed an hour later.`,
    );
};

/** F-QUOTA-32: switches from the AWS ASN to a custom one, per CIDR. */
const SWITCH_INTERVAL_MS = 3_600_000;

export const advertiseByoipCidr = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; Cidr?: string; Asn?: string; NetworkBorderGroup?: string },
) => {
  const held = await loadByoipCidr(deps, caller, input.Cidr);
  checkAdvertisable(held);
  const asn = input.Asn === undefined || input.Asn.toUpperCase() === 'AWS' ? 'AWS' : input.Asn;
  if (asn !== 'AWS') checkCustomAsn(deps, held, asn);
  dryRun(input);
  if (held.rec._advert?.asn === asn) return { ByoipCidr: byoipShape(held) };
  return { ByoipCidr: await recordAdvert(deps, caller, held, asn) };
};

export const withdrawByoipCidr = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; Cidr?: string },
) => {
  const held = await loadByoipCidr(deps, caller, input.Cidr);
  dryRun(input);
  if (!held.rec._advert) return { ByoipCidr: byoipShape(held) };
  return { ByoipCidr: await recordAdvert(deps, caller, held, undefined) };
};
