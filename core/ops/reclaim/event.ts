/**
 * Which resources a deletion event names (F-FAC-03). Two sources:
 *
 * - CloudTrail through EventBridge (`source: aws.ec2`, `detail-type: AWS API Call via CloudTrail`)
 *   for DeleteVpc, DeleteSubnet, ReleaseAddress and DisassociateVpcCidrBlock; a call that failed
 *   (`detail.errorCode`) deleted nothing and is ignored.
 * - Allot's own event for anything else (`source: allot.resources`, `detail-type: Resource
 *   Deleted`, `detail: { resourceId, cidr?, accountId? }`), e.g. from an inventory system.
 *
 * The account is the event's (`detail.recipientAccountId`, `detail.accountId` or `account`), so
 * an event from one account never releases another account's space.
 */
import type { ReclaimTarget } from './reclaim';

export interface DeletionEvent {
  source?: string;
  'detail-type'?: string;
  account?: string;
  detail?: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** DisassociateVpcCidrBlock's answer names the VPC and the IPv4 or IPv6 block it lost. */
const disassociated = (response: Obj): { vpcId?: string; cidr?: string } => {
  const body = obj(response.DisassociateVpcCidrBlockResponse ?? response);
  const v4 = obj(body.cidrBlockAssociation);
  const v6 = obj(body.ipv6CidrBlockAssociation);
  const cidr = str(v4.cidrBlock) ?? str(v6.ipv6CidrBlock);
  return { ...(str(body.vpcId) ? { vpcId: str(body.vpcId) } : {}), ...(cidr ? { cidr } : {}) };
};

const cloudTrail = (d: Obj, owner: string | undefined): ReclaimTarget[] => {
  if (d.errorCode !== undefined) return [];
  const req = obj(d.requestParameters);
  const who = owner ? { ResourceOwner: owner } : {};
  const one = (id: string | undefined, cidr?: string): ReclaimTarget[] =>
    id ? [{ ResourceId: id, ...(cidr ? { Cidr: cidr } : {}), ...who }] : [];
  switch (d.eventName) {
    case 'DeleteVpc':
      return one(str(req.vpcId));
    case 'DeleteSubnet':
      return one(str(req.subnetId));
    case 'ReleaseAddress':
      return one(str(req.allocationId) ?? str(req.publicIp));
    case 'DisassociateVpcCidrBlock': {
      const { vpcId, cidr } = disassociated(obj(d.responseElements));
      // Without the block we cannot tell which of the VPC's CIDRs went: release nothing.
      return cidr ? one(vpcId, cidr) : [];
    }
    default:
      return [];
  }
};

/**
 * The resources an event says are gone; empty for events that delete nothing.
 * @example targetsOf({ source: 'aws.ec2', 'detail-type': 'AWS API Call via CloudTrail', detail: { eventName: 'DeleteVpc', requestParameters: { vpcId: 'vpc-1' } } })
 * // => [{ ResourceId: 'vpc-1' }]
 */
export const targetsOf = (event: DeletionEvent): ReclaimTarget[] => {
  const d = obj(event.detail);
  if (event.source === 'aws.ec2' && event['detail-type'] === 'AWS API Call via CloudTrail') {
    return cloudTrail(d, str(d.recipientAccountId) ?? str(event.account));
  }
  if (event.source === 'allot.resources' && event['detail-type'] === 'Resource Deleted') {
    const id = str(d.resourceId);
    const owner = str(d.accountId) ?? str(event.account);
    const cidr = str(d.cidr);
    return id
      ? [{ ResourceId: id, ...(cidr ? { Cidr: cidr } : {}), ...(owner ? { ResourceOwner: owner } : {}) }]
      : [];
  }
  return [];
};
