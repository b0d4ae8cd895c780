import { isFiniteRow, type EffectSnapshot } from '../snapshots';
import { fitLogistic } from './logistic-regression';
import { createRowWindow, windowLabel, type RowWindow, type WindowSpec } from './row-window';
import { standardise } from './standardise';

/** vote: P(A preferred) on feature differences A - B, no intercept; thumbs: P(up) on features, with intercept. */
export type EffectTarget = 'vote' | 'thumbs';

export interface EffectObservation {
  /** Event-time minute (epoch ms, whole minute). */
  minute: number;
  /** Segments besides 'global' this row belongs to, e.g. 'tenant:acme', 'model:m1', 'cohort:new', 'user:9f2c'. */
  segments?: readonly string[];
  /** vote: normalised feature differences (A - B) / (A + B + 1); thumbs: response features. Missing = 0. */
  values: Readonly<Record<string, number>>;
  /** vote: 1 A preferred, 0 B preferred, 0.5 tie or both_bad; thumbs: 1 up, 0 down. */
  outcome: number;
}

export interface PreferenceEffectsOptions {
  target: EffectTarget;
  features: readonly string[];
  window: WindowSpec;
  /** A segment is fitted once its window holds this many rows (e.g. a user's votes). Default 50. */
  minRows?: number;
  /** L2 penalty on the global fit's slopes. Default 0. */
  penalty?: number;
  /** L2 penalty on every other segment's slopes (small segments). Default 1. */
  segmentPenalty?: number;
  /** Segments tracked at most; the least recently updated is dropped beyond it. Default 10,000. */
  maxSegments?: number;
  seed?: number;
}

/** One coefficient of one segment; coef and interval are log-odds per `scale` units of the feature. */
export interface EffectsRow {
  segment: string;
  feature: string;
  coef: number;
  se: number;
  ci_low: number;
  ci_high: number;
  n: number;
  scale: number;
}
export type EffectsTable = EffectsRow[];

export const INTERCEPT = '(intercept)';
export const GLOBAL_SEGMENT = 'global';

/**
 * Per-feature preference effects, globally and per segment, over a cumulative or sliding window.
 * Each segment keeps its own bounded row window (see RowWindow for the bound; segments are capped by
 * maxSegments, so memory <= maxSegments * window bound), and refit() solves each segment's logistic
 * regression by Newton warm-started from its previous coefficients. The result equals a batch fit of
 * the same rows (tested against gradient descent).
 */
export class PreferenceEffects {
  private readonly windows = new Map<string, RowWindow>();
  private readonly warm = new Map<string, Record<string, number>>();
  private readonly options: Required<PreferenceEffectsOptions>;
  private last: EffectsTable = [];
  private seeds = 0;

  constructor(options: PreferenceEffectsOptions) {
    this.options = { minRows: 50, penalty: 0, segmentPenalty: 1, maxSegments: 10_000, seed: 1, ...options };
    if (new Set(options.features).size !== options.features.length || options.features.includes(INTERCEPT)) throw new RangeError('feature names must be distinct and not (intercept)');
  }

  get segmentCount(): number {
    return this.windows.size;
  }
  get windowLabel(): string {
    return windowLabel(this.options.window);
  }

  add(o: EffectObservation): void {
    if (!(o.outcome >= 0 && o.outcome <= 1)) throw new RangeError(`outcome must be in [0, 1], got ${o.outcome}`);
    const row = [...this.options.features.map((f) => o.values[f] ?? 0), o.outcome];
    for (const v of row) if (!Number.isFinite(v)) throw new RangeError(`effect values must be finite, got ${v}`);
    for (const segment of [GLOBAL_SEGMENT, ...(o.segments ?? [])]) this.windowOf(segment).add(o.minute, row);
  }

  private windowOf(segment: string): RowWindow {
    let w = this.windows.get(segment);
    if (w) {
      this.windows.delete(segment); // re-insert: Map order is least recently updated first
    } else {
      w = createRowWindow(this.options.window, this.options.features.length + 1, this.options.seed + this.seeds++);
      if (this.windows.size >= this.options.maxSegments) this.evictOne();
    }
    this.windows.set(segment, w);
    return w;
  }

  private evictOne(): void {
    for (const segment of this.windows.keys()) {
      if (segment === GLOBAL_SEGMENT) continue;
      this.windows.delete(segment);
      this.warm.delete(segment);
      return;
    }
  }

  /** Refits every segment with at least minRows rows in its window. */
  refit(): EffectsTable {
    const table: EffectsTable = [];
    const segments = [...this.windows.keys()].sort((a, b) => (a === GLOBAL_SEGMENT ? -1 : b === GLOBAL_SEGMENT ? 1 : a < b ? -1 : a > b ? 1 : 0));
    for (const segment of segments) {
      const window = this.windows.get(segment)!;
      if (window.size < this.options.minRows) continue;
      table.push(...this.fitSegment(segment, window.rows()));
    }
    this.last = table;
    return table;
  }

  private fitSegment(segment: string, data: Float64Array): EffectsRow[] {
    const { features, target } = this.options;
    const intercept = target === 'thumbs';
    const s = standardise(data, features.length, intercept);
    const names = [...(intercept ? [INTERCEPT] : []), ...s.kept.map((c) => features[c])];
    const previous = this.warm.get(segment);
    const fit = fitLogistic(
      { rows: s.rows, d: s.kept.length, x: s.x, y: s.y },
      {
        intercept,
        penalty: segment === GLOBAL_SEGMENT ? this.options.penalty : this.options.segmentPenalty,
        warmStart: previous ? names.map((n) => previous[n] ?? 0) : undefined,
      },
    );
    this.warm.set(segment, Object.fromEntries(names.map((n, k) => [n, fit.coef[k]])));
    return names.map((feature, k) => ({
      segment, feature, coef: fit.coef[k], se: fit.se[k], ci_low: fit.ciLow[k], ci_high: fit.ciHigh[k], n: s.rows,
      scale: feature === INTERCEPT ? 1 : s.scale[s.kept[k - (intercept ? 1 : 0)]],
    }));
  }

  table(): EffectsTable {
    return this.last.map((r) => ({ ...r }));
  }

  snapshot(computedAt: number): EffectSnapshot[] {
    return this.last
      .map((r) => ({ computed_at: computedAt, target: this.options.target, segment: r.segment, window: this.windowLabel, feature: r.feature, coef: r.coef, se: r.se, ci_low: r.ci_low, ci_high: r.ci_high, n: r.n }))
      .filter(isFiniteRow);
  }
}
