/** POST /v1/MoveAccount (Allot-specific, JSON only; organization registry): move a member account to another OU or the root. */
import { moveAccount } from '../../core/ops/organization/organization';
import { jsonRoute } from '../api/json';

export const handler = jsonRoute('MoveAccount', ({ deps, caller, input }) =>
  moveAccount(deps, caller, input),
);
