/** POST /v1/GetIpamMetrics (Allot-specific, JSON only): a scope's utilization and dashboard counts. */
import { getIpamMetrics } from '../../core/ops/metrics';
import { jsonRoute } from '../shared/http';

export const handler = jsonRoute('GetIpamMetrics', ({ deps, caller, input }) =>
  getIpamMetrics(deps, caller, input),
);
