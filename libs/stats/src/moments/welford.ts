/**
 * Running mean and variance (Welford 1962) with the pairwise merge of Chan, Golub & LeVeque (1979),
 * so per-partition or per-minute partials combine into the moments of the union without revisiting
 * the values. Plain data: the state is the JSON checkpoint.
 */
export interface Moments {
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  m2: number;
}

export const emptyMoments = (): Moments => ({ n: 0, mean: 0, m2: 0 });

/** Adds one value in place. */
export function addValue(m: Moments, x: number): void {
  if (!Number.isFinite(x)) throw new RangeError(`moments take finite values, got ${x}`);
  m.n += 1;
  const delta = x - m.mean;
  m.mean += delta / m.n;
  m.m2 += delta * (x - m.mean);
}

/** The moments of the union of the two samples (neither input is changed). */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

/** Sample variance (n - 1 denominator); NaN below two values. */
export const sampleVariance = (m: Moments): number => (m.n > 1 ? m.m2 / (m.n - 1) : NaN);

/** Population variance (n denominator); NaN when empty. */
export const populationVariance = (m: Moments): number => (m.n > 0 ? m.m2 / m.n : NaN);

export function momentsOf(values: Iterable<number>): Moments {
  const m = emptyMoments();
  for (const x of values) addValue(m, x);
  return m;
}
