/** POST /v1/DeleteIpamResourceDiscoveryShare (Allot-specific, JSON only): revoke (owner) or leave (grantee) a resource discovery share. */
import { deleteIpamResourceDiscoveryShare } from '../../core/ops/discovery/share';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('DeleteIpamResourceDiscoveryShare', ({ deps, caller, input }) =>
  deleteIpamResourceDiscoveryShare(deps, caller, input),
);
