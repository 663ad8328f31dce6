/** What every view shares: the htm binding, loading and acting hooks, errors, the typed delete. */
import htm from 'htm';
import { h, type VNode } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { type Progress, readOn } from './paging';

export const html = htm.bind(h) as (strings: TemplateStringsArray, ...values: unknown[]) => VNode;

export interface Loaded<T> {
  data?: T;
  error?: ApiError;
  reload(): void;
}

const asApiError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError('ConsoleError', e instanceof Error ? e.message : String(e), 0);

/** Runs `load` when `deps` change (and on reload()); the answer or the API's refusal. */
export const useLoad = <T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> => {
  const [state, setState] = useState<{ data?: T; error?: ApiError }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data }),
      (e) => live && setState({ error: asApiError(e) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: useCallback(() => setTick((t) => t + 1), []) };
};

/**
 * The pages of a listing after the one behind `token`, read one after another while the view
 * shows what it has; `owner` is what the pages belong to (the first page's answer), so pages of
 * an earlier load are never shown with a new one.
 */
export const usePagesAfter = <T>(
  owner: object | undefined,
  token: string | undefined,
  page: (token: string) => Promise<{ items: T[]; token?: string }>,
): Progress<T> & { error?: ApiError } => {
  const [rest, setRest] = useState<Progress<T> & { owner?: object; error?: ApiError }>({
    items: [],
    pages: 1,
  });
  useEffect(() => {
    let live = true;
    let now: Progress<T> = { items: [], pages: 1, token };
    setRest({ ...now, owner });
    const shown = (p: Progress<T>) => {
      now = p;
      setRest({ ...p, owner });
    };
    readOn(page, token, shown, () => live).catch(
      (e) => live && setRest({ ...now, owner, error: asApiError(e) }),
    );
    return () => {
      live = false;
    };
  }, [owner]);
  return rest.owner === owner ? rest : { items: [], pages: 1, token };
};

/** A write a form or button makes: busy while it runs, its refusal kept to show next to it. */
export const useAction = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const run = async <T>(act: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await act();
    } catch (e) {
      setError(asApiError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
};

/** An API refusal as EC2 gives it: code, then message. */
export const ErrorNote = ({ error }: { error?: ApiError }) =>
  error ? html`<p class="error" role="alert"><strong>${error.code}</strong>: ${error.message}</p>` : null;

/** A listing's three states: its refusal, still loading, or the view of its data. */
export const Show = <T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => unknown }) =>
  loaded.error
    ? html`<${ErrorNote} error=${loaded.error} />`
    : loaded.data === undefined
      ? html`<p class="note" aria-busy="true">Loading…</p>`
      : children(loaded.data);

/** F-IPAM-10: deleting from the console takes typing `delete`. */
export const ConfirmDelete = ({ what, onDelete }: { what: string; onDelete: () => Promise<unknown> }) => {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const act = useAction();
  if (!open)
    return html`<button class="danger" onClick=${() => setOpen(true)} aria-label=${`Delete ${what}`}>Delete</button>`;
  return html`<span class="panel" role="group" aria-label=${`Confirm deleting ${what}`}>
    <label>Type "delete" to confirm deleting ${what}
      <input value=${typed} onInput=${(e: Event) => setTyped((e.target as HTMLInputElement).value)} />
    </label>
    <button class="danger" disabled=${typed !== 'delete' || act.busy} onClick=${() => act.run(onDelete)}>
      Confirm delete
    </button>
    <button class="secondary" onClick=${() => setOpen(false)}>Cancel</button>
    <${ErrorNote} error=${act.error} />
  </span>`;
};

/** A utilisation bar with its figure in words for screen readers. */
export const Bar = ({ percent, label }: { percent: number; label: string }) =>
  html`<span class="bar" role="img" aria-label=${`${label}: ${percent}%`}><span style=${`width:${Math.min(100, percent)}%`}></span></span> ${percent}%`;

/** The value of an input event's target. */
export const inputText = (e: Event): string => (e.target as HTMLInputElement).value;

/** Reads a form's fields by name. */
export const formValues = (e: Event): Record<string, string> => {
  e.preventDefault();
  const data = new FormData(e.target as HTMLFormElement);
  return Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v).trim()]));
};

/** The id at the end of an ARN (`arn:…:ipam-scope/ipam-scope-1` → `ipam-scope-1`). */
export const idOfArn = (arn: string | undefined): string => arn?.split('/').pop() ?? '';
