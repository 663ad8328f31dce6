/**
 * Sharing a resource discovery with another account ([self-hosted] F-RD-07/08/09, in place of
 * AWS RAM; Allot-specific, JSON API). The RD owner shares it, in the RD's own region (the IPAM's
 * home region, F-XORG-04); the grantee accepts; then the grantee may associate it with its IPAM
 * and read its discovered data (F-RD-08) and its OU exclusions (F-RD-09). Either side can end the
 * share; associations of a revoked share show `ResourceDiscoveryStatus=not-found` and feed nothing
 * (F-RDA-04).
 */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { RdShareRecord, ResourceDiscoveryRecord } from '../../records';
import { dryRun, publicShape, required } from '../kit/common';
import { listAll } from '../kit/listing';
import { accountId } from '../organization/ids';
import { defaultVersion, permissionOf, RD_PERMISSION } from '../sharing/permissions';
import { loadOwnRd, shareRef } from './common';

type ShareInput = { DryRun?: boolean; IpamResourceDiscoveryId?: string; Principal?: string };

export const shareIpamResourceDiscovery = async (deps: Deps, caller: Caller, input: ShareInput) => {
  const rd = await loadOwnRd(
    deps,
    caller,
    required(input.IpamResourceDiscoveryId, 'IpamResourceDiscoveryId'),
  );
  const principal = accountId(input.Principal, 'Principal');
  if (principal === caller.accountId)
    fail('InvalidParameterValue', 'A resource discovery cannot be shared with its owner.');
  if (caller.region !== rd.IpamResourceDiscoveryRegion)
    fail(
      'InvalidParameterValue',
      // F-RD-07
      `Share ${rd.IpamResourceDiscoveryId} from its region ${rd.IpamResourceDiscoveryRegion}.`,
    );
  dryRun(input);
  const existing = await deps.store.get<RdShareRecord>(shareRef(rd.IpamResourceDiscoveryId, principal));
  if (existing) return { ResourceDiscoveryShare: publicShape(existing) };
  const share: RdShareRecord = {
    kind: 'rd-share',
    IpamResourceDiscoveryId: rd.IpamResourceDiscoveryId,
    OwnerId: rd.OwnerId,
    Principal: principal,
    Status: 'pending',
    CreationTime: new Date(deps.now()).toISOString(),
    _permissionVersion: defaultVersion(permissionOf(deps.config, RD_PERMISSION)),
    _v: 1,
    _created: deps.now(),
  };
  const res = await deps.store.commit([
    { type: 'create', record: share },
    { type: 'check', ref: { kind: 'resource-discovery', id: rd.IpamResourceDiscoveryId } },
  ]);
  if (!res.ok)
    fail('IncorrectState', `Resource discovery ${rd.IpamResourceDiscoveryId} changed meanwhile; retry.`);
  return { ResourceDiscoveryShare: publicShape(share) };
};

/** The share offered to the caller; accepting twice is harmless. */
export const acceptIpamResourceDiscoveryShare = async (
  deps: Deps,
  caller: Caller,
  input: { DryRun?: boolean; IpamResourceDiscoveryId?: string },
) => {
  const rdId = required(input.IpamResourceDiscoveryId, 'IpamResourceDiscoveryId');
  const share = await deps.store.get<RdShareRecord>(shareRef(rdId, caller.accountId));
  if (!share)
    return fail(
      'InvalidIpamResourceDiscoveryId.NotFound',
      `No share of '${rdId}' is offered to ${caller.accountId}.`,
    );
  dryRun(input);
  if (share.Status === 'active') return { ResourceDiscoveryShare: publicShape(share) };
  const accepted: RdShareRecord = { ...share, Status: 'active' };
  const res = await deps.store.commit([{ type: 'replace', record: accepted, expectVersion: share._v }]);
  if (!res.ok) fail('IncorrectState', `The share of ${rdId} changed meanwhile; retry.`);
  return { ResourceDiscoveryShare: publicShape(accepted) };
};

/** The owner revokes a share (Principal), or the grantee leaves it (no Principal). */
export const deleteIpamResourceDiscoveryShare = async (deps: Deps, caller: Caller, input: ShareInput) => {
  const rdId = required(input.IpamResourceDiscoveryId, 'IpamResourceDiscoveryId');
  const principal =
    input.Principal === undefined ? caller.accountId : accountId(input.Principal, 'Principal');
  const share = await deps.store.get<RdShareRecord>(shareRef(rdId, principal));
  if (!share || (caller.accountId !== share.OwnerId && caller.accountId !== share.Principal))
    return fail('InvalidIpamResourceDiscoveryId.NotFound', `No share of '${rdId}' with ${principal}.`);
  dryRun(input);
  await deps.store.commit([{ type: 'delete', ref: shareRef(rdId, principal) }]);
  return { ResourceDiscoveryShare: { ...publicShape(share), Status: 'deleted' } };
};

/** Shares the caller made (of one RD, or all its RDs) and shares offered to it. */
export const getIpamResourceDiscoveryShares = async (
  deps: Deps,
  caller: Caller,
  input: { IpamResourceDiscoveryId?: string },
) => {
  const made: RdShareRecord[] = [];
  const mine = await listAll<ResourceDiscoveryRecord>(deps.store, {
    kind: 'resource-discovery',
    owner: caller.accountId,
  });
  for (const rd of mine) {
    if (input.IpamResourceDiscoveryId && rd.IpamResourceDiscoveryId !== input.IpamResourceDiscoveryId)
      continue;
    made.push(
      ...(await listAll<RdShareRecord>(deps.store, { kind: 'rd-share', rdId: rd.IpamResourceDiscoveryId })),
    );
  }
  const offered = (
    await listAll<RdShareRecord>(deps.store, { kind: 'rd-share', principal: caller.accountId })
  ).filter(
    (s) => !input.IpamResourceDiscoveryId || s.IpamResourceDiscoveryId === input.IpamResourceDiscoveryId,
  );
  return { ResourceDiscoveryShares: [...made, ...offered].map((s) => publicShape(s)) };
};

/** Deletes of every share of an RD (the RD is being deleted). */
export const shareDeletes = async (deps: Deps, rdId: string) =>
  (await listAll<RdShareRecord>(deps.store, { kind: 'rd-share', rdId })).map((s) => ({
    type: 'delete' as const,
    ref: shareRef(rdId, s.Principal),
  }));
