/**
 * GetIpamMetrics (Allot-specific, JSON only): one scope's pool and scope utilization and the
 * resource-CIDR counts behind the dashboard, the same figures the discovery job publishes as
 * CloudWatch EMF. Address counts are decimal strings (an IPv6 /32 holds 2^96 addresses).
 */

import type { Caller, Deps } from '../../../ports';
import { required } from '../../kit/common';
import { loadScope } from '../../kit/loads';
import { scopeFigures } from './figures';

export const getIpamMetrics = async (deps: Deps, caller: Caller, input: { IpamScopeId?: string }) => {
  const scope = await loadScope(deps, caller, required(input.IpamScopeId, 'IpamScopeId'));
  const f = await scopeFigures(deps, scope.IpamScopeId);
  return { IpamScopeId: scope.IpamScopeId, Scope: f.scope, Pools: f.pools, ResourceCidrs: f.resourceCidrs };
};
