/** POST /v1/RemoveAccountFromOrganization (Allot-specific, JSON only; organization registry): remove a member account. */
import { removeAccountFromOrganization } from '../../core/ops/organization/organization';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('RemoveAccountFromOrganization', ({ deps, caller, input }) =>
  removeAccountFromOrganization(deps, caller, input),
);
