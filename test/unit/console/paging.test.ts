import { describe, expect, it } from 'vitest';
import { type Progress, readOn } from '../../../console/src/paging';

/** Pages of `size` numbers from 0 to `total` − 1; the token is the next offset. */
const pages = (total: number, size: number) => async (token: string) => {
  const from = Number(token);
  const items = Array.from({ length: Math.min(size, total - from) }, (_, k) => from + k);
  return from + size < total ? { items, token: String(from + size) } : { items };
};

describe('reading a listing on after its first page', () => {
  it('shows each page as it arrives, until no token is left', async () => {
    const seen: Progress<number>[] = [];
    const last = await readOn(
      pages(2500, 1000),
      '1000',
      (p) => seen.push(p),
      () => true,
    );
    expect(seen.map((p) => [p.items.length, p.pages, p.token])).toEqual([
      [1000, 2, '2000'],
      [1500, 3, undefined],
    ]);
    expect(last.items).toEqual(Array.from({ length: 1500 }, (_, k) => 1000 + k));
  });

  it('reads nothing when the first page was the only one', async () => {
    const seen: Progress<number>[] = [];
    expect(
      await readOn(
        pages(10, 1000),
        undefined,
        (p) => seen.push(p),
        () => true,
      ),
    ).toEqual({
      items: [],
      pages: 1,
      token: undefined,
    });
    expect(seen).toEqual([]);
  });

  it('stops, showing nothing more, once the view is gone', async () => {
    const seen: Progress<number>[] = [];
    let live = true;
    const stopping = async (token: string) => {
      live = false;
      return pages(5000, 1000)(token);
    };
    const last = await readOn(
      stopping,
      '1000',
      (p) => seen.push(p),
      () => live,
    );
    expect([seen, last.pages, last.token]).toEqual([[], 1, '1000']);
  });
});
