/** Fixture factories for discovery tests (STYLE habit 11: makeX(overrides)). */
import type {
  PoolAllocationInput,
  PoolRulesInput,
  ResourceCidrInput,
} from '../../../core/ops/monitoring/analysis/types';

export const OSAKA = 'ap-northeast-3';
export const ACCOUNT = '111122223333';

export const makeRow = (
  overrides: Partial<ResourceCidrInput> & Pick<ResourceCidrInput, 'ResourceId' | 'ResourceCidr'>,
): ResourceCidrInput => ({
  ResourceType: 'vpc',
  ResourceRegion: OSAKA,
  ResourceOwnerId: ACCOUNT,
  ...overrides,
});

export const makePool = (
  overrides: Partial<PoolRulesInput> & Pick<PoolRulesInput, 'IpamPoolId'>,
): PoolRulesInput => ({
  ...overrides,
});

export const alloc = (
  IpamPoolId: string,
  Cidr: string,
  ResourceType: PoolAllocationInput['ResourceType'],
  ResourceId?: string,
): PoolAllocationInput => ({ IpamPoolId, Cidr, ResourceType, ...(ResourceId ? { ResourceId } : {}) });
