/**
 * Exact Levenshtein distance (unit insert, delete, substitute over UTF-16 code units) in
 * O((n + m) * d) time: Ukkonen's band around the diagonal, doubled until the distance fits in it.
 * Cells further than `band` from the diagonal cannot lie on a path cheaper than `band`, so a result
 * within the band is exact.
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length > b.length) [a, b] = [b, a];
  if (a.length === 0) return b.length;
  let band = Math.max(b.length - a.length, 8);
  for (;;) {
    const d = withinBand(a, b, band);
    if (d <= band) return d;
    band *= 2;
  }
}

/** The distance if it is at most `band`, otherwise some value above `band`. Requires a.length <= b.length. */
function withinBand(a: string, b: string, band: number): number {
  const n = a.length;
  const m = b.length;
  const over = band + 1;
  let previous = new Int32Array(m + 1).fill(over);
  let current = new Int32Array(m + 1).fill(over);
  for (let j = 0; j <= Math.min(m, band); j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(m, i + band);
    current[from - 1] = from - 1 === 0 && i <= band ? i : over;
    const ai = a.charCodeAt(i - 1);
    let rowMin = current[from - 1];
    for (let j = from; j <= to; j++) {
      // Plain comparisons instead of Math.min: this is the hot loop.
      let cell = previous[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const del = previous[j] + 1;
      if (del < cell) cell = del;
      const ins = current[j - 1] + 1;
      if (ins < cell) cell = ins;
      if (over < cell) cell = over;
      current[j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    if (to < m) current[to + 1] = over;
    if (rowMin > band) return over;
    [previous, current] = [current, previous];
  }
  return previous[m];
}
