/**
 * The Hilbert curve of the CIDR map: cell d of a 2^order × 2^order square and back. Consecutive
 * cells are always neighbours, so consecutive addresses stay together and every aligned block of
 * 4^k cells is a square (a /24 in a /16 map of /28 cells is a 4 × 4 square).
 */

/** Cell index → [x, y]. @example d2xy(1, 3) // [1, 0] */
export const d2xy = (order: number, d: number): [number, number] => {
  let x = 0;
  let y = 0;
  let t = d;
  for (let s = 1; s < 1 << order; s *= 2) {
    const rx = 1 & (t >> 1);
    const ry = 1 & (t ^ rx);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
    x += s * rx;
    y += s * ry;
    t = Math.floor(t / 4);
  }
  return [x, y];
};

/** [x, y] → cell index, the inverse of d2xy. @example xy2d(1, 1, 0) // 3 */
export const xy2d = (order: number, px: number, py: number): number => {
  const n = 1 << order;
  let x = px;
  let y = py;
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = n - 1 - x;
        y = n - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return d;
};
