import { describe, expect, it } from 'vitest';
import {
  formatCidr,
  isGua,
  isRfc1918,
  isUla,
  isValidPrivateUla,
  parseCidr,
  RFC1918,
} from '../../../core/cidr';

describe('special ranges', () => {
  it.each([
    // [cidr, isUla, isValidPrivateUla, isGua]
    ['fd00::/8', true, false, false], // overlaps the reserved fd00::/16, and /8 is too short
    ['fd00::/16', true, false, false],
    ['fd00:1::/48', true, false, false], // inside fd00::/16
    ['fd01::/16', true, true, false],
    ['fd80::/9', true, true, false],
    ['fd12:3456:789a::/48', true, true, false],
    ['fd12:3456:789a:bc00::/56', true, true, false],
    ['fd12:3456:789a:bcd0::/60', true, true, false],
    ['fd12:3456:789a:bcde::/64', true, false, false], // longer than /60
    ['fc00::/8', true, false, false], // L=0 half: ULA but not locally assigned
    ['fc00::/7', true, false, false],
    ['2001:db8::/32', false, false, true],
    ['2000::/3', false, false, true],
    ['3fff:ffff::/32', false, false, true],
    ['4000::/3', false, false, false],
    ['::/0', false, false, false],
    ['10.0.0.0/8', false, false, false],
  ])('%s: ula=%s privateUla=%s gua=%s', (text, ula, privateUla, gua) => {
    // Arrange
    const cidr = parseCidr(text);

    // Act / Assert
    expect([isUla(cidr), isValidPrivateUla(cidr), isGua(cidr)]).toEqual([ula, privateUla, gua]);
  });

  it.each([
    ['10.0.0.0/8', true],
    ['10.255.0.0/16', true],
    ['172.16.0.0/12', true],
    ['172.31.255.0/24', true],
    ['172.32.0.0/16', false],
    ['192.168.0.0/16', true],
    ['192.169.0.0/16', false],
    ['8.0.0.0/7', false], // straddles 10/8 without being inside it
    ['fd00::/8', false],
  ])('isRfc1918(%s) = %s', (text, want) => {
    expect(isRfc1918(parseCidr(text))).toBe(want);
  });

  it('lists the RFC 1918 ranges', () => {
    expect(RFC1918.map(formatCidr)).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
  });
});
