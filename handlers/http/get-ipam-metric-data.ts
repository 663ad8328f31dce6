/** POST /v1/GetIpamMetricData (Allot-specific, JSON only): stored metric series over time (F-MET-16). */
import { getIpamMetricData } from '../../core/ops/monitoring/metrics/get-metric-data';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('GetIpamMetricData', ({ deps, caller, input }) =>
  getIpamMetricData(deps, caller, input),
);
