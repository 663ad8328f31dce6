/**
 * Glob matching with `*` (any run, also empty) and `?` (one character), in linear space and
 * O(pattern × text) worst-case time, with no regular expression built from input: EC2 filter
 * values and IAM policy strings are written by callers, and a backtracking regex turns a short
 * `*a*a*a…b` into seconds of CPU. Characters are compared as code points, case-sensitively.
 * `literal` names code-point positions of `pattern` whose `*` or `?` stands for itself: an IAM
 * policy writes a literal asterisk as `${*}`, and a policy variable's value is never a pattern.
 *
 * @example matchesWildcard('ipam-pool-*', 'ipam-pool-0abc') // => true
 * @example matchesWildcard('a?c', 'abbc') // => false
 * @example matchesWildcard('a*', 'ab', new Set([1])) // => false ('a*' only)
 */
export const matchesWildcard = (pattern: string, text: string, literal?: ReadonlySet<number>): boolean => {
  const p = Array.from(pattern);
  const t = Array.from(text);
  const isStar = (i: number) => p[i] === '*' && !literal?.has(i);
  const isAny = (i: number) => p[i] === '?' && !literal?.has(i);
  // The classic greedy matcher with one backtrack point: the last `*` seen and where it resumed.
  let pi = 0;
  let ti = 0;
  let star = -1;
  let resume = 0;
  while (ti < t.length) {
    if (pi < p.length && (isAny(pi) || (!isStar(pi) && p[pi] === t[ti]))) {
      pi++;
      ti++;
    } else if (pi < p.length && isStar(pi)) {
      star = pi++;
      resume = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && isStar(pi)) pi++;
  return pi === p.length;
};
