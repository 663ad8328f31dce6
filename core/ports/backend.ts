/**
 * The EC2 backend: where the resources of the facade (VPCs, subnets, and later addresses) really
 * exist. Locally moto's EC2 emulator, deployed the EC2 of the caller's account; core only ever
 * sees this port. Inputs and outputs are the EC2 request and result shapes (PascalCase members,
 * as the codecs decode them); a refusal throws an AllotError carrying the backend's own EC2 code,
 * and a backend that cannot be reached throws `ServiceUnavailable` (retryable).
 *
 * @example const { Vpc } = await deps.backend.call({ accountId, region }, 'CreateVpc', { CidrBlock: '10.0.0.0/26' });
 */
import type { Caller } from './context';

export interface Ec2Backend {
  /** Runs one EC2 action as `target.accountId` in `target.region`. */
  call(target: Caller, action: string, input: Record<string, unknown>): Promise<Record<string, unknown>>;
}
