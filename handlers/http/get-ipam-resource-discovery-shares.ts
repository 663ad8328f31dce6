/** POST /v1/GetIpamResourceDiscoveryShares (Allot-specific, JSON only): the shares the caller made and those offered to it. */
import { getIpamResourceDiscoveryShares } from '../../core/ops/discovery/share';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('GetIpamResourceDiscoveryShares', ({ deps, caller, input }) =>
  getIpamResourceDiscoveryShares(deps, caller, input),
);
