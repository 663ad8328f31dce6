/**
 * Domain errors carry an EC2-style code and never an HTTP status (STYLE habit 3).
 * The handler layer maps each code to a status in one table.
 */
export type ErrorCode =
  | 'InvalidParameterValue'
  // AWS RAM's codes (the resource-share API answers with these, not EC2's).
  | 'UnknownResourceException'
  | 'MalformedArnException'
  | 'InvalidParameterException'
  | 'MissingRequiredParameterException'
  | 'OperationNotPermittedException'
  | 'InvalidResourceTypeException'
  | 'ResourceShareInvitationArnNotFoundException'
  | 'InvalidParameterCombination'
  | 'InvalidParameter'
  | 'MissingParameter'
  | 'InvalidIpamId.NotFound'
  | 'InvalidIpamScopeId.NotFound'
  | 'InvalidIpamPoolId.NotFound'
  | 'InvalidIpamPoolAllocationId.NotFound'
  | 'InvalidIpamResourceDiscoveryId.NotFound'
  | 'InvalidIpamResourceDiscoveryAssociationId.NotFound'
  | 'InvalidIpamResourceCidr.NotFound'
  | 'InvalidIpamPoolCidr.NotFound'
  | 'InvalidIpamId.Malformed'
  | 'InvalidIpamScopeId.Malformed'
  | 'InvalidIpamPoolId.Malformed'
  | 'InvalidIpamPoolAllocationId.Malformed'
  | 'InvalidIpamResourceDiscoveryId.Malformed'
  | 'InvalidIpamResourceDiscoveryAssociationId.Malformed'
  | 'IncorrectState'
  | 'OperationNotPermitted'
  | 'InsufficientCidrBlocks'
  | 'ResourceLimitExceeded'
  | 'IdempotentParameterMismatch'
  | 'DryRunOperation'
  | 'UnauthorizedOperation'
  | 'InvalidNextToken'
  | 'InvalidFilter'
  | 'InvalidAction'
  | 'AuthFailure'
  | 'SignatureDoesNotMatch'
  | 'RequestExpired'
  | 'InternalError';

export class AllotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export const fail = (code: ErrorCode, message: string): never => {
  throw new AllotError(code, message);
};

export const isAllotError = (e: unknown): e is AllotError => e instanceof AllotError;
