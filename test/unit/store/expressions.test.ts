import { describe, expect, it } from 'vitest';
import {
  addTo,
  and,
  counterWithin,
  exists,
  expressionParams,
  notExists,
  ref,
  setTo,
  update,
  versionIs,
  zeroOrAbsent,
} from '../../../core/store/dynamo/expressions';

describe('expression fragments', () => {
  it('name every attribute through a placeholder and bind fixed value placeholders', () => {
    expect(exists('PK')).toEqual({ text: 'attribute_exists(#PK)', names: { '#PK': 'PK' }, values: {} });
    expect(notExists('b5')).toEqual({
      text: 'attribute_not_exists(#b5)',
      names: { '#b5': 'b5' },
      values: {},
    });
    expect(versionIs('_v', 3)).toEqual({
      text: '#_v = :expect',
      names: { '#_v': '_v' },
      values: { ':expect': 3 },
    });
    expect(zeroOrAbsent('u5')).toEqual({
      text: '(attribute_not_exists(#u5) OR #u5 = :zero)',
      names: { '#u5': 'u5' },
      values: { ':zero': 0 },
    });
  });

  it('refuse attribute names that would need escaping', () => {
    expect(() => ref('a.b')).toThrow(/unsupported attribute name/);
    expect(() => ref('')).toThrow(/unsupported attribute name/);
  });

  it.each([
    // delta, limit, text, values
    [1, 5, '(attribute_not_exists(#PoolCount) OR #PoolCount <= :maxBefore)', { ':maxBefore': 4 }],
    [1, 1, '(attribute_not_exists(#PoolCount) OR #PoolCount <= :maxBefore)', { ':maxBefore': 0 }],
    [3, 2, '#PoolCount <= :maxBefore', { ':maxBefore': -1 }],
    [-1, undefined, '#PoolCount >= :minBefore', { ':minBefore': 1 }],
    [
      -2,
      10,
      '#PoolCount >= :minBefore AND (attribute_not_exists(#PoolCount) OR #PoolCount <= :maxBefore)',
      { ':minBefore': 2, ':maxBefore': 12 },
    ],
    [1, undefined, '', {}],
    [0, undefined, '', {}],
  ])(
    'counterWithin(delta %d, limit %s) moves the bounds to the value before the ADD',
    (delta, limit, text, values) => {
      const f = counterWithin('PoolCount', delta, limit);
      expect(f.text).toBe(text);
      expect(f.values).toEqual(values);
      expect(f.names).toEqual(text === '' ? {} : { '#PoolCount': 'PoolCount' });
    },
  );

  it('and() joins, merges names and values, and skips empty fragments', () => {
    const f = and(
      exists('PK'),
      counterWithin('f', 1),
      versionIs('_v', 2),
      zeroOrAbsent('_cidrCount'),
      zeroOrAbsent('_childCount'),
    );
    expect(f).toEqual({
      text: 'attribute_exists(#PK) AND #_v = :expect AND (attribute_not_exists(#_cidrCount) OR #_cidrCount = :zero) AND (attribute_not_exists(#_childCount) OR #_childCount = :zero)',
      names: { '#PK': 'PK', '#_v': '_v', '#_cidrCount': '_cidrCount', '#_childCount': '_childCount' },
      values: { ':expect': 2, ':zero': 0 },
    });
    expect(and()).toEqual({ text: '', names: {}, values: {} });
  });

  it('and() throws when one placeholder would carry two values', () => {
    expect(() => and(versionIs('_v', 1), versionIs('v', 2))).toThrow('placeholder :expect bound to 1 and 2');
  });

  it('update() writes SET and ADD clauses, either optional', () => {
    expect(
      update({ set: [setTo('b5', ':val', 'a')], add: [addTo('u2', ':one', 1), addTo('v', ':one', 1)] }),
    ).toEqual({
      text: 'SET #b5 = :val ADD #u2 :one, #v :one',
      names: { '#b5': 'b5', '#u2': 'u2', '#v': 'v' },
      values: { ':val': 'a', ':one': 1 },
    });
    expect(update({ add: [addTo('n', ':delta', -1)] }).text).toBe('ADD #n :delta');
    expect(update({ set: [setTo('x', ':x', 1)] }).text).toBe('SET #x = :x');
  });

  it('expressionParams() merges condition and update and leaves out what is empty', () => {
    expect(expressionParams({ condition: notExists('PK') })).toEqual({
      ConditionExpression: 'attribute_not_exists(#PK)',
      ExpressionAttributeNames: { '#PK': 'PK' },
    });
    expect(
      expressionParams({ condition: and(exists('PK')), update: update({ add: [addTo('v', ':one', 1)] }) }),
    ).toEqual({
      ConditionExpression: 'attribute_exists(#PK)',
      UpdateExpression: 'ADD #v :one',
      ExpressionAttributeNames: { '#PK': 'PK', '#v': 'v' },
      ExpressionAttributeValues: { ':one': 1 },
    });
    expect(expressionParams({ condition: and() })).toEqual({});
  });
});
