/**
 * F-PIP-08's rule and tag tables as cells: the `SecurityGroupRules` (Allot's extension of
 * `IpamDiscoveredPublicAddress`) and `Tags` of one address. Pure, and free of the API client so
 * that unit tests can load it.
 */

/** The members of a security group rule the tables show. */
export interface Rule {
  GroupId: string;
  IsEgress: boolean;
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  CidrIpv4?: string;
  CidrIpv6?: string;
  PrefixListId?: string;
  ReferencedGroupId?: string;
  Description?: string;
}

/** A rule's protocol as the console writes it (`-1` is every protocol). */
const PROTOCOLS: Readonly<Record<string, string>> = {
  '-1': 'All',
  tcp: 'TCP',
  udp: 'UDP',
  icmp: 'ICMP',
  icmpv6: 'ICMPv6',
};

/**
 * `443`, `1024-2048`, or `All` when the rule covers every port (no ports, or -1); for ICMP the
 * ports are a type and a code (-1: any), so `type 8` or `type 3 code 4`.
 */
const portRange = (r: Rule): string => {
  if (r.IpProtocol === '-1' || r.FromPort === undefined || r.FromPort === -1) return 'All';
  if (r.IpProtocol === 'icmp' || r.IpProtocol === 'icmpv6')
    return r.ToPort === undefined || r.ToPort === -1
      ? `type ${r.FromPort}`
      : `type ${r.FromPort} code ${r.ToPort}`;
  return r.FromPort === r.ToPort || r.ToPort === undefined ? String(r.FromPort) : `${r.FromPort}-${r.ToPort}`;
};

/**
 * The inbound (or outbound) rules as cells: protocol, port range, source or destination,
 * description, group. Undefined when no rules are known (the address's rules were not read).
 * @example ruleRows([{ GroupId: 'sg-1', IsEgress: false, IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }], false)
 */
export const ruleRows = (rules: readonly Rule[] | undefined, egress: boolean): string[][] | undefined =>
  rules
    ?.filter((r) => r.IsEgress === egress)
    .map((r) => [
      PROTOCOLS[r.IpProtocol] ?? r.IpProtocol,
      portRange(r),
      r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? r.ReferencedGroupId ?? '–',
      r.Description || '–',
      r.GroupId,
    ]);

/** Every tag of every tag set (`EipTags`, …): set, key, value. */
export const tagRows = (tags: Record<string, { Key: string; Value?: string }[]> | undefined): string[][] =>
  Object.entries(tags ?? {}).flatMap(([set, list]) => (list ?? []).map((t) => [set, t.Key, t.Value ?? '']));
