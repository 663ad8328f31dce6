/** The pool page's tags: add (CreateTags), remove (DeleteTags). */
import { type Answer, callApi } from '../api';
import type { Credentials } from '../session';
import { ErrorNote, formValues, html, useAction } from '../ui';

export const Tags = ({ who, pool, reload }: { who: Credentials; pool: Answer; reload: () => void }) => {
  const act = useAction();
  const id = pool.IpamPoolId as string;
  const tags = (pool.Tags ?? []) as Answer[];
  const add = (e: Event) => {
    const v = formValues(e);
    void act.run(() =>
      callApi(who, 'CreateTags', { Resources: [id], Tags: [{ Key: v.key, Value: v.value ?? '' }] }).then(
        reload,
      ),
    );
  };
  const remove = (t: Answer) =>
    act.run(() => callApi(who, 'DeleteTags', { Resources: [id], Tags: [{ Key: t.Key }] }).then(reload));
  return html`<h2>Tags</h2>
    ${
      tags.length === 0
        ? html`<p class="empty">No tags. Add one below (tags feed allocation rules and searches).</p>`
        : html`<table aria-label="Tags"><thead><tr><th>Key</th><th>Value</th><th>Actions</th></tr></thead>
        <tbody>${tags.map(
          (t) => html`<tr key=${t.Key}><td>${t.Key}</td><td>${t.Value}</td>
          <td><button class="secondary" aria-label=${`Remove tag ${t.Key}`} onClick=${() => remove(t)}>Remove</button></td></tr>`,
        )}</tbody></table>`
    }
    <form onSubmit=${add} aria-label="Add tag">
      <label>Tag key <input name="key" required /></label>
      <label>Tag value <input name="value" /></label>
      <button disabled=${act.busy}>Add tag</button>
      <${ErrorNote} error=${act.error} />
    </form>`;
};
