/**
 * Named expression fragments (STYLE habit 4). Each fragment carries its text together with the
 * attribute names and values it uses, so a write's condition reads as the list of rules it checks:
 *
 *   and(exists('PK'), versionIs('_v', 3))
 *     → 'attribute_exists(#PK) AND #_v = :expect'  with  #PK → PK, #_v → _v, :expect → 3
 *
 * Placeholders are fixed per fragment (`#<attr>`, `:zero`, `:one`, `:expect`, ...) rather than
 * numbered, so unit tests assert exact, readable expressions. Merging fragments that bind one
 * placeholder to two different values is a programming error and throws.
 */
export interface Fragment {
  readonly text: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface ExpressionParams {
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

const ATTR = /^[A-Za-z0-9_]+$/;

const fragment = (
  text: string,
  names: Record<string, string> = {},
  values: Record<string, unknown> = {},
): Fragment => ({
  text,
  names,
  values,
});

/** The placeholder of an attribute name; every attribute we write is plain `[A-Za-z0-9_]+`. */
export const ref = (attr: string): string => {
  if (!ATTR.test(attr)) throw new Error(`unsupported attribute name ${JSON.stringify(attr)}`);
  return `#${attr}`;
};

const named = (attr: string): Record<string, string> => ({ [ref(attr)]: attr });

/** `attribute_exists(#attr)`: on PK, "the item exists". */
export const exists = (attr: string): Fragment => fragment(`attribute_exists(${ref(attr)})`, named(attr));

/** `attribute_not_exists(#attr)`: on PK, "the item does not exist yet". */
export const notExists = (attr: string): Fragment =>
  fragment(`attribute_not_exists(${ref(attr)})`, named(attr));

/** `#attr = :expect`: optimistic concurrency on a version attribute (false when absent). */
export const versionIs = (attr: string, expect: number): Fragment =>
  fragment(`${ref(attr)} = :expect`, named(attr), { ':expect': expect });

/** The attribute is absent or holds something other than `value`. */
export const notEqual = (attr: string, value: string): Fragment =>
  fragment(`(attribute_not_exists(${ref(attr)}) OR ${ref(attr)} <> :unless)`, named(attr), {
    ':unless': value,
  });

/** The attribute is absent or 0 (counts are not stored when zero). */
export const zeroOrAbsent = (attr: string): Fragment =>
  fragment(`(attribute_not_exists(${ref(attr)}) OR ${ref(attr)} = :zero)`, named(attr), { ':zero': 0 });

/**
 * After `ADD #attr :delta` the value stays within [0, limit], a missing attribute counting as 0.
 * Conditions cannot do arithmetic, so the bounds are moved to the value before the write:
 * value >= -delta (only needed when delta < 0: counters are never negative) and
 * value <= limit - delta. Empty when nothing can be violated.
 */
export const counterWithin = (attr: string, delta: number, limit?: number): Fragment => {
  const a = ref(attr);
  const parts: Fragment[] = [];
  if (delta < 0) parts.push(fragment(`${a} >= :minBefore`, named(attr), { ':minBefore': -delta }));
  if (limit !== undefined) {
    const maxBefore = limit - delta;
    // A missing counter (0) passes the upper bound only if 0 <= limit - delta.
    const text = maxBefore >= 0 ? `(attribute_not_exists(${a}) OR ${a} <= :maxBefore)` : `${a} <= :maxBefore`;
    parts.push(fragment(text, named(attr), { ':maxBefore': maxBefore }));
  }
  return and(...parts);
};

const merge = <T>(into: Record<string, T>, from: Readonly<Record<string, T>>): void => {
  for (const [k, v] of Object.entries(from)) {
    if (k in into && !Object.is(into[k], v))
      throw new Error(`placeholder ${k} bound to ${String(into[k])} and ${String(v)}`);
    into[k] = v;
  }
};

const join = (separator: string, parts: Fragment[]): Fragment => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const texts: string[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    texts.push(p.text);
    merge(names, p.names);
    merge(values, p.values);
  }
  return fragment(texts.join(separator), names, values);
};

/** Conjunction of fragments; empty fragments are skipped. */
export const and = (...parts: Fragment[]): Fragment => join(' AND ', parts);

/** `#attr = :placeholder` inside a SET clause. */
export const setTo = (attr: string, placeholder: string, value: unknown): Fragment =>
  fragment(`${ref(attr)} = ${placeholder}`, named(attr), { [placeholder]: value });

/** `#attr :placeholder` inside an ADD clause (numbers: a missing attribute starts at 0). */
export const addTo = (attr: string, placeholder: string, value: number): Fragment =>
  fragment(`${ref(attr)} ${placeholder}`, named(attr), { [placeholder]: value });

/** `SET a, b ADD c, d` from its clauses (either may be empty). */
export const update = (clauses: { set?: Fragment[]; add?: Fragment[] }): Fragment => {
  const set = join(', ', clauses.set ?? []);
  const add = join(', ', clauses.add ?? []);
  const sections = [
    set.text && fragment(`SET ${set.text}`, set.names, set.values),
    add.text && fragment(`ADD ${add.text}`, add.names, add.values),
  ];
  return join(
    ' ',
    sections.filter((s): s is Fragment => s !== ''),
  );
};

/**
 * The expression members of a request: condition and update text with their merged names/values.
 * @example expressionParams({ condition: notExists('PK') })
 *   // { ConditionExpression: 'attribute_not_exists(#PK)', ExpressionAttributeNames: { '#PK': 'PK' } }
 */
export const expressionParams = (e: { condition?: Fragment; update?: Fragment }): ExpressionParams => {
  const all = join(
    ' ',
    [e.update, e.condition].filter((f): f is Fragment => f !== undefined),
  );
  return {
    ...(e.condition && e.condition.text !== '' ? { ConditionExpression: e.condition.text } : {}),
    ...(e.update && e.update.text !== '' ? { UpdateExpression: e.update.text } : {}),
    ...(Object.keys(all.names).length > 0 ? { ExpressionAttributeNames: { ...all.names } } : {}),
    ...(Object.keys(all.values).length > 0 ? { ExpressionAttributeValues: { ...all.values } } : {}),
  };
};
