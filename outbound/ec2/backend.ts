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
 * moto ignores `Ipv6CidrBlock` on AssociateVpcCidrBlock, and refuses IPv6 subnets of our choosing.
 * It does keep an IPv6 block passed as `CidrBlock` (its association set sorts blocks by family),
 * and only then fails to add the block's local route (`InvalidParameterValue` naming
 * `destinationCidrBlock`). So against an emulator an IPv6 block from a pool is sent that way, the
 * route error is taken as done, and the association is read back from DescribeVpcs: moto then
 * holds exactly the block IPAM chose, and discovery reads it. A subnet's `Ipv6CidrBlock` moto
 * takes as sent, inside one of its VPC's IPv6 blocks.
 */
const emulatorIpv6 = async (client: EC2Client, input: Record<string, unknown>) => {
  const { VpcId, Ipv6CidrBlock, Ipv6Pool } = input as {
    VpcId: string;
    Ipv6CidrBlock: string;
    Ipv6Pool?: string;
  };
  try {
    await client.send(new AssociateVpcCidrBlockCommand({ VpcId, CidrBlock: Ipv6CidrBlock }));
  } catch (e) {
    if (!/destinationCidrBlock/.test((e as Error).message ?? '')) throw e;
  }
  const { Vpcs } = await client.send(new DescribeVpcsCommand({ VpcIds: [VpcId] }));
  const held = Vpcs?.[0]?.Ipv6CidrBlockAssociationSet?.find((a) => a.Ipv6CidrBlock === Ipv6CidrBlock);
  if (!held) throw new Error(`the emulator did not keep ${Ipv6CidrBlock} on ${VpcId}`);
  return {
    VpcId,
    Ipv6CidrBlockAssociation: {
      AssociationId: held.AssociationId,
      Ipv6CidrBlock,
      Ipv6CidrBlockState: { State: 'associating' },
      ...(Ipv6Pool ? { Ipv6Pool } : {}),
    },
  };
};

/** The same for taking such a block off: moto marks it disassociated, then misses its route. */
const emulatorIpv6Off = async (client: EC2Client, input: Record<string, unknown>) => {
  const AssociationId = input.AssociationId as string;
  try {
    return await client.send(new DisassociateVpcCidrBlockCommand({ AssociationId }));
  } catch (e) {
    if ((e as Error).name !== 'InvalidRoute.NotFound') throw e;
  }
  const filter = { Name: 'ipv6-cidr-block-association.association-id', Values: [AssociationId] };
  const { Vpcs } = await client.send(new DescribeVpcsCommand({ Filters: [filter] }));
  const vpc = Vpcs?.[0];
  const held = vpc?.Ipv6CidrBlockAssociationSet?.find((a) => a.AssociationId === AssociationId);
  if (!vpc || !held) throw new Error(`the emulator lost association ${AssociationId}`);
  return {
    VpcId: vpc.VpcId,
    Ipv6CidrBlockAssociation: {
      AssociationId,
      Ipv6CidrBlock: held.Ipv6CidrBlock,
      Ipv6CidrBlockState: { State: 'disassociating' },
    },
  };
};

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
      try {
        const client = await clientFor(target);
        if (s.endpoint && action === 'AssociateVpcCidrBlock' && input.Ipv6CidrBlock !== undefined)
          return await emulatorIpv6(client, input);
        if (s.endpoint && action === 'DisassociateVpcCidrBlock') {
          const { $metadata: _m, ...out } = (await emulatorIpv6Off(client, input)) as Record<string, unknown>;
          return out;
        }
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
