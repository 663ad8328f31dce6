/** The metric store (F-MET-16): data points per series, written once per discovery cycle. */

/** One metric data point: a value of one series at one time, kept until `expires`. */
export interface MetricPoint {
  /** The account whose IPAM the figure describes; only it reads the series. */
  Account: string;
  Namespace: string;
  MetricName: string;
  Dimensions: Readonly<Record<string, string>>;
  Unit: string;
  /** Epoch milliseconds. */
  Timestamp: number;
  Value: number;
  /** Epoch milliseconds after which the point (and an idle series) may go. */
  expires: number;
}

/** A series: one metric name with one dimension set. */
export interface MetricSeries {
  Account: string;
  Namespace: string;
  MetricName: string;
  Dimensions: Readonly<Record<string, string>>;
  Unit: string;
}

export interface MetricStore {
  /**
   * Points are written unconditionally (a point written twice for the same time is the same
   * point); each write also registers its series.
   */
  putMetrics(points: MetricPoint[]): Promise<void>;
  /** Every series of one metric name of one account. */
  metricSeries(q: Omit<MetricSeries, 'Dimensions' | 'Unit'>): Promise<MetricSeries[]>;
  /** One series' points with `from <= Timestamp <= to`, oldest first. */
  metricPoints(
    series: MetricSeries,
    from: number,
    to: number,
  ): Promise<{ Timestamp: number; Value: number }[]>;
}
