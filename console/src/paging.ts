/** Listings read page by page behind a first render: each page shown as it arrives. */

export interface Progress<T> {
  /** Every item read so far after the first page. */
  items: T[];
  /** Pages read so far, the first one included. */
  pages: number;
  /** The NextToken of what is still to read; none once everything is read. */
  token?: string;
}

/**
 * Reads the pages after `token` one after another, handing `shown` the progress after each, and
 * stops as soon as `live()` is false (the view went away or loaded again).
 * @example await readOn((t) => callApi(who, 'GetIpamPoolAllocations', { …, NextToken: t }).then(…), first.NextToken, setRest, () => live)
 */
export const readOn = async <T>(
  page: (token: string) => Promise<{ items: T[]; token?: string }>,
  token: string | undefined,
  shown: (progress: Progress<T>) => void,
  live: () => boolean,
): Promise<Progress<T>> => {
  let now: Progress<T> = { items: [], pages: 1, token };
  while (now.token && live()) {
    const next = await page(now.token);
    if (!live()) break;
    now = { items: [...now.items, ...next.items], pages: now.pages + 1, token: next.token };
    shown(now);
  }
  return now;
};
