/** POST /v1/AcceptIpamResourceDiscoveryShare (Allot-specific, JSON only): accept a resource discovery shared with the caller. */
import { acceptIpamResourceDiscoveryShare } from '../../core/ops/rd-share';
import { jsonRoute } from '../shared/http';

export const handler = jsonRoute('AcceptIpamResourceDiscoveryShare', ({ deps, caller, input }) =>
  acceptIpamResourceDiscoveryShare(deps, caller, input),
);
