/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`) in Resource
 * elements and string or ARN condition values. They exist only in policies of Version 2012-10-17;
 * elsewhere `${…}` is plain text, as IAM reads it.
 *
 * A resolved string is a `Pattern`: its text plus the code-point positions whose `*` or `?` are
 * literal (from `${*}`, `${?}` or a substituted value: a tag value `a*` is not a wildcard), which
 * `matchesWildcard` honours. A variable whose key is missing or multivalued resolves to nothing,
 * and the string then matches no request value (unless it gives a default).
 */

export interface Pattern {
  text: string;
  literal: ReadonlySet<number>;
}

type Piece = { kind: 'pattern'; text: string } | { kind: 'literal'; text: string } | Variable;
interface Variable {
  kind: 'variable';
  key: string;
  fallback?: string;
}

const NONE: ReadonlySet<number> = new Set();
const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/** A key name: no space, brace, comma, quote or dollar sign. */
const KEY = /^[^\s{}$,']+$/;

/** Reads `'…'` (a doubled quote stands for one) from `at`; its text and the index after it. */
const readQuoted = (text: string, at: number): { value: string; end: number } | undefined => {
  if (text[at] !== "'") return undefined;
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] !== "'") value += text[i];
    else if (text[i + 1] === "'") value += text[i++];
    else return { value, end: i + 1 };
  }
  return undefined;
};

const skipSpaces = (text: string, from: number): number => {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
};

/** Reads the variable that starts at `at` (`${`); the piece and the index after it, or a reason. */
const readVariable = (text: string, at: number): { piece: Piece; end: number } | string => {
  let i = at + 2;
  while (i < text.length && text[i] !== ',' && text[i] !== '}') i++;
  if (i >= text.length) return `the policy variable at character ${at} has no closing '}'`;
  const inner = text.slice(at + 2, i);
  const special = text[i] === '}' && Object.hasOwn(SPECIAL, inner) ? SPECIAL[inner] : undefined;
  if (special) return { piece: { kind: 'literal', text: special }, end: i + 1 };
  const key = inner.trim();
  if (!KEY.test(key)) return `'\${${inner}}' does not name a condition key`;
  if (text[i] === '}') return { piece: { kind: 'variable', key }, end: i + 1 };
  const quoted = readQuoted(text, skipSpaces(text, i + 1));
  const end = quoted ? skipSpaces(text, quoted.end) : -1;
  if (!quoted || text[end] !== '}') {
    return `the default value of the policy variable at character ${at} is not a quoted string followed by '}'`;
  }
  return { piece: { kind: 'variable', key, fallback: quoted.value }, end: end + 1 };
};

/**
 * The pieces of a policy string, or the reason it is malformed (an unclosed or empty variable).
 * @example readTemplate('home/${aws:username}/*') // pattern 'home/', variable aws:username, pattern '/*'
 */
export const readTemplate = (text: string): Piece[] | string => {
  const pieces: Piece[] = [];
  let from = 0;
  for (let at = text.indexOf('${'); at >= 0; at = text.indexOf('${', from)) {
    if (at > from) pieces.push({ kind: 'pattern', text: text.slice(from, at) });
    const read = readVariable(text, at);
    if (typeof read === 'string') return read;
    pieces.push(read.piece);
    from = read.end;
  }
  if (from < text.length) pieces.push({ kind: 'pattern', text: text.slice(from) });
  return pieces;
};

/**
 * A policy string as a pattern: variables replaced by `lookup` (a single value, or undefined for
 * a missing or multivalued key) when `variables` is on, or undefined when one cannot be resolved.
 * With `widen`, an unresolved variable becomes a `*` instead: the widest pattern any value of it
 * could give, so a miss of that pattern is a miss whatever the variable holds.
 * @example resolve('${aws:username}-*', (k) => 'al*ce', true) // { text: 'al*ce-*', literal: {2} }
 */
export const resolve = (
  text: string,
  lookup: (key: string) => string | undefined,
  variables: boolean,
  widen = false,
): Pattern | undefined => {
  if (!variables || !text.includes('${')) return { text, literal: NONE };
  const pieces = readTemplate(text);
  if (typeof pieces === 'string') return undefined;
  let out = '';
  let length = 0;
  const literal = new Set<number>();
  for (const piece of pieces) {
    const found = piece.kind === 'variable' ? (lookup(piece.key) ?? piece.fallback) : piece.text;
    if (found === undefined && !widen) return undefined;
    const value = found ?? '*';
    const chars = Array.from(value);
    if (piece.kind !== 'pattern' && found !== undefined) {
      for (const [i, c] of chars.entries()) if (c === '*' || c === '?') literal.add(length + i);
    }
    out += value;
    length += chars.length;
  }
  return { text: out, literal };
};
