/** POST /v1/CreateOrganizationalUnit (Allot-specific, JSON only; organization registry): add an OU under the root or another OU. */
import { createOrganizationalUnit } from '../../core/ops/organization/organization';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('CreateOrganizationalUnit', ({ deps, caller, input }) =>
  createOrganizationalUnit(deps, caller, input),
);
