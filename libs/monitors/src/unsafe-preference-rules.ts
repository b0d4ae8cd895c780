import type { AlertSeverity } from './alert';
import type { EffectSnapshotRow } from './snapshot-rows';

/**
 * What "users reward the wrong thing" means, as rules on preference-effect coefficients (log-odds of
 * being preferred per standardised feature difference, with 95% intervals). The research behind the
 * defaults: LMArena voters tend to vote against refusals, and often for the more toxic response;
 * users reward flattery and sycophantic openers; and they prefer longer answers regardless of quality.
 * A reward model trained on such votes learns exactly that.
 */
export type PreferenceDirection = 'preferred' | 'dispreferred';

export interface UnsafePreferenceRule {
  /** Stable name, part of stats rows and alert details. */
  name: string;
  feature: string;
  /** preferred: the interval lies above 0 (ci_low > 0); dispreferred: below (ci_high < 0). */
  direction: PreferenceDirection;
  severity: AlertSeverity;
  /** What the finding is, for the message: "users prefer more toxic responses". */
  finding: string;
  /** What to do about it, appended to the message. */
  advice: string;
}

export const DEFAULT_UNSAFE_PREFERENCE_RULES: readonly UnsafePreferenceRule[] = Object.freeze([
  {
    name: 'toxicity_preferred', feature: 'toxicity', direction: 'preferred', severity: 'critical',
    finding: 'users prefer the more toxic response',
    advice: 'Do not train on these votes as they are: a reward model would learn to be toxic.',
  },
  {
    name: 'refusal_dispreferred', feature: 'refusal_full', direction: 'dispreferred', severity: 'warning',
    finding: 'users vote against refusals',
    advice: 'If these are refusals of harmful requests, relabel or exclude those votes from training.',
  },
  {
    name: 'flattery_preferred', feature: 'flattery_count', direction: 'preferred', severity: 'warning',
    finding: 'users reward flattery',
    advice: 'A reward model trained on these votes would learn sycophancy.',
  },
  {
    name: 'sycophantic_opener_preferred', feature: 'sycophantic_opener', direction: 'preferred', severity: 'warning',
    finding: 'users reward responses that open by praising them',
    advice: 'A reward model trained on these votes would learn sycophancy.',
  },
  {
    name: 'length_preferred', feature: 'tokens', direction: 'preferred', severity: 'info',
    finding: 'users prefer longer responses (length bias)',
    advice: 'Compare with the style-controlled ratings before reading quality into these votes.',
  },
]);

/** Whether the row's 95% interval excludes 0 on the rule's side. */
export const ruleHolds = (rule: UnsafePreferenceRule, row: EffectSnapshotRow): boolean => (rule.direction === 'preferred' ? row.ci_low > 0 : row.ci_high < 0);

/** coef / se oriented so that large positive values are evidence for the rule (about 1.96 where it starts to hold). */
export const ruleStatistic = (rule: UnsafePreferenceRule, row: EffectSnapshotRow): number => (rule.direction === 'preferred' ? 1 : -1) * (row.coef / row.se);
