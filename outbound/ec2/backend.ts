/**
 * The EC2 backend of the facade (core/ports/backend.ts) over the AWS SDK: locally an emulator such
 * as moto (static credentials naming the account, `x-moto-account-id`), deployed the EC2 of the
 * caller's account through STS AssumeRole into the facade's write role. The SDK serialises the
 * request and parses the answer; a refusal becomes an AllotError with EC2's code, anything that
 * leaves the outcome unknown (no connection, 5xx, timeout) becomes `ServiceUnavailable`.
 */
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AssociateVpcCidrBlockCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DeleteTagsCommand,
  DeleteVpcCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DisassociateAddressCommand,
  DisassociateVpcCidrBlockCommand,
  EC2Client,
  ReleaseAddressCommand,
} from '@aws-sdk/client-ec2';
import { AllotError, backendError } from '../../core/errors';
import type { Caller, Ec2Backend } from '../../core/ports';
import { facadeCredentials, localEc2Client } from './clients';

// biome-ignore lint/suspicious/noExplicitAny: each command takes its own input type; the facade checked it against the EC2 model.
type AnyCommand = new (input: any) => any;

/** The EC2 actions the facade calls, by name. */
const COMMANDS: Record<string, AnyCommand> = {
  CreateVpc: CreateVpcCommand,
  DeleteVpc: DeleteVpcCommand,
  DescribeVpcs: DescribeVpcsCommand,
  AssociateVpcCidrBlock: AssociateVpcCidrBlockCommand,
  DisassociateVpcCidrBlock: DisassociateVpcCidrBlockCommand,
  CreateSubnet: CreateSubnetCommand,
  DeleteSubnet: DeleteSubnetCommand,
  DescribeSubnets: DescribeSubnetsCommand,
  CreateTags: CreateTagsCommand,
  DeleteTags: DeleteTagsCommand,
  AllocateAddress: AllocateAddressCommand,
  ReleaseAddress: ReleaseAddressCommand,
  AssociateAddress: AssociateAddressCommand,
  DisassociateAddress: DisassociateAddressCommand,
  DescribeAddresses: DescribeAddressesCommand,
  DescribeInstances: DescribeInstancesCommand,
  DescribeNetworkInterfaces: DescribeNetworkInterfacesCommand,
};

export interface BackendSettings {
  /** An EC2 endpoint to use instead of AWS (moto locally). */
  endpoint?: string;
  /** The role with the facade's EC2 write permissions, assumed in the caller's account. */
  roleName: string;
  partition: string;
  ownAccount?: string;
}

/**
 * moto cannot hold an IPv6 block of our choosing: it ignores `Ipv6CidrBlock`, and a CIDR passed as
 * `CidrBlock` breaks its route tables. An emulator backend therefore refuses IPv6 blocks from
 * pools up front, in EC2's words, and the facade gives the reserved space back (nothing is left).
 */
const emulatorRefusal = (action: string, input: Record<string, unknown>): AllotError | undefined =>
  (action === 'AssociateVpcCidrBlock' || action === 'CreateSubnet') && input.Ipv6CidrBlock !== undefined
    ? backendError(
        'UnsupportedOperation',
        'The local EC2 emulator (moto) cannot take an IPv6 CIDR block chosen by IPAM; IPv6 from pools needs an EC2 backend that accepts Ipv6CidrBlock.',
      )
    : undefined;

type SdkError = Error & { $metadata?: { httpStatusCode?: number }; $fault?: string };

const translate = (e: unknown): AllotError => {
  const err = e as SdkError;
  const status = err?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 400 && status < 500 && err.name)
    return backendError(err.name, err.message || err.name);
  return new AllotError(
    'ServiceUnavailable',
    `The EC2 backend could not be reached or failed (${err?.name ?? 'Error'}: ${err?.message ?? String(e)}).`,
  );
};

export const ec2Backend = (s: BackendSettings): Ec2Backend => {
  const clients = new Map<string, EC2Client>();
  const credentialsFor = facadeCredentials(s);
  const clientFor = async ({ accountId, region }: Caller): Promise<EC2Client> => {
    const key = `${accountId}|${region}`;
    const hit = clients.get(key);
    if (hit) return hit;
    const made = s.endpoint
      ? localEc2Client(s.endpoint, accountId, region)
      : await (async () => {
          const credentials = await credentialsFor!(accountId);
          return credentials ? new EC2Client({ region, credentials }) : new EC2Client({ region });
        })();
    // Assumed credentials expire: only emulator clients are kept for the life of the process.
    if (s.endpoint) clients.set(key, made);
    return made;
  };
  return {
    async call(target, action, input) {
      const Command = COMMANDS[action];
      if (!Command) throw new Error(`the facade does not call ${action}`);
      const refusal = s.endpoint ? emulatorRefusal(action, input) : undefined;
      if (refusal) throw refusal;
      try {
        const client = await clientFor(target);
        const { $metadata: _m, ...out } = (await client.send(new Command(input))) as unknown as Record<
          string,
          unknown
        >;
        return out;
      } catch (e) {
        throw translate(e);
      }
    },
  };
};
