export {
  type AutoImportPool,
  type AutoImportResult,
  type ExistingAllocation,
  type SkipReason,
  selectImports,
} from './auto-import';
export type {
  DiscoveredAccount,
  DiscoveredResourceCidr,
  DiscoveryFailureCode,
  DiscoveryFailureReason,
  IpSource,
} from './discovered';
export { type EmfOptions, type MetricDatum, type MetricUnit, toEmfLines } from './emf';
export { evaluate } from './evaluate';
export {
  type Association,
  associations,
  diffHistory,
  type HistoryChanges,
  type HistoryRecord,
} from './history';
export { share } from './intervals';
export { poolMetricData, scopeMetricData, selectSeries, usageMetricData } from './metric-data';
export {
  countByPool,
  countResourceCidrs,
  type PoolCounts,
  type PoolUtilization,
  poolUtilization,
  type ResourceCidrCounts,
  type ScopeUtilization,
  scopeUtilization,
} from './metrics';
export type * from './types';
export { ipUsage, type ResourceUsage, resourceUsage } from './usage';
