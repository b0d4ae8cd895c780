import type { Store } from '@prefstream/clickhouse';
import { PreferenceEffects, type EffectSnapshot, type WindowSpec } from '@prefstream/stats';
import { EFFECT_FEATURE_CANDIDATES, MIN_FEATURE_SUPPORT, readFeatureSupport, selectFeatures } from './effect-features';
import { effectObservation } from './effect-segments';
import { segmentTables, type EffectsReport } from './effects-report';
import { writeSnapshots } from './snapshot-writer';
import { hasFeatureDiffs } from './stored-vote';
import { IncrementalVoteReader, type VoteReaderOptions } from './vote-reader';

export interface EffectsRefresherOptions extends Pick<VoteReaderOptions, 'pageSize' | 'latenessMs'> {
  candidates?: readonly string[];
  minSupport?: number;
  /** Default: cumulative and the last 60 minutes of event time. */
  windows?: readonly WindowSpec[];
  /** Rows a segment needs before it is fitted. Default 50. */
  minRows?: number;
  /** L2 penalty of every segment but the cumulative global one, and of sliding windows. Default 1. */
  segmentPenalty?: number;
}

export const DEFAULT_EFFECT_WINDOWS: readonly WindowSpec[] = [{ kind: 'cumulative' }, { kind: 'sliding', minutes: 60 }];

/**
 * Per-feature preference effects from the votes table: logistic regression of the vote outcome on the
 * normalised feature differences, globally and per segment, per window, refitted warm on each refresh
 * from the votes added since. The feature set follows the data (features with enough non-zero
 * differences); when it changes, the fits are rebuilt from all stored votes.
 */
export class EffectsRefresher {
  private reader: IncrementalVoteReader;
  private features: string[] | null = null;
  private dropped: EffectsReport['dropped'] = [];
  private effects: PreferenceEffects[] = [];
  private votes = 0;
  private computedAt: number | null = null;
  private readonly windows: readonly WindowSpec[];

  constructor(
    private readonly store: Store,
    private readonly options: EffectsRefresherOptions = {},
  ) {
    this.windows = options.windows ?? DEFAULT_EFFECT_WINDOWS;
    this.reader = new IncrementalVoteReader(store, options);
  }

  /** Reads new votes, refits and writes effect_snapshots; returns the number of new votes with features. */
  async refresh(computedAt = Date.now()): Promise<number> {
    const minSupport = this.options.minSupport ?? MIN_FEATURE_SUPPORT;
    const { features, dropped } = selectFeatures(this.options.candidates ?? EFFECT_FEATURE_CANDIDATES, await readFeatureSupport(this.store), minSupport);
    this.dropped = dropped;
    if (this.features === null || features.join('\n') !== this.features.join('\n')) this.rebuild(features);
    let added = 0;
    for await (const page of this.reader.read()) {
      for (const vote of page) {
        if (!hasFeatureDiffs(vote)) continue;
        const observation = effectObservation(vote);
        for (const fit of this.effects) fit.add(observation);
        added++;
      }
    }
    this.votes += added;
    if (added === 0 && this.computedAt !== null) return 0;
    const rows: EffectSnapshot[] = [];
    for (const fit of this.effects) {
      fit.refit();
      rows.push(...fit.snapshot(computedAt));
    }
    await writeSnapshots(this.store, 'effect_snapshots', rows);
    this.computedAt = computedAt;
    return added;
  }

  private rebuild(features: string[]): void {
    const segmentPenalty = this.options.segmentPenalty ?? 1;
    this.features = features;
    this.votes = 0;
    this.computedAt = null;
    this.reader = new IncrementalVoteReader(this.store, this.options);
    this.effects = features.length === 0 ? [] : this.windows.map((window) => new PreferenceEffects({
      target: 'vote', features, window, minRows: this.options.minRows ?? 50, segmentPenalty,
      // A sliding window can be small, like a segment: regularise it the same way.
      penalty: window.kind === 'cumulative' ? 0 : segmentPenalty,
    }));
  }

  report(): EffectsReport {
    return {
      target: 'vote',
      computed_at: this.computedAt === null ? null : new Date(this.computedAt).toISOString(),
      votes: this.votes,
      features: [...(this.features ?? [])],
      dropped: this.dropped,
      min_support: this.options.minSupport ?? MIN_FEATURE_SUPPORT,
      tables: this.effects.flatMap((fit) => segmentTables(fit.windowLabel, fit.table())),
    };
  }
}
