/** POST /v1/CreateOrganization (Allot-specific, JSON only; organization registry): create the caller's organization (it becomes the management account). */
import { createOrganization } from '../../core/ops/organization/organization';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('CreateOrganization', ({ deps, caller, input }) =>
  createOrganization(deps, caller, input),
);
