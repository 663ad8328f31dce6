/**
 * Allot's own Elastic IPs in a discovery sample (F-EIP-08, F-PIP-02/04): addresses taken from IPAM
 * pools or public IPv4 pools live in Allot, not in the EC2 the collectors read, so a successful
 * read of an (account, region) target gains them, as EC2 would list them: `amazon-owned-contig`
 * from an Amazon-provided pool, `byoip` otherwise. The IPv4 addresses of anycast IP lists
 * (F-GLOBAL-04) join the sample of the region their allocations name, as `anycast-ip-list-ip` of
 * the service `cloudfront`.
 */
import type { Deps } from '../../../ports';
import type {
  AddressRecord,
  AllocationRecord,
  AnycastIpListRecord,
  PoolRecord,
  ResourceRefRecord,
} from '../../../records';
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

/** The IPv4 addresses of the account's anycast IP lists whose allocations are in the target's region. */
const anycastAddresses = async (
  deps: Deps,
  target: DiscoveryTarget,
  at: Date,
  seen: Set<string>,
): Promise<DiscoveredPublicAddress[]> => {
  const out: DiscoveredPublicAddress[] = [];
  const lists = await listAll<AnycastIpListRecord>(deps.store, {
    kind: 'anycast-ip-list',
    owner: target.AccountId,
  });
  for (const list of lists) {
    for (const ref of await listAll<ResourceRefRecord>(deps.store, {
      kind: 'resource-ref',
      resourceId: list.Id,
    })) {
      const address = ref.Cidr.endsWith('/32') ? ref.Cidr.slice(0, -3) : undefined;
      if (!address || seen.has(address)) continue;
      const held = await deps.store.get<AllocationRecord>({
        kind: 'allocation',
        poolId: ref.IpamPoolId,
        cidr: ref.Cidr,
      });
      if (held?.ResourceRegion !== target.Region) continue;
      out.push({
        AddressRegion: target.Region,
        Address: address,
        AddressOwnerId: target.AccountId,
        AssociationStatus: 'associated',
        AddressType: 'anycast-ip-list-ip',
        Service: 'cloudfront',
        ServiceResource: list.Arn,
        SampleTime: at,
      });
    }
  }
  return out;
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
  added.push(...(await anycastAddresses(deps, target, sample.account.LastAttemptedDiscoveryTime, seen)));
  return added.length === 0 ? sample : { ...sample, publicAddresses: [...sample.publicAddresses, ...added] };
};
