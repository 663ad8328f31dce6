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
  | 'ResourceShareInvitationAlreadyAcceptedException'
  | 'ResourceShareInvitationAlreadyRejectedException'
  | 'ResourceShareInvitationExpiredException'
  | OrganizationsErrorCode
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
  | 'InvalidIpamExternalResourceVerificationTokenId.NotFound'
  | 'InvalidAnycastIpListId.NotFound'
  | 'InvalidIpamExternalResourceVerificationTokenId.Malformed'
  // Elastic IPs and public IPv4 pools (core/ops/public).
  | 'InvalidPublicIpv4PoolID.NotFound'
  | 'InvalidAllocationID.NotFound'
  | 'InvalidAssociationID.NotFound'
  | 'InvalidAddress.NotFound'
  | 'InvalidIPAddress.InUse'
  | 'InvalidInstanceID.Malformed'
  | 'Resource.AlreadyAssociated'
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
  | 'InternalError'
  // The EC2 backend of the facade could not be reached or did not answer (retryable, 503).
  | 'ServiceUnavailable'
  | 'UnsupportedOperation'
  | 'TagLimitExceeded'
  | 'InvalidID'
  // IAM's and STS's codes: a policy document IAM would refuse, and an encoded authorization
  // message that was not made by this deployment's key (DecodeAuthorizationMessage).
  | 'MalformedPolicyDocument'
  | 'InvalidAuthorizationMessageException';

/** AWS Organizations' codes (its JSON 1.1 API answers with these, not EC2's). */
export type OrganizationsErrorCode =
  | 'AWSOrganizationsNotInUseException'
  | 'AccessDeniedException'
  | 'AccountAlreadyRegisteredException'
  | 'AccountNotFoundException'
  | 'AccountNotRegisteredException'
  | 'AlreadyInOrganizationException'
  | 'ChildNotFoundException'
  | 'ConcurrentModificationException'
  | 'ConstraintViolationException'
  | 'DestinationParentNotFoundException'
  | 'DuplicateAccountException'
  | 'DuplicateHandshakeException'
  | 'DuplicateOrganizationalUnitException'
  | 'DuplicatePolicyAttachmentException'
  | 'DuplicatePolicyException'
  | 'HandshakeAlreadyInStateException'
  | 'HandshakeConstraintViolationException'
  | 'HandshakeNotFoundException'
  | 'InvalidHandshakeTransitionException'
  | 'InvalidInputException'
  | 'MalformedPolicyDocumentException'
  | 'MasterCannotLeaveOrganizationException'
  | 'OrganizationNotEmptyException'
  | 'OrganizationalUnitNotEmptyException'
  | 'OrganizationalUnitNotFoundException'
  | 'ParentNotFoundException'
  | 'PolicyInUseException'
  | 'PolicyNotAttachedException'
  | 'PolicyNotFoundException'
  | 'PolicyTypeAlreadyEnabledException'
  | 'PolicyTypeNotEnabledException'
  | 'RootNotFoundException'
  | 'SourceParentNotFoundException'
  | 'TargetNotFoundException';

export class AllotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Why, in the protocol's own words where it has them (Organizations' `Reason`). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * An error the EC2 backend answered, passed on with the backend's own code (`InvalidVpcID.NotFound`,
 * `InvalidSubnet.Range`, …): EC2's codes are an open set, so they are not in ErrorCode.
 */
export const backendError = (code: string, message: string): AllotError =>
  new AllotError(code as ErrorCode, message);

export const fail = (code: ErrorCode, message: string, reason?: string): never => {
  throw new AllotError(code, message, reason);
};

export const isAllotError = (e: unknown): e is AllotError => e instanceof AllotError;
