import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterPredicate } from '../../../core/ops/kit/listing';
import { matchesWildcard } from '../../../core/ops/kit/wildcard';

// The reference: the regular expression the filters used to build (fine for short, tame inputs).
const reference = (pattern: string, text: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'su',
  ).test(text);

describe('matchesWildcard', () => {
  it.each([
    ['ipam-pool-*', 'ipam-pool-0abc', true],
    ['ipam-pool-*', 'ipam-scope-0abc', false],
    ['a?c', 'abc', true],
    ['a?c', 'abbc', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['*b*', 'abc', true],
    ['10.0.*.0/24', '10.0.4.0/24', true],
    ['a.c', 'abc', false],
    ['?', 'é', true],
    ['??', '🌐', false],
  ])('%s against %s is %s', (pattern, text, expected) => {
    expect(matchesWildcard(pattern, text)).toBe(expected);
  });

  it('agrees with the regular-expression reference on generated patterns and texts', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?', '.', 'é');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 10 }), fc.array(alphabet, { maxLength: 12 }), (p, t) => {
        const text = t.join('').replace(/[*?]/g, 'a');
        expect(matchesWildcard(p.join(''), text)).toBe(reference(p.join(''), text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a*', 'ab', [1], false],
    ['a*', 'a*', [1], true],
    ['a?c', 'abc', [1], false],
    ['a?c', 'a?c', [1], true],
    ['*x*', 'ax*b', [2], false],
    ['*x*', 'abx*', [2], true],
  ])('%s against %s with literal positions %j is %s', (pattern, text, literal, expected) => {
    expect(matchesWildcard(pattern, text, new Set(literal))).toBe(expected);
  });

  it('answers the probe pattern against a 38-character tag at once (it took seconds as a regex)', () => {
    // Not a timing assertion: the count of steps is bounded by |pattern| × |text|, so this ends.
    const pattern = `${'*a'.repeat(10)}*b`;
    expect(matchesWildcard(pattern, 'a'.repeat(38))).toBe(false);
    expect(matchesWildcard(pattern, `${'a'.repeat(37)}b`)).toBe(true);
    expect(matchesWildcard(`${'*a'.repeat(128)}*b`, 'a'.repeat(256))).toBe(false);
  });
});

describe('filter limits', () => {
  const tagged = { Tags: [{ Key: 'Name', Value: 'prod' }] };
  it('refuses a filter value longer than a tag value may be', () => {
    expect(() => filterPredicate([{ Name: 'tag:Name', Values: ['x'.repeat(257)] }], [])).toThrow(
      expect.objectContaining({ code: 'InvalidParameterValue' }),
    );
    expect(filterPredicate([{ Name: 'tag:Name', Values: ['x'.repeat(256)] }], [])(tagged)).toBe(false);
  });
  it('refuses more than 200 values or 50 filters', () => {
    const values = Array.from({ length: 201 }, (_, i) => `v${i}`);
    expect(() => filterPredicate([{ Name: 'tag-key', Values: values }], [])).toThrow(
      expect.objectContaining({ code: 'InvalidParameterValue' }),
    );
    const filters = Array.from({ length: 51 }, () => ({ Name: 'tag-key', Values: ['Name'] }));
    expect(() => filterPredicate(filters, [])).toThrow(
      expect.objectContaining({ code: 'InvalidParameterValue' }),
    );
    expect(filterPredicate(filters.slice(0, 50), [])(tagged)).toBe(true);
  });
});
