/**
 * The node writes of a claim, as planned: a claim one level below an existing node creates that
 * node and marks its cell under position conditions ('mark'), not by rewriting the parent at its
 * version, so creations do not contend with other claims and creations in the parent.
 */
import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../../core/cidr';
import { claimWrites } from '../../../core/space/plan';
import { makeNode, nodeKey } from '../../helpers/fixtures';

const root = () => makeNode({ key: nodeKey(), v: 7 });
/** A write as plain data, without the derived tables a view may carry (never stored). */
const DERIVED = new Set(['mf', 'mfV', 'cs', 'csV']);
const plain = (w: object) =>
  JSON.parse(
    JSON.stringify(w, (k, v) =>
      DERIVED.has(k)
        ? undefined
        : v instanceof Map
          ? Object.fromEntries(v)
          : typeof v === 'bigint'
            ? v.toString(16)
            : v,
    ),
  );

describe('claimWrites', () => {
  it('creates a node one level down with a mark of its cell in the parent', () => {
    const writes = claimWrites([root()], parseCidr('10.1.2.0/24'), 8, 'alloc-1');
    const below = { 129: 1, 64: 1, 32: 1, 16: 1, 8: 1, 4: 1, 2: 1, 1: 1 };
    expect(writes?.map(plain)).toEqual([
      {
        kind: 'mark',
        key: { space: 'ipam-pool-1', version: 4, start: 'a000000', prefix: 8 },
        pos: 257,
        hint: 17,
      },
      {
        kind: 'put',
        node: {
          key: { space: 'ipam-pool-1', version: 4, start: 'a010000', prefix: 16 },
          v: expect.any(Number),
          b: { 258: 'alloc-1' },
          u: below,
          m: {},
        },
        expectVersion: null,
      },
    ]);
  });

  it('creates two levels by rewriting the parent at the version read', () => {
    const writes = claimWrites([root()], parseCidr('10.1.2.0/28'), 8, 'alloc-2');
    expect(writes?.map((w) => [w.kind, w.kind === 'put' ? w.expectVersion : undefined])).toEqual([
      ['put', 7],
      ['put', null],
      ['put', null],
    ]);
  });

  it('refuses a cell under a claim of the parent', () => {
    expect(
      claimWrites(
        [makeNode({ key: nodeKey(), b: { 2: 'big' }, u: { 1: 1 } })],
        parseCidr('10.1.2.0/24'),
        8,
        'x',
      ),
    ).toBeUndefined();
  });
});
