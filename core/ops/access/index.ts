/**
 * The IAM policy evaluator: policy documents and their checks, the decision for a request over
 * identity policies and SCP levels, ready policies, and the encoded authorization message.
 */
export {
  type AccessRequest,
  type Decision,
  evaluate,
  evaluateAll,
  type NamedPolicy,
  type PolicySet,
  type StatementRef,
} from './evaluate';
export {
  AllotIpamExternalAuthority,
  AllotIpamFullAccess,
  AllotIpamReadOnly,
  FullAWSAccess,
  keepContiguousBlocks,
  mustUseIpam,
  mustUseIpamExcept,
  mustUsePool,
  poolUserPolicy,
} from './managed';
export { decodeAuthorizationMessage, encodeAuthorizationMessage, type MessagePrincipal } from './message';
export { CLOUDFRONT_ACTIONS } from './permissions';
export {
  type ConditionBlock,
  type ConditionValue,
  checkDocument,
  IDENTITY_POLICY_LIMIT,
  type ParseOptions,
  type PolicyDocument,
  parsePolicy,
  SCP_LIMIT,
  type Statement,
  scpDocument,
  statementsOf,
} from './policy';
