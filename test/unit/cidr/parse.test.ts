import { describe, expect, it } from 'vitest';
import { parseAddress, parseCidr, tryParseCidr } from '../../../core/cidr';
import { AllotError } from '../../../core/errors';

/** The message of the error `run` throws, asserting it is an InvalidParameterValue. */
const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AllotError);
    expect((e as AllotError).code).toBe('InvalidParameterValue');
    return (e as AllotError).message;
  }
  throw new Error('expected a refusal');
};

describe('parseCidr accepts', () => {
  it.each([
    ['10.0.0.0/8', 4, 0x0a000000n, 8],
    ['0.0.0.0/0', 4, 0n, 0],
    ['255.255.255.255/32', 4, 0xffffffffn, 32],
    ['192.168.1.0/24', 4, 0xc0a80100n, 24],
    ['10.0.0.1/32', 4, 0x0a000001n, 32],
    ['::/0', 6, 0n, 0],
    ['::1/128', 6, 1n, 128],
    ['2001:db8::/32', 6, 0x20010db8n << 96n, 32],
    ['2001:DB8::/32', 6, 0x20010db8n << 96n, 32],
    ['2001:0db8:0000:0000:0000:0000:0000:0000/32', 6, 0x20010db8n << 96n, 32],
    ['fd00:1:2:3::/64', 6, 0xfd00000100020003n << 64n, 64],
    ['::ffff:1.2.3.4/128', 6, 0xffff01020304n, 128],
    ['::ffff:0.0.0.0/96', 6, 0xffff00000000n, 96],
    ['1:2:3:4:5:6:1.2.3.4/128', 6, 0x0001000200030004000500060102_0304n, 128],
    ['1:2:3:4:5:6:7::/128', 6, 0x00010002000300040005000600070000n, 128],
    ['::2:3:4:5:6:7:8/128', 6, 0x00000002000300040005000600070008n, 128],
    ['FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF/128', 6, (1n << 128n) - 1n, 128],
  ] as const)('%s', (text, version, start, prefix) => {
    // Act
    const c = parseCidr(text);

    // Assert
    expect(c).toEqual({ version, start, prefix });
  });
});

describe('parseCidr refuses, with a message for API users', () => {
  it.each([
    ['', 'A CIDR is required, for example 10.0.0.0/16 or 2001:db8::/48.'],
    ['10.0.0.0', "'10.0.0.0' is not a valid CIDR: the /prefix length is missing."],
    ['10.0.0.0/', "'10.0.0.0/' is not a valid CIDR: the prefix length after '/' is missing."],
    ['/8', "'/8' is not a valid CIDR: the address is missing."],
    ['1.2.3/24', "'1.2.3/24' is not a valid CIDR: expected 4 decimal octets, found 3."],
    ['1.2.3.4.5/24', "'1.2.3.4.5/24' is not a valid CIDR: expected 4 decimal octets, found 5."],
    ['10..0.0/8', "'10..0.0/8' is not a valid CIDR: an octet is empty."],
    ['10.0.0.256/32', "'10.0.0.256/32' is not a valid CIDR: octet '256' is over 255."],
    ['10.0.0.1000/32', "'10.0.0.1000/32' is not a valid CIDR: octet '1000' is over 255."],
    ['010.1.1.0/24', "'010.1.1.0/24' is not a valid CIDR: octet '010' has a leading zero."],
    ['10.0.00.0/24', "'10.0.00.0/24' is not a valid CIDR: octet '00' has a leading zero."],
    ['10.0.0.0/08', "'10.0.0.0/08' has a prefix length with a leading zero; write /8."],
    ['10.0.0.0/33', "'10.0.0.0/33' has an invalid prefix length; IPv4 prefix lengths are /0 to /32."],
    ['10.0.0.0/-1', "'10.0.0.0/-1' has an invalid prefix length; IPv4 prefix lengths are /0 to /32."],
    ['10.0.0.0/+8', "'10.0.0.0/+8' has an invalid prefix length; IPv4 prefix lengths are /0 to /32."],
    ['10.0.0.0/8/8', "'10.0.0.0/8/8' has an invalid prefix length; IPv4 prefix lengths are /0 to /32."],
    ['2001:db8::/129', "'2001:db8::/129' has an invalid prefix length; IPv6 prefix lengths are /0 to /128."],
    ['10.0.0.1/24', "'10.0.0.1/24' has host bits set; did you mean 10.0.0.0/24?"],
    ['10.0.0.0/6', "'10.0.0.0/6' has host bits set; did you mean 8.0.0.0/6?"],
    ['2001:db8::1/64', "'2001:db8::1/64' has host bits set; did you mean 2001:db8::/64?"],
    [' 10.0.0.0/8', "' 10.0.0.0/8' is not a valid CIDR: it contains whitespace."],
    ['10.0.0.0/8 ', "'10.0.0.0/8 ' is not a valid CIDR: it contains whitespace."],
    ['10.0.0.0/ 8', "'10.0.0.0/ 8' is not a valid CIDR: it contains whitespace."],
    ['::1::/64', "'::1::/64' is not a valid CIDR: '::' may appear only once."],
    [':::/64', "':::/64' is not a valid CIDR: it has an empty group (a stray ':')."],
    [':1::/64', "':1::/64' is not a valid CIDR: it has an empty group (a stray ':')."],
    ['1:2:3:4:5:6:7/112', "'1:2:3:4:5:6:7/112' is not a valid CIDR: expected 8 groups, found 7."],
    ['1:2:3:4:5:6:7:8:9/128', "'1:2:3:4:5:6:7:8:9/128' is not a valid CIDR: expected 8 groups, found 9."],
    [
      '1:2:3:4::5:6:7:8/128',
      "'1:2:3:4::5:6:7:8/128' is not a valid CIDR: '::' must stand for at least one zero group, but 8 groups are given.",
    ],
    [
      '2001:db8:12345::/48',
      "'2001:db8:12345::/48' is not a valid CIDR: group '12345' is not 1 to 4 hex digits.",
    ],
    ['2001:dg8::/32', "'2001:dg8::/32' is not a valid CIDR: group 'dg8' is not 1 to 4 hex digits."],
    ['fe80::1%eth0/128', "'fe80::1%eth0/128' is not a valid CIDR: zone IDs ('%...') are not allowed."],
    [
      '::ffff:1.2.3.256/128',
      "'::ffff:1.2.3.256/128' is not a valid CIDR: embedded IPv4 '1.2.3.256': octet '256' is over 255.",
    ],
    ['1.2.3.4::/128', "'1.2.3.4::/128' is not a valid CIDR: group '1.2.3.4' is not 1 to 4 hex digits."],
    ['garbage', "'garbage' is not a valid CIDR: the /prefix length is missing."],
    ['ten/8', "'ten/8' is not a valid CIDR: expected an IPv4 dotted quad or IPv6 text."],
    ['0x0a000000/8', "'0x0a000000/8' is not a valid CIDR: expected an IPv4 dotted quad or IPv6 text."],
  ])('%j', (text, message) => {
    // Act
    const got = refusal(() => parseCidr(text));

    // Assert
    expect(got).toBe(message);
  });

  it.each([
    ['10.0.0.0/8', 6, "'10.0.0.0/8' is an IPv4 CIDR; expected an IPv6 CIDR."],
    ['2001:db8::/32', 4, "'2001:db8::/32' is an IPv6 CIDR; expected an IPv4 CIDR."],
    ['::ffff:10.0.0.0/104', 4, "'::ffff:10.0.0.0/104' is an IPv6 CIDR; expected an IPv4 CIDR."],
  ] as const)('%s when IPv%i is expected', (text, expect_, message) => {
    expect(refusal(() => parseCidr(text, expect_))).toBe(message);
  });

  it('clips long input in the message', () => {
    // Arrange
    const text = `${'1'.repeat(100)}/8`;

    // Act
    const got = refusal(() => parseCidr(text));

    // Assert
    expect(got).toBe(`'${'1'.repeat(64)}...' is not a valid CIDR: expected 4 decimal octets, found 1.`);
  });

  it('refuses a non-string at run time', () => {
    expect(refusal(() => parseCidr(8 as unknown as string))).toBe('A CIDR must be a string.');
  });
});

describe('tryParseCidr', () => {
  it.each([
    ['10.0.0.0/8', undefined, { version: 4, start: 0x0a000000n, prefix: 8 }],
    ['10.0.0.1/8', undefined, undefined],
    ['10.0.0.0/8', 6, undefined],
    ['', undefined, undefined],
    ['::/0', 6, { version: 6, start: 0n, prefix: 0 }],
  ] as const)('%j (expect %s)', (text, expect_, want) => {
    expect(tryParseCidr(text, expect_)).toEqual(want);
  });
});

describe('parseAddress', () => {
  it.each([
    ['10.0.0.1', 4, 0x0a000001n],
    ['0.0.0.0', 4, 0n],
    ['::', 6, 0n],
    ['::ffff:1.2.3.4', 6, 0xffff01020304n],
    ['2001:DB8::ABCD', 6, (0x20010db8n << 96n) | 0xabcdn],
  ] as const)('accepts %s', (text, version, value) => {
    expect(parseAddress(text)).toEqual({ version, value });
  });

  it.each([
    ['', undefined, 'An IP address is required.'],
    [
      '10.0.0.0/8',
      undefined,
      "'10.0.0.0/8' is not a valid IP address: expected an address without a /prefix.",
    ],
    ['010.1.1.1', undefined, "'010.1.1.1' is not a valid IPv4 address: octet '010' has a leading zero."],
    ['10.0.0.1 ', undefined, "'10.0.0.1 ' is not a valid IP address: it contains whitespace."],
    [
      'fe80::1%eth0',
      undefined,
      "'fe80::1%eth0' is not a valid IPv6 address: zone IDs ('%...') are not allowed.",
    ],
    ['hello', undefined, "'hello' is not a valid IP address: expected an IPv4 dotted quad or IPv6 text."],
    ['10.0.0.1', 6, "'10.0.0.1' is an IPv4 address; expected an IPv6 address."],
    ['::1', 4, "'::1' is an IPv6 address; expected an IPv4 address."],
  ] as const)('refuses %j (expect %s)', (text, expect_, message) => {
    expect(refusal(() => parseAddress(text, expect_))).toBe(message);
  });
});
