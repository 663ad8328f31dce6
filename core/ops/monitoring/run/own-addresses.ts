/**
 * Allot's own Elastic IPs in a discovery sample (F-EIP-08, F-PIP-02/04): addresses taken from IPAM
 * pools or public IPv4 pools live in Allot, not in the EC2 the collectors read, so a successful
 * read of an (account, region) target gains them, as EC2 would list them: `amazon-owned-contig`
 * from an Amazon-provided pool, `byoip` otherwise.
 */
import type { Deps } from '../../../ports';
import type { AddressRecord, PoolRecord } from '../../../records';
import { listAll } from '../../kit/listing';
import type { DiscoveredPublicAddress, DiscoverySample, DiscoveryTarget } from './types';

const typeOf = async (deps: Deps, a: AddressRecord, pools: Map<string, PoolRecord | undefined>) => {
  if (!a.IpamPoolId) return 'byoip' as const;
  if (!pools.has(a.IpamPoolId))
    pools.set(a.IpamPoolId, await deps.store.get<PoolRecord>({ kind: 'pool', id: a.IpamPoolId }));
  return pools.get(a.IpamPoolId)?.PublicIpSource === 'amazon'
    ? ('amazon-owned-contig' as const)
    : ('byoip' as const);
};

export const withOwnAddresses = async (
  deps: Deps,
  target: DiscoveryTarget,
  sample: DiscoverySample,
): Promise<DiscoverySample> => {
  if (sample.account.FailureReason !== undefined) return sample;
  const own = await listAll<AddressRecord>(deps.store, {
    kind: 'address',
    owner: target.AccountId,
    region: target.Region,
  });
  const seen = new Set(sample.publicAddresses.map((a) => a.Address));
  const pools = new Map<string, PoolRecord | undefined>();
  const added: DiscoveredPublicAddress[] = [];
  for (const a of own.filter((x) => !seen.has(x.PublicIp)))
    added.push({
      AddressRegion: target.Region,
      Address: a.PublicIp,
      AddressOwnerId: a._owner,
      AddressAllocationId: a.AllocationId,
      AssociationStatus: a.AssociationId ? 'associated' : 'disassociated',
      AddressType: await typeOf(deps, a, pools),
      Service: 'other',
      PublicIpv4PoolId: a.PublicIpv4Pool,
      ...(a.InstanceId ? { InstanceId: a.InstanceId } : {}),
      ...(a.NetworkInterfaceId ? { NetworkInterfaceId: a.NetworkInterfaceId } : {}),
      Tags: { EipTags: a.Tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' })) },
      NetworkBorderGroup: a.NetworkBorderGroup,
      SampleTime: sample.account.LastAttemptedDiscoveryTime,
    });
  return added.length === 0 ? sample : { ...sample, publicAddresses: [...sample.publicAddresses, ...added] };
};
