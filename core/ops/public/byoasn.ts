/**
 * Bring your own ASN (F-ASN-01..11): ProvisionIpamByoasn checks the signed message at once and the
 * signature against the ASN's RDAP record when the ASN settles, on the first DescribeIpamByoasn
 * after the settle delay (as BYOIP CIDRs do). Associations link a provisioned ASN and a BYOIP
 * CIDR of the same IPAM; both records change in one transaction. Failed and deprovisioned ASNs
 * stay listed for 7 days.
 */
import { fail } from '../../errors';
import type { Caller, Deps, Write } from '../../ports';
import type { ByoasnRecord, PoolCidrRecord } from '../../records';
import { dryRun, required } from '../kit/common';
import { listAll, type PageInput, pageArray } from '../kit/listing';
import { loadIpam } from '../kit/loads';
import { type AuthorizationContext, checkMessage } from '../proof/authorization';
import { asnProofProblem } from '../proof/verify';
import { loadByoipCidr } from './byoip-cidrs';

const GONE_TTL_MS = 7 * 86_400_000;
const ACTIVE = new Set(['pending-provision', 'provisioned']);

/** A public ASN: 1 to 4294967295 (2- or 4-byte), written in decimal. */
const asnOf = (text: string | undefined): string => {
  const t = required(text, 'Asn');
  if (!/^\d{1,10}$/.test(t) || Number(t) < 1 || Number(t) > 4_294_967_295)
    fail('InvalidParameterValue', `'${t}' is not an ASN (a number from 1 to 4294967295).`);
  return String(Number(t));
};

export const byoasnShape = (r: ByoasnRecord) => ({
  Asn: r.Asn,
  IpamId: r.IpamId,
  ...(r.StatusMessage ? { StatusMessage: r.StatusMessage } : {}),
  State: r.State,
});

const live = (deps: Deps, r: ByoasnRecord) => r.ttl === undefined || r.ttl * 1000 > deps.now();
const mine = async (deps: Deps, caller: Caller) =>
  (await listAll<ByoasnRecord>(deps.store, { kind: 'byoasn', owner: caller.accountId })).filter((r) =>
    live(deps, r),
  );

export const provisionIpamByoasn = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamId?: string; Asn?: string; AsnAuthorizationContext?: AuthorizationContext },
) => {
  const ipam = await loadIpam(deps, caller, required(input.IpamId, 'IpamId'));
  const asn = asnOf(input.Asn);
  const signed = checkMessage(required(input.AsnAuthorizationContext, 'AsnAuthorizationContext'), {
    account: caller.accountId,
    now: deps.now(),
    sameSubject: (s) => s === asn,
    what: `ASN ${asn}`,
  });
  const held = (await mine(deps, caller)).filter((r) => r.IpamId === ipam.IpamId && ACTIVE.has(r.State));
  if (held.some((r) => r.Asn === asn))
    fail('IncorrectState', `ASN ${asn} is already provisioned to ${ipam.IpamId}.`);
  if (held.length >= deps.config.quotas.asnsPerIpam)
    fail(
      'ResourceLimitExceeded',
      `IPAM ${ipam.IpamId} already has ${held.length} ASNs, the most it may have.`,
    );
  dryRun(input);
  const before = await deps.store.get<ByoasnRecord>({ kind: 'byoasn', ipamId: ipam.IpamId, asn });
  const rec: ByoasnRecord = {
    kind: 'byoasn',
    Asn: asn,
    IpamId: ipam.IpamId,
    State: 'pending-provision',
    _owner: caller.accountId,
    _ipamRegion: ipam.IpamRegion,
    _proof: signed,
    _settleAt: deps.now() + deps.config.provisionSettleMs,
    _cidrs: [],
    _v: before ? before._v + 1 : 1,
    _created: deps.now(),
  };
  const write: Write = before
    ? { type: 'replace', record: rec, expectVersion: before._v }
    : { type: 'create', record: rec };
  if (!(await deps.store.commit([write])).ok) fail('IncorrectState', `ASN ${asn} changed meanwhile; retry.`);
  return { Byoasn: byoasnShape(rec) };
};

/** Settles the due pending ASNs: provisioned, or failed-provision (listed for 7 days). */
const settleAsns = async (deps: Deps, records: ByoasnRecord[]): Promise<boolean> => {
  const due = records.filter((r) => r.State === 'pending-provision' && (r._settleAt ?? 0) <= deps.now());
  for (const r of due) {
    const problem = r._proof ? await asnProofProblem(deps, r.Asn, r._proof) : undefined;
    const { _proof, _settleAt, ...rest } = r;
    const next: ByoasnRecord = problem
      ? {
          ...rest,
          State: 'failed-provision',
          StatusMessage: problem,
          ttl: Math.ceil((deps.now() + GONE_TTL_MS) / 1000),
        }
      : { ...rest, State: 'provisioned' };
    await deps.store.commit([{ type: 'replace', record: { ...next, _v: r._v + 1 }, expectVersion: r._v }]);
  }
  return due.length > 0;
};

export const describeIpamByoasn = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean },
) => {
  dryRun(input);
  let all = await mine(deps, caller);
  if (await settleAsns(deps, all)) all = await mine(deps, caller);
  const shown = all.filter((r) => r._ipamRegion === caller.region).map(byoasnShape);
  const page = pageArray(shown, input, `asns#${caller.accountId}`, { min: 1, max: 100 });
  return { Byoasns: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};

/** The caller's provisioned ASN in the given IPAM (or any of its IPAMs). */
const loadAsn = async (deps: Deps, caller: Caller, asn: string, ipamId?: string): Promise<ByoasnRecord> => {
  const found = (await mine(deps, caller)).find(
    (r) => r.Asn === asn && (ipamId === undefined || r.IpamId === ipamId) && ACTIVE.has(r.State),
  );
  if (!found) fail('InvalidParameterValue', `ASN ${asn} is not provisioned to an IPAM of this account.`);
  if (found!.State !== 'provisioned')
    fail('IncorrectState', `ASN ${asn} is ${found!.State}, not provisioned.`);
  return found!;
};

/** Both sides of an association change, each at the version read. */
const relink = async (
  deps: Deps,
  a: ByoasnRecord,
  nextA: ByoasnRecord,
  c: PoolCidrRecord,
  nextC: PoolCidrRecord,
) => {
  const res = await deps.store.commit([
    { type: 'replace', record: { ...nextA, _v: a._v + 1 }, expectVersion: a._v },
    { type: 'replace', record: { ...nextC, _v: c._v + 1 }, expectVersion: c._v },
  ]);
  if (!res.ok) fail('IncorrectState', `ASN ${a.Asn} or ${c.Cidr} changed meanwhile; retry the request.`);
};

type LinkInput = { DryRun?: boolean; Asn?: string; Cidr?: string };

/** Both ends of an association: the caller's BYOIP CIDR (any region) and its IPAM's provisioned ASN. */
const ends = async (deps: Deps, caller: Caller, input: LinkInput) => {
  const asn = asnOf(input.Asn);
  const { pool, rec } = await loadByoipCidr(deps, caller, input.Cidr, true);
  return { asn, pool, rec, a: await loadAsn(deps, caller, asn, pool._ipamId) };
};

export const associateIpamByoasn = async (deps: Deps, caller: Caller, input: LinkInput) => {
  const { asn, pool, rec, a } = await ends(deps, caller, input);
  dryRun(input);
  const result = { AsnAssociation: { Asn: asn, Cidr: rec.Cidr, State: 'associated' } };
  if ((rec._asns ?? []).includes(asn)) return result;
  await relink(deps, a, { ...a, _cidrs: [...a._cidrs, { cidr: rec.Cidr, poolId: pool.IpamPoolId }] }, rec, {
    ...rec,
    _asns: [...(rec._asns ?? []), asn],
  });
  return result;
};

export const disassociateIpamByoasn = async (deps: Deps, caller: Caller, input: LinkInput) => {
  const { asn, rec, a } = await ends(deps, caller, input);
  if (!(rec._asns ?? []).includes(asn))
    fail('InvalidParameterValue', `ASN ${asn} is not associated with ${rec.Cidr}.`);
  if (rec._advert?.asn === asn)
    fail(
      'IncorrectState',
      `${rec.Cidr} is advertised with ASN ${asn}; advertise it with AWS or withdraw it first.`,
    );
  dryRun(input);
  await relink(deps, a, { ...a, _cidrs: a._cidrs.filter((c) => c.cidr !== rec.Cidr) }, rec, {
    ...rec,
    _asns: (rec._asns ?? []).filter((x) => x !== asn),
  });
  return { AsnAssociation: { Asn: asn, Cidr: rec.Cidr, State: 'disassociated' } };
};

export const deprovisionIpamByoasn = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamId?: string; Asn?: string },
) => {
  const ipam = await loadIpam(deps, caller, required(input.IpamId, 'IpamId'));
  const a = await loadAsn(deps, caller, asnOf(input.Asn), ipam.IpamId);
  if (a._cidrs.length > 0)
    fail(
      'IncorrectState',
      `ASN ${a.Asn} is associated with ${a._cidrs.map((c) => c.cidr).join(', ')}; disassociate it first.`,
    );
  dryRun(input);
  const next: ByoasnRecord = {
    ...a,
    State: 'deprovisioned',
    ttl: Math.ceil((deps.now() + GONE_TTL_MS) / 1000),
    _v: a._v + 1,
  };
  if (!(await deps.store.commit([{ type: 'replace', record: next, expectVersion: a._v }])).ok)
    fail('IncorrectState', `ASN ${a.Asn} changed meanwhile; retry the request.`);
  return { Byoasn: byoasnShape(next) };
};
