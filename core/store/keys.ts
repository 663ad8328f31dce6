/**
 * Keys both adapters share beyond the records' own (core/records): blob parts and the metric
 * store's series and points. The table layout is documented in core/records/kinds.ts.
 */
import type { ItemKey } from '../records';

/** The items of a blob: one partition, parts in order. */
export const blobPartKey = (key: string, part: number): ItemKey => ({
  PK: `BLOB#${key}`,
  SK: `PART#${String(part).padStart(5, '0')}`,
});

/** A dimension set as text: its pairs sorted by name, as JSON (names and values may hold anything). */
export const dimensionsKey = (d: Readonly<Record<string, string>>): string =>
  JSON.stringify(Object.entries(d).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The partition holding every series of one metric name of one account. */
export const metricSeriesPk = (q: { Account: string; Namespace: string; MetricName: string }): string =>
  `METRICS#${q.Account}#${q.Namespace}#${q.MetricName}`;

/** The partition of one series' points. */
export const metricPointsPk = (s: {
  Account: string;
  Namespace: string;
  MetricName: string;
  Dimensions: Readonly<Record<string, string>>;
}): string => `METRIC#${s.Account}#${s.Namespace}#${s.MetricName}#${dimensionsKey(s.Dimensions)}`;

/** A point's sort key: fixed-width epoch milliseconds, so text order is time order. */
export const metricPointSk = (ms: number): string =>
  `T#${String(Math.max(0, Math.floor(ms))).padStart(13, '0')}`;
