/**
 * The metric store on the table (F-MET-16): a series item per (account, namespace, metric name,
 * dimension set) under one partition per metric name, so a dimension filter lists the series of
 * one name with one Query; and a point item per series and time under the series' own partition,
 * so a time range is one Query with BETWEEN on the sort key. Both carry the table's `ttl`
 * (seconds): points expire after the retention, and a series no longer written expires with them.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MetricPoint, MetricSeries } from '../../ports';
import { dimensionsKey, metricPointSk, metricPointsPk, metricSeriesPk } from '../keys';
import type { Item } from './node-items';
import { batchWrite, queryPartition } from './send';

const ttl = (ms: number) => Math.ceil(ms / 1000);

/** One point and its series, both written unconditionally (a series once per batch). */
export const putMetrics = async (
  client: DynamoDBDocumentClient,
  table: string,
  points: readonly MetricPoint[],
): Promise<void> => {
  const items = new Map<string, Item>();
  for (const p of points) {
    const { Account, Namespace, MetricName, Dimensions, Unit } = p;
    const series = { PK: metricSeriesPk(p), SK: dimensionsKey(Dimensions) };
    const seen = items.get(`${series.PK}|${series.SK}`);
    if (!seen || Number(seen.ttl) < ttl(p.expires)) {
      items.set(`${series.PK}|${series.SK}`, {
        ...series,
        Account,
        Namespace,
        MetricName,
        Dimensions,
        Unit,
        ttl: ttl(p.expires),
      });
    }
    const point = { PK: metricPointsPk(p), SK: metricPointSk(p.Timestamp) };
    items.set(`${point.PK}|${point.SK}`, { ...point, V: p.Value, ttl: ttl(p.expires) });
  }
  await batchWrite(
    client,
    table,
    [...items.values()].map((Item) => ({ PutRequest: { Item } })),
  );
};

export const metricSeries = async (
  client: DynamoDBDocumentClient,
  table: string,
  q: Omit<MetricSeries, 'Dimensions' | 'Unit'>,
): Promise<MetricSeries[]> =>
  (await queryPartition(client, table, metricSeriesPk(q))).map((i) => ({
    Account: String(i.Account),
    Namespace: String(i.Namespace),
    MetricName: String(i.MetricName),
    Dimensions: i.Dimensions as Record<string, string>,
    Unit: String(i.Unit),
  }));

export const metricPoints = async (
  client: DynamoDBDocumentClient,
  table: string,
  series: MetricSeries,
  from: number,
  to: number,
): Promise<{ Timestamp: number; Value: number }[]> =>
  (await queryPartition(client, table, metricPointsPk(series), [metricPointSk(from), metricPointSk(to)])).map(
    (i) => ({ Timestamp: Number(String(i.SK).slice(2)), Value: Number(i.V) }),
  );
