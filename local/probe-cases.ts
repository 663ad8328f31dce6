/**
 * The requests of `npm run probe`, generated from the API model: for every JSON action, each input
 * member replaced in turn by hostile values of its class (oversized, multi-byte, malformed ids,
 * wrong JSON types, out-of-range numbers, huge lists, too many or too long tags, backtracking
 * filter patterns), plus whole bodies that are not the action's input at all.
 */
import { apiModel, type Ec2Model } from '../handlers/api/model/model';

export interface ProbeCase {
  action: string;
  /** The fuzz class (what kind of hostile input this is). */
  kind: string;
  /** The raw request body. */
  body: string;
}

const BIG = 40_000;
const shapeOf = (model: Ec2Model, name: string) => model.shapes[name];

/** Hostile values for one member of scalar type `type`, each with its class. */
const scalarValues = (member: string, type: string): [string, unknown][] => {
  if (type === 'string') {
    const id = /Id$/.test(member);
    return [
      ['oversized string', 'a'.repeat(BIG)],
      ['multi-byte string', 'é€'.repeat(BIG / 2)],
      ['control characters', 'x\u0000\n\u202e'],
      ['wrong type', 12345],
      ['wrong type', { nested: true }],
      ...(id ? [['malformed id', 'ipam-pool-zz!'] as [string, unknown]] : []),
    ];
  }
  if (type === 'integer' || type === 'long')
    return [
      ['out of range', -1],
      ['out of range', 2 ** 53],
      ['out of range', member === 'MaxResults' ? 1001 : 1e12],
      ['wrong type', 'twelve'],
      ['wrong type', 1.5],
    ];
  if (type === 'boolean') return [['wrong type', 'yes']];
  if (type === 'timestamp') return [['wrong type', 'not a date']];
  return [['wrong type', []]];
};

const tagLists = (): [string, unknown][] => {
  const tags = (n: number, key: (i: number) => string, value: string) =>
    Array.from({ length: n }, (_, i) => ({ Key: key(i), Value: value }));
  const spec = (t: object[]) => [{ ResourceType: 'ipam-pool', Tags: t }];
  return [
    ['too many tags', spec(tags(51, (i) => `k${i}`, 'v'))],
    ['oversized tag', spec(tags(1, () => 'k'.repeat(129), 'v'))],
    ['oversized tag', spec(tags(1, () => 'k', 'v'.repeat(257)))],
    ['oversized tag', spec(tags(1, () => 'k', 'v'.repeat(100_000)))],
  ];
};

const filterLists = (): [string, unknown][] => [
  ['backtracking filter', [{ Name: 'tag:Name', Values: [`${'*a'.repeat(11)}*b`] }]],
  ['oversized filter', [{ Name: 'description', Values: ['a'.repeat(100_000)] }]],
  [
    'too many filter values',
    [{ Name: 'description', Values: Array.from({ length: 500 }, (_, i) => `v${i}`) }],
  ],
  ['too many filters', Array.from({ length: 60 }, (_, i) => ({ Name: `tag:k${i}`, Values: ['v'] }))],
];

/** Hostile values for member `name` of shape `shape`. */
const memberValues = (model: Ec2Model, name: string, shape: string): [string, unknown][] => {
  const s = shapeOf(model, shape);
  if (!s) return [];
  if (name === 'TagSpecifications' || name === 'TagSpecification')
    return [...tagLists(), ['wrong type', 'x']];
  if (name === 'Filters' || name === 'Filter') return [...filterLists(), ['wrong type', 'x']];
  if (s.type === 'list')
    return [
      [
        'oversized list',
        Array.from({ length: 2000 }, (_, i) => `ipam-pool-${i.toString(16).padStart(17, '0')}`),
      ],
      ['wrong type', 'x'],
      ['wrong type', [{}]],
    ];
  if (s.type === 'structure') return [['wrong type', 'x']];
  return scalarValues(name, s.type);
};

const WHOLE_BODIES: [string, string][] = [
  ['not JSON', '{"a":'],
  ['not an object', '[1,2,3]'],
  ['not an object', '"text"'],
  ['unknown member', JSON.stringify({ NoSuchMember: 'x' })],
  ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
];

/** Every probe case of `actions` (names served by the JSON door). */
export const probeCases = (actions: string[], model: Ec2Model = apiModel): ProbeCase[] =>
  actions.flatMap((action) => {
    const input = model.operations[action]?.input?.shape;
    const shape = input ? shapeOf(model, input) : undefined;
    const members = shape?.type === 'structure' ? Object.entries(shape.members) : [];
    const perMember = members.flatMap(([name, m]) =>
      memberValues(model, name, m.shape).map(([kind, value]) => ({
        action,
        kind,
        body: JSON.stringify({ [name]: value }),
      })),
    );
    return [...perMember, ...WHOLE_BODIES.map(([kind, body]) => ({ action, kind, body }))];
  });
