/** POST /v1/DeleteIpamResourceDiscoveryShare (Allot-specific, JSON only): revoke (owner) or leave (grantee) a resource discovery share. */
import { deleteIpamResourceDiscoveryShare } from '../../core/ops/rd-share';
import { jsonRoute } from '../shared/http';

export const handler = jsonRoute('DeleteIpamResourceDiscoveryShare', ({ deps, caller, input }) =>
  deleteIpamResourceDiscoveryShare(deps, caller, input),
);
