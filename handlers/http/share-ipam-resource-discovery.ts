/** POST /v1/ShareIpamResourceDiscovery (Allot-specific, JSON only): share a resource discovery with another account (in place of AWS RAM). */
import { shareIpamResourceDiscovery } from '../../core/ops/discovery/share';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('ShareIpamResourceDiscovery', ({ deps, caller, input }) =>
  shareIpamResourceDiscovery(deps, caller, input),
);
