/**
 * An in-process EC2 backend for operation tests of the facade: VPCs (with CIDR block
 * associations) and subnets per account and region, EC2's answers and error codes for what the
 * facade calls, and fault injection: the next call of an action can be refused (an EC2 error,
 * nothing done), fail with the backend down (nothing done, outcome unknown to the caller) or be
 * *lost* (done, but the answer never arrives). The real backend (moto) is used by the e2e tests.
 */
import { AllotError, backendError } from '../../core/errors';
import type { Caller, Ec2Backend } from '../../core/ports';

interface Assoc {
  AssociationId: string;
  CidrBlock: string;
}
interface Vpc {
  VpcId: string;
  OwnerId: string;
  region: string;
  CidrBlock: string;
  assocs: Assoc[];
  Tags: { Key: string; Value?: string }[];
}
interface Subnet {
  SubnetId: string;
  VpcId: string;
  OwnerId: string;
  region: string;
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
}

type Fault = 'refuse' | 'down' | 'lost';

const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
/** IPv4 containment, enough for the fake's subnet range check. */
const inside = (inner: string, outer: string) => {
  const [a, ap] = inner.split('/');
  const [b, bp] = outer.split('/');
  if (!a!.includes('.') || !b!.includes('.')) return true;
  const size = 2 ** (32 - Number(bp));
  return Number(ap) >= Number(bp) && Math.floor(toInt(a!) / size) === Math.floor(toInt(b!) / size);
};

export class FakeEc2 implements Ec2Backend {
  readonly vpcs = new Map<string, Vpc>();
  readonly subnets = new Map<string, Subnet>();
  readonly calls: { action: string; accountId: string; region: string }[] = [];
  private readonly faults = new Map<string, Fault>();
  private n = 0;

  /** The next call of `action` is refused, meets a backend that is down, or is lost after it ran. */
  failNext(action: string, fault: Fault) {
    this.faults.set(action, fault);
  }

  private id(prefix: string) {
    this.n += 1;
    return `${prefix}-${this.n.toString(16).padStart(17, '0')}`;
  }

  private vpcOf(t: Caller, id: unknown): Vpc {
    const v = this.vpcs.get(String(id));
    if (!v || v.OwnerId !== t.accountId || v.region !== t.region)
      throw backendError('InvalidVpcID.NotFound', `The vpc ID '${String(id)}' does not exist`);
    return v;
  }

  private vpcShape(v: Vpc) {
    return {
      VpcId: v.VpcId,
      OwnerId: v.OwnerId,
      State: 'available',
      CidrBlock: v.CidrBlock,
      InstanceTenancy: 'default',
      IsDefault: false,
      CidrBlockAssociationSet: v.assocs
        .filter((a) => !a.CidrBlock.includes(':'))
        .map((a) => ({ ...a, CidrBlockState: { State: 'associated' } })),
      Ipv6CidrBlockAssociationSet: v.assocs
        .filter((a) => a.CidrBlock.includes(':'))
        .map((a) => ({
          AssociationId: a.AssociationId,
          Ipv6CidrBlock: a.CidrBlock,
          Ipv6CidrBlockState: { State: 'associated' },
        })),
      Tags: v.Tags,
    };
  }

  async call(t: Caller, action: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.calls.push({ action, accountId: t.accountId, region: t.region });
    const fault = this.faults.get(action);
    this.faults.delete(action);
    if (fault === 'refuse')
      throw backendError('InvalidParameterValue', `${action} refused (fault injection).`);
    if (fault === 'down') throw new AllotError('ServiceUnavailable', 'backend down (fault injection)');
    const out = this.run(t, action, input);
    if (fault === 'lost') throw new AllotError('ServiceUnavailable', 'answer lost (fault injection)');
    return out;
  }

  private run(t: Caller, action: string, input: Record<string, unknown>): Record<string, unknown> {
    switch (action) {
      case 'CreateVpc':
        return this.createVpc(t, input);
      case 'DescribeVpcs': {
        const ids = (input.VpcIds as string[] | undefined) ?? [];
        const mine = [...this.vpcs.values()].filter(
          (v) => v.OwnerId === t.accountId && v.region === t.region,
        );
        if (ids.length > 0) return { Vpcs: ids.map((id) => this.vpcShape(this.vpcOf(t, id))) };
        return { Vpcs: mine.map((v) => this.vpcShape(v)) };
      }
      case 'DeleteVpc': {
        const v = this.vpcOf(t, input.VpcId);
        if ([...this.subnets.values()].some((s) => s.VpcId === v.VpcId))
          throw backendError(
            'DependencyViolation',
            `The vpc '${v.VpcId}' has dependencies and cannot be deleted.`,
          );
        this.vpcs.delete(v.VpcId);
        return {};
      }
      case 'AssociateVpcCidrBlock':
        return this.associate(t, input);
      case 'DisassociateVpcCidrBlock':
        return this.disassociate(t, input);
      case 'CreateSubnet':
        return this.createSubnet(t, input);
      case 'DescribeSubnets': {
        const vpc = (input.Filters as { Name: string; Values: string[] }[] | undefined)?.find(
          (f) => f.Name === 'vpc-id',
        )?.Values[0];
        const mine = [...this.subnets.values()].filter(
          (s) => s.OwnerId === t.accountId && s.region === t.region && (!vpc || s.VpcId === vpc),
        );
        return { Subnets: mine.map(({ region: _r, ...s }) => s) };
      }
      case 'DeleteSubnet': {
        const s = this.subnets.get(String(input.SubnetId));
        if (!s || s.OwnerId !== t.accountId)
          throw backendError(
            'InvalidSubnetID.NotFound',
            `The subnet ID '${String(input.SubnetId)}' does not exist`,
          );
        this.subnets.delete(s.SubnetId);
        return {};
      }
      default:
        throw new Error(`the fake backend has no ${action}`);
    }
  }

  private createVpc(t: Caller, input: Record<string, unknown>) {
    const cidr = String(input.CidrBlock);
    const prefix = Number(cidr.split('/')[1]);
    if (prefix < 16 || prefix > 28) throw backendError('InvalidVpc.Range', `The CIDR '${cidr}' is invalid.`);
    const tags = ((input.TagSpecifications as { Tags?: Vpc['Tags'] }[] | undefined) ?? []).flatMap(
      (s) => s.Tags ?? [],
    );
    const v: Vpc = {
      VpcId: this.id('vpc'),
      OwnerId: t.accountId,
      region: t.region,
      CidrBlock: cidr,
      assocs: [],
      Tags: tags,
    };
    v.assocs.push({ AssociationId: this.id('vpc-cidr-assoc'), CidrBlock: cidr });
    this.vpcs.set(v.VpcId, v);
    return { Vpc: { ...this.vpcShape(v), State: 'pending' } };
  }

  private associate(t: Caller, input: Record<string, unknown>) {
    const v = this.vpcOf(t, input.VpcId);
    const cidr = String(input.Ipv6CidrBlock ?? input.CidrBlock);
    const a = { AssociationId: this.id('vpc-cidr-assoc'), CidrBlock: cidr };
    v.assocs.push(a);
    return cidr.includes(':')
      ? {
          VpcId: v.VpcId,
          Ipv6CidrBlockAssociation: {
            AssociationId: a.AssociationId,
            Ipv6CidrBlock: cidr,
            Ipv6CidrBlockState: { State: 'associating' },
          },
        }
      : { VpcId: v.VpcId, CidrBlockAssociation: { ...a, CidrBlockState: { State: 'associating' } } };
  }

  private disassociate(t: Caller, input: Record<string, unknown>) {
    const v = [...this.vpcs.values()].find(
      (x) => x.OwnerId === t.accountId && x.assocs.some((a) => a.AssociationId === input.AssociationId),
    );
    if (!v)
      throw backendError(
        'InvalidVpcCidrBlockAssociationID.NotFound',
        `The vpc CIDR block association ID '${String(input.AssociationId)}' does not exist`,
      );
    const a = v.assocs.find((x) => x.AssociationId === input.AssociationId)!;
    v.assocs = v.assocs.filter((x) => x !== a);
    return { VpcId: v.VpcId, CidrBlockAssociation: { ...a, CidrBlockState: { State: 'disassociating' } } };
  }

  private createSubnet(t: Caller, input: Record<string, unknown>) {
    const v = this.vpcOf(t, input.VpcId);
    const cidr = input.CidrBlock as string | undefined;
    if (cidr && !v.assocs.some((a) => inside(cidr, a.CidrBlock)))
      throw backendError('InvalidSubnet.Range', `The CIDR '${cidr}' is invalid.`);
    const s: Subnet = {
      SubnetId: this.id('subnet'),
      VpcId: v.VpcId,
      OwnerId: t.accountId,
      region: t.region,
      ...(cidr ? { CidrBlock: cidr } : {}),
      ...(input.Ipv6CidrBlock ? { Ipv6CidrBlock: String(input.Ipv6CidrBlock) } : {}),
    };
    this.subnets.set(s.SubnetId, s);
    const { region: _r, ...shape } = s;
    return { Subnet: { ...shape, State: 'available' } };
  }
}
