/** POST /v1/DeleteOrganizationalUnit (Allot-specific, JSON only; organization registry): delete an empty OU. */
import { deleteOrganizationalUnit } from '../../core/ops/organization';
import { jsonRoute } from '../shared/http';

export const handler = jsonRoute('DeleteOrganizationalUnit', ({ deps, caller, input }) =>
  deleteOrganizationalUnit(deps, caller, input),
);
