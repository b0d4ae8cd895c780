import type { Sample } from './benchmark';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Median and range of each numeric field across repetitions. */
export function summarizeSamples(samples: Sample[]): Record<string, Spread> {
  const fields = new Map<string, number[]>();
  const add = (key: string, value: unknown) => {
    if (typeof value === 'number' && Number.isFinite(value)) fields.set(key, [...(fields.get(key) ?? []), value]);
  };
  for (const s of samples) {
    add('opsPerSec', s.opsPerSec);
    add('p50Ms', s.p50Ms);
    add('p99Ms', s.p99Ms);
    for (const [k, v] of Object.entries(s.extra ?? {})) add(k, v);
  }
  return Object.fromEntries([...fields].map(([k, v]) => [k, spread(v)!]));
}

/** Exact percentile of a list of latencies (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
