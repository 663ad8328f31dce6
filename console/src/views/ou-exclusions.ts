/**
 * The OU exclusions picker of `#/discovery` (F-OUX-08): the organization's OU tree with a box per
 * OU (ticking one ticks its child OUs: a `/*` path), row actions "select all child OUs", "select
 * only this OU" and "copy OU entity path", a free-text path, and chips of what is selected. Save
 * sends the difference as ModifyIpamResourceDiscovery's Add/RemoveOrganizationalUnitExclusions.
 *
 * The tree comes from `DescribeOrganization` on the JSON API, which shows the OUs to the IPAM
 * delegated admin (the only account that may change exclusions, F-OUX-05); AWS Organizations'
 * own ListRoots/ListOrganizationalUnitsForParent answer the management account alone.
 */
import { useState } from 'preact/hooks';
import { type Answer, callApi } from '../api';
import {
  changes,
  entityPath,
  isTicked,
  type OrgTree,
  type Ou,
  parseEntry,
  selectOnly,
  tick,
  untick,
} from '../ou-tree';
import type { Credentials } from '../session';
import { ErrorNote, html, inputText, Show, useAction, useLoad } from '../ui';

const loadTree = async (who: Credentials): Promise<(OrgTree & { admin: string }) | undefined> => {
  const { Organization: org, OrganizationalUnits: units } = await callApi(who, 'DescribeOrganization', {});
  if (!org || !units?.length || !org.DelegatedAdminAccountId) return undefined;
  const ous = (units as Answer[]).map(
    (u): Ou => ({ id: u.OrganizationalUnitId, parentId: u.ParentId, name: u.Name }),
  );
  return { orgId: org.OrganizationId, rootId: org.RootId, ous, admin: org.DelegatedAdminAccountId };
};

interface Edit {
  tree: OrgTree;
  entries: string[];
  set(next: string[]): void;
  say(text: string): void;
}

const copyPath = async (path: string, say: (text: string) => void) => {
  try {
    await navigator.clipboard.writeText(path);
    say(`Copied ${path}`);
  } catch {
    say(`Copy this path: ${path}`);
  }
};

const OuRow = ({ ou, edit }: { ou: Ou; edit: Edit }): unknown => {
  const { tree, entries, set } = edit;
  const ticked = isTicked(tree, entries, ou.id);
  const children = tree.ous.filter((u) => u.parentId === ou.id);
  return html`<li>
    <label class="inline"><input type="checkbox" checked=${ticked}
      onChange=${() => set(ticked ? untick(tree, entries, ou.id) : tick(tree, entries, ou.id))} />
      ${ou.name} (${ou.id})</label>
    <button class="secondary" aria-label=${`Select all child OUs of ${ou.name}`} onClick=${() => set(tick(tree, entries, ou.id))}>All child OUs</button>
    <button class="secondary" aria-label=${`Select only ${ou.name}`} onClick=${() => set(selectOnly(tree, entries, ou.id))}>Only this OU</button>
    <button class="secondary" aria-label=${`Copy OU entity path of ${ou.name}`} onClick=${() => copyPath(`${entityPath(tree, ou.id)}/`, edit.say)}>Copy path</button>
    ${children.length ? html`<ul class="tree">${children.map((c) => html`<${OuRow} ou=${c} edit=${edit} />`)}</ul>` : null}
  </li>`;
};

const Chips = ({ entries, set }: { entries: string[]; set(next: string[]): void }) =>
  entries.length === 0
    ? html`<p class="note">No OU excluded: every account of the organization is discovered.</p>`
    : html`<ul class="chips" aria-label="Selected exclusions">${entries.map((e) => {
        const { ous, all } = parseEntry(e);
        return html`<li class="chip"><strong>${ous.at(-1)}</strong>${all ? ' and child OUs' : ''} <code>${e}</code>
          <button class="secondary" aria-label=${`Remove ${e}`} onClick=${() => set(entries.filter((x) => x !== e))}>×</button></li>`;
      })}</ul>`;

const PathEntry = ({ add }: { add(path: string): void }) => {
  const [text, setText] = useState('');
  return html`<label>Exclusion path<input value=${text} placeholder="o-…/r-…/ou-…/" onInput=${(e: Event) => setText(inputText(e))} /></label>
    <button class="secondary" disabled=${!text.trim()} onClick=${() => {
      add(text.trim());
      setText('');
    }}>Add path</button>`;
};

const Picker = ({ who, rd, tree, done }: { who: Credentials; rd: Answer; tree: OrgTree; done(): void }) => {
  const saved: string[] = (rd.OrganizationalUnitExclusions ?? []).map(
    (o: Answer) => o.OrganizationsEntityPath,
  );
  const [entries, set] = useState(saved);
  const [said, say] = useState('');
  const act = useAction();
  const { add, remove } = changes(saved, entries);
  const save = () =>
    act.run(async () => {
      await callApi(who, 'ModifyIpamResourceDiscovery', {
        IpamResourceDiscoveryId: rd.IpamResourceDiscoveryId,
        ...(add.length
          ? { AddOrganizationalUnitExclusions: add.map((p) => ({ OrganizationsEntityPath: p })) }
          : {}),
        ...(remove.length
          ? { RemoveOrganizationalUnitExclusions: remove.map((p) => ({ OrganizationsEntityPath: p })) }
          : {}),
      });
      done();
    });
  const edit: Edit = { tree, entries, set, say };
  return html`<section class="panel column" aria-label=${`OU exclusions of ${rd.IpamResourceDiscoveryId}`}>
    <h3>OU exclusions of ${rd.IpamResourceDiscoveryId}</h3>
    <p class="note">Organization ${tree.orgId}, root ${tree.rootId}. Ticking an OU excludes it and its child OUs (<code>/*</code>).</p>
    <ul class="tree" aria-label="Organizational units">${tree.ous.filter((u) => u.parentId === tree.rootId).map((u) => html`<${OuRow} ou=${u} edit=${edit} />`)}</ul>
    <p role="status" aria-label="Copied path">${said}</p>
    <${Chips} entries=${entries} set=${set} />
    <div class="row"><${PathEntry} add=${(p: string) => set([...entries.filter((e) => e !== p), p])} /></div>
    <button disabled=${act.busy || add.length + remove.length === 0} onClick=${save}>Save OU exclusions</button>
    <${ErrorNote} error=${act.error} />
  </section>`;
};

/** The picker for each resource discovery the organization's IPAM delegated admin owns. */
export const OuExclusions = ({
  who,
  discoveries,
  done,
}: {
  who: Credentials;
  discoveries: Answer[];
  done(): void;
}) => {
  const tree = useLoad(() => loadTree(who), [who]);
  return html`<h2>OU exclusions</h2>
    <${Show} loaded=${tree}>${(t: Awaited<ReturnType<typeof loadTree>>) => {
      const own = t ? discoveries.filter((d) => d.OwnerId === t.admin) : [];
      return !t || own.length === 0
        ? html`<p class="empty">OU exclusions are for the IPAM delegated admin of an organization with OUs: sign in as that account to exclude OUs from its resource discoveries.</p>`
        : own.map(
            (rd) =>
              html`<${Picker} key=${`${rd.IpamResourceDiscoveryId}${JSON.stringify(rd.OrganizationalUnitExclusions)}`} who=${who} rd=${rd} tree=${t} done=${done} />`,
          );
    }}<//>`;
};
