/** POST /v1/GetIpamMetrics (Allot-specific, JSON only): a scope's utilization and dashboard counts. */
import { getIpamMetrics } from '../../core/ops/monitoring/metrics/get-metrics';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('GetIpamMetrics', ({ deps, caller, input }) =>
  getIpamMetrics(deps, caller, input),
);
