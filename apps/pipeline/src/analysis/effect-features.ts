import type { Store } from '@prefstream/clickhouse';
import { CLASSIFIER_SCORES, FEATURES } from '@prefstream/features';

/**
 * Which response properties the effects regress on: every numeric response feature except the script
 * and language flags (they say which language a response is in, not how it is written, and on
 * single-language data their rare differences come from empty or very short responses), plus the
 * response classifier scores when the votes carry them.
 */
const LANGUAGE_FLAGS = new Set(['is_latin_script', 'is_cjk_script', 'is_english', 'language_mismatch']);
export const EFFECT_FEATURE_CANDIDATES: readonly string[] = [
  ...FEATURES.filter((f) => f.kind === 'numeric' && f.subject === 'response' && !LANGUAGE_FLAGS.has(f.name)).map((f) => f.name),
  ...CLASSIFIER_SCORES.filter((s) => s.reads === 'response').map((s) => s.name),
];

/**
 * A feature enters the fit only when at least this many votes differ in it. With fewer, a few votes
 * that happen to agree make the unpenalised maximum infinite (separation) and the interval meaningless.
 */
export const MIN_FEATURE_SUPPORT = 20;

const SUPPORT_SQL = `
SELECT key, countIf(value != 0) AS support
FROM (SELECT feature_diffs FROM votes FINAL WHERE ({tenant:String} = '' OR tenant = {tenant:String}))
ARRAY JOIN mapKeys(feature_diffs) AS key, mapValues(feature_diffs) AS value
GROUP BY key`;

/** Votes with a non-zero difference, per feature name. */
export async function readFeatureSupport(store: Store, tenant = ''): Promise<Map<string, number>> {
  const rows = await store.query<{ key: string; support: number | string }>(SUPPORT_SQL, { tenant });
  return new Map(rows.map((r) => [r.key, Number(r.support)]));
}

export function selectFeatures(candidates: readonly string[], support: ReadonlyMap<string, number>, minSupport: number): { features: string[]; dropped: { feature: string; support: number }[] } {
  const features: string[] = [];
  const dropped: { feature: string; support: number }[] = [];
  for (const feature of candidates) {
    const n = support.get(feature) ?? 0;
    if (n >= minSupport) features.push(feature);
    else if (support.has(feature)) dropped.push({ feature, support: n });
  }
  return { features, dropped };
}
