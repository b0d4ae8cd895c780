/**
 * Every implicit signal the engine attaches to a response. `polarity` is the direction of the evidence
 * about the response; `weight` is the default strength of that evidence in the hand-weighted reward
 * (docs/signals.md gives the research behind each). Values are per kind: 1 for events that happened,
 * a share or distance in (0, 1] for graded ones, seconds for dwell. Every kind is monotone per turn
 * (a flag, or the maximum seen), so duplicates and reordering cannot lower or double it.
 */
export const SIGNAL_KINDS = {
  regenerate: { polarity: -1, weight: 1.0, description: 'the user asked for another response to the same prompt' },
  followup_complaint: { polarity: -1, weight: 0.9, description: 'the next message says the response was wrong, unhelpful or not what was asked (value: classifier confidence)' },
  followup_retry: { polarity: -1, weight: 0.9, description: 'the next message asks to try again (value: confidence)' },
  rephrase: { polarity: -1, weight: 0.5, description: 'the next prompt restates the previous one (value: content-word Jaccard similarity)' },
  edit: { polarity: -1, weight: 0.6, description: 'the user edited the response (value: normalised edit distance)' },
  stop: { polarity: -1, weight: 0.5, description: 'the user stopped the generation' },
  followup_clarification: { polarity: -1, weight: 0.3, description: 'the next message asks what the response meant (value: confidence)' },
  topic_pivot: { polarity: -1, weight: 0.1, description: 'the next prompt shares no content word with the previous prompt or response' },
  abandon: { polarity: -1, weight: 0.1, description: 'no user activity within the abandonment gap after the response' },
  followup_gratitude: { polarity: 1, weight: 0.8, description: 'the next message thanks or praises (value: confidence)' },
  copy: { polarity: 1, weight: 0.6, description: 'the user copied from the response (value: share of the response copied)' },
  share: { polarity: 1, weight: 0.7, description: 'the user shared the response' },
  dwell: { polarity: 0, weight: 0, description: 'seconds the response was visible, when the client reports it (value: seconds)' },
} as const satisfies Record<string, { polarity: -1 | 0 | 1; weight: number; description: string }>;

export type SignalKind = keyof typeof SIGNAL_KINDS;
export const SIGNAL_KIND_NAMES = Object.keys(SIGNAL_KINDS) as SignalKind[];
