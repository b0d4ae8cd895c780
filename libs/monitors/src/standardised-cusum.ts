import { addToBaseline, emptyBaseline, estimateBaseline, type Baseline, type BaselineAccumulator } from './baseline-estimate';
import { summaryMean, type BatchSummary } from './batch-summary';
import { crossing, cusumStatistic, initialCusumState, leadingDirection, stepCusum, type CusumState, type Direction } from './cusum-recursion';
import { withDefaults } from './with-defaults';

/**
 * A two-sided CUSUM on a stream of per-minute batch summaries of one metric. The first `baselineMinutes`
 * minutes with at least `minCount` units estimate the in-control level (mean, within-minute variance and
 * between-minute overdispersion tau^2, see baseline-estimate); afterwards each minute is standardised,
 * z = (mean - mu0) / sqrt(sigma0^2 / n + tau^2), and fed to Page's recursion. Without tau^2 real traffic,
 * whose mix shifts from minute to minute, would alarm constantly. Minutes below `minCount` are skipped
 * (too noisy to standardise; they do not count as warm-up either). After an alarm the detector starts a
 * fresh warm-up, so a level that persists becomes the new normal and the episode ends.
 */
export interface StandardisedCusumOptions {
  /** Eligible minutes that estimate the baseline. Default 60. */
  baselineMinutes: number;
  /** Least units for a minute to count. Default 20. */
  minCount: number;
  /** Reference value (half the standardised shift detected fastest). Default 0.5. */
  k: number;
  /** Decision threshold on max(S+, S-). Default 8 (two-sided in-control ARL of several thousand minutes). */
  h: number;
  /** Least per-unit variance. Default 1e-9. */
  varianceFloor: number;
  /** 0/1 values: floor the variance at the binomial p(1 - p) too. Default false. */
  proportion: boolean;
  /** Estimate tau^2. Default true. */
  overdispersion: boolean;
  /**
   * |z| is clipped here before the recursion, so one freak minute (a burst from a single user) adds at
   * most zLimit - k: an alarm needs a few minutes of evidence. Negligible for Gaussian z (P(|z| > 4) =
   * 6e-5). null: no clipping. Default 4.
   */
  zLimit: number | null;
}

/** The library's defaults (its specs use them); the pipeline passes its own from `monitors.*` (apps/pipeline settings). */
export const DEFAULT_CUSUM_OPTIONS: Readonly<StandardisedCusumOptions> = Object.freeze({
  baselineMinutes: 60, minCount: 20, k: 0.5, h: 8, varianceFloor: 1e-9, proportion: false, overdispersion: true, zLimit: 4,
});

export interface CusumAlarm {
  direction: Direction;
  /** The statistic that crossed h. */
  statistic: number;
  threshold: number;
  /** The change-point estimate: the first minute after that side's statistic was last 0. */
  changeStartMs: number;
  baselineMean: number;
  /** Per-unit mean of the minutes since changeStartMs (this one included). */
  meanSinceChange: number;
  minutesSinceChange: number;
}

/** What one observation did, for a drift_stats row. z and the statistics are null-free only after warm-up. */
export interface CusumObservation {
  timeMs: number;
  count: number;
  /** Per-unit mean of this minute (NaN when empty). */
  mean: number;
  /** Below minCount (or not finite): ignored. */
  skipped: boolean;
  /** Used as baseline (or skipped while the baseline is incomplete): no z, no alarm. */
  warmingUp: boolean;
  z: number | null;
  /** max(S+, S-) after this minute (before a re-baseline). */
  statistic: number;
  up: number;
  down: number;
  /** The side with the larger statistic, null while both are 0. */
  direction: Direction | null;
  baselineMean: number | null;
  alarm: CusumAlarm | null;
}

interface SinceChange {
  minutes: number;
  units: number;
  sum: number;
}

export interface StandardisedCusumJson {
  version: 1;
  options: StandardisedCusumOptions;
  warmUp: BaselineAccumulator;
  baseline: Baseline | null;
  cusum: CusumState;
  /** What each side has seen since it last left 0, for the mean since the change. */
  since: { up: SinceChange; down: SinceChange };
}

function validated(options: StandardisedCusumOptions): StandardisedCusumOptions {
  const { baselineMinutes, minCount, k, h, varianceFloor, zLimit } = options;
  if (!(Number.isInteger(baselineMinutes) && baselineMinutes >= 2)) throw new RangeError(`baselineMinutes must be an integer >= 2, got ${baselineMinutes}`);
  if (!(minCount >= 1)) throw new RangeError(`minCount must be >= 1, got ${minCount}`);
  if (!(k >= 0) || !(h > 0)) throw new RangeError(`need k >= 0 and h > 0, got k = ${k}, h = ${h}`);
  if (!(varianceFloor > 0)) throw new RangeError(`varianceFloor must be > 0, got ${varianceFloor}`);
  if (zLimit !== null && !(zLimit > k)) throw new RangeError(`zLimit must exceed k (or be null), got ${zLimit}`);
  return { ...options };
}

const isUsable = (b: BatchSummary, minCount: number) => b.count >= minCount && Number.isFinite(b.count) && Number.isFinite(b.sum) && Number.isFinite(b.sumsq);

export class StandardisedCusum {
  private state: StandardisedCusumJson;

  constructor(options: Partial<StandardisedCusumOptions> = {}) {
    this.state = freshState(validated(withDefaults(DEFAULT_CUSUM_OPTIONS, options)));
  }

  /** The detector exactly as toJSON saw it: it continues with the same outputs. */
  static fromJSON(json: StandardisedCusumJson): StandardisedCusum {
    if (json.version !== 1) throw new RangeError(`unknown StandardisedCusum state version ${json.version}`);
    const detector = new StandardisedCusum(json.options);
    detector.state = structuredClone(json);
    return detector;
  }

  toJSON(): StandardisedCusumJson {
    return structuredClone(this.state);
  }

  get options(): Readonly<StandardisedCusumOptions> {
    return this.state.options;
  }

  get warmingUp(): boolean {
    return this.state.baseline === null;
  }

  get baseline(): Readonly<Baseline> | null {
    return this.state.baseline;
  }

  observe(batch: BatchSummary, timeMs: number): CusumObservation {
    const s = this.state;
    const o = s.options;
    const mean = summaryMean(batch);
    if (!isUsable(batch, o.minCount)) return this.summary(timeMs, batch.count, mean, true, s.baseline === null, null);
    if (s.baseline === null) {
      s.warmUp = addToBaseline(s.warmUp, batch);
      if (s.warmUp.minutes >= o.baselineMinutes) s.baseline = estimateBaseline(s.warmUp, o);
      return this.summary(timeMs, batch.count, mean, false, true, null);
    }

    const { mean: mu0, variance, tau2 } = s.baseline;
    let z = (mean - mu0) / Math.sqrt(variance / batch.count + tau2);
    if (o.zLimit !== null) z = Math.max(-o.zLimit, Math.min(o.zLimit, z));
    s.cusum = stepCusum(s.cusum, z, timeMs, o.k);
    s.since = { up: sinceAfter(s.since.up, s.cusum.up.statistic, batch), down: sinceAfter(s.since.down, s.cusum.down.statistic, batch) };
    const observation = this.summary(timeMs, batch.count, mean, false, false, z);
    const direction = crossing(s.cusum, o.h);
    if (direction !== null) {
      const side = s.cusum[direction];
      const since = s.since[direction];
      observation.alarm = {
        direction, statistic: side.statistic, threshold: o.h, changeStartMs: side.startMs as number, baselineMean: mu0,
        meanSinceChange: since.sum / since.units, minutesSinceChange: since.minutes,
      };
      this.state = freshState(o); // re-baseline: a level that persists becomes the new normal
    }
    return observation;
  }

  private summary(timeMs: number, count: number, mean: number, skipped: boolean, warmingUp: boolean, z: number | null): CusumObservation {
    const { cusum, baseline } = this.state;
    return {
      timeMs, count, mean, skipped, warmingUp, z, statistic: cusumStatistic(cusum), up: cusum.up.statistic, down: cusum.down.statistic,
      direction: leadingDirection(cusum), baselineMean: baseline === null ? null : baseline.mean, alarm: null,
    };
  }
}

const noneSince = (): SinceChange => ({ minutes: 0, units: 0, sum: 0 });

/** A side's running totals after a minute: reset while the side is at 0. */
const sinceAfter = (since: SinceChange, statistic: number, batch: BatchSummary): SinceChange =>
  statistic === 0 ? noneSince() : { minutes: since.minutes + 1, units: since.units + batch.count, sum: since.sum + batch.sum };

function freshState(options: StandardisedCusumOptions): StandardisedCusumJson {
  return {
    version: 1, options, warmUp: emptyBaseline(), baseline: null, cusum: initialCusumState(),
    since: { up: noneSince(), down: noneSince() },
  };
}
