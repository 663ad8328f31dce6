import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCidr, parseBlock, rangeToBlocks, tryParseCidr } from '../../../core/cidr';

describe('blocks: parsing with the last address, spellings, ranges', () => {
  it.each([
    ['10.0.0.0/16', 0x0a000000n, 0x0a00ffffn, '10.0.0.0/16'],
    ['0.0.0.0/0', 0n, 2n ** 32n - 1n, '0.0.0.0/0'],
    ['2001:DB8:0:0::/64', 0x20010db8n << 96n, (0x20010db8n << 96n) + 2n ** 64n - 1n, '2001:db8::/64'],
    ['::ffff:10.0.0.0/120', 0xffff0a000000n, 0xffff0a0000ffn, '::ffff:a00:0/120'],
    [
      '2001:db8:0:1:0:0:0:0/64',
      (0x20010db8n << 96n) | (1n << 64n),
      (0x20010db8n << 96n) + (2n << 64n) - 1n,
      '2001:db8:0:1::/64',
    ],
  ])('parses %s', (text, start, end, canonical) => {
    const b = parseBlock(text);
    expect([b.start, b.end, formatCidr(b)]).toEqual([start, end, canonical]);
  });

  it.each([
    '10.0.0.1/24',
    '010.0.0.0/8',
    '10.0.0.0/33',
    '10.0.0.0/08',
    '10.0.0.0',
    '1:2:3:4:5:6:7:8:9/64',
    'fe80::%eth0/64',
    '::1::/128',
    '10.0.0.256/32',
  ])('rejects %s', (text) => {
    expect(tryParseCidr(text)).toBeUndefined();
  });

  it('formats RFC 5952: longest zero run, first on a tie, no single-group compression', () => {
    expect(formatCidr(parseBlock('2001:db8:0:0:1:0:0:1/128'))).toBe('2001:db8::1:0:0:1/128');
    expect(formatCidr(parseBlock('2001:db8:0:1:1:1:1:1/128'))).toBe('2001:db8:0:1:1:1:1:1/128');
    expect(formatCidr(parseBlock('::/0'))).toBe('::/0');
  });

  it('covers a first..last range exactly with the fewest blocks', () => {
    expect(rangeToBlocks(4, 0xc6336400n, 0xc63364ffn).map(formatCidr)).toEqual(['198.51.100.0/24']);
    expect(rangeToBlocks(4, 10n, 17n).map(formatCidr)).toEqual(['0.0.0.10/31', '0.0.0.12/30', '0.0.0.16/31']);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }),
        fc.bigInt({ min: 0n, max: 5000n }),
        (first, len) => {
          const last = first + len > 2n ** 32n - 1n ? 2n ** 32n - 1n : first + len;
          const blocks = rangeToBlocks(4, first, last);
          expect(blocks[0]?.start).toBe(first);
          expect(blocks.at(-1)?.end).toBe(last);
          for (const [i, b] of blocks.slice(1).entries()) expect(b.start).toBe(blocks[i]!.end + 1n);
          for (const b of blocks) expect(parseBlock(formatCidr(b))).toEqual(b);
        },
      ),
    );
  });
});
