/**
 * What the Public IPs page shows of `GetIpamDiscoveredPublicAddresses`, as pure data: the console
 * labels of each AddressType (F-PIP-02), the "Public IP types" and "EIP usage" categories
 * (F-PIP-03/04) with the filter each one applies to the table, and the idle Elastic IPs the
 * release banner counts (F-PIP-09).
 */
import type { Answer } from '../api';

/** AddressType → the console's label, in the order the types widget lists them. */
export const TYPE_LABELS: Readonly<Record<string, string>> = {
  'amazon-owned-eip': 'Amazon-owned EIP',
  'ec2-public-ip': 'EC2 public IP',
  byoip: 'BYOIP',
  'service-managed-ip': 'Service-managed IP',
  'service-managed-byoip': 'Service-managed BYOIP',
  'amazon-owned-contig': 'Amazon-owned contiguous EIP',
  'anycast-ip-list-ip': 'Anycast IP list IP',
};

/** A table filter: a type, and for EIP usage an association status too; none shows every row. */
export interface Category {
  label: string;
  type: string;
  association?: 'associated' | 'disassociated';
}

export const typeCategories = (): Category[] =>
  Object.entries(TYPE_LABELS).map(([type, label]) => ({ type, label }));

/** F-PIP-04's six counts: each EIP kind, associated then unassociated. */
export const usageCategories = (): Category[] =>
  (
    [
      ['amazon-owned-eip', 'Amazon-owned EIPs'],
      ['byoip', 'BYOIP'],
      ['amazon-owned-contig', 'Amazon-owned contiguous EIPs'],
    ] as const
  ).flatMap(([type, what]) => [
    { type, association: 'associated' as const, label: `Associated ${what}` },
    { type, association: 'disassociated' as const, label: `Unassociated ${what}` },
  ]);

/** The address falls in the category. */
export const inCategory = (a: Answer, c: Category): boolean =>
  a.AddressType === c.type && (c.association === undefined || a.AssociationStatus === c.association);

/** The addresses of `c` (every address without one), then those whose cells contain `text`. */
export const filtered = (list: Answer[], c: Category | undefined, text: string): Answer[] => {
  const needle = text.trim().toLowerCase();
  return list.filter(
    (a) =>
      (!c || inCategory(a, c)) &&
      (!needle || Object.values(a).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle))),
  );
};

const sortKey = (ip: string) =>
  ip
    .split('.')
    .map((o) => o.padStart(3, '0'))
    .join('.');

/** The listing in address order (dotted IPv4 compared octet by octet, not as text). */
export const byAddress = (list: Answer[]): Answer[] =>
  [...list].sort((x, y) => (sortKey(x.Address) < sortKey(y.Address) ? -1 : 1));

/** Elastic IPs of the listing that no resource uses: the banner recommends releasing them. */
export const idleEips = (list: Answer[]): Answer[] =>
  list.filter((a) => a.AddressAllocationId && a.AssociationStatus === 'disassociated');

/** The `Name` tag of an Elastic IP, if it has one. */
export const nameTag = (a: Answer): string | undefined =>
  (a.Tags?.EipTags ?? []).find((t: Answer) => t.Key === 'Name')?.Value;

const dimension = (r: Answer, name: string): string | undefined =>
  (r.Dimensions ?? []).find((d: Answer) => d.Name === name)?.Value;

/** One Amazon-provided contiguous pool's use over time: allocated EIPs in % of its addresses. */
export interface ContigUsage {
  pool: string;
  addresses: number;
  allocated: number;
  times: string[];
  values: number[];
}

/**
 * Pairs each pool's `AmazonOwnedContigIPs` series with its `AllocatedAmazonOwnedContigIPs` one
 * (GetIpamMetricData results) into percentages, so the console's percent chart can draw them.
 * @example contigUsage([{ Dimensions: [{ Name: 'PoolID', Value: 'p' }], Timestamps: ['t'], Values: [8] }], […[2]]) // values [25]
 */
export const contigUsage = (totals: Answer[], allocated: Answer[]): ContigUsage[] =>
  totals.map((t) => {
    const pool = dimension(t, 'PoolID') ?? '';
    const a = allocated.find((x) => dimension(x, 'PoolID') === pool);
    const at = new Map<string, number>(
      (a?.Timestamps ?? []).map((ts: string, i: number) => [ts, a!.Values[i]]),
    );
    const points = (t.Timestamps as string[])
      .map((ts, i) => [ts, t.Values[i] as number, at.get(ts)] as const)
      .filter(([, n, used]) => n > 0 && used !== undefined);
    const last = points[points.length - 1];
    return {
      pool,
      addresses: last?.[1] ?? 0,
      allocated: last?.[2] ?? 0,
      times: points.map(([ts]) => ts),
      values: points.map(([, n, used]) => Math.round(((used ?? 0) / n) * 1000) / 10),
    };
  });

/** A cell's text: `–` for nothing. */
export const dash = (v: unknown): string => (v === undefined || v === null || v === '' ? '–' : String(v));

/** F-PIP-08's Details: the values of F-PIP-06's table for one address, label then text. */
export const detailRows = (a: Answer): [string, string][] => [
  ['IP address', a.Address],
  ['Association', dash(a.AssociationStatus)],
  ['Address type', TYPE_LABELS[a.AddressType] ?? dash(a.AddressType)],
  ['Service', dash(a.Service)],
  [
    'Name (EIP ID)',
    a.AddressAllocationId ? [nameTag(a), a.AddressAllocationId].filter(Boolean).join(' ') : '–',
  ],
  [
    'Network interface',
    a.NetworkInterfaceId
      ? [a.NetworkInterfaceId, a.NetworkInterfaceDescription].filter(Boolean).join(' ')
      : '–',
  ],
  ['Instance', dash(a.InstanceId)],
  [
    'Security groups',
    dash(
      ((a.SecurityGroups ?? []) as Answer[])
        .map((g) => [g.GroupName, g.GroupId].filter(Boolean).join(' '))
        .join(', '),
    ),
  ],
  ['Public IPv4 pool', dash(a.PublicIpv4PoolId)],
  ['Network border group', dash(a.NetworkBorderGroup)],
  ['Owner ID', dash(a.AddressOwnerId)],
  ['Sample time', dash(a.SampleTime)],
  ['Resource discovery', dash(a.IpamResourceDiscoveryId)],
  ['Service resource', dash(a.ServiceResource)],
];
