import { describe, expect, it } from 'vitest';
import { cidrKey, formatAddress, formatCidr, fromHex, parseCidr, toHex } from '../../../core/cidr';
import { AllotError } from '../../../core/errors';

describe('formatAddress (IPv6, RFC 5952 canonical)', () => {
  it.each([
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    // A single zero group is never compressed.
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    // Longest run wins...
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    // ...and the first one on a tie.
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
    ['0:0:1:0:0:0:0:0', '0:0:1::'],
    ['fd00:0:0:0:0:0:0:0', 'fd00::'],
    ['ABCD:EF01:2345:6789:ABCD:EF01:2345:6789', 'abcd:ef01:2345:6789:abcd:ef01:2345:6789'],
    ['0001:0020:0300:4000:0:0:0:0', '1:20:300:4000::'],
    // Embedded IPv4 input is normalised to hex groups on output.
    ['::ffff:1.2.3.4', '::ffff:102:304'],
    ['::1.2.3.4', '::102:304'],
  ])('%s -> %s', (input, want) => {
    // Arrange
    const { start } = parseCidr(`${input}/128`);

    // Act
    const got = formatAddress(6, start);

    // Assert
    expect(got).toBe(want);
  });
});

describe('formatCidr', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['255.255.255.255/32', '255.255.255.255/32'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['2001:0db8:0000:0000:0000:0000:0000:0000/48', '2001:db8::/48'],
    ['FD00:0:0:0:0:0:0:0/8', 'fd00::/8'],
  ])('%s -> %s', (input, want) => {
    expect(formatCidr(parseCidr(input))).toBe(want);
  });
});

describe('hex keys', () => {
  it.each([
    [4, 0n, '00000000'],
    [4, 0x0a000001n, '0a000001'],
    [4, 0xffffffffn, 'ffffffff'],
    [6, 1n, '00000000000000000000000000000001'],
    [6, 0x20010db8n << 96n, '20010db8000000000000000000000000'],
  ] as const)('toHex(%i, %s) = %s and back', (version, value, hex) => {
    expect(toHex(version, value)).toBe(hex);
    expect(fromHex(hex, version)).toBe(value);
  });

  it.each([
    ['', undefined, "'' is not hex."],
    ['0x0a', undefined, "'0x0a' is not hex."],
    [' 0a', undefined, "' 0a' is not hex."],
    ['0a00000', 4, "'0a00000' is not 8 hex digits (IPv4)."],
    ['0a000000', 6, "'0a000000' is not 32 hex digits (IPv6)."],
  ] as const)('fromHex refuses %j (family %s)', (hex, version, message) => {
    expect(() => fromHex(hex, version)).toThrow(new AllotError('InvalidParameterValue', message));
  });

  it.each([
    ['10.0.0.0/8', '0a000000/008'],
    ['10.0.0.0/32', '0a000000/032'],
    ['2001:db8::/128', '20010db8000000000000000000000000/128'],
    ['::/0', '00000000000000000000000000000000/000'],
  ])('cidrKey(%s) = %s', (text, key) => {
    expect(cidrKey(parseCidr(text))).toBe(key);
  });
});
