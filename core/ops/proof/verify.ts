/**
 * Proof of control of a BYOIP CIDR (F-BYOIP-02, -03, -06, F-VTOK-06) in two halves: what the
 * request must carry, checked at once (the method's inputs, the token's IPAM and expiry, the
 * message's fields), and what the outside world must show, read when the provisioning settles
 * (the token's TXT records through DNS; the certificate in the range's RDAP record and the
 * signature against it). A failed outside check is the CIDR's `failed-provision`, not an error.
 */
import { type Cidr, equalCidr, formatCidr, tryParseCidr } from '../../cidr';
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import type { CidrProof, PoolRecord } from '../../records';
import { type AuthorizationContext, certificatesIn, checkMessage, signatureProblem } from './authorization';
import { loadToken } from './tokens';
import { txtRecordNames } from './txt-names';

export interface ProofInput {
  VerificationMethod?: string;
  CidrAuthorizationContext?: AuthorizationContext;
  IpamExternalResourceVerificationTokenId?: string;
}

/** Does the request carry any proof input? (They apply only to top-level public pools.) */
export const hasProofInput = (input: ProofInput): boolean =>
  input.VerificationMethod !== undefined ||
  input.CidrAuthorizationContext !== undefined ||
  input.IpamExternalResourceVerificationTokenId !== undefined;

const tokenProof = async (
  deps: Deps,
  caller: Caller,
  pool: PoolRecord,
  input: ProofInput,
): Promise<CidrProof> => {
  if (input.CidrAuthorizationContext)
    fail(
      'InvalidParameterCombination',
      'CidrAuthorizationContext does not apply to VerificationMethod dns-token.',
    );
  const id = input.IpamExternalResourceVerificationTokenId;
  if (!id)
    fail('MissingParameter', 'VerificationMethod dns-token needs IpamExternalResourceVerificationTokenId.');
  const token = await loadToken(deps, caller, id!);
  if (token.IpamId !== pool._ipamId)
    fail('InvalidParameterValue', `Token ${id} belongs to IPAM ${token.IpamId}, not to the pool's IPAM.`);
  // F-VTOK-02 [decision]: an expired token is refused here, not left to fail later.
  if (Date.parse(token.NotAfter) <= deps.now())
    fail('InvalidParameterValue', `Token ${id} expired at ${token.NotAfter}; create a new one.`);
  return { method: 'dns-token', tokenId: id!, tokenName: token.TokenName, tokenValue: token.TokenValue };
};

/** The request-time half: what the settle step will verify, or a synchronous refusal. */
export const proofFor = async (
  deps: Deps,
  caller: Caller,
  pool: PoolRecord,
  cidr: Cidr,
  input: ProofInput,
): Promise<CidrProof> => {
  const method = input.VerificationMethod ?? 'remarks-x509';
  if (method === 'dns-token') return tokenProof(deps, caller, pool, input);
  if (method !== 'remarks-x509')
    fail('InvalidParameterValue', `VerificationMethod must be remarks-x509 or dns-token; got '${method}'.`);
  if (input.IpamExternalResourceVerificationTokenId !== undefined)
    fail(
      'InvalidParameterCombination',
      'IpamExternalResourceVerificationTokenId applies only to VerificationMethod dns-token.',
    );
  const text = formatCidr(cidr);
  const signed = checkMessage(input.CidrAuthorizationContext, {
    account: caller.accountId,
    now: deps.now(),
    sameSubject: (s) => {
      const named = tryParseCidr(s, cidr.version);
      return named !== undefined && equalCidr(named, cidr);
    },
    what: `CIDR ${text}`,
  });
  return { method: 'remarks-x509', ...signed };
};

const unquote = (v: string) => v.replace(/^"(.*)"$/, '$1');

const txtProblem = async (deps: Deps, cidr: Cidr, proof: Extract<CidrProof, { method: 'dns-token' }>) => {
  for (const name of txtRecordNames(cidr, proof.tokenName)) {
    const values = (await deps.proof!.txt(name)).map(unquote);
    if (values.length === 0) return `No TXT record was found at ${name}.`;
    if (!values.includes(proof.tokenValue))
      return `The TXT record at ${name} does not hold the value of token ${proof.tokenId}.`;
  }
  return undefined;
};

/** Why the ASN's RDAP record does not prove the signed message (F-ASN-02/03), or undefined. */
export const asnProofProblem = async (
  deps: Deps,
  asn: string,
  signed: { message: string; signature: string },
): Promise<string | undefined> => {
  if (!deps.proof) return 'Proof of control cannot be checked: no RDAP service is configured.';
  try {
    const record = await deps.proof.rdap('autnum', asn);
    if (record === undefined) return `The RDAP service has no record for AS${asn}.`;
    return signatureProblem(signed, certificatesIn(record), deps.now());
  } catch (e) {
    return `Proof of control could not be read: ${e instanceof Error ? e.message : String(e)}.`;
  }
};

/**
 * The settle-time half: why the outside world does not prove control, or undefined when it does.
 * Lookups that fail (a resolver or RDAP service down) count as not proven: the CIDR fails and can
 * be provisioned again, as in EC2, rather than staying pending without end.
 */
export const proofProblem = async (deps: Deps, cidr: Cidr, proof: CidrProof): Promise<string | undefined> => {
  if (proof.method === 'amazon') return undefined;
  if (!deps.proof)
    return 'Proof of control cannot be checked: no DNS resolver or RDAP service is configured.';
  try {
    if (proof.method === 'dns-token') return await txtProblem(deps, cidr, proof);
    const record = await deps.proof.rdap('ip', formatCidr(cidr));
    if (record === undefined) return `The RDAP service has no record for ${formatCidr(cidr)}.`;
    return signatureProblem(proof, certificatesIn(record), deps.now());
  } catch (e) {
    return `Proof of control could not be read: ${e instanceof Error ? e.message : String(e)}.`;
  }
};
