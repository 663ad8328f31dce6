/**
 * Allot's own Elastic IPs in a discovery sample (F-EIP-08, F-PIP-02/04): addresses taken from IPAM
 * pools or public IPv4 pools live in Allot, not in the EC2 the collectors read, so a successful
 * read of an (account, region) target gains them, as EC2 would list them: `amazon-owned-contig`
 * from an Amazon-provided pool, `byoip` otherwise. The IPv4 addresses of anycast IP lists
 * (F-GLOBAL-04) join the sample of the region their allocations name, as `anycast-ip-list-ip` of
 * the service `cloudfront`. An own address on an instance takes the instance's security groups
 * and their rules from the read, which was asked about those instances (F-PIP-06/08).
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
import type {
  DiscoveredPublicAddress,
  DiscoverySample,
  DiscoveryTarget,
  InstanceSecurity,
  ReadHint,
} from './types';

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

/** The Elastic IPs Allot holds for the target's account in its region. */
export const ownAddresses = (deps: Deps, target: DiscoveryTarget): Promise<AddressRecord[]> =>
  listAll<AddressRecord>(deps.store, { kind: 'address', owner: target.AccountId, region: target.Region });

/** The read's hint: the instances that hold own addresses. */
export const hintOf = (own: readonly AddressRecord[]): ReadHint => ({
  instanceIds: [...new Set(own.flatMap((a) => (a.InstanceId ? [a.InstanceId] : [])))],
});

const securityOf = (i: InstanceSecurity | undefined) =>
  i
    ? {
        ...(i.SecurityGroups.length ? { SecurityGroups: i.SecurityGroups } : {}),
        ...(i.SecurityGroupRules ? { SecurityGroupRules: i.SecurityGroupRules } : {}),
      }
    : {};

/**
 * The sample with Allot's own addresses added; `own` is the listing the read's hint came from
 * (listed here when not given).
 * @example await withOwnAddresses(deps, target, sample, own)
 */
export const withOwnAddresses = async (
  deps: Deps,
  target: DiscoveryTarget,
  sample: DiscoverySample,
  listed?: AddressRecord[],
): Promise<DiscoverySample> => {
  if (sample.account.FailureReason !== undefined) return sample;
  const own = listed ?? (await ownAddresses(deps, target));
  const instances = new Map((sample.instances ?? []).map((i) => [i.InstanceId, i]));
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
      ...(a.InstanceId ? securityOf(instances.get(a.InstanceId)) : {}),
      SampleTime: sample.account.LastAttemptedDiscoveryTime,
    });
  added.push(...(await anycastAddresses(deps, target, sample.account.LastAttemptedDiscoveryTime, seen)));
  return added.length === 0 ? sample : { ...sample, publicAddresses: [...sample.publicAddresses, ...added] };
};
