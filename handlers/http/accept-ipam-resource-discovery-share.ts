/** POST /v1/AcceptIpamResourceDiscoveryShare (Allot-specific, JSON only): accept a resource discovery shared with the caller. */
import { acceptIpamResourceDiscoveryShare } from '../../core/ops/discovery/share';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('AcceptIpamResourceDiscoveryShare', ({ deps, caller, input }) =>
  acceptIpamResourceDiscoveryShare(deps, caller, input),
);
