/**
 * IAM's condition operators as data: each base operator's family, whether it is negated, and
 * whether it takes policy variables; and the reading of an operator name with its `IfExists`
 * suffix and `ForAnyValue:`/`ForAllValues:` prefix. Names are case-sensitive, as IAM spells them.
 */

export type Family = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

/**
 * How a base operator compares one request value with one policy value. A negated operator
 * holds for a request value that matches none of the policy values (`NotIpAddress`: in none of
 * the CIDRs); the comparison named here is always the positive one.
 */
export type Comparison =
  | 'equals'
  | 'equals-ignore-case'
  | 'like'
  | 'less'
  | 'less-or-equal'
  | 'greater'
  | 'greater-or-equal'
  | 'in-cidr'
  | 'absent';

export interface BaseOperator {
  family: Family;
  comparison: Comparison;
  negated: boolean;
}

const op = (family: Family, comparison: Comparison, negated = false): BaseOperator => ({
  family,
  comparison,
  negated,
});

/** Every base operator of IAM's condition language. */
export const OPERATORS: Readonly<Record<string, BaseOperator>> = {
  StringEquals: op('string', 'equals'),
  StringNotEquals: op('string', 'equals', true),
  StringEqualsIgnoreCase: op('string', 'equals-ignore-case'),
  StringNotEqualsIgnoreCase: op('string', 'equals-ignore-case', true),
  StringLike: op('string', 'like'),
  StringNotLike: op('string', 'like', true),
  NumericEquals: op('numeric', 'equals'),
  NumericNotEquals: op('numeric', 'equals', true),
  NumericLessThan: op('numeric', 'less'),
  NumericLessThanEquals: op('numeric', 'less-or-equal'),
  NumericGreaterThan: op('numeric', 'greater'),
  NumericGreaterThanEquals: op('numeric', 'greater-or-equal'),
  DateEquals: op('date', 'equals'),
  DateNotEquals: op('date', 'equals', true),
  DateLessThan: op('date', 'less'),
  DateLessThanEquals: op('date', 'less-or-equal'),
  DateGreaterThan: op('date', 'greater'),
  DateGreaterThanEquals: op('date', 'greater-or-equal'),
  Bool: op('bool', 'equals'),
  BinaryEquals: op('binary', 'equals'),
  IpAddress: op('ip', 'in-cidr'),
  NotIpAddress: op('ip', 'in-cidr', true),
  // ArnEquals and ArnLike are the same test: both match each ARN segment with wildcards.
  ArnEquals: op('arn', 'like'),
  ArnLike: op('arn', 'like'),
  ArnNotEquals: op('arn', 'like', true),
  ArnNotLike: op('arn', 'like', true),
  Null: op('null', 'absent'),
};

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

/** An operator name read: `ForAllValues:StringLikeIfExists` is StringLike, IfExists, ForAllValues. */
export interface Operator {
  name: string;
  base: BaseOperator;
  ifExists: boolean;
  set?: SetQualifier;
}

/** Policy variables are resolved in the values of string and ARN operators only, as IAM does. */
export const takesVariables = (base: BaseOperator): boolean =>
  base.family === 'string' || base.family === 'arn';

/**
 * The operator a condition names, or the reason it is not one.
 * @example readOperator('ForAnyValue:StringNotLike') // { base: StringNotLike, ifExists: false, set: 'ForAnyValue' }
 */
export const readOperator = (name: string): Operator | string => {
  const colon = name.indexOf(':');
  const qualifier = colon < 0 ? undefined : name.slice(0, colon);
  if (qualifier !== undefined && qualifier !== 'ForAnyValue' && qualifier !== 'ForAllValues') {
    return `'${qualifier}' is not a set operator (ForAnyValue or ForAllValues)`;
  }
  const rest = colon < 0 ? name : name.slice(colon + 1);
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  const baseName = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const base = Object.hasOwn(OPERATORS, baseName) ? OPERATORS[baseName] : undefined;
  if (!base) return `'${rest}' is not a condition operator`;
  if (base.family === 'null' && (ifExists || qualifier)) {
    return 'Null takes neither the IfExists suffix nor a set operator';
  }
  return { name, base, ifExists, ...(qualifier ? { set: qualifier } : {}) };
};
