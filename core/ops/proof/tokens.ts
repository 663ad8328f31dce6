/**
 * External-resource verification tokens (F-VTOK-01..06): Create, Describe and Delete. A token is
 * good for 72 hours and any number of CIDRs of its IPAM (F-VTOK-02); at most 100 per IPAM
 * (F-VTOK-03). Creation and deletion complete at once (F-GEN-06).
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { IpamRecord, VerificationTokenRecord } from '../../records';
import { arn, dryRun, publicShape, required, type TagSpecification, tagsFor } from '../kit/common';
import { tokenGate } from '../kit/idempotency';
import { filterPredicate, listAll, type PageInput, pageArray } from '../kit/listing';
import { loadIpam, seenFrom } from '../kit/loads';

/** F-VTOK-02, F-QUOTA-30. */
export const TOKEN_LIFETIME_MS = 72 * 3_600_000;
const TYPE = 'ipam-external-resource-verification-token';

/** The API shape, with `Status` as of `now`. */
export const tokenShape = (t: VerificationTokenRecord, now: number): Record<string, unknown> => ({
  ...publicShape(t),
  Status: Date.parse(t.NotAfter) > now ? 'valid' : 'expired',
});

const uuidOf = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;

const newToken = (deps: Deps, caller: Caller, ipam: IpamRecord, tags: VerificationTokenRecord['Tags']) => {
  const id = deps.ids.next('ipam-ext-res-ver-token');
  const value = deps.ids.next('v', 32).slice(2);
  const name = (BigInt(`0x${deps.ids.next('n', 12).slice(2)}`) % 100_000_000n).toString().padStart(8, '0');
  const now = deps.now();
  const token: VerificationTokenRecord = {
    kind: 'verification-token',
    IpamExternalResourceVerificationTokenId: id,
    IpamExternalResourceVerificationTokenArn: arn(deps.config, caller.accountId, TYPE, id),
    IpamId: ipam.IpamId,
    IpamArn: ipam.IpamArn,
    IpamRegion: ipam.IpamRegion,
    TokenValue: uuidOf(value),
    TokenName: name,
    NotAfter: new Date(now + TOKEN_LIFETIME_MS).toISOString(),
    State: 'create-complete',
    Tags: tags,
    _owner: caller.accountId,
    _v: 1,
    _created: now,
  };
  return token;
};

export const createIpamExternalResourceVerificationToken = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamId?: string; TagSpecifications?: TagSpecification[]; ClientToken?: string },
) => {
  const tags = tagsFor(TYPE, input.TagSpecifications);
  const ipam = await loadIpam(deps, caller, required(input.IpamId, 'IpamId'));
  type Result = { IpamExternalResourceVerificationToken: object };
  const gate = await tokenGate<Result>(deps, caller, 'CreateIpamExternalResourceVerificationToken', input);
  if (gate.replay) return gate.replay;
  const held = await listAll<VerificationTokenRecord>(deps.store, {
    kind: 'verification-token',
    ipamId: ipam.IpamId,
  });
  if (held.length >= deps.config.quotas.verificationTokensPerIpam)
    fail(
      'ResourceLimitExceeded',
      // F-VTOK-03
      `IPAM ${ipam.IpamId} has ${held.length} verification tokens, the most it may have; delete expired ones.`,
    );
  dryRun(input);
  const token = newToken(deps, caller, ipam, tags);
  const result = { IpamExternalResourceVerificationToken: tokenShape(token, deps.now()) };
  const res = await deps.store.commit([{ type: 'create', record: token }, ...gate.write(result)]);
  if (res.ok) return result;
  return (await gate.settle(res.failed)) ?? fail('IncorrectState', 'The token could not be stored; retry.');
};

/** A token of the caller's, seen from its IPAM's home region; otherwise not found. */
export const loadToken = async (deps: Deps, caller: Caller, id: string): Promise<VerificationTokenRecord> => {
  const found = await deps.store.get<VerificationTokenRecord>({ kind: 'verification-token', id });
  if (
    !found ||
    found._owner !== caller.accountId ||
    !seenFrom(caller, { kind: 'ipam', IpamRegion: found.IpamRegion })
  )
    fail(
      'InvalidIpamExternalResourceVerificationTokenId.NotFound',
      `The IPAM external resource verification token ID '${id}' does not exist.`,
    );
  return found!;
};

const FIELDS = [
  'IpamArn',
  'IpamExternalResourceVerificationTokenArn',
  'IpamExternalResourceVerificationTokenId',
  'IpamId',
  'IpamRegion',
  'State',
  'Status',
  'TokenName',
  'TokenValue',
] as const;

export const describeIpamExternalResourceVerificationTokens = async (
  deps: Deps,
  caller: Caller,
  input: PageInput & { DryRun?: boolean; IpamExternalResourceVerificationTokenIds?: string[] },
) => {
  const keep = filterPredicate(input.Filters, FIELDS);
  const ids = input.IpamExternalResourceVerificationTokenIds ?? [];
  const named = await Promise.all(ids.map((id) => loadToken(deps, caller, id)));
  dryRun(input);
  const ipams = (await listAll<IpamRecord>(deps.store, { kind: 'ipam', owner: caller.accountId })).filter(
    (i) => seenFrom(caller, i),
  );
  const all =
    ids.length > 0
      ? named
      : (
          await Promise.all(
            ipams.map((i) =>
              listAll<VerificationTokenRecord>(deps.store, { kind: 'verification-token', ipamId: i.IpamId }),
            ),
          )
        ).flat();
  const now = deps.now();
  const shown = all.map((t) => tokenShape(t, now)).filter(keep);
  const page = pageArray(shown, input, `vtoks#${caller.accountId}`);
  return {
    IpamExternalResourceVerificationTokens: page.items,
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};

export const deleteIpamExternalResourceVerificationToken = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamExternalResourceVerificationTokenId?: string },
) => {
  const id = required(
    input.IpamExternalResourceVerificationTokenId,
    'IpamExternalResourceVerificationTokenId',
  );
  const token = await loadToken(deps, caller, id);
  dryRun(input);
  const res = await deps.store.commit([
    { type: 'delete', ref: { kind: 'verification-token', id }, expectVersion: token._v },
  ]);
  if (!res.ok)
    fail(
      'InvalidIpamExternalResourceVerificationTokenId.NotFound',
      `The IPAM external resource verification token ID '${id}' does not exist.`,
    );
  return {
    IpamExternalResourceVerificationToken: { ...tokenShape(token, deps.now()), State: 'delete-complete' },
  };
};
