/**
 * Chatbot Arena style-control differences: (A - B) / (A + B + 1) per numeric feature both sides have.
 * For non-negative features the result lies in (-1, 1), is 0 for equal values, and flips sign when
 * the sides swap. The arena then z-normalises each column over the battles; that is a statistic of
 * the whole sample and belongs to the model fitting it, not here.
 */
export function featureDiffs(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const diffs: Record<string, number> = {};
  for (const name in a) {
    if (!Object.hasOwn(a, name) || !Object.hasOwn(b, name)) continue;
    const x = a[name];
    const y = b[name];
    if (!(x >= 0) || !(y >= 0) || x === Infinity || y === Infinity) throw new RangeError(`feature ${name}: style diffs need finite values >= 0, got ${x} and ${y}`);
    diffs[name] = (x - y) / (x + y + 1);
  }
  return diffs;
}
