/** The memory adapter's blobs and metric store. */
import type { BlobStore, MetricPoint, MetricSeries, MetricStore } from '../../ports';
import { dimensionsKey, metricPointsPk, metricSeriesPk } from '../keys';
import { copy } from './records';

export class MemoryBlobsAndMetrics implements BlobStore, MetricStore {
  private readonly blobs = new Map<string, string>();
  /** Series by their partition, then dimension key; points by series partition, then time. */
  private readonly series = new Map<string, Map<string, MetricSeries>>();
  private readonly points = new Map<string, Map<number, number>>();

  async putBlob(key: string, body: string): Promise<number> {
    this.blobs.set(key, body);
    return 1;
  }

  async getBlob(key: string, parts: number): Promise<string | undefined> {
    return parts === 1 ? this.blobs.get(key) : undefined;
  }

  async deleteBlob(key: string): Promise<void> {
    this.blobs.delete(key);
  }

  /** Test helper: how many blobs are stored (old snapshot generations must not pile up). */
  blobCount(): number {
    return this.blobs.size;
  }

  async putMetrics(points: MetricPoint[]): Promise<void> {
    for (const p of points) {
      const { Account, Namespace, MetricName, Dimensions, Unit } = p;
      const bySeries = this.series.get(metricSeriesPk(p)) ?? new Map<string, MetricSeries>();
      this.series.set(metricSeriesPk(p), bySeries);
      bySeries.set(dimensionsKey(Dimensions), copy({ Account, Namespace, MetricName, Dimensions, Unit }));
      const byTime = this.points.get(metricPointsPk(p)) ?? new Map<number, number>();
      this.points.set(metricPointsPk(p), byTime);
      byTime.set(p.Timestamp, p.Value);
    }
  }

  async metricSeries(q: Omit<MetricSeries, 'Dimensions' | 'Unit'>): Promise<MetricSeries[]> {
    const bySeries = this.series.get(metricSeriesPk(q));
    return bySeries
      ? [...bySeries.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => copy(v))
      : [];
  }

  async metricPoints(series: MetricSeries, from: number, to: number) {
    const byTime = this.points.get(metricPointsPk(series)) ?? new Map<number, number>();
    return [...byTime.entries()]
      .filter(([t]) => t >= from && t <= to)
      .sort(([a], [b]) => a - b)
      .map(([Timestamp, Value]) => ({ Timestamp, Value }));
  }
}
