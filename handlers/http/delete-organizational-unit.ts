/** POST /v1/DeleteOrganizationalUnit (Allot-specific, JSON only; organization registry): delete an empty OU. */
import { deleteOrganizationalUnit } from '../../core/ops/organization/organization';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('DeleteOrganizationalUnit', ({ deps, caller, input }) =>
  deleteOrganizationalUnit(deps, caller, input),
);
