/**
 * Security group rules for public IP insights (F-PIP-08). Pure. The read asks
 * DescribeSecurityGroupRules for the groups that the sample's instances reference; each address
 * that belongs to an instance then carries the rules of its own groups (an Allot extension of
 * `IpamDiscoveredPublicAddress`), and so does each hinted instance (Allot's own Elastic IPs).
 */
import type { NetworkInterface, SecurityGroupRule } from '@aws-sdk/client-ec2';
import type {
  DiscoveredPublicAddress,
  InstanceSecurity,
  SecurityGroupRuleSummary,
} from '../../core/ops/monitoring/run/types';

type Groups = { GroupName?: string; GroupId?: string }[];

/**
 * The members F-PIP-08 shows; a rule without a group id is dropped (no address could claim it).
 * @example mapSecurityGroupRules([{ GroupId: 'sg-1', IsEgress: false, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '0.0.0.0/0' }])
 */
export const mapSecurityGroupRules = (rules: readonly SecurityGroupRule[]): SecurityGroupRuleSummary[] =>
  rules.flatMap((r) =>
    r.GroupId
      ? [
          {
            ...(r.SecurityGroupRuleId ? { SecurityGroupRuleId: r.SecurityGroupRuleId } : {}),
            GroupId: r.GroupId,
            IsEgress: r.IsEgress === true,
            IpProtocol: r.IpProtocol ?? '-1',
            ...(r.FromPort !== undefined ? { FromPort: r.FromPort } : {}),
            ...(r.ToPort !== undefined ? { ToPort: r.ToPort } : {}),
            ...(r.CidrIpv4 ? { CidrIpv4: r.CidrIpv4 } : {}),
            ...(r.CidrIpv6 ? { CidrIpv6: r.CidrIpv6 } : {}),
            ...(r.PrefixListId ? { PrefixListId: r.PrefixListId } : {}),
            ...(r.ReferencedGroupInfo?.GroupId ? { ReferencedGroupId: r.ReferencedGroupInfo.GroupId } : {}),
            ...(r.Description ? { Description: r.Description } : {}),
          },
        ]
      : [],
  );

/**
 * The security groups of the hinted instances, from the interfaces attached to them; an instance
 * with no interface in the read is left out.
 */
export const instanceGroups = (
  enis: readonly NetworkInterface[],
  instanceIds: readonly string[],
): InstanceSecurity[] =>
  instanceIds.flatMap((InstanceId) => {
    const mine = enis.filter((n) => n.Attachment?.InstanceId === InstanceId);
    if (mine.length === 0) return [];
    const byId = new Map<string, Groups[number]>();
    for (const g of mine.flatMap((n) => n.Groups ?? []))
      if (g.GroupId) byId.set(g.GroupId, { GroupName: g.GroupName, GroupId: g.GroupId });
    return [{ InstanceId, SecurityGroups: [...byId.values()] }];
  });

/** Group ids whose rules the read needs: those of addresses on instances and of hinted instances. */
export const referencedGroups = (
  addresses: readonly DiscoveredPublicAddress[],
  instances: readonly InstanceSecurity[],
): string[] => {
  const ids = new Set<string>();
  for (const a of addresses)
    if (a.InstanceId) for (const g of a.SecurityGroups ?? []) ids.add(g.GroupId ?? '');
  for (const i of instances) for (const g of i.SecurityGroups) ids.add(g.GroupId ?? '');
  ids.delete('');
  return [...ids];
};

const rulesOf = (groups: Groups | undefined, rules: readonly SecurityGroupRuleSummary[]) => {
  const ids = new Set((groups ?? []).map((g) => g.GroupId));
  return rules.filter((r) => ids.has(r.GroupId));
};

/**
 * Each address on an instance, and each instance, with the rules of its own groups, in the
 * order read. `rules` undefined (the read failed): everything is returned as it was.
 * @example withRules(addresses, instances, mapSecurityGroupRules(page.SecurityGroupRules ?? []))
 */
export const withRules = (
  addresses: readonly DiscoveredPublicAddress[],
  instances: readonly InstanceSecurity[],
  rules: readonly SecurityGroupRuleSummary[] | undefined,
): { addresses: DiscoveredPublicAddress[]; instances: InstanceSecurity[] } =>
  rules === undefined
    ? { addresses: [...addresses], instances: [...instances] }
    : {
        addresses: addresses.map((a) =>
          a.InstanceId ? { ...a, SecurityGroupRules: rulesOf(a.SecurityGroups, rules) } : a,
        ),
        instances: instances.map((i) => ({ ...i, SecurityGroupRules: rulesOf(i.SecurityGroups, rules) })),
      };
