/**
 * The ARNs RAM speaks (F-SHARE, [self-hosted] equivalent): resource shares, the IPAM pools they
 * share, and principals (an account id, an OU ARN or the organization ARN of Allot's registry).
 */
import { fail } from '../../errors';
import type { Config } from '../../ports';

export const shareArn = (config: Config, region: string, account: string, id: string): string =>
  `arn:${config.partition}:ram:${region}:${account}:resource-share/${id}`;

const SHARE = /^arn:[a-z-]+:ram:[a-z0-9-]+:\d{12}:resource-share\/([0-9a-f-]{36})$/;
const POOL = /^arn:[a-z-]+:ec2::\d{12}:ipam-pool\/(ipam-pool-[0-9a-f]+)$/;
const RD = /^arn:[a-z-]+:ec2::\d{12}:ipam-resource-discovery\/(ipam-res-disco-[0-9a-f]+)$/;

/** RAM's resource types of what Allot shares. */
export const POOL_TYPE = 'ec2:IpamPool';
export const RD_TYPE = 'ec2:IpamResourceDiscovery';

/** The resource discovery id of an RD ARN, or undefined for any other ARN. */
export const rdIdOfArn = (arn: string): string | undefined => RD.exec(arn)?.[1];

/** RAM's type of a shared resource ARN. */
export const typeOfArn = (arn: string): string => (RD.test(arn) ? RD_TYPE : POOL_TYPE);
const ARN = /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/;
const OU = /^arn:[a-z-]+:organizations::\d{12}:ou\/(o-[a-z0-9]+)\/(ou-[a-z0-9-]+)$/;
const ORG = /^arn:[a-z-]+:organizations::\d{12}:organization\/(o-[a-z0-9]+)$/;

const malformed = (arn: string): never =>
  fail('MalformedArnException', `The specified ARN ${arn} is not valid.`);

/** @example shareIdOf('arn:aws:ram:us-east-1:111122223333:resource-share/0b…') // '0b…' */
export const shareIdOf = (arn: string): string => SHARE.exec(arn)?.[1] ?? malformed(arn);

/** The pool id of an IPAM pool ARN; other well-formed ARNs name a type this clone does not share. */
export const poolIdOfArn = (arn: string): string => {
  const id = POOL.exec(arn)?.[1];
  if (id) return id;
  if (!ARN.test(arn)) return malformed(arn);
  return fail(
    'InvalidResourceTypeException',
    `The resource ${arn} is not an IPAM pool or resource discovery; only those can be shared.`,
  );
};

export type Principal =
  | { type: 'account'; id: string; text: string }
  | { type: 'ou'; orgId: string; ouId: string; text: string }
  | { type: 'organization'; orgId: string; text: string };

export const parsePrincipal = (text: string): Principal => {
  if (/^\d{12}$/.test(text)) return { type: 'account', id: text, text };
  const ou = OU.exec(text);
  if (ou) return { type: 'ou', orgId: ou[1]!, ouId: ou[2]!, text };
  const org = ORG.exec(text);
  if (org) return { type: 'organization', orgId: org[1]!, text };
  if (ARN.test(text))
    return fail(
      'InvalidParameterException',
      `Principal ${text} is not an account id, an OU or an organization.`,
    );
  return malformed(text);
};

/** A RAM UUID from 32 hex digits of the id source (deterministic in tests). */
export const uuidOf = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
