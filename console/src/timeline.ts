/**
 * The history timeline's geometry (F-HIST-13), pure: one lane per resource that held the CIDR,
 * one bar per record from its sampled start to its sampled end (or now while it is open), on a
 * time axis from the search's start to now.
 */

export interface HeldRecord {
  ResourceId: string;
  SampledStartTime: string;
  SampledEndTime?: string;
}

export interface Bar {
  lane: number;
  resource: string;
  from: string;
  until?: string;
  x: number;
  width: number;
}

/**
 * Each record's bar on an axis of `width` pixels from `t0` to `t1` (epoch ms), clipped to it; bars
 * at least 2 px wide so a short hold stays visible. Lanes in order of the resources' first hold.
 * @example timelineBars([{ ResourceId: 'vpc-1', SampledStartTime: '2026-01-01T00:00:00Z' }], t0, t1, 600)
 */
export const timelineBars = (
  records: readonly HeldRecord[],
  t0: number,
  t1: number,
  width: number,
): Bar[] => {
  const span = Math.max(1, t1 - t0);
  const at = (t: number) => (Math.min(Math.max(t, t0), t1) - t0) * (width / span);
  const sorted = [...records].sort((a, b) => Date.parse(a.SampledStartTime) - Date.parse(b.SampledStartTime));
  const lanes = [...new Set(sorted.map((r) => r.ResourceId))];
  return sorted.map((r) => {
    const x = at(Date.parse(r.SampledStartTime));
    const end = at(r.SampledEndTime ? Date.parse(r.SampledEndTime) : t1);
    return {
      lane: lanes.indexOf(r.ResourceId),
      resource: r.ResourceId,
      from: r.SampledStartTime,
      ...(r.SampledEndTime ? { until: r.SampledEndTime } : {}),
      x,
      width: Math.max(2, end - x),
    };
  });
};
