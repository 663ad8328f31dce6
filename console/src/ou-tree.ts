/**
 * The OU exclusions picker's model (F-OUX-08), pure: an organization's OU tree and a selection
 * kept as the exclusion paths themselves (`o-…/r-…/ou-…/` for one OU, `…/*` for an OU and every
 * OU under it), so what the picker shows is exactly what ModifyIpamResourceDiscovery receives.
 * Every change keeps the set non-overlapping (F-OUX-04): no OU is excluded by two paths.
 */

export interface Ou {
  id: string;
  parentId: string;
  name: string;
}

export interface OrgTree {
  orgId: string;
  rootId: string;
  ous: Ou[];
}

/** The OU ids from the root down to `id` (itself last). */
export const chainOf = (tree: OrgTree, id: string): string[] => {
  const byId = new Map(tree.ous.map((u) => [u.id, u]));
  const chain: string[] = [];
  for (let at = byId.get(id); at && chain.length <= tree.ous.length; at = byId.get(at.parentId))
    chain.unshift(at.id);
  return chain;
};

/** The OU's entity path without a trailing mark: `o-…/r-…/ou-a/ou-b`. */
export const entityPath = (tree: OrgTree, id: string): string =>
  [tree.orgId, tree.rootId, ...chainOf(tree, id)].join('/');

/** A path's OU chain (after the root) and whether it covers the OU's descendants. */
export const parseEntry = (path: string): { ous: string[]; all: boolean } => {
  const all = /\/\*\/?$/.test(path);
  const bare = path.replace(/\/$/, '').replace(/\/\*$/, '');
  return { ous: bare.split('/').slice(2), all };
};

const ouOf = (path: string): string => parseEntry(path).ous.at(-1) ?? '';

/** The same exclusion, whatever its optional trailing `/`. */
export const samePath = (a: string, b: string): boolean => a.replace(/\/$/, '') === b.replace(/\/$/, '');

/** The entry that excludes `id`, directly or as a `/*` ancestor, if any. */
const coverOf = (tree: OrgTree, entries: readonly string[], id: string): string | undefined => {
  const chain = chainOf(tree, id);
  return entries.find((e) => ouOf(e) === id || (parseEntry(e).all && chain.includes(ouOf(e))));
};

/** Is the OU excluded (ticked)? */
export const isTicked = (tree: OrgTree, entries: readonly string[], id: string): boolean =>
  coverOf(tree, entries, id) !== undefined;

/** The entries without `id`'s own and its descendants'. */
const withoutSubtree = (entries: readonly string[], id: string): string[] =>
  entries.filter((e) => !parseEntry(e).ous.includes(id));

/**
 * Ticks the OU and all its child OUs (`/*`), folding their own entries into it.
 * @example tick(tree, [], 'ou-ab12-cccccccc') // ['o-…/r-…/ou-ab12-cccccccc/*']
 */
export const tick = (tree: OrgTree, entries: readonly string[], id: string): string[] => {
  const cover = coverOf(tree, entries, id);
  if (cover && parseEntry(cover).all && ouOf(cover) !== id) return [...entries];
  return [...withoutSubtree(entries, id), `${entityPath(tree, id)}/*`];
};

/**
 * Unticks the OU and its child OUs. Under an ancestor's `/*` that ancestor is kept alone
 * (trailing `/`), and every other OU it covered is kept by its own entry.
 */
export const untick = (tree: OrgTree, entries: readonly string[], id: string): string[] => {
  const cover = coverOf(tree, entries, id);
  if (!cover) return [...entries];
  const rest = withoutSubtree(entries, id).filter((e) => e !== cover);
  if (ouOf(cover) === id) return rest;
  const chain = chainOf(tree, id);
  const top = chain.indexOf(ouOf(cover));
  const kept = chain.slice(top, -1).map((ou) => `${entityPath(tree, ou)}/`);
  const siblings = chain
    .slice(top, -1)
    .flatMap((ou, i) => tree.ous.filter((u) => u.parentId === ou && u.id !== chain[top + i + 1]))
    .map((u) => `${entityPath(tree, u.id)}/*`);
  return [...rest, ...kept, ...siblings];
};

/** Selects the OU without its child OUs (trailing `/`). */
export const selectOnly = (tree: OrgTree, entries: readonly string[], id: string): string[] => [
  ...untick(tree, entries, id).filter((e) => !parseEntry(e).ous.includes(id)),
  `${entityPath(tree, id)}/`,
];

/** What to send to go from `saved` to `entries`: paths to add and to remove. */
export const changes = (saved: readonly string[], entries: readonly string[]) => ({
  add: entries.filter((e) => !saved.some((s) => samePath(s, e))),
  remove: saved.filter((s) => !entries.some((e) => samePath(s, e))),
});
