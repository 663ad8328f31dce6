/** POST /v1/RegisterOrganizationAccount (Allot-specific, JSON only; organization registry): add a member account under the root or an OU. */
import { registerOrganizationAccount } from '../../core/ops/organization/organization';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('RegisterOrganizationAccount', ({ deps, caller, input }) =>
  registerOrganizationAccount(deps, caller, input),
);
