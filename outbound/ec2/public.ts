/**
 * EC2 describe shapes -> discovered public IPv4 addresses (`IpamDiscoveredPublicAddress`,
 * F-PIP-02/06/07). Pure. Elastic IPs come from DescribeAddresses; auto-assigned and
 * service-managed public IPs from the ENIs that carry them. An EIP attached to an ENI is one
 * address, enriched with the ENI's VPC, subnet and security groups.
 */
import type { Address, NetworkInterface } from '@aws-sdk/client-ec2';
import type { DiscoveredPublicAddress, PublicAddressType } from '../../core/ops/monitoring/run/types';
import type { MapContext } from './map';

/** ENI `InterfaceType` (EC2 spells NAT gateways `natGateway`) -> `Service` (F-PIP-07); else `other`. */
const SERVICE: Record<string, string> = {
  natGateway: 'nat-gateway',
  network_load_balancer: 'load-balancer',
  load_balancer: 'load-balancer',
  gateway_load_balancer: 'load-balancer',
  global_accelerator_managed: 'global-accelerator',
};

const eniDetails = (n: NetworkInterface | undefined) =>
  n
    ? {
        ...(n.VpcId ? { VpcId: n.VpcId } : {}),
        ...(n.SubnetId ? { SubnetId: n.SubnetId } : {}),
        ...(n.Description ? { NetworkInterfaceDescription: n.Description } : {}),
        ...(n.Groups?.length
          ? { SecurityGroups: n.Groups.map((g) => ({ GroupName: g.GroupName, GroupId: g.GroupId })) }
          : {}),
      }
    : {};

const serviceOf = (n: NetworkInterface | undefined): string =>
  (n?.InterfaceType && SERVICE[n.InterfaceType]) || 'other';

/**
 * Public addresses of one (account, region).
 * @example mapPublicAddresses([{ PublicIp: '198.51.100.7', AllocationId: 'eipalloc-1' }], [], ctx)
 */
export const mapPublicAddresses = (
  addresses: readonly Address[],
  enis: readonly NetworkInterface[],
  ctx: MapContext,
): DiscoveredPublicAddress[] => {
  const byEni = new Map(
    enis.flatMap((n) => (n.NetworkInterfaceId ? [[n.NetworkInterfaceId, n] as const] : [])),
  );
  const base = { AddressRegion: ctx.Region, AddressOwnerId: ctx.AccountId, SampleTime: ctx.SampleTime };
  const eips: DiscoveredPublicAddress[] = addresses.flatMap((a) => {
    if (!a.PublicIp) return [];
    const eni = a.NetworkInterfaceId ? byEni.get(a.NetworkInterfaceId) : undefined;
    const byoip = a.PublicIpv4Pool?.startsWith('ipv4pool-') === true;
    const associated = Boolean(a.AssociationId || a.NetworkInterfaceId || a.InstanceId);
    return [
      {
        ...base,
        Address: a.PublicIp,
        ...(a.AllocationId ? { AddressAllocationId: a.AllocationId } : {}),
        AssociationStatus: associated ? 'associated' : 'disassociated',
        AddressType: byoip ? 'byoip' : 'amazon-owned-eip',
        Service: serviceOf(eni),
        ...(byoip ? { PublicIpv4PoolId: a.PublicIpv4Pool } : {}),
        ...(a.NetworkInterfaceId ? { NetworkInterfaceId: a.NetworkInterfaceId } : {}),
        ...(a.InstanceId ? { InstanceId: a.InstanceId } : {}),
        ...(a.NetworkBorderGroup ? { NetworkBorderGroup: a.NetworkBorderGroup } : {}),
        Tags: {
          EipTags: (a.Tags ?? []).flatMap((t) => (t.Key ? [{ Key: t.Key, Value: t.Value ?? '' }] : [])),
        },
        ...eniDetails(eni),
      },
    ];
  });
  const seen = new Set(eips.map((a) => a.Address));
  const others: DiscoveredPublicAddress[] = enis.flatMap((n) =>
    (n.PrivateIpAddresses ?? []).flatMap((p) => {
      const ip = p.Association?.PublicIp;
      if (!ip || seen.has(ip) || !n.NetworkInterfaceId) return [];
      seen.add(ip);
      const type: PublicAddressType = n.RequesterManaged ? 'service-managed-ip' : 'ec2-public-ip';
      return [
        {
          ...base,
          Address: ip,
          AssociationStatus: 'associated' as const,
          AddressType: type,
          Service: serviceOf(n),
          NetworkInterfaceId: n.NetworkInterfaceId,
          ...(n.Attachment?.InstanceId ? { InstanceId: n.Attachment.InstanceId } : {}),
          ...eniDetails(n),
        },
      ];
    }),
  );
  return [...eips, ...others];
};
