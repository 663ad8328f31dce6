import { describe, expect, it } from 'vitest';
import { changes, isTicked, type OrgTree, selectOnly, tick, untick } from '../../../console/src/ou-tree';

// o-a1b2c3d4e5 / r-abcd: prod > (web, db > (replica)); dev
const tree: OrgTree = {
  orgId: 'o-a1b2c3d4e5',
  rootId: 'r-abcd',
  ous: [
    { id: 'ou-abcd-prod0000', parentId: 'r-abcd', name: 'prod' },
    { id: 'ou-abcd-web00000', parentId: 'ou-abcd-prod0000', name: 'web' },
    { id: 'ou-abcd-db000000', parentId: 'ou-abcd-prod0000', name: 'db' },
    { id: 'ou-abcd-replica0', parentId: 'ou-abcd-db000000', name: 'replica' },
    { id: 'ou-abcd-dev00000', parentId: 'r-abcd', name: 'dev' },
  ],
};
const P = 'o-a1b2c3d4e5/r-abcd/ou-abcd-prod0000';
const DB = `${P}/ou-abcd-db000000`;

describe('the OU exclusions picker (F-OUX-08)', () => {
  it('ticking an OU ticks its child OUs: one /* path, folding the children already ticked', () => {
    const withDb = tick(tree, [], 'ou-abcd-db000000');
    expect(withDb).toEqual([`${DB}/*`]);
    const all = tick(tree, withDb, 'ou-abcd-prod0000');
    expect(all).toEqual([`${P}/*`]);
    expect(
      ['ou-abcd-prod0000', 'ou-abcd-replica0', 'ou-abcd-dev00000'].map((id) => isTicked(tree, all, id)),
    ).toEqual([true, true, false]);
    // Ticking a child under a ticked parent changes nothing.
    expect(tick(tree, all, 'ou-abcd-web00000')).toEqual([`${P}/*`]);
  });

  it('unticking a child keeps the parent alone (trailing /) and its other children by their own paths', () => {
    const one = untick(tree, [`${P}/*`], 'ou-abcd-replica0');
    expect(one).toEqual([`${P}/`, `${DB}/`, `${P}/ou-abcd-web00000/*`]);
    const both = untick(tree, untick(tree, [`${P}/*`], 'ou-abcd-web00000'), 'ou-abcd-db000000');
    expect(both).toEqual([`${P}/`]);
  });

  it('selects only one OU, out of its parent /* too', () => {
    expect(selectOnly(tree, [`${P}/*`], 'ou-abcd-prod0000')).toEqual([`${P}/`]);
    expect(selectOnly(tree, [`${P}/*`], 'ou-abcd-db000000')).toEqual([
      `${P}/`,
      `${P}/ou-abcd-web00000/*`,
      `${DB}/`,
    ]);
  });

  it('saves the difference, a trailing / being optional', () => {
    expect(changes([`${P}/*`, `${DB}`], [`${DB}/`, 'o-a1b2c3d4e5/r-abcd/ou-abcd-dev00000/'])).toEqual({
      add: ['o-a1b2c3d4e5/r-abcd/ou-abcd-dev00000/'],
      remove: [`${P}/*`],
    });
  });
});
