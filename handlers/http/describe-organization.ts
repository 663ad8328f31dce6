/** POST /v1/DescribeOrganization (Allot-specific, JSON only; organization registry): the caller's organization; OUs and accounts for its management account and IPAM admin. */
import { describeOrganization } from '../../core/ops/organization/organization';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('DescribeOrganization', ({ deps, caller, input }) =>
  describeOrganization(deps, caller, input),
);
