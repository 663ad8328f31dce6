import { describe, expect, it } from 'vitest';
import { certificatesIn, checkMessage, signatureProblem } from '../../../core/ops/proof/authorization';
import { CERT, OTHER_KEY, rdapRecord, signed } from '../../helpers/proof';

const NOW = Date.UTC(2026, 0, 1);
const ACCT = '111122223333';
const CIDR = '130.137.245.0/24';
const check = (Message: string, Signature = 'c2ln') =>
  checkMessage(
    { Message, Signature },
    { account: ACCT, now: NOW, sameSubject: (s) => s === CIDR, what: `CIDR ${CIDR}` },
  );

describe('the authorization message (F-BYOIP-03)', () => {
  it('takes exactly the seven fields with the literal version, aws, SHA256 and RSAPSS', () => {
    expect(check(`1|aws|${ACCT}|${CIDR}|20260101|SHA256|RSAPSS`).message).toContain(CIDR);
  });

  it.each([
    [`2|aws|${ACCT}|${CIDR}|20991231|SHA256|RSAPSS`, /must read/],
    [`1|aws|${ACCT}|${CIDR}|20991231|SHA256`, /must read/],
    [`1|aws|${ACCT}|${CIDR}|20991231|SHA1|RSAPSS`, /must read/],
    [`1|aws|444455556666|${CIDR}|20991231|SHA256|RSAPSS`, /names account 444455556666/],
    [`1|aws|${ACCT}|130.137.246.0/24|20991231|SHA256|RSAPSS`, /not for CIDR/],
    [`1|aws|${ACCT}|${CIDR}|20251231|SHA256|RSAPSS`, /expired on 20251231/],
    [`1|aws|${ACCT}|${CIDR}|20250230|SHA256|RSAPSS`, /not a YYYYMMDD date/],
  ])('refuses %s', (message, why) => {
    expect(() => check(message)).toThrow(why);
  });

  it('refuses a signature outside the alphabet, and a missing one', () => {
    expect(() => check(`1|aws|${ACCT}|${CIDR}|20991231|SHA256|RSAPSS`, 'a+b/c=')).toThrow(/base64/);
    expect(() => check(`1|aws|${ACCT}|${CIDR}|20991231|SHA256|RSAPSS`, '')).toThrow(/Message and Signature/);
  });
});

describe('the signature against the certificate in RDAP', () => {
  const certs = certificatesIn(rdapRecord(CIDR));

  it('finds the certificate written on one line in the remarks', () => {
    expect(certs).toHaveLength(1);
    expect(certs[0]!.replace(/\s/g, '')).toBe(CERT.replace(/\s/g, ''));
  });

  it('verifies a message signed with the certificate key', () => {
    expect(signatureProblem(toSigned(signed(ACCT, CIDR)), certs, NOW)).toBeUndefined();
  });

  it('refuses a forgery, a changed message, no certificate and a certificate out of its validity', () => {
    const forged = toSigned(signed(ACCT, CIDR, { key: OTHER_KEY }));
    expect(signatureProblem(forged, certs, NOW)).toMatch(/does not verify/);
    const good = toSigned(signed(ACCT, CIDR));
    expect(signatureProblem({ ...good, message: good.message.replace('2099', '2098') }, certs, NOW)).toMatch(
      /does not verify/,
    );
    expect(signatureProblem(good, [], NOW)).toMatch(/No X.509 certificate/);
    expect(signatureProblem(good, certs, Date.UTC(2100, 0, 1))).toMatch(/valid only from/);
  });
});

const toSigned = (c: { Message: string; Signature: string }) => ({
  message: c.Message,
  signature: c.Signature,
});
