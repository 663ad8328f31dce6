/**
 * CloudWatch Embedded Metric Format lines, one JSON object per dimension set. The product's own
 * metric store reads the same lines, so one shape serves both. Namespace defaults to
 * `Allot/IPAM`: `AWS/` namespaces are reserved for AWS services and cannot be published to.
 */
/** The namespace of every Allot metric (EMF lines and the metric store). */
export const METRIC_NAMESPACE = 'Allot/IPAM';

export type MetricUnit = 'Count' | 'Percent' | 'None';

export interface MetricDatum {
  Name: string;
  Unit: MetricUnit;
  Value: number;
  Dimensions: Readonly<Record<string, string>>;
}

export interface EmfOptions {
  /** Epoch milliseconds of the evaluation cycle. */
  timestamp: number;
  namespace?: string;
}

/** EMF allows at most 100 metrics per directive. */
const MAX_METRICS = 100;

/**
 * Groups data by identical dimension set (first-seen order), at most 100 metrics and no repeated
 * name per line, and returns one JSON string per line.
 * @example
 * toEmfLines([{ Name: 'OverlappingResourceCidrs', Unit: 'Count', Value: 2, Dimensions: { ScopeID: 's', AddressFamily: 'IPv4' } }], { timestamp: 0 })
 * // ['{"_aws":{"Timestamp":0,"CloudWatchMetrics":[{"Namespace":"Allot/IPAM","Dimensions":[["AddressFamily","ScopeID"]],
 * //   "Metrics":[{"Name":"OverlappingResourceCidrs","Unit":"Count"}]}]},"AddressFamily":"IPv4","ScopeID":"s","OverlappingResourceCidrs":2}']
 */
export const toEmfLines = (data: readonly MetricDatum[], opts: EmfOptions): string[] => {
  const namespace = opts.namespace ?? METRIC_NAMESPACE;
  const lines: { dims: [string, string][]; metrics: MetricDatum[] }[] = [];
  const open = new Map<string, (typeof lines)[number]>();
  for (const d of data) {
    if (!Number.isFinite(d.Value)) throw new RangeError(`metric ${d.Name}: value ${d.Value} is not finite`);
    const dims = Object.entries(d.Dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (dims.some(([k]) => k === d.Name)) throw new Error(`metric ${d.Name} collides with a dimension name`);
    const key = JSON.stringify(dims);
    let line = open.get(key);
    if (!line || line.metrics.length >= MAX_METRICS || line.metrics.some((m) => m.Name === d.Name)) {
      line = { dims, metrics: [] };
      lines.push(line);
      open.set(key, line);
    }
    line.metrics.push(d);
  }
  return lines.map(({ dims, metrics }) => {
    const doc: Record<string, unknown> = {
      _aws: {
        Timestamp: opts.timestamp,
        CloudWatchMetrics: [
          {
            Namespace: namespace,
            Dimensions: [dims.map(([k]) => k)],
            Metrics: metrics.map((m) => ({ Name: m.Name, Unit: m.Unit })),
          },
        ],
      },
    };
    for (const [k, v] of dims) doc[k] = v;
    for (const m of metrics) doc[m.Name] = m.Value;
    return JSON.stringify(doc);
  });
};
