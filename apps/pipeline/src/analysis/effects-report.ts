import type { EffectsTable } from '@prefstream/stats';

export interface EffectEstimate {
  feature: string;
  /** Log-odds of being preferred per `scale` units of the normalised difference (A - B) / (A + B + 1). */
  coef: number;
  se: number;
  ci_low: number;
  ci_high: number;
  /** The column's root mean square over the segment's votes: a typical difference. */
  scale: number;
}

export interface EffectsSegmentTable {
  window: string;
  segment: string;
  n: number;
  effects: EffectEstimate[];
}

/** What `prefstream effects --json` prints. */
export interface EffectsReport {
  target: 'vote';
  computed_at: string | null;
  /** Votes with response feature differences read so far. */
  votes: number;
  features: string[];
  /** Candidates present in the votes but with too few non-zero differences to fit. */
  dropped: { feature: string; support: number }[];
  min_support: number;
  tables: EffectsSegmentTable[];
}

/** One table per (window, segment), segments in the order the fit returns them ('global' first). */
export function segmentTables(window: string, table: EffectsTable): EffectsSegmentTable[] {
  const bySegment = new Map<string, EffectsSegmentTable>();
  for (const row of table) {
    let t = bySegment.get(row.segment);
    if (!t) bySegment.set(row.segment, (t = { window, segment: row.segment, n: row.n, effects: [] }));
    t.effects.push({ feature: row.feature, coef: row.coef, se: row.se, ci_low: row.ci_low, ci_high: row.ci_high, scale: row.scale });
  }
  return [...bySegment.values()];
}
